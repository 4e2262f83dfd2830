//! The mail checker (`mail` feature): whether a mail is what it claims to be, judged with the same
//! core as addresses and pages. The sender's addresses go through the core's address rules, every
//! link through [`Detector::check_link`] as if hovered, and what the mail says through a few word
//! lists; each finding is a reason with a stable code, like everywhere else.
//!
//! ```
//! use miwake::{Detector, Level, UserContext};
//! let detector = Detector::new(&UserContext::default()).expect("embedded brand data is valid");
//! let mail = b"From: \"ec-cube.net\" <info@mailer.example>\r\nSubject: hello\r\n\r\nhi\r\n";
//! let checked = miwake::mail::check(&detector, mail);
//! assert_eq!(checked.verdict.level, Level::Danger);
//! assert_eq!(checked.verdict.reasons[0].code.as_str(), "sender-imitates-brand");
//! ```

mod attachments;
mod auth;
mod claims;
mod forward;
mod html;
mod read;
mod report;
mod sender;
mod text_links;
mod wording;

pub use read::{ReadError, MAX_LINKS, MAX_MAIL_BYTES, MAX_NESTING};
pub use report::{LinkReport, MailReport};

use crate::verdict::{Evidence, Level, Reason, ReasonCode, Verdict};
use crate::Detector;

/// One link of the mail and the core's verdict on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkVerdict {
    pub url: String,
    /// The text the link shows, when it is not the address itself.
    pub text: Option<String>,
    pub verdict: Verdict,
}

/// The checker's answer for one mail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailVerdict {
    /// The mail as a whole: level, brand, reasons strongest first. Its `url` is empty and its
    /// domain is the sender's (the forwarded mail's sender, for a forwarded mail).
    ///
    /// Its level is the strongest reason's, except for the weak signs ([`WEAK_SIGNS`]): one of
    /// them alone is listed but leaves the level where the other reasons put it; two different
    /// ones together, or a mention of a brand that reads as the brand speaking, make it `caution`.
    pub verdict: Verdict,
    pub links: Vec<LinkVerdict>,
}

/// Signs that many honest mails show one at a time (a newsletter's "Dear customer", a shop's
/// "order by the deadline", an agency's mail about Google Ads) and phishing shows together.
pub const WEAK_SIGNS: [ReasonCode; 3] = [
    ReasonCode::GenericGreeting,
    ReasonCode::PressureWords,
    ReasonCode::MentionsBrandNotFromIt,
];

/// Checks a mail's source. Never fails and never panics: what is not a mail gets a
/// `mail-unreadable` reason, a mail over [`MAX_MAIL_BYTES`] is judged on its beginning.
///
/// A mail that forwards another (a `message/rfc822` attachment, or a forwarded block with its
/// `From:` line in the text) is judged by the forwarded mail, the innermost of up to
/// [`MAX_NESTING`]: its sender, authentication results, words, links and attachments. The mails
/// around it add their links and attachments; of their senders only lookalike addresses and a
/// display name or address speaking as a brand count (a colleague forwarding says nothing of the
/// mail, but a phishing mail wrapped around a harmless one is still caught).
pub fn check(detector: &Detector, source: &[u8]) -> MailVerdict {
    let facts = match read::read(source) {
        Ok(facts) => facts,
        Err(error) => {
            let reason = Reason::new(
                ReasonCode::MailUnreadable,
                Evidence {
                    detail: Some(error.detail().to_owned()),
                    ..Evidence::default()
                },
            );
            return MailVerdict {
                verdict: Verdict::from_reasons("", None, None, vec![reason]),
                links: Vec::new(),
            };
        }
    };
    let mut reasons = Vec::new();
    if let Some(bytes) = facts.truncated_at {
        reasons.push(Reason::new(
            ReasonCode::MailTruncated,
            Evidence {
                detail: Some(format!("{} MB", bytes / (1024 * 1024))),
                ..Evidence::default()
            },
        ));
    }
    // The mail judged: the innermost forwarded one; the ones around it, outermost first.
    let mut around: Vec<&read::MailFacts> = Vec::new();
    let mut judged = &facts;
    while let Some(inner) = judged.forwarded.as_deref() {
        around.push(judged);
        judged = inner;
    }
    for mail in &around {
        let claims = claims::find(detector, mail);
        sender::check(
            detector,
            mail,
            &claims,
            sender::Scope::Forwarder,
            &mut reasons,
        );
    }
    if around.iter().chain([&judged]).any(|m| m.too_deep) {
        reasons.push(detail_reason(
            ReasonCode::ForwardedTooDeep,
            read::MAX_NESTING.to_string(),
        ));
    }

    let claims = claims::find(detector, judged);
    let scope = if judged.inline {
        sender::Scope::Inline
    } else {
        sender::Scope::Full
    };
    let status = sender::check(detector, judged, &claims, scope, &mut reasons);
    // What a proven sender says is theirs to say: a real notice may well speak of a deadline.
    if !status.verified {
        if let Some(greeting) = wording::generic_greeting(&judged.text) {
            reasons.push(detail_reason(ReasonCode::GenericGreeting, greeting));
        }
        let pressure = wording::pressure(&judged.subject, &judged.text);
        if !pressure.is_empty() {
            reasons.push(detail_reason(
                ReasonCode::PressureWords,
                pressure.join(", "),
            ));
        }
    }
    let mut raw_links: Vec<read::RawLink> = Vec::new();
    for mail in [&judged].into_iter().chain(around.iter().rev()) {
        for link in &mail.links {
            if raw_links.len() < MAX_LINKS && !raw_links.contains(link) {
                raw_links.push(link.clone());
            }
        }
    }
    let links = judge_links(detector, &raw_links);
    let sender_domain = judged.from.as_ref().and_then(|f| f.domain.as_deref());
    let speaks = status
        .mentions
        .iter()
        .any(|claim| speaks_as_brand(claim, judged, sender_domain, &links));
    // A sender at a brand's domain that nothing proves, whose mail signs in somewhere else.
    if let Some(brand) = status.official.as_deref().filter(|_| !status.verified) {
        if let Some(link) = links.iter().find(|l| signs_in_elsewhere(l, sender_domain)) {
            let genuine = detector
                .brands()
                .get(brand)
                .and_then(|b| b.domains.first().cloned());
            reasons.push(Reason::for_brand(
                ReasonCode::SignInLinkOffBrand,
                brand,
                Evidence {
                    domain: link.verdict.registrable_domain.clone(),
                    genuine,
                    detail: judged.from.as_ref().map(|f| f.address.clone()),
                    ..Evidence::default()
                },
            ));
        }
    }
    reasons.extend(link_reasons(detector, &links));
    for mail in [&judged].into_iter().chain(around.iter().rev()) {
        reasons.extend(mail.attachments.iter().filter_map(attachments::judge));
    }
    if !around.is_empty() {
        let from = judged.from.as_ref();
        reasons.push(Reason::new(
            ReasonCode::ForwardedMailChecked,
            Evidence {
                domain: from.and_then(|f| f.domain.clone()),
                detail: Some(from.map_or_else(|| "?".to_owned(), |f| f.address.clone())),
                ..Evidence::default()
            },
        ));
    }
    let domain = judged.from.as_ref().and_then(|f| f.domain.clone());
    MailVerdict {
        verdict: weigh(domain, reasons, speaks),
        links,
    }
}

/// Whether a mention of a brand reads as the brand speaking: the subject that names it is an
/// account notice, or a link signs in somewhere that is neither the brand's nor the sender's.
fn speaks_as_brand(
    claim: &claims::Claim,
    facts: &read::MailFacts,
    sender_domain: Option<&str>,
    links: &[LinkVerdict],
) -> bool {
    if claim.place == claims::Place::Subject && wording::is_account_notice(&facts.subject) {
        return true;
    }
    links
        .iter()
        .any(|link| signs_in_elsewhere(link, sender_domain))
}

/// Whether `link` signs in on a site that is neither a brand's, nor one of the user's shops, nor
/// the sender's own.
fn signs_in_elsewhere(link: &LinkVerdict, sender_domain: Option<&str>) -> bool {
    let sender_key = sender_domain.map(|d| crate::address::registrable_domain(d).unwrap_or(d));
    let official = link
        .verdict
        .reasons
        .iter()
        .any(|r| matches!(r.code, ReasonCode::OfficialDomain | ReasonCode::OwnShop));
    let own = link
        .verdict
        .registrable_domain
        .as_deref()
        .and_then(|d| crate::address::normalise_domain(d).ok())
        .is_some_and(|key| sender_key == Some(key.as_str()));
    !official && !own && wording::is_sign_in_link(&link.url, link.text.as_deref())
}

/// The mail's verdict from its reasons: the strongest, with weak signs counted only together.
fn weigh(domain: Option<String>, reasons: Vec<Reason>, speaks: bool) -> Verdict {
    let mut verdict = Verdict::from_reasons("", None, domain, reasons);
    let strong = verdict
        .reasons
        .iter()
        .filter(|r| !WEAK_SIGNS.contains(&r.code))
        .map(Reason::level)
        .max()
        .unwrap_or(Level::Ok);
    let kinds = WEAK_SIGNS
        .iter()
        .filter(|code| verdict.reasons.iter().any(|r| r.code == **code))
        .count();
    let weak = if kinds >= 2 || speaks {
        Level::Caution
    } else {
        Level::Ok
    };
    verdict.level = strong.max(weak);
    if verdict.level == Level::Ok {
        // An `ok` mail concerns the brand that is proven to send it, not one it only names.
        verdict.brand_id = verdict
            .reasons
            .iter()
            .filter(|r| r.level() == Level::Ok)
            .find_map(|r| r.brand_id.clone());
    }
    verdict
}

fn detail_reason(code: ReasonCode, detail: String) -> Reason {
    Reason::new(
        code,
        Evidence {
            detail: Some(detail),
            ..Evidence::default()
        },
    )
}

/// Whether an `href` leads somewhere a click would open (not `mailto:`, `cid:`, `#top`).
fn is_followable(href: &str) -> bool {
    let lower = href.trim_start().to_ascii_lowercase();
    ["http://", "https://", "javascript:", "data:"]
        .iter()
        .any(|s| lower.starts_with(s))
}

fn judge_links(detector: &Detector, links: &[read::RawLink]) -> Vec<LinkVerdict> {
    links
        .iter()
        .filter(|l| is_followable(&l.href))
        .map(|l| LinkVerdict {
            url: l.href.clone(),
            text: l.text.clone(),
            verdict: detector.check_link(&l.href, l.text.as_deref().unwrap_or("")),
        })
        .collect()
}

/// One mail-level reason per site the links go to that is not fine.
fn link_reasons(detector: &Detector, links: &[LinkVerdict]) -> Vec<Reason> {
    let mut reasons: Vec<Reason> = Vec::new();
    for link in links {
        let code = match link.verdict.level {
            Level::Danger => ReasonCode::DangerousLink,
            Level::Caution => ReasonCode::SuspiciousLink,
            Level::Ok => continue,
        };
        let domain = link
            .verdict
            .registrable_domain
            .clone()
            .unwrap_or_else(|| link.url.chars().take(60).collect());
        if reasons
            .iter()
            .any(|r| r.code == code && r.evidence.domain.as_deref() == Some(domain.as_str()))
        {
            continue;
        }
        let brand_id = link.verdict.brand_id.clone();
        let genuine = link
            .verdict
            .reasons
            .first()
            .and_then(|r| r.evidence.genuine.clone())
            .or_else(|| {
                brand_id
                    .as_deref()
                    .and_then(|id| detector.brands().get(id))
                    .map(|b| b.name.clone())
            });
        reasons.push(Reason {
            code,
            brand_id,
            evidence: Evidence {
                domain: Some(domain),
                genuine,
                ..Evidence::default()
            },
        });
    }
    reasons
}
