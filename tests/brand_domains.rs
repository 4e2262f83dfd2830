//! Every domain the brand file lists as a brand's is judged `ok`, at its root and under `www.`,
//! with the brand's `official-domain` or `user-content-host` reason: a domain listed is a promise
//! that Miwake never warns about it (a brand's link shortener keeps its `caution`).
//! Domains of a separate company sharing a brand's name (`related_domains`) are never `danger`.

use miwake::{Detector, Level, ReasonCode, UserContext};

#[test]
fn every_listed_brand_domain_is_ok() {
    let detector = Detector::new(&UserContext::default()).expect("no settings");
    let mut wrong = Vec::new();
    let mut checked = 0;
    for brand in &detector.brands().brands {
        for domain in &brand.domains {
            for url in [
                format!("https://{domain}/"),
                format!("https://www.{domain}/"),
            ] {
                let verdict = detector.check_url(&url);
                checked += 1;
                let official = verdict.reasons.iter().any(|r| {
                    matches!(
                        r.code,
                        ReasonCode::OfficialDomain | ReasonCode::UserContentHost
                    ) && r.brand_id.as_deref() == Some(brand.id.as_str())
                });
                // A brand's own link shortener (goo.gl) still hides where it goes: `caution`.
                let shortener = detector.brands().url_shorteners.contains(domain);
                let expected = if shortener { Level::Caution } else { Level::Ok };
                if verdict.level != expected || !official {
                    wrong.push(format!("{url}: {:?} {:?}", verdict.level, verdict.reasons));
                }
            }
        }
    }
    assert!(checked > 600, "only {checked} addresses checked");
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn related_companies_are_never_danger() {
    let detector = Detector::new(&UserContext::default()).expect("no settings");
    for brand in &detector.brands().brands {
        for domain in &brand.related_domains {
            let verdict = detector.check_url(&format!("https://{domain}/"));
            assert_ne!(
                verdict.level,
                Level::Danger,
                "{domain}: {:?}",
                verdict.reasons
            );
        }
    }
}
