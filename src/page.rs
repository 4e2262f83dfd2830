//! What a page shows, as the content script reports it: read leniently, capped and folded here,
//! because it comes from the page and may be hostile. A part of the wrong type is dropped, not
//! the whole: a page must not escape judgement by breaking one part of what Miwake reads.

use crate::page_text;
use serde::de::{IgnoredAny, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};
use std::fmt;
use std::marker::PhantomData;

/// Signals as JSON text (the CLI's `--signals` file) larger than this are refused whole. The
/// content script's signals are capped before they are sent, and a page's oversized parts are
/// cut to the caps below, so this bounds only what one read may cost.
pub const MAX_SIGNALS_JSON: usize = 4 * 1024 * 1024;

/// Caps on what is kept of each part; the content script applies the same ones, so nothing a
/// normal page shows is lost.
pub mod caps {
    pub const SHORT_TEXT: usize = 256;
    pub const URL: usize = 1024;
    pub const TEXT_SAMPLE: usize = 4000;
    pub const HEADINGS: usize = 16;
    pub const IMAGES: usize = 64;
    pub const IDS: usize = 256;
    pub const LABELS: usize = 64;
    pub const FIELDS: usize = 64;
    pub const FORMS: usize = 32;
    pub const HIDDEN_NAMES: usize = 32;
    pub const SCRIPT_ENDPOINTS: usize = 32;
}

/// Items of a list read at most, the largest cap: the rest are skipped unread.
const LIST_READ_MAX: usize = caps::IDS;

/// An image, icon or stylesheet the page shows: logos and favicons tell brands apart.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct ImageSignal {
    /// Absolute URL as the browser resolved it.
    #[serde(deserialize_with = "lenient")]
    pub src: String,
    /// Its `alt` or `title` text, or an SVG's label.
    #[serde(deserialize_with = "lenient")]
    pub alt: String,
}

/// An input that takes a credential: password, user name, e-mail or id.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct FieldSignal {
    /// The input's `type` (`password`, `text`, `email`).
    #[serde(rename = "type", deserialize_with = "lenient")]
    pub input_type: String,
    #[serde(deserialize_with = "lenient")]
    pub id: String,
    #[serde(deserialize_with = "lenient")]
    pub name: String,
    #[serde(deserialize_with = "lenient")]
    pub autocomplete: String,
    /// A text input styled with `-webkit-text-security` to hide what is typed, like a password.
    #[serde(deserialize_with = "lenient")]
    pub text_security: bool,
    /// A plain input whose label, placeholder or aria-label asks for a password (`パスワード`):
    /// how Google Forms and other form builders are made to collect one.
    #[serde(deserialize_with = "lenient")]
    pub labelled_secret: bool,
    /// Index into [`PageSignals::forms`] of the form holding the field.
    #[serde(deserialize_with = "lenient")]
    pub form: Option<usize>,
}

impl FieldSignal {
    /// Whether what is typed here is a secret: a password, or a text input made to look like one.
    pub fn is_secret(&self) -> bool {
        self.input_type == "password"
            || self.text_security
            || self.labelled_secret
            || self.autocomplete.contains("password")
    }
}

/// A form holding credential fields.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct FormSignal {
    /// Absolute URL the form submits to, as the browser resolved it.
    #[serde(deserialize_with = "lenient")]
    pub action: String,
    #[serde(deserialize_with = "lenient")]
    pub method: String,
    /// Names of the form's hidden inputs (`_csrf_token`, `transactionid`).
    #[serde(deserialize_with = "lenient_list")]
    pub hidden_names: Vec<String>,
}

/// Everything the detector reads from a page. Every field is optional; a field of the wrong type
/// reads as absent, and a list keeps the items of the right type.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageSignals {
    pub title: String,
    /// `og:site_name`.
    pub site_name: String,
    pub headings: Vec<String>,
    /// A bounded sample of the visible text.
    pub text: String,
    pub images: Vec<ImageSignal>,
    /// Element ids, bounded.
    pub ids: Vec<String>,
    /// What the page says without it being text of its own: accessible names (`aria-label`,
    /// `title`), the labels and placeholders of credential fields, SVG text, CSS generated
    /// content (`::before`, `::after`).
    pub labels: Vec<String>,
    pub fields: Vec<FieldSignal>,
    pub forms: Vec<FormSignal>,
    pub body_id: String,
    pub body_classes: String,
    /// Absolute addresses the page's scripts name (string literals in inline scripts, script
    /// sources): where a kit's `fetch` or `sendBeacon` sends what is typed.
    pub script_endpoints: Vec<String>,
    /// The page sent signals Miwake could not read: not an object, or a list of credential
    /// fields of which none could be read. The content script sends signals only for a page with
    /// a credential field, so such a page asks for one and cannot be shown to be fine.
    pub unreadable: bool,
}

/// [`PageSignals`] as read, before it is known whether they could be.
#[derive(Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct SignalsRead {
    #[serde(deserialize_with = "lenient")]
    title: String,
    #[serde(deserialize_with = "lenient")]
    site_name: String,
    #[serde(deserialize_with = "lenient_list")]
    headings: Vec<String>,
    #[serde(deserialize_with = "lenient")]
    text: String,
    #[serde(deserialize_with = "lenient_list")]
    images: Vec<ImageSignal>,
    #[serde(deserialize_with = "lenient_list")]
    ids: Vec<String>,
    #[serde(deserialize_with = "lenient_list")]
    labels: Vec<String>,
    /// Absent (or `null`), of the wrong type, or a list.
    fields: Option<Lenient<Listed<FieldSignal>>>,
    #[serde(deserialize_with = "lenient_list")]
    forms: Vec<FormSignal>,
    #[serde(deserialize_with = "lenient")]
    body_id: String,
    #[serde(deserialize_with = "lenient")]
    body_classes: String,
    #[serde(deserialize_with = "lenient_list")]
    script_endpoints: Vec<String>,
}

impl<'de> Deserialize<'de> for PageSignals {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // Tried in order, the first that reads wins: a list is not signals (a struct would read
        // one by position).
        #[derive(Deserialize)]
        #[serde(untagged)]
        #[allow(dead_code)] // which variant reads is all that matters of a list or other value
        enum Read {
            List(Vec<IgnoredAny>),
            Signals(Box<SignalsRead>),
            Other(IgnoredAny),
        }
        let read = match Read::deserialize(deserializer)? {
            Read::Signals(read) => *read,
            Read::List(_) | Read::Other(_) => {
                return Ok(PageSignals {
                    unreadable: true,
                    ..PageSignals::default()
                })
            }
        };
        let fields = match read.fields {
            None => Listed::default(),
            Some(Lenient(None)) => Listed {
                items: Vec::new(),
                skipped: 1,
            },
            Some(Lenient(Some(listed))) => listed,
        };
        Ok(PageSignals {
            unreadable: fields.items.is_empty() && fields.skipped > 0,
            title: read.title,
            site_name: read.site_name,
            headings: read.headings,
            text: read.text,
            images: read.images,
            ids: read.ids,
            labels: read.labels,
            fields: fields.items,
            forms: read.forms,
            body_id: read.body_id,
            body_classes: read.body_classes,
            script_endpoints: read.script_endpoints,
        })
    }
}

/// Why signals were refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignalsError {
    /// Over [`MAX_SIGNALS_JSON`] bytes.
    TooLarge,
    /// Not JSON.
    Malformed(String),
}

impl fmt::Display for SignalsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SignalsError::TooLarge => write!(f, "page signals over {MAX_SIGNALS_JSON} bytes"),
            SignalsError::Malformed(e) => write!(f, "page signals are malformed: {e}"),
        }
    }
}

impl std::error::Error for SignalsError {}

impl PageSignals {
    /// Reads signals from JSON, then caps and folds them. Parts of the wrong type are dropped;
    /// JSON that is not an object reads as [`PageSignals::unreadable`].
    ///
    /// # Errors
    /// [`SignalsError`] when the text is too large or not JSON.
    pub fn from_json(json: &str) -> Result<Self, SignalsError> {
        if json.len() > MAX_SIGNALS_JSON {
            return Err(SignalsError::TooLarge);
        }
        let signals: PageSignals =
            serde_json::from_str(json).map_err(|e| SignalsError::Malformed(e.to_string()))?;
        Ok(signals.normalised())
    }

    /// Capped to [`caps`]; text folded as it reads ([`page_text::fold`]: case, lookalike letters,
    /// invisible characters), so that markers and names match however the page writes them.
    /// Enumerated attributes (`type`, `autocomplete`, `method`) are only lower-cased, the form's
    /// action only capped.
    #[must_use]
    pub fn normalised(self) -> Self {
        use caps::*;
        let fields = self
            .fields
            .into_iter()
            .take(FIELDS)
            .map(|f| FieldSignal {
                input_type: lower(&f.input_type, SHORT_TEXT),
                id: folded(&f.id, SHORT_TEXT),
                name: folded(&f.name, SHORT_TEXT),
                autocomplete: lower(&f.autocomplete, SHORT_TEXT),
                text_security: f.text_security,
                labelled_secret: f.labelled_secret,
                form: f.form.filter(|&i| i < FORMS),
            })
            .collect();
        let forms = self
            .forms
            .into_iter()
            .take(FORMS)
            .map(|f| FormSignal {
                action: capped(&f.action, URL),
                method: lower(&f.method, SHORT_TEXT),
                hidden_names: folded_list(&f.hidden_names, HIDDEN_NAMES, SHORT_TEXT),
            })
            .collect();
        PageSignals {
            title: folded(&self.title, SHORT_TEXT),
            site_name: folded(&self.site_name, SHORT_TEXT),
            headings: folded_list(&self.headings, HEADINGS, SHORT_TEXT),
            text: folded(&self.text, TEXT_SAMPLE),
            images: self
                .images
                .iter()
                .take(IMAGES)
                .map(|i| ImageSignal {
                    src: folded(&i.src, URL),
                    alt: folded(&i.alt, SHORT_TEXT),
                })
                .collect(),
            ids: folded_list(&self.ids, IDS, SHORT_TEXT),
            labels: folded_list(&self.labels, LABELS, SHORT_TEXT),
            fields,
            forms,
            body_id: folded(&self.body_id, SHORT_TEXT),
            body_classes: folded(&self.body_classes, SHORT_TEXT),
            unreadable: self.unreadable,
            script_endpoints: self
                .script_endpoints
                .iter()
                .take(SCRIPT_ENDPOINTS)
                .map(|e| capped(e, URL))
                .collect(),
        }
    }

    /// Whether the page asks for a credential at all: a secret field, or a user-name field.
    pub fn asks_for_credentials(&self) -> bool {
        !self.fields.is_empty()
    }

    /// Whether the page asks for a secret (password-like) field.
    pub fn asks_for_secret(&self) -> bool {
        self.fields.iter().any(FieldSignal::is_secret)
    }
}

/// A value of the wrong type reads as the default, as `null` and an absent field do: both readers
/// (JSON text natively, JS objects in the browser) accept what a content script's DOM calls
/// answer for nothing there, and a page that breaks one part loses only that part.
pub(crate) fn lenient<'de, D: Deserializer<'de>, T: Default + Deserialize<'de>>(
    deserializer: D,
) -> Result<T, D::Error> {
    Ok(Lenient::<T>::deserialize(deserializer)?
        .0
        .unwrap_or_default())
}

/// A list keeps its items of the right type, at most [`LIST_READ_MAX`]; anything but a list
/// reads as an empty one.
fn lenient_list<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    deserializer: D,
) -> Result<Vec<T>, D::Error> {
    Ok(Lenient::<Listed<T>>::deserialize(deserializer)?
        .0
        .map(|listed| listed.items)
        .unwrap_or_default())
}

/// A value, or `None` when it is not of type `T` (or `null`, or absent).
struct Lenient<T>(Option<T>);

impl<T> Default for Lenient<T> {
    fn default() -> Self {
        Lenient(None)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Lenient<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Either<T> {
            Value(T),
            Other(IgnoredAny),
        }
        Ok(Lenient(match Either::<T>::deserialize(deserializer)? {
            Either::Value(value) => Some(value),
            Either::Other(_) => None,
        }))
    }
}

/// A list's items of the right type, the first [`LIST_READ_MAX`] of them, and how many were
/// skipped for their type.
struct Listed<T> {
    items: Vec<T>,
    skipped: usize,
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Listed<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ListVisitor<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for ListVisitor<T> {
            type Value = Listed<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a list")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Listed<T>, A::Error> {
                let mut listed = Listed::default();
                while listed.items.len() < LIST_READ_MAX {
                    match seq.next_element::<Lenient<T>>()? {
                        Some(Lenient(Some(item))) => listed.items.push(item),
                        Some(Lenient(None)) => listed.skipped += 1,
                        None => return Ok(listed),
                    }
                }
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(listed)
            }
        }
        deserializer.deserialize_seq(ListVisitor(PhantomData))
    }
}

impl<T> Default for Listed<T> {
    fn default() -> Self {
        Listed {
            items: Vec::new(),
            skipped: 0,
        }
    }
}

/// `null` reads as the field's default, as an absent field does (settings: strict otherwise).
pub(crate) fn nullable<'de, D: Deserializer<'de>, T: Default + Deserialize<'de>>(
    deserializer: D,
) -> Result<T, D::Error> {
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
}

/// The first `max` characters, lower case.
fn lower(s: &str, max: usize) -> String {
    s.chars().take(max).flat_map(char::to_lowercase).collect()
}

/// The first `max` characters, folded as they read.
fn folded(s: &str, max: usize) -> String {
    let kept: String = s.chars().take(max).collect();
    page_text::fold(&kept)
}

/// The first `count` texts, each its first `max` characters folded.
fn folded_list(list: &[String], count: usize, max: usize) -> Vec<String> {
    list.iter().take(count).map(|s| folded(s, max)).collect()
}

/// The first `max` characters, case kept (URLs).
fn capped(s: &str, max: usize) -> String {
    s.chars().take(max).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caps_and_lowercases_hostile_input() {
        let long = "A".repeat(100_000);
        let json = format!(
            r#"{{"title":"{long}","fields":[{{"type":"PASSWORD","id":"X","form":999}}],"unknown":1}}"#
        );
        let signals = PageSignals::from_json(&json).expect("valid shape");
        assert_eq!(signals.title.chars().count(), caps::SHORT_TEXT);
        assert!(signals.title.chars().all(|c| c == 'a'));
        assert_eq!(signals.fields[0].input_type, "password");
        assert_eq!(signals.fields[0].form, None);
        assert!(signals.asks_for_secret());
    }

    #[test]
    fn refuses_only_what_is_not_json_or_too_large() {
        assert!(matches!(
            PageSignals::from_json("[not json"),
            Err(SignalsError::Malformed(_))
        ));
        // `null` is an absent field, as in the browser's reader.
        let nulls = r#"{"title":null,"images":[{"src":null}],"fields":[{"form":null,"textSecurity":null}],"forms":null}"#;
        let read = PageSignals::from_json(nulls).expect("nulls are absent fields");
        assert_eq!(read.title, "");
        assert_eq!(read.fields[0], FieldSignal::default());
        assert_eq!(read.images[0], ImageSignal::default());
        let huge = format!(r#"{{"text":"{}"}}"#, "x".repeat(MAX_SIGNALS_JSON));
        assert_eq!(PageSignals::from_json(&huge), Err(SignalsError::TooLarge));
        assert_eq!(PageSignals::from_json("{}"), Ok(PageSignals::default()));
    }

    #[test]
    fn keeps_what_is_of_the_right_type() {
        let json = r#"{"title":5,"headings":"x","images":[{"src":"https://a.example/logo.png","alt":7},3],
            "ids":["a",{"b":1},"c"],"fields":[1,{"type":"password","id":["x"],"form":"0"}],
            "forms":[{"action":"https://a.example/","hiddenNames":["t",2]}]}"#;
        let read = PageSignals::from_json(json).expect("read leniently");
        assert_eq!(read.title, "");
        assert!(read.headings.is_empty());
        assert_eq!(read.images.len(), 1);
        assert_eq!(read.images[0].src, "https://a.example/logo.png");
        assert_eq!(read.images[0].alt, "");
        assert_eq!(read.ids, ["a", "c"]);
        assert_eq!(read.fields.len(), 1);
        assert_eq!(read.fields[0].input_type, "password");
        assert_eq!(
            (read.fields[0].id.as_str(), read.fields[0].form),
            ("", None)
        );
        assert_eq!(read.forms[0].hidden_names, ["t"]);
        assert!(!read.unreadable);
    }

    #[test]
    fn signals_without_a_readable_field_are_unreadable() {
        for json in [
            "[1,2]",
            "\"signals\"",
            "7",
            "null",
            r#"{"fields":"x"}"#,
            r#"{"fields":[1,"password",null]}"#,
        ] {
            let read = PageSignals::from_json(json).expect(json);
            assert!(read.unreadable, "{json}");
            assert!(read.fields.is_empty(), "{json}");
        }
        for json in ["{}", r#"{"fields":null}"#, r#"{"fields":[]}"#] {
            assert!(
                !PageSignals::from_json(json).expect(json).unreadable,
                "{json}"
            );
        }
    }

    #[test]
    fn trims_floods_to_the_caps() {
        let ids: Vec<String> = (0..10_000).map(|i| format!("\"id{i}\"")).collect();
        let title = "G".repeat(1_000_000);
        let json = format!(
            r#"{{"title":"{title}","ids":[{}],"fields":[{{"type":"password"}}]}}"#,
            ids.join(",")
        );
        let read = PageSignals::from_json(&json).expect("trimmed, not refused");
        assert_eq!(read.ids.len(), caps::IDS);
        assert_eq!(read.ids.last(), Some(&page_text::fold("id255")));
        assert_eq!(read.title.chars().count(), caps::SHORT_TEXT);
        assert!(read.asks_for_secret());
    }

    #[test]
    fn text_is_folded_as_it_reads() {
        let json = r#"{"title":"Sign in \u2013 G\u043e\u200bogle","labels":["\uff27\uff4f\uff4f\uff47\uff4c\uff45"],"fields":[{"type":"PASSWORD","id":"Pass\u00adword"}]}"#;
        let read = PageSignals::from_json(json).expect("valid");
        assert_eq!(read.title, page_text::fold("sign in - google"));
        assert_eq!(read.labels, ["google"]);
        assert_eq!(read.fields[0].input_type, "password");
        assert_eq!(read.fields[0].id, "password");
    }
}
