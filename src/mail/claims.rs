//! Whom a mail speaks as: a protected brand or one of the user's shops, named in the sender's
//! display name or address (`google-security@…`), the subject, a logo's description or the
//! signature. Names are compared as page text is (`page_text`), so `Gооgle` with Cyrillic letters
//! still speaks as Google.
//!
//! The sender's name and address are the mail saying who it is: a strong claim. The subject, the
//! signature and logos are places where anyone may name a brand (a newsletter about Google Ads, a
//! shop that takes Alipay): a weak one.

use super::read::MailFacts;
use crate::page_text::{fold, Haystack, Needle};
use crate::Detector;

/// Characters at the end of the text read as the signature.
const SIGNATURE_CHARS: usize = 300;
/// Characters of a claiming text quoted as evidence.
const QUOTED_CHARS: usize = 60;

/// Who is claimed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Claimant {
    /// A brand, by id.
    Brand(String),
    /// One of the user's shops, by registrable domain.
    Shop(String),
}

/// Where a claim is made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// The sender's display name.
    DisplayName,
    /// The sender's address before `@`.
    LocalPart,
    Subject,
    /// A logo's description (`alt`).
    Alt,
    /// The end of the text.
    Signature,
}

impl Place {
    /// The sender naming itself: who it says it is, not what it talks about.
    pub fn is_strong(self) -> bool {
        matches!(self, Place::DisplayName | Place::LocalPart)
    }

    fn label(self) -> &'static str {
        match self {
            Place::DisplayName => "From",
            Place::LocalPart => "From address",
            Place::Subject => "Subject",
            Place::Alt => "alt",
            Place::Signature => "signature",
        }
    }
}

/// One claim and where the mail makes it (`From: ec-cube.net`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim {
    pub claimant: Claimant,
    pub place: Place,
    /// The place and its text, quoted as evidence.
    pub source: String,
}

/// `text` with every word that is a mail or web address left out. A shop that signs with its
/// `…@gmail.com` address or a map link names no brand: addresses are judged by the address and
/// link rules, not read as words.
fn without_addresses(text: &str) -> String {
    text.split_whitespace()
        .filter(|word| !(word.contains('@') || word.contains("://") || word.starts_with("www.")))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Every brand and shop the mail speaks as, once each, in the order of the places read.
pub fn find(detector: &Detector, facts: &MailFacts) -> Vec<Claim> {
    // Each claimant: the names looked for, as written and folded.
    let mut wanted: Vec<(Claimant, Vec<&str>, Vec<Needle>)> = detector
        .brands()
        .brands
        .iter()
        .map(|brand| {
            let names: Vec<&str> = brand
                .names
                .iter()
                // Digits alone (`1688`) read as order and phone numbers.
                .filter(|n| !n.chars().all(|c| c.is_ascii_digit()))
                .chain(brand.domains.iter().take(3))
                .map(String::as_str)
                .collect();
            let needles = names.iter().map(|n| Needle::new(n)).collect();
            (Claimant::Brand(brand.id.clone()), names, needles)
        })
        .collect();
    for shop in detector.shops() {
        let mut names = vec![shop.as_str()];
        if let Some(label) = shop.split('.').next().filter(|l| l.chars().count() >= 4) {
            names.push(label);
        }
        let needles = names.iter().map(|n| Needle::new(n)).collect();
        wanted.push((Claimant::Shop(shop.clone()), names, needles));
    }
    // Each place: what is searched, and what is quoted.
    let mut places: Vec<(Place, String, String)> = Vec::new();
    if let Some(from) = &facts.from {
        if let Some(name) = &from.name {
            places.push((Place::DisplayName, name.clone(), name.clone()));
        }
        // `google-security@…`: the separators read as spaces. Only before `@`: the domain is
        // judged by the address rules.
        if let Some((local, _)) = from.address.rsplit_once('@') {
            let words: String = local
                .chars()
                .map(|c| {
                    if matches!(c, '-' | '_' | '.' | '+') {
                        ' '
                    } else {
                        c
                    }
                })
                .collect();
            places.push((Place::LocalPart, words, from.address.clone()));
        }
    }
    places.push((Place::Subject, facts.subject.clone(), facts.subject.clone()));
    for alt in &facts.image_alts {
        places.push((Place::Alt, alt.clone(), alt.clone()));
    }
    let total = facts.text.chars().count();
    let signature: String = facts
        .text
        .chars()
        .skip(total.saturating_sub(SIGNATURE_CHARS))
        .collect();
    let signature = without_addresses(&signature);
    places.push((Place::Signature, signature.clone(), signature));

    let mut claims: Vec<Claim> = Vec::new();
    for (place, text, shown) in &places {
        let folded = fold(text);
        let haystack = Haystack::new(&folded);
        for (claimant, names, needles) in &wanted {
            if claims.iter().any(|c| &c.claimant == claimant) {
                continue;
            }
            if needles.iter().any(|n| haystack.shows(n)) {
                let quoted = quote_around(shown, names);
                claims.push(Claim {
                    claimant: claimant.clone(),
                    place: *place,
                    source: format!("{}: {quoted}", place.label()),
                });
            }
        }
    }
    claims
}

/// At most [`QUOTED_CHARS`] of `text`, white space collapsed, from a little before the first of
/// `names` written there as is (ignoring ASCII case), or from its start.
fn quote_around(text: &str, names: &[&str]) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let lower = text.to_ascii_lowercase();
    let at = names
        .iter()
        .filter_map(|n| lower.find(&n.to_ascii_lowercase()))
        .min()
        .unwrap_or(0);
    let before = text.get(..at).map_or(0, |b| b.chars().count());
    let skip = before.saturating_sub(QUOTED_CHARS / 3);
    let quoted: String = text.chars().skip(skip).take(QUOTED_CHARS).collect();
    if skip > 0 {
        format!("…{quoted}")
    } else {
        quoted
    }
}
