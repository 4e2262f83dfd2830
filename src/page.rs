//! What a page shows, as the content script reports it: validated, capped and lower-cased here,
//! because it comes from the page and may be hostile.

use serde::{Deserialize, Deserializer};
use std::fmt;

/// Signals as JSON text (the CLI's `--signals` file) larger than this are refused whole: the
/// content script sends a few kilobytes, as an object that it has capped already.
pub const MAX_SIGNALS_JSON: usize = 256 * 1024;

/// Caps on what is kept of each part; the content script applies the same ones, so nothing a
/// normal page shows is lost.
pub mod caps {
    pub const SHORT_TEXT: usize = 256;
    pub const URL: usize = 1024;
    pub const TEXT_SAMPLE: usize = 4000;
    pub const HEADINGS: usize = 16;
    pub const IMAGES: usize = 64;
    pub const IDS: usize = 256;
    pub const FIELDS: usize = 64;
    pub const FORMS: usize = 32;
    pub const HIDDEN_NAMES: usize = 32;
    pub const SCRIPT_ENDPOINTS: usize = 32;
}

/// An image, icon or stylesheet the page shows: logos and favicons tell brands apart.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct ImageSignal {
    /// Absolute URL as the browser resolved it.
    #[serde(deserialize_with = "nullable")]
    pub src: String,
    #[serde(deserialize_with = "nullable")]
    pub alt: String,
}

/// An input that takes a credential: password, user name, e-mail or id.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct FieldSignal {
    /// The input's `type` (`password`, `text`, `email`).
    #[serde(rename = "type", deserialize_with = "nullable")]
    pub input_type: String,
    #[serde(deserialize_with = "nullable")]
    pub id: String,
    #[serde(deserialize_with = "nullable")]
    pub name: String,
    #[serde(deserialize_with = "nullable")]
    pub autocomplete: String,
    /// A text input styled with `-webkit-text-security` to hide what is typed, like a password.
    #[serde(deserialize_with = "nullable")]
    pub text_security: bool,
    /// A plain input whose label, placeholder or aria-label asks for a password (`パスワード`):
    /// how Google Forms and other form builders are made to collect one.
    #[serde(deserialize_with = "nullable")]
    pub labelled_secret: bool,
    /// Index into [`PageSignals::forms`] of the form holding the field.
    #[serde(deserialize_with = "nullable")]
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
    #[serde(deserialize_with = "nullable")]
    pub action: String,
    #[serde(deserialize_with = "nullable")]
    pub method: String,
    /// Names of the form's hidden inputs (`_csrf_token`, `transactionid`).
    #[serde(deserialize_with = "nullable")]
    pub hidden_names: Vec<String>,
}

/// Everything the detector reads from a page. Every field is optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct PageSignals {
    #[serde(deserialize_with = "nullable")]
    pub title: String,
    /// `og:site_name`.
    #[serde(deserialize_with = "nullable")]
    pub site_name: String,
    #[serde(deserialize_with = "nullable")]
    pub headings: Vec<String>,
    /// A bounded sample of the visible text.
    #[serde(deserialize_with = "nullable")]
    pub text: String,
    #[serde(deserialize_with = "nullable")]
    pub images: Vec<ImageSignal>,
    /// Element ids, bounded.
    #[serde(deserialize_with = "nullable")]
    pub ids: Vec<String>,
    #[serde(deserialize_with = "nullable")]
    pub fields: Vec<FieldSignal>,
    #[serde(deserialize_with = "nullable")]
    pub forms: Vec<FormSignal>,
    #[serde(deserialize_with = "nullable")]
    pub body_id: String,
    #[serde(deserialize_with = "nullable")]
    pub body_classes: String,
    /// Absolute addresses the page's scripts name (string literals in inline scripts, script
    /// sources): where a kit's `fetch` or `sendBeacon` sends what is typed.
    #[serde(deserialize_with = "nullable")]
    pub script_endpoints: Vec<String>,
}

/// Why signals were refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignalsError {
    /// Over [`MAX_SIGNALS_JSON`] bytes.
    TooLarge,
    /// Not JSON of the documented shape.
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
    /// Reads signals from JSON, then caps and lower-cases them.
    ///
    /// # Errors
    /// [`SignalsError`] when the JSON is too large or not of the documented shape.
    pub fn from_json(json: &str) -> Result<Self, SignalsError> {
        if json.len() > MAX_SIGNALS_JSON {
            return Err(SignalsError::TooLarge);
        }
        let signals: PageSignals =
            serde_json::from_str(json).map_err(|e| SignalsError::Malformed(e.to_string()))?;
        Ok(signals.normalised())
    }

    /// Capped to [`caps`] and lower-cased, so matching is bounded and case-insensitive.
    #[must_use]
    pub fn normalised(self) -> Self {
        use caps::*;
        let fields = self
            .fields
            .into_iter()
            .take(FIELDS)
            .map(|f| FieldSignal {
                input_type: lower(&f.input_type, SHORT_TEXT),
                id: lower(&f.id, SHORT_TEXT),
                name: lower(&f.name, SHORT_TEXT),
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
                hidden_names: f
                    .hidden_names
                    .iter()
                    .take(HIDDEN_NAMES)
                    .map(|n| lower(n, SHORT_TEXT))
                    .collect(),
            })
            .collect();
        PageSignals {
            title: lower(&self.title, SHORT_TEXT),
            site_name: lower(&self.site_name, SHORT_TEXT),
            headings: self
                .headings
                .iter()
                .take(HEADINGS)
                .map(|h| lower(h, SHORT_TEXT))
                .collect(),
            text: lower(&self.text, TEXT_SAMPLE),
            images: self
                .images
                .iter()
                .take(IMAGES)
                .map(|i| ImageSignal {
                    src: lower(&i.src, URL),
                    alt: lower(&i.alt, SHORT_TEXT),
                })
                .collect(),
            ids: self
                .ids
                .iter()
                .take(IDS)
                .map(|i| lower(i, SHORT_TEXT))
                .collect(),
            fields,
            forms,
            body_id: lower(&self.body_id, SHORT_TEXT),
            body_classes: lower(&self.body_classes, SHORT_TEXT),
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

/// `null` reads as the field's default, as an absent field does: both readers (JSON text natively,
/// JS objects in the browser) accept what a content script's DOM calls answer for nothing there.
pub(crate) fn nullable<'de, D: Deserializer<'de>, T: Default + Deserialize<'de>>(
    deserializer: D,
) -> Result<T, D::Error> {
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
}

/// The first `max` characters, lower case.
fn lower(s: &str, max: usize) -> String {
    s.chars().take(max).flat_map(char::to_lowercase).collect()
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
    fn refuses_malformed_and_oversized_signals() {
        assert!(matches!(
            PageSignals::from_json("[1,2]"),
            Err(SignalsError::Malformed(_))
        ));
        assert!(matches!(
            PageSignals::from_json(r#"{"title": 5}"#),
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
}
