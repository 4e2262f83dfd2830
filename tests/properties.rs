//! Properties of the library's public readers, on generated input (proptest): addresses, page
//! signals and settings never panic the core, a refusal is a typed error, and what is accepted is
//! bounded. Each property runs a modest number of cases so `cargo test` stays quick; proptest
//! shrinks a failure to a small input and records its seed in tests/properties.proptest-regressions.

use miwake::page::caps;
use miwake::{Detector, Lang, PageSignals, Report, UserContext};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;
use serde_json::{json, Map, Value};
use std::sync::LazyLock;

static DETECTOR: LazyLock<Detector> = LazyLock::new(|| {
    Detector::new(&UserContext {
        shops: vec!["xxxx.co.jp".into()],
        allowlist: vec!["example.org".into()],
    })
    .expect("a valid context")
});

/// A refusal is a typed error with something to say, never a panic or an empty message.
fn typed_error<E: std::error::Error>(error: &E) -> String {
    let message = error.to_string();
    assert!(!message.is_empty(), "an error without a message: {error:?}");
    message
}

// --- generators

/// Characters that make addresses interesting: separators, escapes, look-alikes, invisibles.
const ODD_CHARS: &[char] = &[
    '.',
    '-',
    '_',
    '@',
    ':',
    '/',
    '\\',
    '%',
    '?',
    '#',
    '[',
    ']',
    ' ',
    '\t',
    '\n',
    '\u{0}',
    'а',
    'е',
    'о',
    'ο',
    'і',
    'ӏ',
    'ɡ',
    'ｇ',
    'Ａ',
    '\u{200d}',
    '\u{200b}',
    '\u{feff}',
    '\u{202e}',
    '\u{301}',
    'ß',
    'ς',
    'İ',
    'ı',
    'ロ',
    'グ',
    '🙂',
    '\u{10ffff}',
];

fn label() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[a-z0-9]{1,12}",
        2 => "[a-z0-9][a-z0-9-]{0,10}[a-z0-9]",
        2 => select(&["google", "alibaba", "aliexpress", "taobao", "tmall", "ec-cube", "alibba",
            "gooogle", "www", "accounts", "login", "secure", "verify", "xxxx"][..]).prop_map(String::from),
        1 => "xn--[a-z0-9-]{1,12}",
        2 => vec(prop_oneof![3 => proptest::char::range('a', 'z'), 1 => select(ODD_CHARS)], 1..10)
            .prop_map(|cs| cs.into_iter().collect()),
        1 => ".{0,6}",
    ]
}

fn host() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => (vec(label(), 1..4), select(&["com", "co.jp", "jp", "net", "web.app", "github.io",
            "com.cn", "xyz", "top", "example", "local", "", "COM", "co.jp."][..]))
            .prop_map(|(labels, suffix)| {
                let mut host = labels.join(".");
                if !suffix.is_empty() {
                    host.push('.');
                    host.push_str(suffix);
                }
                host
            }),
        1 => "[0-9]{1,4}(\\.[0-9]{1,4}){0,4}",
        1 => "0x[0-9a-f]{1,8}",
        1 => "\\[[0-9a-f:.]{0,24}\\]?",
        1 => ".{0,12}",
    ]
}

/// Strings shaped like what a user pastes or a page links to, well-formed or nearly so.
fn url_shaped() -> impl Strategy<Value = String> {
    let scheme = prop_oneof![
        6 => select(&["https://", "http://", ""][..]).prop_map(String::from),
        3 => select(&["HTTPS://", "//", "http:", "https:/", "ftp://", "ws://", "file://",
            "data:", "javascript:", "about:", "blob:https://", "view-source:https://",
            "chrome-extension://", "mailto:", "http:\\\\"][..]).prop_map(String::from),
        1 => "[a-zA-Z][a-zA-Z0-9+.-]{0,8}:(//)?",
    ];
    let userinfo = prop_oneof![4 => Just(String::new()), 1 => "[a-z0-9.:%]{0,12}@"];
    let port = prop_oneof![4 => Just(String::new()), 1 => ":[0-9]{0,6}"];
    let path = prop_oneof![
        3 => "(/[a-zA-Z0-9%._~!$&'()*+,;=:@-]{0,10}){0,4}",
        1 => vec(prop_oneof![proptest::char::range('a', 'z'), select(ODD_CHARS)], 0..12)
            .prop_map(|cs| cs.into_iter().collect::<String>()),
    ];
    let query = prop_oneof![3 => Just(String::new()), 1 => "\\?[a-z0-9=&%./:]{0,16}"];
    let fragment = prop_oneof![3 => Just(String::new()), 1 => "#.{0,8}"];
    let padding = select(&["", "", "", " ", "\t", "\r", " \n "][..]);
    (
        padding.clone(),
        scheme,
        userinfo,
        host(),
        port,
        path,
        query,
        fragment,
        padding,
    )
        .prop_map(
            |(lead, scheme, user, host, port, path, query, fragment, trail)| {
                format!("{lead}{scheme}{user}{host}{port}{path}{query}{fragment}{trail}")
            },
        )
}

/// Any string at all, or one shaped like an address.
fn address_input() -> impl Strategy<Value = String> {
    prop_oneof![any::<String>(), url_shaped()]
}

/// A run of one character, about as long as a cap: just under, at, or over it.
fn near_a_cap() -> impl Strategy<Value = String> {
    (
        select(&['A', 'a', 'İ', 'ß', 'ロ', '🙂', ' '][..]),
        select(
            &[
                255usize, 256, 257, 1023, 1024, 1025, 1500, 3999, 4000, 4001, 4200,
            ][..],
        ),
    )
        .prop_map(|(c, n)| std::iter::repeat_n(c, n).collect())
}

/// A string for a signal: mostly short, sometimes about as long as a cap.
fn signal_text() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => ".{0,12}",
        2 => "[A-Za-z0-9 ]{0,24}",
        1 => select(&["password", "PASSWORD", "email", "Sign in - Google Accounts",
            "identifierId", "ログイン", "パスワード", "current-password", "Alibaba.com",
            "https://www.alibaba.com/favicon.ico", "POST", "_csrf_token"][..]).prop_map(String::from),
        1 => near_a_cap(),
    ]
}

/// A value of the wrong type where a string, number, boolean or list is expected.
fn wrong_type() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(|x| json!(x)),
        ".{0,6}".prop_map(Value::from),
        Just(json!([1, "x", null])),
        Just(json!({"nested": {"deeper": []}})),
    ]
}

/// A field that is usually of its documented type, sometimes absent, sometimes of another.
fn slot(
    good: impl Strategy<Value = Value> + 'static,
    wrong_types: bool,
) -> BoxedStrategy<Option<Value>> {
    if wrong_types {
        prop_oneof![
            6 => good.prop_map(Some),
            2 => Just(None),
            1 => wrong_type().prop_map(Some),
        ]
        .boxed()
    } else {
        prop_oneof![4 => good.prop_map(Some), 1 => Just(None)].boxed()
    }
}

fn text_value() -> impl Strategy<Value = Value> {
    signal_text().prop_map(Value::from)
}

/// A list that sometimes runs past its cap.
fn list_value(item: BoxedStrategy<Value>, cap: usize) -> impl Strategy<Value = Value> {
    prop_oneof![4 => vec(item.clone(), 0..4), 1 => vec(item, cap..cap + 8)].prop_map(Value::Array)
}

fn object(entries: Vec<(&'static str, Option<Value>)>) -> Value {
    Value::Object(
        entries
            .into_iter()
            .filter_map(|(key, value)| Some((key.to_owned(), value?)))
            .collect::<Map<String, Value>>(),
    )
}

/// Page signals as the content script sends them: every part optional, lists past their caps,
/// strings past theirs; with `wrong_types`, some parts of another JSON type.
fn page_signals_json(wrong_types: bool) -> impl Strategy<Value = Value> {
    let w = wrong_types;
    let image = (slot(text_value(), w), slot(text_value(), w))
        .prop_map(|(src, alt)| object(vec![("src", src), ("alt", alt)]));
    let field = (
        slot(text_value(), w),
        slot(text_value(), w),
        slot(text_value(), w),
        slot(text_value(), w),
        slot(any::<bool>().prop_map(Value::from), w),
        slot(any::<bool>().prop_map(Value::from), w),
        slot(
            prop_oneof![(0u64..40).prop_map(Value::from), Just(Value::Null)],
            w,
        ),
    )
        .prop_map(|(t, id, name, autocomplete, security, labelled, form)| {
            object(vec![
                ("type", t),
                ("id", id),
                ("name", name),
                ("autocomplete", autocomplete),
                ("textSecurity", security),
                ("labelledSecret", labelled),
                ("form", form),
            ])
        });
    let form = (
        slot(text_value(), w),
        slot(text_value(), w),
        slot(list_value(text_value().boxed(), caps::HIDDEN_NAMES), w),
    )
        .prop_map(|(action, method, hidden)| {
            object(vec![
                ("action", action),
                ("method", method),
                ("hiddenNames", hidden),
            ])
        });
    (
        (
            slot(text_value(), w),
            slot(text_value(), w),
            slot(list_value(text_value().boxed(), caps::HEADINGS), w),
            slot(
                prop_oneof![signal_text(), near_a_cap()].prop_map(Value::from),
                w,
            ),
            slot(list_value(image.boxed(), caps::IMAGES), w),
        ),
        (
            slot(list_value(text_value().boxed(), caps::IDS), w),
            slot(list_value(field.boxed(), caps::FIELDS), w),
            slot(list_value(form.boxed(), caps::FORMS), w),
            slot(text_value(), w),
            slot(text_value(), w),
        ),
        prop_oneof![4 => Just(None), 1 => wrong_type().prop_map(Some)],
    )
        .prop_map(
            |(
                (title, site, headings, text, images),
                (ids, fields, forms, body_id, classes),
                extra,
            )| {
                object(vec![
                    ("title", title),
                    ("siteName", site),
                    ("headings", headings),
                    ("text", text),
                    ("images", images),
                    ("ids", ids),
                    ("fields", fields),
                    ("forms", forms),
                    ("bodyId", body_id),
                    ("bodyClasses", classes),
                    ("somethingNew", extra),
                ])
            },
        )
}

/// A domain a user would register as a shop or trust: always accepted.
fn good_domain() -> impl Strategy<Value = String> {
    (
        "[a-z][a-z0-9]{0,15}(-[a-z0-9]{1,8})?",
        select(&["com", "net", "org", "co.jp", "jp", "shop", "com.cn", "de"][..]),
        any::<bool>(),
    )
        .prop_map(|(label, suffix, www)| {
            format!("{}{label}.{suffix}", if www { "www." } else { "" })
        })
}

/// An entry that is no domain: always refused.
fn bad_domain() -> impl Strategy<Value = String> {
    prop_oneof![
        "[ \t]{0,3}",
        "[a-z]{1,8} [a-z]{1,8}\\.com",
        "[a-z]{1,8}%20[a-z]{1,8}\\.com",
        "[1-9][0-9]{0,2}\\.[0-9]{1,3}\\.[0-9]{1,3}\\.[1-9][0-9]{0,2}",
        "javascript:[a-z()]{0,10}",
        "data:text/html,[a-z]{0,10}",
    ]
}

/// An entry with whether it is a domain.
fn tagged_entry() -> impl Strategy<Value = (String, bool)> {
    prop_oneof![
        4 => good_domain().prop_map(|d| (d, true)),
        1 => bad_domain().prop_map(|d| (d, false)),
    ]
}

fn settings_entry() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => good_domain(),
        1 => bad_domain(),
        1 => url_shaped(),
        1 => any::<String>(),
    ]
}

/// Settings as the options page or a managed policy stores them, sometimes not of their shape.
fn settings_json() -> impl Strategy<Value = Value> {
    let list = || {
        prop_oneof![
            8 => vec(settings_entry().prop_map(Value::from), 0..5).prop_map(Value::Array),
            1 => wrong_type(),
        ]
    };
    (
        prop_oneof![4 => list().prop_map(Some), 1 => Just(None)],
        prop_oneof![4 => list().prop_map(Some), 1 => Just(None)],
        prop_oneof![8 => Just(None), 1 => wrong_type().prop_map(Some)],
    )
        .prop_map(|(shops, allowlist, extra)| {
            object(vec![
                ("shops", shops),
                ("allowlist", allowlist),
                ("unknownSetting", extra),
            ])
        })
}

// --- checks shared by the properties

/// What every verdict satisfies, whatever the input: a report for that input, in both languages,
/// serialisable, every reason with a code and a message.
fn check_report(detector: &Detector, input: &str, verdict: &miwake::Verdict) {
    for lang in [Lang::En, Lang::Ja] {
        let report = Report::new(verdict, detector.brands(), lang);
        assert_eq!(report.url, input);
        assert!(["ok", "caution", "danger"].contains(&report.verdict.as_str()));
        assert_eq!(
            report.verdict.as_str() == "ok",
            report.reasons.iter().all(|r| r.level.as_str() == "ok"),
            "the verdict is the strongest reason's level"
        );
        for reason in &report.reasons {
            assert!(!reason.code.is_empty());
            assert!(!reason.message.is_empty(), "{}", reason.code);
        }
        let json = serde_json::to_string(&report).expect("a report serialises");
        let back: Value = serde_json::from_str(&json).expect("as JSON");
        assert_eq!(back["url"], input);
    }
}

fn codes(detector: &Detector, verdict: &miwake::Verdict) -> Vec<&'static str> {
    Report::new(verdict, detector.brands(), Lang::En)
        .reasons
        .iter()
        .map(|r| r.code)
        .collect()
}

/// The signals' text fields, each as read and as sent, with its cap: the first `cap` characters,
/// lower-cased except a form's action (a URL, case kept).
/// How a capped text is kept: folded as it reads (page text), lower-cased (enumerated
/// attributes), or as sent (URLs).
#[derive(Clone, Copy)]
enum Kept {
    Folded,
    Lower,
    AsSent,
}

fn assert_capped(read: &str, sent: Option<&Value>, cap: usize, kept: Kept) {
    let sent = sent.and_then(Value::as_str).unwrap_or("");
    let first: String = sent.chars().take(cap).collect();
    let expected: String = match kept {
        Kept::Folded => miwake::page_text::fold(&first),
        Kept::Lower => first.chars().flat_map(char::to_lowercase).collect(),
        Kept::AsSent => first,
    };
    assert_eq!(read, expected, "capped to {cap} characters");
}

/// The items of a sent list that are read: those of the item's type (strings, or objects).
fn sent_list(value: &Value, key: &str) -> Vec<Value> {
    let items = value.get(key).and_then(Value::as_array);
    let of_type = |item: &&Value| match key {
        "headings" | "ids" | "hiddenNames" | "labels" => item.is_string(),
        _ => item.is_object(),
    };
    items
        .map(|items| items.iter().filter(of_type).cloned().collect())
        .unwrap_or_default()
}

/// Accepted signals keep at most each cap of each part, in order, folded or lower-cased.
fn assert_signals_capped(signals: &PageSignals, sent: &Value) {
    use caps::*;
    assert_capped(&signals.title, sent.get("title"), SHORT_TEXT, Kept::Folded);
    assert_capped(
        &signals.site_name,
        sent.get("siteName"),
        SHORT_TEXT,
        Kept::Folded,
    );
    assert_capped(&signals.text, sent.get("text"), TEXT_SAMPLE, Kept::Folded);
    assert_capped(
        &signals.body_id,
        sent.get("bodyId"),
        SHORT_TEXT,
        Kept::Folded,
    );
    assert_capped(
        &signals.body_classes,
        sent.get("bodyClasses"),
        SHORT_TEXT,
        Kept::Folded,
    );
    let headings = sent_list(sent, "headings");
    assert_eq!(signals.headings.len(), headings.len().min(HEADINGS));
    for (read, sent) in signals.headings.iter().zip(&headings) {
        assert_capped(read, Some(sent), SHORT_TEXT, Kept::Folded);
    }
    let ids = sent_list(sent, "ids");
    assert_eq!(signals.ids.len(), ids.len().min(IDS));
    for (read, sent) in signals.ids.iter().zip(&ids) {
        assert_capped(read, Some(sent), SHORT_TEXT, Kept::Folded);
    }
    let images = sent_list(sent, "images");
    assert_eq!(signals.images.len(), images.len().min(IMAGES));
    for (read, sent) in signals.images.iter().zip(&images) {
        assert_capped(&read.src, sent.get("src"), URL, Kept::Folded);
        assert_capped(&read.alt, sent.get("alt"), SHORT_TEXT, Kept::Folded);
    }
    let fields = sent_list(sent, "fields");
    assert_eq!(signals.fields.len(), fields.len().min(FIELDS));
    for (read, sent) in signals.fields.iter().zip(&fields) {
        assert_capped(&read.input_type, sent.get("type"), SHORT_TEXT, Kept::Lower);
        assert_capped(&read.id, sent.get("id"), SHORT_TEXT, Kept::Folded);
        assert_capped(&read.name, sent.get("name"), SHORT_TEXT, Kept::Folded);
        assert_capped(
            &read.autocomplete,
            sent.get("autocomplete"),
            SHORT_TEXT,
            Kept::Lower,
        );
        assert!(
            read.form.is_none_or(|i| i < FORMS),
            "a form index past the forms kept"
        );
    }
    let forms = sent_list(sent, "forms");
    assert_eq!(signals.forms.len(), forms.len().min(FORMS));
    for (read, sent) in signals.forms.iter().zip(&forms) {
        assert_capped(&read.action, sent.get("action"), URL, Kept::AsSent);
        assert_capped(&read.method, sent.get("method"), SHORT_TEXT, Kept::Lower);
        let hidden = sent_list(sent, "hiddenNames");
        assert_eq!(read.hidden_names.len(), hidden.len().min(HIDDEN_NAMES));
        for (read, sent) in read.hidden_names.iter().zip(&hidden) {
            assert_capped(read, Some(sent), SHORT_TEXT, Kept::Folded);
        }
    }
}

// --- addresses

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// `address::parse` reads anything without panicking; a refusal is a typed error.
    #[test]
    fn address_parse_never_panics(input in address_input()) {
        if let Err(error) = miwake::address::parse(&input) {
            typed_error(&error);
        }
    }

    /// `check_url` answers every input, and says `invalid-url` exactly when the address reader
    /// refused it, with the reader's reason in the message.
    #[test]
    fn check_url_answers_every_input(input in address_input()) {
        let detector = &*DETECTOR;
        let verdict = detector.check_url(&input);
        check_report(detector, &input, &verdict);
        let found = codes(detector, &verdict);
        match miwake::address::parse(&input) {
            Err(error) => {
                prop_assert_eq!(found, vec!["invalid-url"]);
                let report = Report::new(&verdict, detector.brands(), Lang::En);
                prop_assert!(report.reasons[0].message.contains(&typed_error(&error)));
            }
            Ok(_) => prop_assert!(!found.contains(&"invalid-url"), "{:?}", found),
        }
    }

    /// A link's destination and its visible text, any strings at all.
    #[test]
    fn check_link_never_panics(
        href in address_input(),
        text in prop_oneof![
            address_input(),
            url_shaped().prop_map(|u| format!("Sign in at {u} now")),
            Just("https://www.alibaba.com".to_owned()),
        ],
    ) {
        let detector = &*DETECTOR;
        let verdict = detector.check_link(&href, &text);
        check_report(detector, &href, &verdict);
        // The link's text only adds to what its destination alone gets.
        let alone = codes(detector, &detector.check_url(&href));
        let with_text = codes(detector, &verdict);
        for code in &alone {
            prop_assert!(with_text.contains(code), "{} lost: {:?}", code, with_text);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(16))]

    /// No address over the reader's 16 KiB limit is read, whatever it holds.
    #[test]
    fn over_long_addresses_are_refused(url in url_shaped(), extra in 16_384usize..20_000) {
        let input = format!("https://{}.com/{url}", "a".repeat(extra));
        typed_error(&miwake::address::parse(&input).expect_err("too long"));
        prop_assert_eq!(codes(&DETECTOR, &DETECTOR.check_url(&input)), vec!["invalid-url"]);
    }
}

// --- page signals

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// Any text at all, JSON or not: signals or a typed error.
    #[test]
    fn page_signals_from_any_text(
        text in prop_oneof![
            any::<String>(),
            "[\\[\\]{}\":,0-9a-zA-Z\\\\ .-]{0,64}",
            (page_signals_json(true), any::<prop::sample::Index>()).prop_map(|(value, cut)| {
                // JSON cut short at a character boundary.
                let text = value.to_string();
                let ends: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
                text[..ends[cut.index(ends.len())]].to_owned()
            }),
        ],
    ) {
        if let Err(error) = PageSignals::from_json(&text) {
            typed_error(&error);
        }
    }

    /// Signals are accepted and capped, parts of other JSON types and all: a page that breaks one
    /// part of what Miwake reads loses that part only. Whatever is accepted can be judged.
    #[test]
    fn page_signals_are_capped(
        value in prop_oneof![page_signals_json(false), page_signals_json(true)],
        url in url_shaped(),
    ) {
        let text = value.to_string();
        let signals = PageSignals::from_json(&text);
        prop_assert!(signals.is_ok(), "signals refused: {:?}", signals);
        if let Ok(signals) = signals {
            assert_signals_capped(&signals, &value);
            let detector = &*DETECTOR;
            let verdict = detector.check_page(&url, &signals);
            check_report(detector, &url, &verdict);
        }
    }
}

// --- settings

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// The settings reader takes any text: settings or a typed error.
    #[test]
    fn settings_from_any_text(
        text in prop_oneof![
            any::<String>(),
            "[\\[\\]{}\":,a-z. ]{0,48}",
            settings_json().prop_map(|v| v.to_string()),
        ],
    ) {
        match serde_json::from_str::<UserContext>(&text) {
            Ok(context) => {
                let built: Result<Detector, miwake::ConfigError> = Detector::new(&context);
                if let Err(error) = built {
                    typed_error(&error);
                }
            }
            Err(error) => {
                typed_error(&error);
            }
        }
    }

    /// Settings of their shape are read; the detector is built when every entry is a domain and
    /// refused with a `ConfigError` naming the first bad entry otherwise.
    #[test]
    fn settings_entries_are_validated(
        shops in vec(tagged_entry(), 0..4),
        allowlist in vec(tagged_entry(), 0..4),
        url in url_shaped(),
    ) {
        let entries = |tagged: &[(String, bool)]| -> Vec<String> {
            tagged.iter().map(|(entry, _)| entry.clone()).collect()
        };
        let text = json!({ "shops": entries(&shops), "allowlist": entries(&allowlist) }).to_string();
        let context = serde_json::from_str::<UserContext>(&text).expect("settings of their shape");
        prop_assert_eq!(&context.shops, &entries(&shops));
        prop_assert_eq!(&context.allowlist, &entries(&allowlist));
        let bad: Vec<&str> = shops
            .iter()
            .chain(&allowlist)
            .filter(|(_, good)| !good)
            .map(|(entry, _)| entry.as_str())
            .collect();
        let built: Result<Detector, miwake::ConfigError> = Detector::new(&context);
        match built {
            Ok(detector) => {
                prop_assert!(bad.is_empty(), "{:?} accepted", bad);
                let verdict = detector.check_url(&url);
                check_report(&detector, &url, &verdict);
            }
            Err(error) => {
                let message = typed_error(&error);
                prop_assert!(!bad.is_empty(), "good entries refused: {}", message);
                prop_assert!(
                    bad.iter().any(|entry| message.contains(entry)),
                    "{} names none of {:?}", message, bad
                );
            }
        }
    }
}
