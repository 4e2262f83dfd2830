//! Table-driven checks of the detector: addresses and links in `tests/cases/urls.json`, pages
//! (address plus the signals the content script collects) in `tests/cases/pages.json`.

use miwake::{Detector, Lang, PageSignals, Report, UserContext};
use serde::Deserialize;

#[derive(Deserialize)]
struct Table {
    cases: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    url: String,
    verdict: String,
    codes: Vec<String>,
    #[serde(default)]
    brand: Option<String>,
    #[serde(default)]
    shops: Vec<String>,
    #[serde(default)]
    allowlist: Vec<String>,
    #[serde(default)]
    message_contains: Option<String>,
    /// Text no message may hold (an internal evidence list, an empty brand slot).
    #[serde(default)]
    message_lacks: Option<String>,
    /// The real site(s) the report names, when the case says.
    #[serde(default)]
    brand_domains: Option<Vec<String>>,
    /// The user's shop the report says the page imitates, when the case says.
    #[serde(default)]
    shop: Option<String>,
    #[serde(default)]
    lang: Option<String>,
    /// When present, the case is a link with this visible text (`Detector::check_link`).
    #[serde(default)]
    link_text: Option<String>,
    /// When present, the case is a page showing this (`Detector::check_page`).
    #[serde(default)]
    signals: Option<serde_json::Value>,
    /// What the case stands for, for the failure message.
    #[serde(default)]
    #[allow(dead_code)]
    scenario: Option<String>,
}

#[test]
fn every_address_and_link_case_gets_its_verdict_and_reasons() {
    run_table(include_str!("cases/urls.json"), 50);
}

#[test]
fn every_page_case_gets_its_verdict_and_reasons() {
    run_table(include_str!("cases/pages.json"), 15);
}

fn run_table(json: &str, at_least: usize) {
    let table: Table = serde_json::from_str(json).expect("case file");
    assert!(table.cases.len() >= at_least);
    let mut failures = Vec::new();
    for case in &table.cases {
        let context = UserContext {
            shops: case.shops.clone(),
            allowlist: case.allowlist.clone(),
        };
        let detector = Detector::new(&context).expect("valid context");
        let lang = Lang::from_tag(case.lang.as_deref().unwrap_or("en"));
        let verdict = match (&case.link_text, &case.signals) {
            (Some(text), _) => detector.check_link(&case.url, text),
            (None, Some(signals)) => {
                let signals = PageSignals::from_json(&signals.to_string()).expect("signals");
                detector.check_page(&case.url, &signals)
            }
            (None, None) => detector.check_url(&case.url),
        };
        let report = Report::new(&verdict, detector.brands(), lang);
        let codes: Vec<&str> = report.reasons.iter().map(|r| r.code).collect();
        let messages: Vec<&str> = report.reasons.iter().map(|r| r.message.as_str()).collect();
        let mut wrong = Vec::new();
        if report.verdict.as_str() != case.verdict {
            wrong.push(format!("verdict {}", report.verdict.as_str()));
        }
        if codes != case.codes {
            wrong.push(format!("codes {codes:?}"));
        }
        if case.brand.is_some() && report.brand != case.brand {
            wrong.push(format!("brand {:?}", report.brand));
        }
        if let Some(needle) = &case.message_lacks {
            if messages.iter().any(|m| m.contains(needle.as_str())) {
                wrong.push(format!("messages {messages:?} hold {needle:?}"));
            }
        }
        if case
            .brand_domains
            .as_ref()
            .is_some_and(|d| *d != report.brand_domains)
        {
            wrong.push(format!("brand domains {:?}", report.brand_domains));
        }
        if case.shop.is_some() && report.shop != case.shop {
            wrong.push(format!("shop {:?}", report.shop));
        }
        if let Some(needle) = &case.message_contains {
            if !messages.iter().any(|m| m.contains(needle.as_str())) {
                wrong.push(format!("messages {messages:?} lack {needle:?}"));
            }
        }
        if !wrong.is_empty() {
            failures.push(format!("{}: {}", case.url, wrong.join("; ")));
        }
    }
    assert!(
        failures.is_empty(),
        "{} cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn the_tables_exercise_every_reason_code() {
    let mut cases = Vec::new();
    for json in [
        include_str!("cases/urls.json"),
        include_str!("cases/pages.json"),
    ] {
        let table: Table = serde_json::from_str(json).expect("case file");
        cases.extend(table.cases);
    }
    // Mail codes are exercised by tests/mail_table.rs.
    for code in miwake::ReasonCode::ALL.iter().filter(|c| !c.is_mail()) {
        let used = cases
            .iter()
            .any(|c| c.codes.iter().any(|x| x == code.as_str()));
        assert!(used, "no case in tests/cases/ expects {}", code.as_str());
    }
}

/// Chromium's top 4,989 domains, each judged as a plain `https://domain/` address: the sites the
/// name rules must leave alone. Each one flagged is named here with why it stands, so that a rule
/// or brand change that flags a real site fails this test instead of shipping.
#[test]
fn top_domains_flagged_are_only_the_known_few() {
    let detector = Detector::new(&UserContext::default()).expect("detector");
    let flagged: Vec<(String, String, Vec<String>)> = include_str!("../src/data/top-domains.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter_map(|domain| {
            let verdict = detector.check_url(&format!("https://{domain}/"));
            let codes = verdict.reasons.iter().map(|r| r.code.as_str().to_owned());
            (verdict.level != miwake::Level::Ok).then(|| {
                (
                    domain.to_owned(),
                    verdict.level.as_str().to_owned(),
                    codes.collect(),
                )
            })
        })
        .collect();
    let expected = [
        // A link shortener: its links hide where they lead.
        ("bitly.com", "caution", vec!["url-shortener"]),
        // A third party's YouTube downloader, named after YouTube.
        (
            "mp3-youtube.download",
            "caution",
            vec!["brand-name-in-domain"],
        ),
        // A link shortener.
        ("t.co", "caution", vec!["url-shortener"]),
    ];
    let expected: Vec<(String, String, Vec<String>)> = expected
        .into_iter()
        .map(|(d, l, c)| {
            (
                d.into(),
                l.into(),
                c.into_iter().map(String::from).collect(),
            )
        })
        .collect();
    assert_eq!(flagged, expected);
}
