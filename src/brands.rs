//! Protected brands as data: loads and validates the brand file embedded at build time.

use serde::Deserialize;
use std::fmt;

/// The brand file compiled into every build. Adding a brand is a change to this file only.
pub const EMBEDDED_BRANDS_JSON: &str = include_str!("data/brands.json");

/// One protected brand.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Brand {
    /// Stable id (`google`, `alibaba`, `ec-cube`).
    pub id: String,
    /// Display name (`Alibaba.com`).
    pub name: String,
    /// Names in Latin and Japanese script, as shown on the brand's pages.
    pub names: Vec<String>,
    /// Registrable domains the brand owns, ASCII lower case. The first few are shown to users.
    pub domains: Vec<String>,
    /// Where each group of `domains` (and `related_domains`) comes from: for people keeping the
    /// list, not read by the core.
    #[serde(default)]
    pub domain_sources: Citations,
    /// Registrable domains of a separate but legitimate company sharing the name (Yahoo! JAPAN and
    /// Yahoo Inc.): never called lookalikes, never official for this brand.
    #[serde(default)]
    pub related_domains: Vec<String>,
    /// Domain labels that lookalikes imitate (`alibaba`, `aliexpress`).
    pub lookalike_labels: Vec<String>,
    /// Mail hosts where the brand gives anyone an address (`gmail.com`): a mail from there is from
    /// one of its users, never from the brand itself (which writes from its own hosts).
    #[serde(default)]
    pub mailbox_hosts: Vec<String>,
    /// Whether this brand's login screens legitimately live on customers' own domains (EC-CUBE's
    /// admin login lives on each shop): imitation is then judged against the user's shops.
    #[serde(default)]
    pub legitimate_login_on_customer_domains: bool,
    /// Hosts (optionally with a path prefix) on the brand's domains where anyone can publish
    /// (`sites.google.com`, `docs.google.com/forms`): official domain, but not the brand speaking.
    #[serde(default)]
    pub user_content: Vec<String>,
    /// What the brand's own login screens show, with weights; see [`LoginMarker`].
    #[serde(default)]
    pub login_markers: Vec<LoginMarker>,
    /// Where users report an imitation of this brand.
    pub report: String,
}

/// Citations in the brand file: read as a list of strings, then dropped (nothing in the core
/// depends on them, and the module need not carry them).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Citations;

impl<'de> Deserialize<'de> for Citations {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Vec::<String>::deserialize(deserializer).map(|_| Citations)
    }
}

/// Where on a page a login marker is looked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MarkerKind {
    /// A credential field's id or name (`identifierid`, `fm-login-id`).
    Field,
    /// Any element id (`identifiernext`).
    Id,
    /// Text inside the title.
    Title,
    /// Text inside the visible text sample or headings.
    Text,
    /// Text inside an image, icon or stylesheet URL (`googlelogo`, `alicdn.com`).
    Asset,
    /// A hidden input's name in a form with credential fields (`_csrf_token`).
    Hidden,
    /// The body's id or a class of it (`login-page`).
    Body,
    /// Text inside the page's path (`/admin`).
    Path,
}

/// One sign of a brand's login screen. Values are lower case; matching is case-insensitive.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LoginMarker {
    pub kind: MarkerKind,
    pub value: String,
    /// 1 to 10: how strongly this alone says "this is the brand's login screen".
    pub weight: u8,
}

/// All protected brands plus the word lists the URL rules use.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BrandSet {
    pub version: u32,
    /// Words phishing domains add to a brand name (`login`, `verify`, `ログイン`).
    pub lure_words: Vec<String>,
    /// Registrable domains of link shorteners, whose destination is hidden.
    pub url_shorteners: Vec<String>,
    /// Hosts (optionally with a path prefix) that collect stolen credentials for phishing kits:
    /// chat-bot APIs and form-to-mail services (`api.telegram.org`, `formspree.io`).
    #[serde(default)]
    pub exfiltration_endpoints: Vec<String>,
    /// A brand's addresses that forward to an address they carry in a query parameter:
    /// `host/path?param,param`, where `host` is a host, or `@id` for any domain of that brand
    /// (`@google/url?q,url`, `l.facebook.com/l.php?u`).
    #[serde(default)]
    pub redirectors: Vec<String>,
    /// Domains whose every name maps to the IP address it spells (`nip.io`, `sslip.io`): a site
    /// there is a bare IP address in disguise.
    #[serde(default)]
    pub ip_name_services: Vec<String>,
    pub brands: Vec<Brand>,
}

/// A [`Brand`] as build.rs writes the embedded file out.
struct StaticBrand {
    id: &'static str,
    name: &'static str,
    names: &'static str,
    domains: &'static str,
    related_domains: &'static str,
    lookalike_labels: &'static str,
    mailbox_hosts: &'static str,
    legitimate_login_on_customer_domains: bool,
    user_content: &'static str,
    login_markers: &'static [(MarkerKind, &'static str, u8)],
    report: &'static str,
}

mod embedded {
    use super::{MarkerKind, StaticBrand};
    include!(concat!(env!("OUT_DIR"), "/embedded_brands.rs"));
}

/// Why a brand file was rejected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BrandDataError {
    /// The file is not valid JSON of the expected shape.
    Syntax(String),
    /// A brand's field breaks a rule (empty, not lower-case ASCII, duplicated).
    Invalid { brand: String, problem: String },
}

impl fmt::Display for BrandDataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BrandDataError::Syntax(e) => write!(f, "brand data is not valid: {e}"),
            BrandDataError::Invalid { brand, problem } => {
                write!(f, "brand {brand:?}: {problem}")
            }
        }
    }
}

impl std::error::Error for BrandDataError {}

impl BrandSet {
    /// Parses and validates a brand file.
    ///
    /// # Errors
    /// [`BrandDataError`] when the JSON is malformed or a brand breaks a rule.
    pub fn from_json(json: &str) -> Result<Self, BrandDataError> {
        let set: BrandSet =
            serde_json::from_str(json).map_err(|e| BrandDataError::Syntax(e.to_string()))?;
        set.validate()?;
        Ok(set)
    }

    /// The embedded brand file, compiled into statics by build.rs (build/brand_tables.rs): no JSON
    /// to parse when the service worker wakes. The test suite validates the file and checks that
    /// this is the same set ([`BrandSet::from_json`] of [`EMBEDDED_BRANDS_JSON`]).
    pub fn embedded() -> Self {
        // Each list is one string, an item a line (build/brand_tables.rs).
        let owned = |list: &str| list.lines().map(str::to_owned).collect::<Vec<_>>();
        BrandSet {
            version: embedded::VERSION,
            lure_words: owned(embedded::LURE_WORDS),
            url_shorteners: owned(embedded::URL_SHORTENERS),
            exfiltration_endpoints: owned(embedded::EXFILTRATION_ENDPOINTS),
            redirectors: owned(embedded::REDIRECTORS),
            ip_name_services: owned(embedded::IP_NAME_SERVICES),
            brands: embedded::BRANDS
                .iter()
                .map(|b| Brand {
                    id: b.id.to_owned(),
                    name: b.name.to_owned(),
                    names: owned(b.names),
                    domains: owned(b.domains),
                    domain_sources: Citations,
                    related_domains: owned(b.related_domains),
                    lookalike_labels: owned(b.lookalike_labels),
                    mailbox_hosts: owned(b.mailbox_hosts),
                    legitimate_login_on_customer_domains: b.legitimate_login_on_customer_domains,
                    user_content: owned(b.user_content),
                    login_markers: b
                        .login_markers
                        .iter()
                        .map(|(kind, value, weight)| LoginMarker {
                            kind: *kind,
                            value: (*value).to_owned(),
                            weight: *weight,
                        })
                        .collect(),
                    report: b.report.to_owned(),
                })
                .collect(),
        }
    }

    /// The brand with this id.
    pub fn get(&self, id: &str) -> Option<&Brand> {
        self.brands.iter().find(|b| b.id == id)
    }

    fn validate(&self) -> Result<(), BrandDataError> {
        let mut seen_domains = std::collections::HashSet::new();
        for brand in &self.brands {
            let invalid = |problem: String| BrandDataError::Invalid {
                brand: brand.id.clone(),
                problem,
            };
            if brand.id.is_empty() || brand.name.is_empty() {
                return Err(invalid("id and name must not be empty".into()));
            }
            if brand.domains.is_empty() {
                return Err(invalid("needs at least one domain".into()));
            }
            for domain in &brand.domains {
                if !is_lower_ascii_domain(domain) {
                    return Err(invalid(format!(
                        "domain {domain:?} is not lower-case ASCII"
                    )));
                }
                if crate::address::registrable_domain(domain) != Some(domain.as_str()) {
                    return Err(invalid(format!("{domain:?} is not a registrable domain")));
                }
                if !seen_domains.insert(domain.as_str()) {
                    return Err(invalid(format!("domain {domain:?} is listed twice")));
                }
            }
            for domain in &brand.related_domains {
                if crate::address::registrable_domain(domain) != Some(domain.as_str()) {
                    return Err(invalid(format!("{domain:?} is not a registrable domain")));
                }
                if brand.domains.contains(domain) {
                    return Err(invalid(format!("{domain:?} is both owned and related")));
                }
            }
            for marker in &brand.login_markers {
                let lower = marker.value.to_lowercase() == marker.value;
                if marker.value.is_empty() || !lower || !(1..=10).contains(&marker.weight) {
                    return Err(invalid(format!(
                        "login marker {:?} needs a lower-case value and a weight from 1 to 10",
                        marker.value
                    )));
                }
            }
            for label in &brand.lookalike_labels {
                if label.is_empty() || label.contains('.') || !is_lower_ascii_domain(label) {
                    return Err(invalid(format!(
                        "lookalike label {label:?} is not one label"
                    )));
                }
            }
        }
        Ok(())
    }
}

fn is_lower_ascii_domain(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'.')
}
