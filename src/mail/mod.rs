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
mod html;
mod read;
mod report;
mod sender;
mod text_links;
mod wording;

pub use read::{ReadError, MAX_LINKS, MAX_MAIL_BYTES};
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
    /// domain is the sender's.
    pub verdict: Verdict,
    pub links: Vec<LinkVerdict>,
}

/// Checks a mail's source. Never fails and never panics: what is not a mail gets a
/// `mail-unreadable` reason, a mail over [`MAX_MAIL_BYTES`] is judged on its beginning.
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
    let claims = claims::find(detector, &facts);
    let status = sender::check(detector, &facts, &claims, &mut reasons);
    // What a proven sender says is theirs to say: a real notice may well speak of a deadline.
    if !status.verified {
        if let Some(greeting) = wording::generic_greeting(&facts.text) {
            reasons.push(detail_reason(ReasonCode::GenericGreeting, greeting));
        }
        let pressure = wording::pressure(&facts.subject, &facts.text);
        if !pressure.is_empty() {
            reasons.push(detail_reason(
                ReasonCode::PressureWords,
                pressure.join(", "),
            ));
        }
    }
    let links = judge_links(detector, &facts.links);
    reasons.extend(link_reasons(detector, &links));
    reasons.extend(facts.attachments.iter().filter_map(attachments::judge));
    let domain = facts.from.as_ref().and_then(|f| f.domain.clone());
    MailVerdict {
        verdict: Verdict::from_reasons("", None, domain, reasons),
        links,
    }
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
