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
