//! The mail checker over the fixtures in tests/mails/: brand mails that must be `ok`, phishing
//! shapes that must not, every encoding the issue lists, malformed and huge mails.
#![cfg(feature = "mail")]

use miwake::mail;
use miwake::{Detector, Level, ReasonCode, UserContext};
use serde::Deserialize;

#[derive(Deserialize)]
struct Table {
    cases: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    file: String,
    #[serde(default)]
    shops: Vec<String>,
    why: String,
    verdict: String,
    brand: Option<String>,
    codes: Vec<String>,
    links: Vec<String>,
}

fn table() -> Table {
    serde_json::from_str(include_str!("mails/expected.json")).expect("tests/mails/expected.json")
}

fn detector(shops: &[String]) -> Detector {
    Detector::new(&UserContext {
        shops: shops.to_vec(),
        ..UserContext::default()
    })
    .expect("detector")
}

#[test]
fn every_fixture_gets_its_expected_verdict_and_reasons() {
    let mut failures = Vec::new();
    for case in table().cases {
        let path = format!("{}/tests/mails/{}", env!("CARGO_MANIFEST_DIR"), case.file);
        let source = std::fs::read(&path).expect("fixture");
        let detector = detector(&case.shops);
        let checked = mail::check(&detector, &source);
        let verdict = &checked.verdict;
        let codes = verdict.codes();
        let brand = verdict
            .brand_id
            .as_deref()
            .and_then(|id| detector.brands().get(id))
            .map(|b| b.name.clone());
        let links: Vec<&str> = checked
            .links
            .iter()
            .map(|l| l.verdict.level.as_str())
            .collect();
        if verdict.level.as_str() != case.verdict
            || brand != case.brand
            || codes != case.codes
            || links != case.links
        {
            failures.push(format!(
                "{} ({}): got {} {:?} {:?} links {:?}, expected {} {:?} {:?} links {:?}",
                case.file,
                case.why,
                verdict.level.as_str(),
                brand,
                codes,
                links,
                case.verdict,
                case.brand,
                case.codes,
                case.links
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_table_exercises_every_mail_reason_code() {
    let cases = table().cases;
    for code in ReasonCode::ALL.iter().filter(|c| c.is_mail()) {
        // Needs a mail over 2 MB: `a_ten_megabyte_mail_is_judged_on_its_beginning_quickly`.
        if *code == ReasonCode::MailTruncated {
            continue;
        }
        let used = cases
            .iter()
            .any(|c| c.codes.iter().any(|x| x == code.as_str()));
        assert!(
            used,
            "no case in tests/mails/expected.json expects {}",
            code.as_str()
        );
    }
}

/// A phishing mail with 10 MB of body after its link, plain text and HTML.
fn huge_mail(content_type: &str, filler: &str) -> Vec<u8> {
    let mut source = format!(
        "From: \"Alibaba.com\" <service@alibba.com>\r\nSubject: notice\r\nContent-Type: {content_type}; charset=utf-8\r\n\r\nhttps://alibba.com/login <a href=\"https://alibba.com/login\">x</a>\r\n"
    )
    .into_bytes();
    while source.len() < 10 * 1024 * 1024 {
        source.extend_from_slice(filler.as_bytes());
    }
    source
}

#[test]
fn a_ten_megabyte_mail_is_judged_on_its_beginning() {
    let detector = detector(&[]);
    for (content_type, filler) in [
        (
            "text/plain",
            "line of text with https://example.com/a link\r\n",
        ),
        (
            "text/html",
            "<div><a href=\"https://example.com/\">x</a><p>text",
        ),
    ] {
        let source = huge_mail(content_type, filler);
        let checked = mail::check(&detector, &source);
        let codes = checked.verdict.codes();
        assert_eq!(
            checked.verdict.level,
            Level::Danger,
            "{content_type}: {codes:?}"
        );
        assert!(
            codes.contains(&"mail-truncated"),
            "{content_type}: {codes:?}"
        );
        // What is read is bounded (the beginning, MAX_LINKS links): the time it takes is
        // measured by the bench, not asserted here.
        assert!(checked.links.len() <= mail::MAX_LINKS);
    }
}

#[test]
fn malformed_sources_get_an_answer_never_a_panic() {
    let detector = detector(&[]);
    let deep = {
        let mut s = String::from("From: a@b.example\r\n");
        for i in 0..2000 {
            s.push_str(&format!(
                "Content-Type: multipart/mixed; boundary=\"b{i}\"\r\n\r\n--b{i}\r\n"
            ));
        }
        s.into_bytes()
    };
    let sources: Vec<Vec<u8>> = vec![
        Vec::new(),
        b"\0\0\0\xff\xfe".to_vec(),
        b"From:\r\n\r\n".to_vec(),
        b"From: <@>\r\nReply-To: \"x\" <a@@>\r\nReturn-Path: <>\r\n\r\nhttps://".to_vec(),
        b"Content-Type: multipart/alternative; boundary=\r\n\r\n--\r\n--\r\n".to_vec(),
        b"Subject: =?UTF-8?B?!!!?= =?x-unknown?Q?=ZZ?=\r\nContent-Transfer-Encoding: base64\r\n\r\n@@@@".to_vec(),
        b"Authentication-Results: ;;;=;dmarc=\r\nFrom: Google <a@google.com>\r\n\r\n".to_vec(),
        deep,
    ];
    for words in ["only some words", "Note: call me\r\n\r\nbody"] {
        let checked = mail::check(&detector, words.as_bytes());
        let codes = checked.verdict.codes();
        assert_eq!(codes, ["mail-unreadable"], "{words}");
    }
    for source in sources {
        let checked = mail::check(&detector, &source);
        let report = mail::MailReport::new(&checked, detector.brands(), miwake::Lang::Ja);
        assert!(report.reasons.iter().all(|r| !r.message.is_empty()));
    }
}

#[test]
fn the_readme_lists_every_reason_code() {
    let readme = include_str!("../README.md");
    for code in ReasonCode::ALL {
        let row = format!("| `{}` | {} |", code.as_str(), code.level().as_str());
        assert!(
            readme.contains(&row),
            "README's reason-code table lacks {row}"
        );
    }
}

#[test]
fn a_lone_weak_sign_is_reported_as_information_and_two_as_a_caution() {
    let detector = detector(&[]);
    for (file, verdict) in [
        ("pressure-only-gym.eml", Level::Ok),
        ("greeting-pressure-eucjp.eml", Level::Caution),
    ] {
        let path = format!("{}/tests/mails/{file}", env!("CARGO_MANIFEST_DIR"));
        let source = std::fs::read(&path).expect("fixture");
        let checked = mail::check(&detector, &source);
        let report = mail::MailReport::new(&checked, detector.brands(), miwake::Lang::En);
        assert_eq!(report.verdict, verdict, "{file}");
        assert!(!report.reasons.is_empty(), "{file}");
        assert!(
            report.reasons.iter().all(|r| r.level == verdict),
            "{file}: {:?}",
            report.reasons
        );
    }
}
