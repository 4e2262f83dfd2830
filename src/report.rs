//! The serialisable, localised form of a verdict: what the CLI prints and the extension shows.

use crate::brands::{Brand, BrandSet};
use crate::messages::{self, Lang};
use crate::verdict::{Level, ReasonCode, Verdict};
use serde::Serialize;

/// How many of a brand's domains a report lists as "the real ones"; the first in the data file are
/// the ones users know.
const BRAND_DOMAINS_SHOWN: usize = 3;

/// One reason, localised.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReasonReport {
    /// Stable code (`lookalike-domain`).
    pub code: &'static str,
    /// The level this reason alone gives.
    pub level: Level,
    /// The explanation with its evidence, in the requested language.
    pub message: String,
    /// Evidence the message leaves out to stay readable (the sign-in markers a page matched).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub details: Option<String>,
}

/// A verdict as users and programs see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Report {
    /// The input as given.
    pub url: String,
    /// `ok`, `caution` or `danger`.
    pub verdict: Level,
    /// Display name of the brand concerned (`Alibaba.com`), if any.
    pub brand: Option<String>,
    /// The host in Unicode.
    pub host: Option<String>,
    /// The registrable domain in Unicode: the part of the address that says whose site it is.
    pub domain: Option<String>,
    /// The user's registered shop the page imitates (`sakura-tea.co.jp`), if any: then the real
    /// site is that shop, not the brand's domains.
    pub shop: Option<String>,
    /// The real domains to show next to a warning: the imitated shop, or the brand's.
    pub brand_domains: Vec<String>,
    /// Strongest first.
    pub reasons: Vec<ReasonReport>,
}

/// The user's shop a flagged verdict's reasons say the page imitates.
fn imitated_shop(verdict: &Verdict) -> Option<String> {
    verdict
        .reasons
        .iter()
        .filter(|r| r.level() > Level::Ok)
        .filter(|r| {
            // A link posing as the shop has no brand: the name it shows is the shop's.
            r.code.is_shop() || (r.code == ReasonCode::LinkTextPosesAsBrand && r.brand_id.is_none())
        })
        .find_map(|r| r.evidence.genuine.clone())
}

/// The domain the strongest reason names as genuine (`aliexpress.com` for `aliexpres.com`) first,
/// then the brand's best-known domains.
fn brand_domains(verdict: &Verdict, brand: Option<&Brand>) -> Vec<String> {
    let Some(brand) = brand else {
        return Vec::new();
    };
    let genuine = verdict
        .reasons
        .iter()
        .find(|r| r.brand_id.as_deref() == Some(brand.id.as_str()))
        .and_then(|r| r.evidence.genuine.clone())
        .filter(|g| brand.domains.contains(g));
    let mut domains: Vec<String> = genuine.into_iter().collect();
    for domain in &brand.domains {
        if domains.len() >= BRAND_DOMAINS_SHOWN {
            break;
        }
        if !domains.contains(domain) {
            domains.push(domain.clone());
        }
    }
    domains
}

impl Report {
    /// Localises a verdict.
    pub fn new(verdict: &Verdict, brands: &BrandSet, lang: Lang) -> Self {
        let brand_name = |id: &Option<String>| {
            id.as_deref()
                .and_then(|id| brands.get(id))
                .map(|b| b.name.clone())
        };
        let brand = verdict.brand_id.as_deref().and_then(|id| brands.get(id));
        let reasons = verdict
            .reasons
            .iter()
            .map(|r| ReasonReport {
                code: r.code.as_str(),
                level: r.level(),
                message: messages::render(
                    r.code,
                    &r.evidence,
                    brand_name(&r.brand_id).as_deref(),
                    lang,
                ),
                details: r
                    .evidence
                    .detail
                    .clone()
                    .filter(|_| !messages::says_detail(r.code, lang)),
            })
            .collect();
        let shop = imitated_shop(verdict);
        let brand_domains = match &shop {
            Some(shop) => vec![shop.clone()],
            None => brand_domains(verdict, brand),
        };
        Report {
            url: verdict.url.clone(),
            verdict: verdict.level,
            brand: brand.map(|b| b.name.clone()),
            host: verdict.host.clone(),
            domain: verdict.registrable_domain.clone(),
            shop,
            brand_domains,
            reasons,
        }
    }
}
