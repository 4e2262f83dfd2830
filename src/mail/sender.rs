//! Whether the sender is who the mail says: the addresses' domains judged by the core's own
//! address rules, the claims held against them, the receiving server's proof, and headers that
//! point elsewhere.

use super::auth::{self, Proof};
use super::claims::{Claim, Claimant};
use super::read::{MailFacts, Mailbox};
use crate::address::registrable_domain;
use crate::verdict::{Evidence, Level, Reason, ReasonCode, Verdict};
use crate::Detector;

/// What the sender checks found besides their reasons.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SenderStatus {
    /// The mail comes, proven, from a brand's domain, or from one of the user's shops.
    pub verified: bool,
}

/// A mailbox's domain judged like an address.
struct Judged {
    header: &'static str,
    /// The registrable domain, ASCII (the key the core compares).
    key: String,
    verdict: Verdict,
}

impl Judged {
    fn shown(&self) -> String {
        self.verdict
            .registrable_domain
            .clone()
            .unwrap_or_else(|| self.key.clone())
    }

    fn official_brand(&self) -> Option<&str> {
        self.verdict
            .reasons
            .iter()
            .find(|r| r.code == ReasonCode::OfficialDomain)
            .and_then(|r| r.brand_id.as_deref())
    }

    fn is_own_shop(&self) -> bool {
        self.verdict
            .reasons
            .iter()
            .any(|r| r.code == ReasonCode::OwnShop)
    }
}

fn judge(detector: &Detector, header: &'static str, mailbox: Option<&Mailbox>) -> Option<Judged> {
    let mailbox = mailbox?;
    let domain = mailbox.domain.as_deref()?;
    let key = registrable_domain(domain).unwrap_or(domain).to_owned();
    let verdict = detector.check_url(&format!("https://{domain}/"));
    Some(Judged {
        header,
        key,
        verdict,
    })
}

/// Judges the sender; pushes its reasons.
pub fn check(
    detector: &Detector,
    facts: &MailFacts,
    claims: &[Claim],
    reasons: &mut Vec<Reason>,
) -> SenderStatus {
    let from = judge(detector, "From", facts.from.as_ref());
    let others: Vec<Judged> = [
        judge(detector, "Reply-To", facts.reply_to.as_ref()),
        judge(detector, "Return-Path", facts.return_path.as_ref()),
        judge(detector, "Sender", facts.sender.as_ref()),
    ]
    .into_iter()
    .flatten()
    .collect();

    // Any sender address at a lookalike domain.
    let mut imitated: Vec<Option<String>> = Vec::new();
    for judged in from.iter().chain(&others) {
        if judged.verdict.level < Level::Danger {
            continue;
        }
        if reasons.iter().any(|r| {
            r.code == ReasonCode::SenderLookalikeDomain
                && r.evidence.domain.as_deref() == Some(judged.shown().as_str())
        }) {
            continue;
        }
        let strongest = judged.verdict.reasons.first();
        let brand_id = judged.verdict.brand_id.clone();
        let genuine = strongest
            .and_then(|r| r.evidence.genuine.clone())
            .or_else(|| first_domain(detector, brand_id.as_deref()));
        imitated.push(brand_id.clone());
        reasons.push(Reason {
            code: ReasonCode::SenderLookalikeDomain,
            brand_id,
            evidence: Evidence {
                domain: Some(judged.shown()),
                genuine,
                detail: Some(judged.header.to_owned()),
                ..Evidence::default()
            },
        });
    }

    let Some(from) = from else {
        // No readable sender: every claim is unproven.
        let shown = facts
            .from
            .as_ref()
            .map_or_else(|| "?".to_owned(), |m| m.address.clone());
        for claim in claims {
            push_imitation(detector, claim, &shown, reasons);
        }
        return SenderStatus { verified: false };
    };

    let official = from.official_brand().map(str::to_owned);
    let mut verified = from.is_own_shop();
    if let Some(brand) = official.as_deref() {
        let evidence = |detail: Option<String>| Evidence {
            domain: Some(from.shown()),
            detail,
            ..Evidence::default()
        };
        match auth::proof(facts.authentication_results.as_deref(), &from.key) {
            Proof::Passed(methods) => {
                verified = true;
                reasons.push(Reason::for_brand(
                    ReasonCode::SenderVerified,
                    brand,
                    evidence(Some(methods)),
                ));
            }
            Proof::Failed(methods) => reasons.push(Reason::for_brand(
                ReasonCode::AuthenticationFailed,
                brand,
                evidence(Some(methods)),
            )),
            Proof::Absent => reasons.push(Reason::for_brand(
                ReasonCode::SenderUnauthenticated,
                brand,
                evidence(None),
            )),
        }
    }

    for claim in claims {
        let satisfied = match &claim.claimant {
            Claimant::Brand(id) => {
                official.as_deref() == Some(id.as_str())
                    || imitated.iter().any(|b| b.as_deref() == Some(id.as_str()))
            }
            Claimant::Shop(shop) => from.key == *shop || imitated.contains(&None),
        };
        if !satisfied {
            push_imitation(detector, claim, &from.shown(), reasons);
        }
    }

    if !verified {
        for other in &others {
            let same_brand = official.is_some() && other.official_brand() == official.as_deref();
            if other.key == from.key || same_brand {
                continue;
            }
            let code = match other.header {
                "Reply-To" => ReasonCode::ReplyToElsewhere,
                _ if official.is_some() || from.is_own_shop() => {
                    ReasonCode::EnvelopeSenderElsewhere
                }
                _ => continue,
            };
            reasons.push(Reason::new(
                code,
                Evidence {
                    domain: Some(other.shown()),
                    genuine: Some(from.shown()),
                    detail: Some(other.header.to_owned()),
                    ..Evidence::default()
                },
            ));
        }
    }
    SenderStatus { verified }
}

fn first_domain(detector: &Detector, brand_id: Option<&str>) -> Option<String> {
    detector
        .brands()
        .get(brand_id?)
        .and_then(|b| b.domains.first().cloned())
}

fn push_imitation(detector: &Detector, claim: &Claim, sender: &str, reasons: &mut Vec<Reason>) {
    let (brand_id, genuine) = match &claim.claimant {
        Claimant::Brand(id) => (Some(id.clone()), first_domain(detector, Some(id))),
        Claimant::Shop(shop) => (None, Some(shop.clone())),
    };
    reasons.push(Reason {
        code: ReasonCode::SenderImitatesBrand,
        brand_id,
        evidence: Evidence {
            domain: Some(sender.to_owned()),
            genuine,
            detail: Some(claim.source.clone()),
            ..Evidence::default()
        },
    });
}
