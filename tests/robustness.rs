//! Hostile input never panics the core, and the embedded data is sound.

use miwake::{BrandSet, Detector, Lang, Report, UserContext};
use proptest::prelude::*;
use std::sync::LazyLock;

/// Pieces of addresses where a reader could go wrong: schemes, delimiters, escapes, IDNA,
/// homoglyphs, invisible characters, numbers, the first and last code points.
const PIECES: &[&str] = &[
    "http://",
    "https://",
    "data:",
    "javascript:",
    "blob:",
    "//",
    "@",
    ":",
    ".",
    "..",
    "-",
    "xn--",
    "xn--80ak6aa92e",
    "alibaba",
    "google",
    "com",
    "co.jp",
    "web.app",
    "%",
    "%2e",
    "%zz",
    "[",
    "]",
    "::1",
    "?",
    "#",
    "/",
    "\\",
    " ",
    "\t",
    "\u{0430}",
    "\u{03bf}",
    "ｇ",
    "\u{200d}",
    "\u{feff}",
    "ログイン",
    "0x7f",
    "999999999999",
    "a",
    "z",
    "1",
    "\u{0}",
    "\u{10ffff}",
    "🙂",
];

static DETECTOR: LazyLock<Detector> = LazyLock::new(|| {
    Detector::new(&UserContext {
        shops: vec!["xxxx.co.jp".into()],
        allowlist: vec!["example.org".into()],
    })
    .expect("context")
});

proptest! {
    #![proptest_config(ProptestConfig::with_cases(10_000))]

    #[test]
    fn random_address_like_input_never_panics(
        input in prop::collection::vec(prop::sample::select(PIECES), 0..12).prop_map(|p| p.concat())
    ) {
        let detector = &*DETECTOR;
        let verdict = detector.check_url(&input);
        let report = Report::new(&verdict, detector.brands(), Lang::Ja);
        prop_assert_eq!(report.url, input);
    }
}

#[test]
fn user_context_is_validated_when_the_detector_is_built() {
    for bad in [
        "",
        "not a domain!",
        "http://",
        "192.168.0.1",
        "javascript:alert(1)",
    ] {
        let context = UserContext {
            shops: vec![bad.into()],
            allowlist: vec![],
        };
        assert!(
            Detector::new(&context).is_err(),
            "{bad:?} accepted as a shop"
        );
    }
    let error = Detector::new(&UserContext {
        shops: vec!["not a domain!".into()],
        allowlist: vec![],
    })
    .expect_err("refused");
    assert!(error
        .message(miwake::Lang::Ja)
        .contains("「not a domain!」"));
    assert!(error.message(miwake::Lang::En).contains("“not a domain!”"));
    let too_many = UserContext {
        shops: vec!["example.com".into(); miwake::detector::MAX_USER_ENTRIES + 1],
        allowlist: vec![],
    };
    assert!(Detector::new(&too_many).is_err());
}

#[test]
fn embedded_brand_data_is_valid_and_complete() {
    // Full validation here: BrandSet::embedded() is build.rs's compilation of the same file,
    // unchecked at run time, relying on this test.
    let brands =
        BrandSet::from_json(miwake::brands::EMBEDDED_BRANDS_JSON).expect("embedded brand data");
    assert_eq!(BrandSet::embedded(), brands);
    let ids: Vec<&str> = brands.brands.iter().map(|b| b.id.as_str()).collect();
    assert_eq!(
        ids,
        ["google", "alibaba", "ec-cube", "yahoo-japan", "facebook"]
    );
    for brand in &brands.brands {
        assert!(
            brand.names.iter().any(|n| n.is_ascii()),
            "{} has a Latin name",
            brand.id
        );
        assert!(
            brand.names.iter().any(|n| !n.is_ascii()),
            "{} has a Japanese name",
            brand.id
        );
        assert!(!brand.lookalike_labels.is_empty());
        assert!(brand.report.starts_with("https://"));
        assert!(
            !brand.login_markers.is_empty(),
            "{} has login markers",
            brand.id
        );
    }
}

#[test]
fn malformed_brand_data_is_a_typed_error() {
    assert!(BrandSet::from_json("{").is_err());
    let bad_domain = r#"{"version":1,"lure_words":[],"url_shorteners":[],"brands":[{"id":"x","name":"X",
        "names":["X"],"domains":["Not.Lower.com"],"lookalike_labels":["x"],"report":"https://x"}]}"#;
    assert!(BrandSet::from_json(bad_domain).is_err());
    let not_registrable = bad_domain.replace("Not.Lower.com", "www.example.com");
    assert!(BrandSet::from_json(&not_registrable).is_err());
}

/// Pieces of mails where a reader could go wrong: headers, boundaries, nested `message/rfc822`
/// parts, encodings, forwarded blocks, cut lines.
#[cfg(feature = "mail")]
const MAIL_PIECES: &[&str] = &[
    "From: \"Google\" <a@goog1e.com>\r\n",
    "From: =?ISO-2022-JP?B?GyRCJSIlaiVQJVAbKEI=?= <x@y.example>\r\n",
    "From:",
    "Reply-To: <@>\r\n",
    "Subject: =?UTF-8?B?!!?=\r\n",
    "Authentication-Results: mx; dmarc=pass header.from=google.com\r\n",
    "Content-Type: multipart/mixed; boundary=\"b\"\r\n",
    "Content-Type: message/rfc822\r\n",
    "Content-Type: text/html; charset=shift_jis\r\n",
    "Content-Transfer-Encoding: base64\r\n",
    "Content-Transfer-Encoding: quoted-printable\r\n",
    "\r\n",
    "\r\n\r\n",
    "--b\r\n",
    "--b--\r\n",
    "--",
    "<a href=\"https://alibba.com/\">https://alibaba.com/</a>",
    "<img alt=\"Alibaba\">",
    "https://x.example/login ",
    "---------- Forwarded message ---------\r\n",
    "-------- 転送メッセージ --------\r\n",
    "差出人: アリババ <",
    "From: ec-cube.net <info@server-notice.xyz>\r\n",
    "Dear customer, suspended within 24 hours\r\n",
    "=?",
    "=E3=81",
    "\u{0}",
    "\u{1b}$B",
    "\u{ff}",
    "@",
    "<",
    ">",
];

#[cfg(feature = "mail")]
proptest! {
    #![proptest_config(ProptestConfig::with_cases(3_000))]

    #[test]
    fn random_mail_like_input_never_panics(
        input in prop::collection::vec(prop::sample::select(MAIL_PIECES), 0..40).prop_map(|p| p.concat())
    ) {
        let detector = &*DETECTOR;
        let checked = miwake::mail::check(detector, input.as_bytes());
        let report = miwake::mail::MailReport::new(&checked, detector.brands(), Lang::Ja);
        prop_assert!(report.reasons.iter().all(|r| !r.message.is_empty()));
        prop_assert!(checked.links.len() <= miwake::mail::MAX_LINKS);
    }
}

/// Mails forwarded inside each other, as attachments or inline, far deeper than what is read:
/// an answer that says so, quickly, never a crash.
#[cfg(feature = "mail")]
#[test]
fn deeply_nested_forwards_get_a_bounded_answer() {
    fn attached(depth: usize) -> String {
        let mut mail = String::from(
            "From: \"Alibaba.com\" <service@alibba.com>\r\n\r\nhttps://alibba.com/login\r\n",
        );
        for level in 1..=depth {
            mail = format!(
                "From: fw{level}@relay.example\r\nContent-Type: multipart/mixed; boundary=\"n{level}\"\r\n\r\n--n{level}\r\nContent-Type: message/rfc822\r\n\r\n{mail}\r\n--n{level}--\r\n"
            );
        }
        mail
    }
    fn inline(depth: usize) -> String {
        let mut mail = String::from("From: ec-cube.net <info@server-notice.xyz>\r\n\r\nhttps://ec-cube.net.verify-id.xyz/admin\r\n");
        for level in 1..=depth {
            mail = format!(
                "From: fw{level}@relay.example\r\n\r\nsee below\r\n---------- Forwarded message ---------\r\n{mail}"
            );
        }
        format!(
            "Subject: x\r\n{}",
            mail.split_once("\r\n").map_or("", |(_, rest)| rest)
        )
    }
    let detector = &*DETECTOR;
    for depth in [0, 1, 7, 8, 9, 50, 400] {
        for (shape, source) in [("attached", attached(depth)), ("inline", inline(depth))] {
            let checked = miwake::mail::check(detector, source.as_bytes());
            let codes = checked.verdict.codes();
            assert_eq!(
                codes.contains(&"forwarded-mail-checked"),
                depth > 0,
                "{shape} {depth}: {codes:?}"
            );
            assert_eq!(
                codes.contains(&"forwarded-too-deep"),
                depth >= miwake::mail::MAX_NESTING,
                "{shape} {depth}: {codes:?}"
            );
            // Read to the end, the innermost mail is the phishing one.
            if depth < miwake::mail::MAX_NESTING {
                assert_eq!(
                    checked.verdict.level,
                    miwake::Level::Danger,
                    "{shape} {depth}: {codes:?}"
                );
            }
        }
    }
}
