//! The only module that knows wasm-bindgen: a handle to the detector for the extension and `www/`.

use crate::url_reader;
use crate::{Detector as CoreDetector, Lang, Report, Verdict};
use wasm_bindgen::prelude::*;

mod read_json;

#[wasm_bindgen]
extern "C" {
    /// The browser's WHATWG `URL`: the parser Chrome itself navigates with.
    #[wasm_bindgen(js_name = URL)]
    type BrowserUrl;
    #[wasm_bindgen(constructor, catch, js_class = "URL")]
    fn new(input: &str) -> Result<BrowserUrl, JsValue>;
    #[wasm_bindgen(method, getter)]
    fn href(this: &BrowserUrl) -> String;
}

/// Reads addresses with the browser's parser from the moment the module is instantiated.
#[wasm_bindgen(start)]
fn start() {
    url_reader::register(read_with_browser);
}

fn read_with_browser(input: &str) -> Result<String, String> {
    BrowserUrl::new(input)
        .map(|url| url.href())
        .map_err(|_| String::from("not a valid URL"))
}

/// One detector for the page or service worker's lifetime. JS holds this handle only.
#[wasm_bindgen]
pub struct Detector {
    inner: CoreDetector,
}

#[wasm_bindgen]
impl Detector {
    /// Builds a detector from a JSON context: `{"shops": [...], "allowlist": [...]}`.
    ///
    /// # Errors
    /// A JS `Error` whose message says which entry is not valid.
    #[wasm_bindgen(constructor)]
    pub fn new(context_json: &str) -> Result<Detector, JsError> {
        let context = read_json::context(context_json)
            .map_err(|e| JsError::new(&format!("settings are not valid: {e}")))?;
        let inner = CoreDetector::new(&context).map_err(|e| JsError::new(&e.to_string()))?;
        Ok(Detector { inner })
    }

    /// Judges one address; answers the report as JSON text. Never throws.
    pub fn check(&self, url: &str, lang: &str) -> String {
        self.report_json(&self.inner.check_url(url), lang)
    }

    /// Judges a page from its address and the signals the content script collected (JSON, see
    /// `PageSignals`); answers the report as JSON.
    ///
    /// # Errors
    /// A JS `Error` when the signals are malformed or too large; the caller then judges the
    /// address alone with `check`.
    #[wasm_bindgen(js_name = checkPage)]
    pub fn check_page(&self, url: &str, signals_json: &str, lang: &str) -> Result<String, JsError> {
        let signals = read_json::signals(signals_json)
            .map_err(|e| JsError::new(&format!("page signals are malformed: {e}")))?;
        Ok(self.report_json(&self.inner.check_page(url, &signals), lang))
    }

    /// Judges a made-up address and a made-up sign-in page once, so that V8 compiles the code a
    /// page's first check goes through (it compiles each wasm function on its first call) while a
    /// woken worker may still be waiting for that page. Answers how many checks ran (2, or 1 if
    /// the made-up signals were refused). Never throws.
    #[wasm_bindgen(js_name = warmUp)]
    pub fn warm_up(&self) -> u32 {
        let _ = self.check("www.example.com", "en");
        match read_json::signals(WARM_UP_SIGNALS) {
            Ok(signals) => {
                let _ = self.report_json(&self.inner.check_page(WARM_UP_PAGE, &signals), "en");
                2
            }
            Err(_) => 1,
        }
    }

    /// Judges a link from its `href` and visible text; answers the report as JSON. Never throws.
    #[wasm_bindgen(js_name = checkLink)]
    pub fn check_link(&self, href: &str, text: &str, lang: &str) -> String {
        self.report_json(&self.inner.check_link(href, text), lang)
    }
}

/// What the warm-up judges: a plain sign-in form of no brand.
const WARM_UP_PAGE: &str = "https://www.example.com/account/login";
const WARM_UP_SIGNALS: &str = r#"{"title":"Sign in","headings":["Sign in to your account"],"text":"Sign in to your account Email address Password Forgot your password?","images":[{"src":"https://www.example.com/favicon.ico","alt":""}],"ids":["account-login","customer-email","customer-password"],"fields":[{"type":"email","id":"customer-email","name":"email","autocomplete":"email","form":0},{"type":"password","id":"customer-password","name":"password","autocomplete":"current-password","form":0}],"forms":[{"action":"https://www.example.com/account/login","method":"post","hiddenNames":["csrf"]}]}"#;

impl Detector {
    fn report_json(&self, verdict: &Verdict, lang: &str) -> String {
        let report = Report::new(verdict, self.inner.brands(), Lang::from_tag(lang));
        serde_json::to_string(&report).unwrap_or_else(|_| String::from("null"))
    }
}

/// Why a settings JSON would be refused, in the user's language; `undefined` when it is valid.
#[wasm_bindgen(js_name = settingsError)]
pub fn settings_error(context_json: &str, lang: &str) -> Option<String> {
    let lang = Lang::from_tag(lang);
    match read_json::context(context_json) {
        Err(e) => Some(format!("settings are not valid: {e}")),
        Ok(context) => CoreDetector::new(&context).err().map(|e| e.message(lang)),
    }
}

/// The core's version, for the popup's footer and bug reports.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}
