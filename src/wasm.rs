//! The only module that knows wasm-bindgen: a handle to the detector for the extension and `www/`.
//! Settings, page signals and reports cross the boundary as JS objects, read and written by
//! serde-wasm-bindgen through the same serde derives the CLI reads JSON with.

use crate::address::{self, DomainEntryError};
use crate::url_reader;
use crate::{Detector as CoreDetector, Lang, PageSignals, Report, UserContext, Verdict};
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// Reads addresses with the browser's parser from the moment the module is instantiated.
#[wasm_bindgen(start)]
fn start() {
    url_reader::register(read_with_browser);
}

/// The browser's WHATWG `URL`: the parser Chrome itself navigates with.
fn read_with_browser(input: &str) -> Result<String, String> {
    web_sys::Url::new(input)
        .map(|url| url.href())
        .map_err(|_| String::from("not a valid URL"))
}

/// Reports as plain JS objects: `null` for absent values, objects for maps (the JSON the CLI
/// prints, as objects).
fn to_js<T: Serialize>(value: &T) -> JsValue {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .unwrap_or(JsValue::NULL)
}

/// One detector for the page or service worker's lifetime. JS holds this handle only.
#[wasm_bindgen]
pub struct Detector {
    inner: CoreDetector,
}

#[wasm_bindgen]
impl Detector {
    /// Builds a detector from the user's settings, `{shops: [...], allowlist: [...]}`;
    /// `undefined` or `null` is no settings.
    ///
    /// # Errors
    /// A JS `Error` whose message says which entry is not valid.
    #[wasm_bindgen(constructor)]
    pub fn new(settings: JsValue) -> Result<Detector, JsError> {
        let context = if settings.is_undefined() || settings.is_null() {
            UserContext::default()
        } else {
            serde_wasm_bindgen::from_value(settings)
                .map_err(|e| JsError::new(&format!("settings are not valid: {e}")))?
        };
        let inner = CoreDetector::new(&context).map_err(|e| JsError::new(&e.to_string()))?;
        Ok(Detector { inner })
    }

    /// Judges one address; answers the report. Never throws.
    pub fn check(&self, url: &str, lang: &str) -> JsValue {
        self.report(&self.inner.check_url(url), lang)
    }

    /// Judges a page from its address and the signals the content script collected (see
    /// `PageSignals`); answers the report.
    ///
    /// Signals are read leniently: parts of the wrong type are dropped, and signals that cannot be
    /// read at all are judged as unreadable (`page-signals-unreadable`), never as absent.
    ///
    /// # Errors
    /// A JS `Error` only when the value cannot be walked at all; `detector.js` then asks again
    /// with signals marked unreadable.
    #[wasm_bindgen(js_name = checkPage)]
    pub fn check_page(&self, url: &str, signals: JsValue, lang: &str) -> Result<JsValue, JsError> {
        let signals = read_signals(signals)?;
        Ok(self.report(&self.inner.check_page(url, &signals), lang))
    }

    /// Judges a made-up address and a made-up sign-in page once, so that V8 compiles the code a
    /// page's first check goes through (it compiles each wasm function on its first call) while a
    /// woken worker may still be waiting for that page. The signals go the way a content script's
    /// do, as a JS object. Answers how many checks ran (2, or 1 if the made-up signals were
    /// refused). Never throws.
    #[wasm_bindgen(js_name = warmUp)]
    pub fn warm_up(&self) -> u32 {
        let _ = self.check("www.example.com", "en");
        let signals = js_sys::JSON::parse(WARM_UP_SIGNALS)
            .map_err(|_| JsError::new("warm-up signals are not JSON"))
            .and_then(read_signals);
        match signals {
            Ok(signals) => {
                let _ = self.report(&self.inner.check_page(WARM_UP_PAGE, &signals), "en");
                2
            }
            Err(_) => 1,
        }
    }

    /// Judges a link from its `href` and visible text; answers the report. Never throws.
    #[wasm_bindgen(js_name = checkLink)]
    pub fn check_link(&self, href: &str, text: &str, lang: &str) -> JsValue {
        self.report(&self.inner.check_link(href, text), lang)
    }

    /// Judges a whole mail from its source bytes (an `.eml` file, or pasted text encoded as UTF-8):
    /// `{verdict, brand, reasons, links}`. Only in the www page's module (`mail` feature).
    #[cfg(feature = "mail")]
    #[wasm_bindgen(js_name = checkMail)]
    pub fn check_mail(&self, source: &[u8], lang: &str) -> JsValue {
        let checked = crate::mail::check(&self.inner, source);
        to_js(&crate::mail::MailReport::new(
            &checked,
            self.inner.brands(),
            Lang::from_tag(lang),
        ))
    }
}

impl Detector {
    fn report(&self, verdict: &Verdict, lang: &str) -> JsValue {
        to_js(&Report::new(
            verdict,
            self.inner.brands(),
            Lang::from_tag(lang),
        ))
    }
}

fn read_signals(signals: JsValue) -> Result<PageSignals, JsError> {
    serde_wasm_bindgen::from_value::<PageSignals>(signals)
        .map(PageSignals::normalised)
        .map_err(|e| JsError::new(&format!("page signals are malformed: {e}")))
}

/// What the warm-up judges: a plain sign-in form of no brand.
const WARM_UP_PAGE: &str = "https://www.example.com/account/login";
const WARM_UP_SIGNALS: &str = r#"{"title":"Sign in","headings":["Sign in to your account"],"text":"Sign in to your account Email address Password Forgot your password?","images":[{"src":"https://www.example.com/favicon.ico","alt":""}],"ids":["account-login","customer-email","customer-password"],"fields":[{"type":"email","id":"customer-email","name":"email","autocomplete":"email","form":0},{"type":"password","id":"customer-password","name":"password","autocomplete":"current-password","form":0}],"forms":[{"action":"https://www.example.com/account/login","method":"post","hiddenNames":["csrf"]}]}"#;

/// A typed domain entry (a shop, a trusted site) read as the options page needs it.
#[derive(Serialize)]
struct DomainEntry {
    /// The registrable domain in Unicode, as the options page lists it; `null` when refused.
    domain: Option<String>,
    /// `invalid`, `ip` or `suffix` when refused, else `null`.
    error: Option<&'static str>,
}

/// Reads what the user typed as a site's domain (`https://Shop.Example.co.jp/admin` →
/// `example.co.jp`): `{domain, error}`. The options page and the service worker ask this, so
/// there is one domain validator, the core's. Never throws.
#[wasm_bindgen(js_name = normaliseDomain)]
pub fn normalise_domain(input: &str) -> JsValue {
    let entry = match address::registrable_entry(input) {
        Ok(domain) => DomainEntry {
            domain: Some(address::to_unicode(&domain)),
            error: None,
        },
        Err(e) => DomainEntry {
            domain: None,
            error: Some(match e {
                DomainEntryError::NotADomain(_) => "invalid",
                DomainEntryError::IpAddress => "ip",
                DomainEntryError::PublicSuffix => "suffix",
            }),
        },
    };
    to_js(&entry)
}

/// The core's version, for the popup's footer and bug reports.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}
