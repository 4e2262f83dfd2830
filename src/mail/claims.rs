//! Whom a mail speaks as: a protected brand or one of the user's shops, named in the sender's
//! display name, the subject, a logo's description or the signature. Names are compared as page
//! text is (`page_text`), so `Gооgle` with Cyrillic letters still speaks as Google.

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

/// One claim and where the mail makes it (`From: ec-cube.net`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim {
    pub claimant: Claimant,
    pub source: String,
}

/// Every brand and shop the mail speaks as, once each, in the order of the places read.
pub fn find(detector: &Detector, facts: &MailFacts) -> Vec<Claim> {
    let mut wanted: Vec<(Claimant, Vec<Needle>)> = detector
        .brands()
        .brands
        .iter()
        .map(|brand| {
            let needles = brand
                .names
                .iter()
                // Digits alone (`1688`) read as order and phone numbers.
                .filter(|n| !n.chars().all(|c| c.is_ascii_digit()))
                .chain(brand.domains.iter().take(3))
                .map(|n| Needle::new(n))
                .collect();
            (Claimant::Brand(brand.id.clone()), needles)
        })
        .collect();
    for shop in detector.shops() {
        let mut needles = vec![Needle::new(shop)];
        if let Some(label) = shop.split('.').next().filter(|l| l.chars().count() >= 4) {
            needles.push(Needle::new(label));
        }
        wanted.push((Claimant::Shop(shop.clone()), needles));
    }
    let mut places: Vec<(String, String)> = Vec::new();
    if let Some(name) = facts.from.as_ref().and_then(|f| f.name.clone()) {
        places.push(("From".to_owned(), name));
    }
    places.push(("Subject".to_owned(), facts.subject.clone()));
    for alt in &facts.image_alts {
        places.push(("alt".to_owned(), alt.clone()));
    }
    let total = facts.text.chars().count();
    let signature: String = facts
        .text
        .chars()
        .skip(total.saturating_sub(SIGNATURE_CHARS))
        .collect();
    places.push(("…".to_owned(), signature));

    let mut claims: Vec<Claim> = Vec::new();
    for (label, text) in &places {
        let folded = fold(text);
        let haystack = Haystack::new(&folded);
        for (claimant, needles) in &wanted {
            if claims.iter().any(|c| &c.claimant == claimant) {
                continue;
            }
            if needles.iter().any(|n| haystack.shows(n)) {
                let quoted: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
                let quoted: String = quoted.chars().take(QUOTED_CHARS).collect();
                claims.push(Claim {
                    claimant: claimant.clone(),
                    source: format!("{label}: {quoted}"),
                });
            }
        }
    }
    claims
}
