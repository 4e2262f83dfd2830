//! A mail verdict localised and serialisable: what `miwake mail` prints and the www page shows.

use super::MailVerdict;
use crate::report::{ReasonReport, Report};
use crate::verdict::Level;
use crate::{BrandSet, Lang};
use serde::Serialize;

/// One link of the mail, localised.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LinkReport {
    pub url: String,
    pub text: Option<String>,
    pub verdict: Level,
    pub brand: Option<String>,
    /// The registrable domain the link really goes to, in Unicode.
    pub domain: Option<String>,
    pub reasons: Vec<ReasonReport>,
}

/// A mail's verdict, localised.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MailReport {
    pub verdict: Level,
    pub brand: Option<String>,
    pub reasons: Vec<ReasonReport>,
    pub links: Vec<LinkReport>,
}

impl MailReport {
    /// Localises a mail verdict.
    pub fn new(checked: &MailVerdict, brands: &BrandSet, lang: Lang) -> Self {
        let mut mail = Report::new(&checked.verdict, brands, lang);
        // A weak sign alone did not raise the verdict: it is listed at the verdict's level (an
        // `ok` mail's lone "Dear customer" is information, not a caution).
        for reason in &mut mail.reasons {
            reason.level = reason.level.min(mail.verdict);
        }
        let links = checked
            .links
            .iter()
            .map(|link| {
                let report = Report::new(&link.verdict, brands, lang);
                LinkReport {
                    url: link.url.clone(),
                    text: link.text.clone(),
                    verdict: report.verdict,
                    brand: report.brand,
                    domain: report.domain,
                    reasons: report.reasons,
                }
            })
            .collect();
        MailReport {
            verdict: mail.verdict,
            brand: mail.brand,
            reasons: mail.reasons,
            links,
        }
    }
}
