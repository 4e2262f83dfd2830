//! The `miwake mail` contract: one JSON line per mail, in order, with exactly the documented
//! fields; standard input when no file is named; exit 0 unless a file cannot be read.

mod support;

use serde_json::Value;
use support::{lines, miwake};

fn keys(value: &Value) -> Vec<&str> {
    let mut keys: Vec<&str> = value
        .as_object()
        .expect("object")
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    keys
}

fn codes(line: &Value) -> Vec<&str> {
    line["reasons"]
        .as_array()
        .expect("reasons")
        .iter()
        .map(|r| r["code"].as_str().expect("code"))
        .collect()
}

#[test]
fn prints_one_line_per_file_in_order_with_exactly_the_documented_fields() {
    let files = [
        "tests/mails/ec-cube-server-damaged-phish.eml",
        "tests/mails/google-security-alert.eml",
        "tests/mails/not-a-mail.eml",
    ];
    let mut args = vec!["mail"];
    args.extend(files);
    let output = miwake(&args, b"");
    assert!(output.status.success(), "{output:?}");
    let answers = lines(&output);
    assert_eq!(answers.len(), files.len());
    for (answer, file) in answers.iter().zip(files) {
        assert_eq!(answer["file"], file);
        assert_eq!(
            keys(answer),
            ["brand", "file", "links", "reasons", "verdict"]
        );
        for reason in answer["reasons"].as_array().expect("reasons") {
            assert_eq!(keys(reason), ["code", "message"]);
        }
        for link in answer["links"].as_array().expect("links") {
            assert_eq!(keys(link), ["brand", "reasons", "text", "url", "verdict"]);
        }
    }
    let phish = &answers[0];
    assert_eq!(phish["verdict"], "danger");
    assert_eq!(phish["brand"], "EC-CUBE");
    assert_eq!(codes(phish)[0], "sender-imitates-brand");
    assert_eq!(
        phish["links"][0]["url"],
        "https://ec-cube.net.verify-id.xyz/admin/login"
    );
    assert_eq!(phish["links"][0]["text"], "https://www.ec-cube.net/login");
    assert_eq!(phish["links"][0]["verdict"], "danger");
    assert_eq!(answers[1]["verdict"], "ok");
    assert_eq!(answers[1]["brand"], "Google");
    assert_eq!(codes(&answers[2]), ["mail-unreadable"]);
}

#[test]
fn reads_standard_input_and_speaks_japanese_and_knows_the_users_shops() {
    let mail = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/mails/shop-admin-lookalike.eml"
    ))
    .expect("fixture");
    let output = miwake(
        &["mail", "--shop", "sakura-tea.co.jp", "--lang", "ja"],
        &mail,
    );
    assert!(output.status.success(), "{output:?}");
    let answers = lines(&output);
    assert_eq!(answers.len(), 1);
    assert_eq!(answers[0]["file"], "-");
    assert_eq!(answers[0]["verdict"], "danger");
    assert_eq!(
        codes(&answers[0]),
        ["sender-lookalike-domain", "dangerous-link"]
    );
    let message = answers[0]["reasons"][0]["message"]
        .as_str()
        .expect("message");
    assert!(
        message.contains("sakura-tea.jp") && message.contains("似せた"),
        "{message}"
    );
    // Without the shop there is nothing to compare with.
    let output = miwake(&["mail"], &mail);
    assert_eq!(lines(&output)[0]["verdict"], "ok");
}

#[test]
fn a_file_that_cannot_be_read_fails_the_run_after_the_others_are_answered() {
    let output = miwake(
        &[
            "mail",
            "tests/mails/no-such-file.eml",
            "tests/mails/newsletter-plain.eml",
        ],
        b"",
    );
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    let answers = lines(&output);
    assert_eq!(answers.len(), 1);
    assert_eq!(answers[0]["file"], "tests/mails/newsletter-plain.eml");
    assert!(String::from_utf8_lossy(&output.stderr).contains("no-such-file.eml"));
    let usage = miwake(&["mail", "--lang", "fr"], b"");
    assert_eq!(usage.status.code(), Some(2));
}

#[test]
fn a_lone_weak_sign_is_listed_on_an_ok_mail_and_a_forwarded_mail_is_judged_inside() {
    let output = miwake(
        &[
            "mail",
            "--lang",
            "ja",
            "tests/mails/agency-google-ads-newsletter.eml",
            "tests/mails/forwarded-rfc822-phish.eml",
        ],
        b"",
    );
    assert!(output.status.success(), "{output:?}");
    let answers = lines(&output);
    let agency = &answers[0];
    assert_eq!(agency["verdict"], "ok");
    assert_eq!(agency["brand"], Value::Null);
    assert_eq!(codes(agency), ["mentions-brand-not-from-it"]);
    let message = agency["reasons"][0]["message"].as_str().expect("message");
    assert!(
        message.contains("Google") && message.contains("brightpath-agency.example"),
        "{message}"
    );
    let forwarded = &answers[1];
    assert_eq!(forwarded["verdict"], "danger");
    assert_eq!(forwarded["brand"], "Alibaba.com");
    assert_eq!(
        codes(forwarded).last().copied(),
        Some("forwarded-mail-checked")
    );
    let note = forwarded["reasons"]
        .as_array()
        .and_then(|r| r.last())
        .and_then(|r| r["message"].as_str())
        .expect("message");
    assert!(note.contains("service@alibba.com"), "{note}");
    // The forwarded mail's link first, then the help desk's ticket link.
    assert_eq!(forwarded["links"][0]["verdict"], "danger");
    assert_eq!(
        forwarded["links"][1]["url"],
        "https://tickets.helpdesk-corp.example/t/4711"
    );
}
