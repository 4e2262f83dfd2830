//! The serialisable, localised form of a verdict: what the CLI prints and the extension shows.

use crate::brands::{Brand, BrandSet};
use crate::messages::{self, Lang};
use crate::verdict::{Level, Verdict};
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
    /// The brand's real domains, to show next to a warning.
    pub brand_domains: Vec<String>,
    /// Strongest first.
    pub reasons: Vec<ReasonReport>,
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
            })
            .collect();
        Report {
            url: verdict.url.clone(),
            verdict: verdict.level,
            brand: brand.map(|b| b.name.clone()),
            host: verdict.host.clone(),
            domain: verdict.registrable_domain.clone(),
            brand_domains: brand_domains(verdict, brand),
            reasons,
        }
    }
}
