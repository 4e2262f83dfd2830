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
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SenderStatus {
    /// The mail comes, proven, from a brand's domain, or from one of the user's shops.
    pub verified: bool,
    /// Weak claims (subject, signature, logo) of a brand or shop the sender is not: each gave a
    /// `mentions-brand-not-from-it` reason, whose weight the caller decides.
    pub mentions: Vec<Claim>,
    /// The brand whose own domain `From` is at (not a mailbox host such as `gmail.com`), proven
    /// or not.
    pub official: Option<String>,
}

/// How much of the sender is judged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Everything: the mail judged.
    Full,
    /// The mail judged, forwarded inline: its `From:` line is text in another mail, with no
    /// receiving server's results to prove or disprove it, so a brand's domain there gives no
    /// proof reason either way.
    Inline,
    /// A mail that forwards the one judged (a colleague, a customer): only sender addresses at
    /// lookalike domains and a name that speaks as a brand, so that wrapping a phishing mail
    /// around a harmless one hides nothing.
    Forwarder,
}

/// A mailbox's domain judged like an address.
struct Judged {
    header: &'static str,
    /// The registrable domain, ASCII (the key the core compares).
    key: String,
    /// The address's whole host, lower case.
    host: String,
    verdict: Verdict,
}

impl Judged {
    fn shown(&self) -> String {
        self.verdict
            .registrable_domain
            .clone()
            .unwrap_or_else(|| self.key.clone())
    }

    /// The brand whose own domain the address is at, unless the host is one where the brand
    /// gives addresses to anyone (`gmail.com`): a mail from there is a user's, not the brand's.
    fn official_brand(&self, detector: &Detector) -> Option<&str> {
        let brand = self
            .verdict
            .reasons
            .iter()
            .find(|r| r.code == ReasonCode::OfficialDomain)
            .and_then(|r| r.brand_id.as_deref())?;
        let mailbox = detector
            .brands()
            .get(brand)
            .is_some_and(|b| b.mailbox_hosts.contains(&self.host));
        (!mailbox).then_some(brand)
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
        host: domain.trim_end_matches('.').to_ascii_lowercase(),
        verdict,
    })
}

/// Judges the sender; pushes its reasons.
pub fn check(
    detector: &Detector,
    facts: &MailFacts,
    claims: &[Claim],
    scope: Scope,
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

    let mut status = SenderStatus::default();
    let claims: Vec<&Claim> = claims
        .iter()
        .filter(|c| scope != Scope::Forwarder || c.place.is_strong())
        .collect();
    let Some(from) = from else {
        // No readable sender: every claim is unproven.
        let shown = facts
            .from
            .as_ref()
            .map_or_else(|| "?".to_owned(), |m| m.address.clone());
        for claim in claims {
            push_claim(detector, claim, &shown, &mut status, reasons);
        }
        return status;
    };

    let official = from.official_brand(detector).map(str::to_owned);
    let mut verified = from.is_own_shop();
    if let Some(brand) = official.as_deref().filter(|_| scope == Scope::Full) {
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
        // A proven sender may name whom it likes (a shop that takes Alipay, Google's own mail
        // about YouTube); speaking as another in its name is still an imitation.
        if !satisfied && (claim.place.is_strong() || !verified) {
            push_claim(detector, claim, &from.shown(), &mut status, reasons);
        }
    }

    if !verified && scope != Scope::Forwarder {
        for other in &others {
            let same_brand =
                official.is_some() && other.official_brand(detector) == official.as_deref();
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
    status.verified = verified;
    status.official = official;
    status
}

fn first_domain(detector: &Detector, brand_id: Option<&str>) -> Option<String> {
    detector
        .brands()
        .get(brand_id?)
        .and_then(|b| b.domains.first().cloned())
}

/// A claim the sender does not satisfy: an imitation when the sender names itself so, a mention
/// otherwise.
fn push_claim(
    detector: &Detector,
    claim: &Claim,
    sender: &str,
    status: &mut SenderStatus,
    reasons: &mut Vec<Reason>,
) {
    let (code, brand_id, genuine) = match (&claim.claimant, claim.place.is_strong()) {
        (Claimant::Brand(id), true) => (
            ReasonCode::SenderImitatesBrand,
            Some(id.clone()),
            first_domain(detector, Some(id)),
        ),
        (Claimant::Shop(shop), true) => (ReasonCode::SenderImitatesBrand, None, Some(shop.clone())),
        // A mention names the brand as the reader knows it.
        (Claimant::Brand(id), false) => (
            ReasonCode::MentionsBrandNotFromIt,
            Some(id.clone()),
            detector.brands().get(id).map(|b| b.name.clone()),
        ),
        (Claimant::Shop(shop), false) => {
            (ReasonCode::MentionsBrandNotFromIt, None, Some(shop.clone()))
        }
    };
    if code == ReasonCode::MentionsBrandNotFromIt {
        status.mentions.push(claim.clone());
    }
    reasons.push(Reason {
        code,
        brand_id,
        evidence: Evidence {
            domain: Some(sender.to_owned()),
            genuine,
            detail: Some(claim.source.clone()),
            ..Evidence::default()
        },
    });
}
