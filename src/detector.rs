//! The detector: built once from brand data and the user's context, then judges addresses.

use crate::address::{self, Address, AddressError, WebAddress};
use crate::brands::{BrandDataError, BrandSet};
use crate::imitation;
use crate::inline_page;
use crate::page::PageSignals;
use crate::rules::{self, Owner, Protected, ProtectedName};
use crate::verdict::{Evidence, Reason, ReasonCode, Verdict};
use std::fmt;
use std::sync::OnceLock;

/// A user may register at most this many shops and allowlist entries; more is a config error
/// rather than unbounded work on every check.
pub const MAX_USER_ENTRIES: usize = 1000;

/// What the user has told Miwake: the shops they own and the sites they trust.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct UserContext {
    /// Domains of the user's own shops (`myshop.co.jp`); EC-CUBE admin logins are legitimate there.
    #[serde(deserialize_with = "crate::page::nullable")]
    pub shops: Vec<String>,
    /// Domains the user chose to trust despite a warning.
    #[serde(deserialize_with = "crate::page::nullable")]
    pub allowlist: Vec<String>,
}

/// Why a detector could not be built.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfigError {
    /// The brand data is malformed.
    Brands(BrandDataError),
    /// A shop entry is not a domain.
    Shop { input: String, error: AddressError },
    /// An allowlist entry is not a domain.
    Allowlist { input: String, error: AddressError },
    /// More than [`MAX_USER_ENTRIES`] shops or allowlist entries.
    TooManyEntries,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConfigError::Brands(e) => e.fmt(f),
            ConfigError::Shop { input, error } => {
                write!(f, "shop “{input}” is not a domain: {error}")
            }
            ConfigError::Allowlist { input, error } => {
                write!(f, "allowlist entry “{input}” is not a domain: {error}")
            }
            ConfigError::TooManyEntries => {
                write!(f, "more than {MAX_USER_ENTRIES} shops or allowlist entries")
            }
        }
    }
}

impl std::error::Error for ConfigError {}

impl ConfigError {
    /// The error for the options page, in the user's language.
    pub fn message(&self, lang: crate::Lang) -> String {
        use crate::Lang::{En, Ja};
        match (self, lang) {
            (ConfigError::Shop { input, error }, En) => {
                format!("“{input}” is not a shop domain ({error}).")
            }
            (ConfigError::Shop { input, error }, Ja) => {
                format!("「{input}」はショップのドメインとして読み取れません（{error}）。")
            }
            (ConfigError::Allowlist { input, error }, En) => {
                format!("“{input}” is not a site's domain ({error}).")
            }
            (ConfigError::Allowlist { input, error }, Ja) => {
                format!("「{input}」はサイトのドメインとして読み取れません（{error}）。")
            }
            (ConfigError::TooManyEntries, En) => {
                format!("More than {MAX_USER_ENTRIES} shops or trusted sites.")
            }
            (ConfigError::TooManyEntries, Ja) => {
                format!("ショップまたは信頼するサイトが {MAX_USER_ENTRIES} 件を超えています。")
            }
            (ConfigError::Brands(e), _) => e.to_string(),
        }
    }
}

/// Judges addresses against protected brands and the user's shops. Build once, check many.
#[derive(Debug, Clone)]
pub struct Detector {
    protected: Protected,
    /// Registrable domains of the user's shops.
    shops: Vec<String>,
    allowlist: Vec<String>,
    /// Domains of companies that share a brand's name but are legitimate on their own.
    related: Vec<String>,
    /// The brands' login markers and names folded as page text is, at the first page check.
    page_texts: OnceLock<imitation::BrandTexts>,
}

impl Detector {
    /// Builds a detector from the embedded brand data and the user's context.
    ///
    /// # Errors
    /// [`ConfigError`] when a shop or allowlist entry is not a domain, or there are too many.
    pub fn new(context: &UserContext) -> Result<Self, ConfigError> {
        let brands = BrandSet::embedded();
        Self::with_brands(brands, context)
    }

    /// Builds a detector from given brand data (tests, other brand files).
    ///
    /// # Errors
    /// As [`Detector::new`].
    pub fn with_brands(brands: BrandSet, context: &UserContext) -> Result<Self, ConfigError> {
        if context.shops.len() > MAX_USER_ENTRIES || context.allowlist.len() > MAX_USER_ENTRIES {
            return Err(ConfigError::TooManyEntries);
        }
        let related: Vec<String> = brands
            .brands
            .iter()
            .flat_map(|b| b.related_domains.iter().cloned())
            .collect();
        let mut names = Vec::new();
        for (index, brand) in brands.brands.iter().enumerate() {
            for label in &brand.lookalike_labels {
                let genuine = brand
                    .domains
                    .iter()
                    .find(|d| first_label(d) == label)
                    .or(brand.domains.first())
                    .cloned()
                    .unwrap_or_default();
                names.push(ProtectedName::new(Owner::Brand(index), label, &genuine));
            }
            // Names in Japanese and Chinese script (`アリババ`, `阿里巴巴`) as internationalised
            // hosts carry them: `アリババ-ログイン.com`.
            let genuine = brand.domains.first().cloned().unwrap_or_default();
            for name in brand.names.iter().filter(|n| is_script_name(n)) {
                names.push(ProtectedName::new(Owner::Brand(index), name, &genuine));
            }
        }
        let mut shops = Vec::new();
        for input in &context.shops {
            let registrable = registrable_of(input).map_err(|error| ConfigError::Shop {
                input: input.clone(),
                error,
            })?;
            let shop = Owner::Shop(shops.len());
            names.push(ProtectedName::new(
                shop,
                first_label(&registrable),
                &registrable,
            ));
            shops.push(registrable);
        }
        let mut allowlist = Vec::new();
        for input in &context.allowlist {
            allowlist.push(
                registrable_of(input).map_err(|error| ConfigError::Allowlist {
                    input: input.clone(),
                    error,
                })?,
            );
        }
        Ok(Detector {
            protected: Protected::new(brands, names, &shops),
            shops,
            allowlist,
            related,
            page_texts: OnceLock::new(),
        })
    }

    /// The brand data this detector judges against.
    pub fn brands(&self) -> &BrandSet {
        &self.protected.brands
    }

    /// Registrable domains of the user's shops, as validated.
    pub fn shops(&self) -> &[String] {
        &self.shops
    }

    /// Judges one address. Never fails: malformed input gets an `invalid-url` reason.
    pub fn check_url(&self, input: &str) -> Verdict {
        match address::parse(input) {
            Err(error) => Verdict::from_reasons(
                input,
                None,
                None,
                vec![Reason::new(
                    ReasonCode::InvalidUrl,
                    Evidence {
                        detail: Some(error.to_string()),
                        ..Evidence::default()
                    },
                )],
            ),
            Ok(Address::Data) => self.carried_page(
                input,
                ReasonCode::DataUrl,
                inline_page::data_url_text(input).unwrap_or_default(),
            ),
            Ok(Address::Javascript) => self.carried_page(
                input,
                ReasonCode::JavascriptUrl,
                inline_page::javascript_url_text(input),
            ),
            Ok(Address::Other { .. }) => Verdict::from_reasons(input, None, None, Vec::new()),
            Ok(Address::Web(web)) => {
                let reasons = self.judge_web(&web, MAX_REDIRECT_HOPS);
                let domain = web.display_domain();
                Verdict::from_reasons(input, Some(web.into_host_unicode()), Some(domain), reasons)
            }
        }
    }

    /// A `data:` or `javascript:` address: `code` says what it is, and the page it carries is read
    /// for a brand's sign-in.
    fn carried_page(&self, input: &str, code: ReasonCode, text: String) -> Verdict {
        let mut reasons = vec![Reason::new(code, Evidence::default())];
        if let Some(index) = inline_page::imitated_brand(self.brands(), &text) {
            reasons.push(self.protected.reason(
                ReasonCode::SignInWithoutSite,
                Owner::Brand(index),
                Evidence::default(),
            ));
        }
        Verdict::from_reasons(input, None, None, reasons)
    }

    /// Judges a page: its address as [`Detector::check_url`] does, and what it shows: a brand's
    /// login screen on a domain the brand does not own, a form sending credentials elsewhere.
    pub fn check_page(&self, url: &str, signals: &PageSignals) -> Verdict {
        let verdict = self.check_url(url);
        let Some(web) = address_of(url) else {
            return verdict;
        };
        let key = web.registrable().unwrap_or(&web.host);
        if self.allowlist.iter().any(|d| d == key) {
            return verdict;
        }
        let context = imitation::PageContext {
            brands: self.brands(),
            web: &web,
            owner: self.protected.brand_owning(key),
            is_shop: self.shops.iter().any(|s| s == key),
            url_level: verdict.level,
            named_brand: verdict
                .reasons
                .iter()
                .find(|r| r.code == ReasonCode::BrandNameInDomain)
                .and_then(|r| r.brand_id.as_deref())
                .and_then(|id| self.brands().get(id)),
            texts: self
                .page_texts
                .get_or_init(|| imitation::BrandTexts::new(self.brands())),
        };
        let added = imitation::judge(&context, signals);
        if added.is_empty() {
            return verdict;
        }
        let mut reasons = added;
        // What the address alone said of the brand's own domain would only repeat, or reassure,
        // next to what the page shows.
        let of_the_domain = |r: &Reason| {
            matches!(
                r.code,
                ReasonCode::OfficialDomain | ReasonCode::UserContentHost
            )
        };
        reasons.extend(verdict.reasons.into_iter().filter(|r| !of_the_domain(r)));
        Verdict::from_reasons(url, verdict.host, verdict.registrable_domain, reasons)
    }

    /// Judges a link: its destination as [`Detector::check_url`] does, and whether its visible text
    /// shows another site's address (`<a href="https://evil.example">https://www.alibaba.com</a>`).
    pub fn check_link(&self, href: &str, text: &str) -> Verdict {
        let verdict = self.check_url(href);
        let (Some(shown), Some(actual)) = (shown_address(text), address_of(href)) else {
            return verdict;
        };
        let shown_key = shown.registrable().unwrap_or(&shown.host);
        let actual_key = actual.registrable().unwrap_or(&actual.host);
        if shown_key == actual_key {
            return verdict;
        }
        let evidence = Evidence {
            domain: Some(actual.display_domain()),
            genuine: Some(shown.display_domain()),
            ..Evidence::default()
        };
        let reason = match self.protected.brand_owning(shown_key) {
            Some(index) => self.protected.reason(
                ReasonCode::LinkTextPosesAsBrand,
                Owner::Brand(index),
                evidence,
            ),
            None if self.shops.iter().any(|s| s == shown_key) => {
                Reason::new(ReasonCode::LinkTextPosesAsBrand, evidence)
            }
            None => Reason::new(ReasonCode::LinkTextMismatch, evidence),
        };
        let mut reasons = verdict.reasons;
        reasons.push(reason);
        Verdict::from_reasons(href, verdict.host, verdict.registrable_domain, reasons)
    }

    /// Precedence, first match wins: the user's decision, a brand's own domain, the user's shop,
    /// then the rules.
    /// A brand's redirector is judged by where it leads, through at most `hops` redirectors.
    fn judge_web(&self, web: &WebAddress, hops: u8) -> Vec<Reason> {
        let key = web.registrable().unwrap_or(&web.host);
        let at = || Evidence {
            domain: Some(web.display_domain()),
            ..Evidence::default()
        };
        if self.allowlist.iter().any(|d| d == key) {
            return vec![Reason::new(ReasonCode::Allowlisted, at())];
        }
        if let Some(index) = self.protected.brand_owning(key) {
            let destination = (hops > 0)
                .then(|| {
                    redirect_destination(&self.brands().redirectors, self.brands(), index, web)
                })
                .flatten();
            if let Some(destination) = destination {
                let evidence = Evidence {
                    domain: Some(web.host_unicode().to_owned()),
                    detail: Some(destination.display_domain()),
                    ..Evidence::default()
                };
                let mut reasons = vec![self.protected.reason(
                    ReasonCode::BrandRedirect,
                    Owner::Brand(index),
                    evidence,
                )];
                reasons.extend(self.judge_web(&destination, hops - 1));
                return reasons;
            }
            // A host where anyone can publish is the brand's, but never "official".
            let on_user_content = self
                .brands()
                .brands
                .get(index)
                .is_some_and(|brand| imitation::is_user_content(brand, web));
            let mut reasons = vec![if on_user_content {
                let host = Evidence {
                    domain: Some(web.host_unicode().to_owned()),
                    ..Evidence::default()
                };
                self.protected
                    .reason(ReasonCode::UserContentHost, Owner::Brand(index), host)
            } else {
                self.protected
                    .reason(ReasonCode::OfficialDomain, Owner::Brand(index), at())
            }];
            if on_user_content {
                if let Some(word) = self.protected.sign_in_word_in_path(web) {
                    let evidence = Evidence {
                        domain: Some(web.host_unicode().to_owned()),
                        detail: Some(word),
                        ..Evidence::default()
                    };
                    reasons.push(Reason::new(ReasonCode::UserContentNamesBrand, evidence));
                }
            }
            // A brand's own shortener (goo.gl) still hides where it leads.
            if self.protected.is_shortener(key) {
                reasons.push(Reason::new(ReasonCode::UrlShortener, at()));
            }
            return reasons;
        }
        if self.shops.iter().any(|s| s == key) {
            return vec![Reason::new(ReasonCode::OwnShop, at())];
        }
        let related = self.related.iter().any(|d| d == key);
        rules::judge(&self.protected, web, related)
    }
}

/// Where a brand's redirector leads, when `web` is one (`brands.json` `redirectors`) and carries a
/// web address: in a query parameter (`?q=`), or as the rest of the path (`/amp/s/host/path`).
fn redirect_destination(
    redirectors: &[String],
    brands: &crate::BrandSet,
    owner: usize,
    web: &WebAddress,
) -> Option<WebAddress> {
    let brand_id = brands.brands.get(owner).map(|b| b.id.as_str());
    redirectors.iter().find_map(|entry| {
        let (place, params) = entry.split_once('?').unwrap_or((entry, ""));
        let (host, path) = place.split_at(place.find('/')?);
        let on_host = match host.strip_prefix('@') {
            Some(id) => Some(id) == brand_id,
            None => web.host == host,
        };
        if !on_host {
            return None;
        }
        let carried = if params.is_empty() {
            web.rest
                .strip_prefix(path)
                .map(|rest| format!("https://{rest}"))
        } else {
            let (rest_path, query) = web.rest.split_once('?')?;
            (rest_path == path || rest_path.strip_suffix('/') == Some(path)).then_some(())?;
            query.split('&').find_map(|pair| {
                let (name, value) = pair.split_once('=')?;
                let web_address = value.starts_with("https://") || value.starts_with("http://");
                (web_address && params.split(',').any(|p| p == name)).then(|| value.to_owned())
            })
        }?;
        address_of(&carried)
    })
}
/// Redirectors followed in a row (`google.com/url?q=https://google.com/url?q=…`): a chain longer
/// than this is judged where it stops.
const MAX_REDIRECT_HOPS: u8 = 4;

/// The web address of an input, if it has one.
fn address_of(input: &str) -> Option<WebAddress> {
    match address::parse(input) {
        Ok(Address::Web(web)) => Some(web),
        _ => None,
    }
}

/// Longer link texts are prose, not an address shown to be read.
const MAX_LINK_TEXT: usize = 512;

/// The address a link's text shows, when the text is one: a URL or a bare domain with a suffix on
/// the Public Suffix List (so `e.g.` and `Mr.Smith` are not addresses).
fn shown_address(text: &str) -> Option<WebAddress> {
    let text = text.trim();
    if text.is_empty() || text.len() > MAX_LINK_TEXT || text.split_whitespace().nth(1).is_some() {
        return None;
    }
    let web = address_of(text)?;
    let looks_like_address = text.contains("://") || text.starts_with("www.");
    (web.suffix_is_known && !web.is_ip && web.registrable().is_some() || looks_like_address)
        .then_some(web)
}

/// The first label of a domain: `alibaba` in `alibaba.co.jp`.
fn first_label(domain: &str) -> &str {
    domain.split('.').next().unwrap_or(domain)
}

/// The registrable domain of a domain the user typed (`https://Shop.Example.co.jp/` → `example.co.jp`).
fn registrable_of(input: &str) -> Result<String, AddressError> {
    let host = address::normalise_domain(input)?;
    Ok(address::registrable_domain(&host)
        .unwrap_or(&host)
        .to_owned())
}

/// A brand name that is one word outside Latin script: what an internationalised host's label
/// can hold as it is (`アリババ`), unlike `Yahoo! JAPAN` or `Alibaba.com`.
fn is_script_name(name: &str) -> bool {
    !name.is_ascii() && name.chars().all(char::is_alphanumeric)
}
