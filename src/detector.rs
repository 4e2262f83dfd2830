//! The detector: built once from brand data and the user's context, then judges addresses.

use crate::address::{self, Address, AddressError, WebAddress};
use crate::brands::{BrandDataError, BrandSet};
use crate::similarity;
use crate::verdict::{Difference, Evidence, Reason, ReasonCode, Verdict};
use std::collections::HashMap;
use std::fmt;

/// A user may register at most this many shops and allowlist entries; more is a config error
/// rather than unbounded work on every check.
pub const MAX_USER_ENTRIES: usize = 1000;

/// Brand names shorter than this are matched only as whole labels, never inside other words.
const MIN_EMBEDDED_NAME_LEN: usize = 5;

/// What the user has told Miwake: the shops they own and the sites they trust.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct UserContext {
    /// Domains of the user's own shops (`myshop.co.jp`); EC-CUBE admin logins are legitimate there.
    pub shops: Vec<String>,
    /// Domains the user chose to trust despite a warning.
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
                write!(f, "shop {input:?} is not a domain: {error}")
            }
            ConfigError::Allowlist { input, error } => {
                write!(f, "allowlist entry {input:?} is not a domain: {error}")
            }
            ConfigError::TooManyEntries => {
                write!(f, "more than {MAX_USER_ENTRIES} shops or allowlist entries")
            }
        }
    }
}

impl std::error::Error for ConfigError {}

/// A label that lookalikes imitate, with the genuine domain shown to users.
#[derive(Debug, Clone)]
struct ProtectedName {
    /// Index into the brand set.
    brand: usize,
    /// The label itself (`alibaba`).
    label: String,
    /// The brand's domain that carries this label (`alibaba.com`), shown as the genuine one.
    genuine: String,
}

/// A shop of the user's, split for comparison.
#[derive(Debug, Clone)]
struct Shop {
    registrable: String,
    label: String,
}

/// Judges addresses against protected brands and the user's shops. Build once, check many.
#[derive(Debug, Clone)]
pub struct Detector {
    brands: BrandSet,
    /// Owned registrable domain to brand index.
    owner: HashMap<String, usize>,
    names: Vec<ProtectedName>,
    shops: Vec<Shop>,
    allowlist: Vec<String>,
}

impl Detector {
    /// Builds a detector from the embedded brand data and the user's context.
    ///
    /// # Errors
    /// [`ConfigError`] when a shop or allowlist entry is not a domain, or there are too many.
    pub fn new(context: &UserContext) -> Result<Self, ConfigError> {
        let brands = BrandSet::embedded().map_err(ConfigError::Brands)?;
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
        let mut owner = HashMap::new();
        let mut names = Vec::new();
        for (index, brand) in brands.brands.iter().enumerate() {
            for domain in &brand.domains {
                owner.insert(domain.clone(), index);
            }
            for label in &brand.lookalike_labels {
                let genuine = brand
                    .domains
                    .iter()
                    .find(|d| first_label(d) == label)
                    .or(brand.domains.first())
                    .cloned()
                    .unwrap_or_default();
                names.push(ProtectedName {
                    brand: index,
                    label: label.clone(),
                    genuine,
                });
            }
        }
        let mut shops = Vec::new();
        for input in &context.shops {
            let registrable = registrable_of(input).map_err(|error| ConfigError::Shop {
                input: input.clone(),
                error,
            })?;
            let label = first_label(&registrable).to_owned();
            shops.push(Shop { registrable, label });
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
            brands,
            owner,
            names,
            shops,
            allowlist,
        })
    }

    /// The brand data this detector judges against.
    pub fn brands(&self) -> &BrandSet {
        &self.brands
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
            Ok(Address::Data) => single(input, ReasonCode::DataUrl),
            Ok(Address::Javascript) => single(input, ReasonCode::JavascriptUrl),
            Ok(Address::Other { .. }) => Verdict::from_reasons(input, None, None, Vec::new()),
            Ok(Address::Web(web)) => {
                let reasons = self.judge_web(&web);
                Verdict::from_reasons(
                    input,
                    Some(web.host_unicode.clone()),
                    Some(web.display_domain()),
                    reasons,
                )
            }
        }
    }

    /// The rules for an address with a host, in order of precedence.
    fn judge_web(&self, web: &WebAddress) -> Vec<Reason> {
        let key = web.registrable.as_deref().unwrap_or(&web.host);
        let domain = web.display_domain();
        let at = |genuine: Option<&str>| Evidence {
            domain: Some(domain.clone()),
            genuine: genuine.map(str::to_owned),
            ..Evidence::default()
        };
        // 1. The user's own decision overrides every rule.
        if self.allowlist.iter().any(|d| d == key) {
            return vec![Reason::new(ReasonCode::Allowlisted, at(None))];
        }
        // 2. A brand's own domain is genuine, whatever else the address says.
        if let Some(&index) = self.owner.get(key) {
            let mut reasons = vec![self.brand_reason(ReasonCode::OfficialDomain, index, at(None))];
            if self.is_shortener(key) {
                reasons.push(Reason::new(ReasonCode::UrlShortener, at(None)));
            }
            return reasons;
        }
        // 3. The user's own shops.
        if self.shops.iter().any(|s| s.registrable == key) {
            return vec![Reason::new(ReasonCode::OwnShop, at(None))];
        }
        // 4. Anything else is judged by how it relates to the protected names.
        let mut reasons = Vec::new();
        self.userinfo_rules(web, &domain, &mut reasons);
        if web.is_ip {
            reasons.push(Reason::new(ReasonCode::IpAddressHost, at(None)));
        }
        if self.is_shortener(key) {
            reasons.push(Reason::new(ReasonCode::UrlShortener, at(None)));
        }
        self.registrable_rules(web, &domain, &mut reasons);
        self.subdomain_rules(web, &domain, &mut reasons);
        let names_brand = reasons.iter().any(|r| r.brand_id.is_some());
        if names_brand && web.suffix_is_private {
            let detail = web.suffix.clone();
            reasons.push(Reason::new(
                ReasonCode::FreeHosting,
                Evidence { detail, ..at(None) },
            ));
        }
        if !names_brand {
            self.path_rules(web, &domain, &mut reasons);
        }
        self.shop_rules(web, &domain, &mut reasons);
        keep_first_reason_per_brand(reasons)
    }

    /// `https://accounts.google.com@evil.example/`: text before `@` posing as a brand.
    fn userinfo_rules(&self, web: &WebAddress, domain: &str, reasons: &mut Vec<Reason>) {
        let Some(userinfo) = &web.userinfo else {
            return;
        };
        let posing = self.brands.brands.iter().enumerate().find_map(|(i, b)| {
            b.domains
                .iter()
                .find(|d| userinfo.contains(d.as_str()))
                .map(|d| (i, d.clone()))
        });
        let evidence = |genuine: Option<String>| Evidence {
            domain: Some(domain.to_owned()),
            genuine,
            ..Evidence::default()
        };
        match posing {
            Some((index, genuine)) => reasons.push(self.brand_reason(
                ReasonCode::FakeHostInUserinfo,
                index,
                evidence(Some(genuine)),
            )),
            None => reasons.push(Reason::new(ReasonCode::CredentialsInUrl, evidence(None))),
        }
    }

    /// Rules on the registrable domain's own label: suffix swap, lookalikes, brand names inside it.
    fn registrable_rules(&self, web: &WebAddress, domain: &str, reasons: &mut Vec<Reason>) {
        let (Some(label), Some(suffix)) = (web.registrable_label(), web.suffix.as_deref()) else {
            return;
        };
        let unicode_label = address::to_unicode(label);
        // Punycode (`xn--…`) is compared in its Unicode form, never split at its own hyphens.
        let readable = if unicode_label.is_ascii() { label } else { "" };
        let tokens: Vec<&str> = readable.split('-').filter(|t| !t.is_empty()).collect();
        for name in &self.names {
            let evidence = |difference: Option<Difference>| Evidence {
                domain: Some(domain.to_owned()),
                genuine: Some(name.genuine.clone()),
                difference,
                ..Evidence::default()
            };
            if label == name.label {
                // On a hosting suffix the label is an account name (`alibaba.github.io` may well
                // be the brand's own): a sign to read, not a swapped registry suffix.
                let code = if name.label.chars().count() >= MIN_EMBEDDED_NAME_LEN
                    && !web.suffix_is_private
                {
                    ReasonCode::SuffixSwap
                } else {
                    ReasonCode::BrandNameInDomain
                };
                let mut e = evidence(None);
                e.detail = Some(suffix.to_owned());
                if code == ReasonCode::BrandNameInDomain {
                    e.genuine = Some(name.label.clone());
                }
                reasons.push(self.brand_reason(code, name.brand, e));
                continue;
            }
            if let Some(d) = similarity::describe_confusable(&name.label, &unicode_label) {
                let mut e = evidence(Some(d));
                e.letters = similarity::foreign_letters(&unicode_label);
                reasons.push(self.brand_reason(ReasonCode::ConfusableCharacters, name.brand, e));
                continue;
            }
            let lookalike = similarity::describe_ascii_lookalike(&name.label, readable)
                .or_else(|| similarity::describe_edit(&name.label, &unicode_label))
                .or_else(|| {
                    // `alibba-login`: a typo of the name as one hyphen-separated part.
                    (tokens.len() > 1)
                        .then(|| {
                            tokens
                                .iter()
                                .find_map(|t| similarity::describe_edit(&name.label, t))
                        })
                        .flatten()
                });
            if let Some(d) = lookalike {
                reasons.push(self.brand_reason(
                    ReasonCode::LookalikeDomain,
                    name.brand,
                    evidence(Some(d)),
                ));
                continue;
            }
            if let Some(reason) = self.embedded_name_rule(name, &unicode_label, domain) {
                reasons.push(reason);
            }
        }
    }

    /// The brand's name inside the label: `alibaba-login`, `accounts-google-com`, `myalibabashop`.
    fn embedded_name_rule(
        &self,
        name: &ProtectedName,
        label: &str,
        domain: &str,
    ) -> Option<Reason> {
        let is_token = label.split('-').any(|t| t == name.label);
        let long_enough = name.label.chars().count() >= MIN_EMBEDDED_NAME_LEN;
        if !(is_token || (long_enough && label.contains(name.label.as_str()))) {
            return None;
        }
        let brand = self.brands.brands.get(name.brand)?;
        let dashed = |d: &String| d.replace('.', "-");
        let evidence = |genuine: String, detail: Option<String>| Evidence {
            domain: Some(domain.to_owned()),
            genuine: Some(genuine),
            detail,
            ..Evidence::default()
        };
        // `accounts-google-com`: the whole domain written with hyphens.
        if let Some(genuine) = brand.domains.iter().find(|d| label.contains(&dashed(d))) {
            return Some(self.brand_reason(
                ReasonCode::BrandDomainEmbedded,
                name.brand,
                evidence(genuine.clone(), None),
            ));
        }
        let remainder = label.replacen(name.label.as_str(), "-", 1);
        let lure = remainder
            .split('-')
            .filter(|t| !t.is_empty())
            .find_map(|t| self.lure_word_in(t));
        let code = if lure.is_some() {
            ReasonCode::BrandWithLureWord
        } else {
            ReasonCode::BrandNameInDomain
        };
        Some(self.brand_reason(code, name.brand, evidence(name.label.clone(), lure)))
    }

    /// The lure word a token is, or starts or ends with (`login`, `securelogin`, `loginjp`).
    fn lure_word_in(&self, token: &str) -> Option<String> {
        let words = &self.brands.lure_words;
        if let Some(w) = words.iter().find(|w| w.as_str() == token) {
            return Some(w.clone());
        }
        words
            .iter()
            .filter(|w| w.chars().count() >= 4)
            .find(|w| token.starts_with(w.as_str()) || token.ends_with(w.as_str()))
            .cloned()
    }

    /// Rules on the labels left of the registrable domain: `alibaba.com.verify-id.xyz`.
    fn subdomain_rules(&self, web: &WebAddress, domain: &str, reasons: &mut Vec<Reason>) {
        let labels = web.subdomain_labels();
        if labels.is_empty() {
            return;
        }
        // The whole host, so that `google.com.evil` (suffix `evil`) shows the embedded domain too.
        let joined = format!(".{}.", web.host);
        let evidence = |genuine: &str| Evidence {
            domain: Some(domain.to_owned()),
            genuine: Some(genuine.to_owned()),
            ..Evidence::default()
        };
        for (index, brand) in self.brands.brands.iter().enumerate() {
            let embedded = brand.domains.iter().find(|d| {
                joined.contains(&format!(".{d}."))
                    || labels.iter().any(|l| l.contains(&d.replace('.', "-")))
            });
            if let Some(genuine) = embedded {
                reasons.push(self.brand_reason(
                    ReasonCode::BrandDomainEmbedded,
                    index,
                    evidence(genuine),
                ));
                continue;
            }
            let named = self.names.iter().filter(|n| n.brand == index).find(|n| {
                labels.iter().any(|l| {
                    l.split('-').any(|t| t == n.label)
                        || (n.label.chars().count() >= MIN_EMBEDDED_NAME_LEN
                            && l.contains(n.label.as_str()))
                })
            });
            if let Some(name) = named {
                reasons.push(self.brand_reason(
                    ReasonCode::BrandNameInSubdomain,
                    index,
                    evidence(&name.label),
                ));
            }
        }
    }

    /// `evil.example/alibaba.com/login`: a brand's domain in the path of an unrelated site.
    fn path_rules(&self, web: &WebAddress, domain: &str, reasons: &mut Vec<Reason>) {
        for (index, brand) in self.brands.brands.iter().enumerate() {
            if let Some(genuine) = brand.domains.iter().find(|d| contains_domain(&web.rest, d)) {
                reasons.push(self.brand_reason(
                    ReasonCode::BrandDomainInPath,
                    index,
                    Evidence {
                        domain: Some(domain.to_owned()),
                        genuine: Some(genuine.clone()),
                        ..Evidence::default()
                    },
                ));
            }
        }
    }

    /// The user's shops imitated: `xxxx.jp` for `xxxx.co.jp`, `xxxz.co.jp`.
    fn shop_rules(&self, web: &WebAddress, domain: &str, reasons: &mut Vec<Reason>) {
        let (Some(label), Some(suffix)) = (web.registrable_label(), web.suffix.as_deref()) else {
            return;
        };
        let unicode_label = address::to_unicode(label);
        for shop in &self.shops {
            let evidence = |difference: Option<Difference>, detail: Option<String>| Evidence {
                domain: Some(domain.to_owned()),
                genuine: Some(address::to_unicode(&shop.registrable)),
                difference,
                detail,
                ..Evidence::default()
            };
            if label == shop.label {
                reasons.push(Reason::new(
                    ReasonCode::ShopSuffixSwap,
                    evidence(None, Some(suffix.to_owned())),
                ));
            } else if let Some(d) = similarity::describe_confusable(&shop.label, &unicode_label)
                .or_else(|| similarity::describe_ascii_lookalike(&shop.label, label))
                .or_else(|| similarity::describe_edit(&shop.label, label))
            {
                reasons.push(Reason::new(
                    ReasonCode::ShopLookalike,
                    evidence(Some(d), None),
                ));
            }
        }
    }

    fn is_shortener(&self, registrable: &str) -> bool {
        self.brands.url_shorteners.iter().any(|s| s == registrable)
    }

    fn brand_reason(&self, code: ReasonCode, brand: usize, evidence: Evidence) -> Reason {
        match self.brands.brands.get(brand) {
            Some(b) => Reason::for_brand(code, &b.id, evidence),
            None => Reason::new(code, evidence),
        }
    }
}

/// The rules run from most to least specific, so a brand's first reason is the one that explains
/// the address best; the later ones would only repeat it.
fn keep_first_reason_per_brand(reasons: Vec<Reason>) -> Vec<Reason> {
    let mut seen: Vec<String> = Vec::new();
    reasons
        .into_iter()
        .filter(|r| match &r.brand_id {
            Some(id) if seen.contains(id) => false,
            Some(id) => {
                seen.push(id.clone());
                true
            }
            None => true,
        })
        .collect()
}

fn single(input: &str, code: ReasonCode) -> Verdict {
    Verdict::from_reasons(
        input,
        None,
        None,
        vec![Reason::new(code, Evidence::default())],
    )
}

/// The first label of a domain: `alibaba` in `alibaba.co.jp`.
fn first_label(domain: &str) -> &str {
    domain.split('.').next().unwrap_or(domain)
}

/// The registrable domain of a domain the user typed (`https://Shop.Example.co.jp/` → `example.co.jp`).
fn registrable_of(input: &str) -> Result<String, AddressError> {
    let host = address::normalise_domain(input)?;
    Ok(psl::domain_str(&host).unwrap_or(&host).to_owned())
}

/// Whether `haystack` names `domain` as a whole host (not `notalibaba.com`, not `alibaba.community`).
fn contains_domain(haystack: &str, domain: &str) -> bool {
    let is_host_char = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '.';
    haystack.match_indices(domain).any(|(start, _)| {
        let before = haystack.get(..start).and_then(|s| s.chars().next_back());
        let after = haystack
            .get(start + domain.len()..)
            .and_then(|s| s.chars().next());
        !before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '-')
            && !after.is_some_and(is_host_char)
    })
}
