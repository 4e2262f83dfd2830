//! Reads the JSON the extension hands the module (settings, page signals) with the browser's own
//! `JSON.parse`, then field by field into the core's types: the module carries no JSON parser and
//! no deserialiser code (34 KB gzipped with `serde_json`). Natively the same types are read by
//! `serde_json` ([`PageSignals::from_json`]); every struct here is written out field by field, so
//! a field added to a core type does not compile here until it is read.

use crate::page::{FieldSignal, FormSignal, ImageSignal, MAX_SIGNALS_JSON};
use crate::{PageSignals, UserContext};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = JSON, js_name = parse, catch)]
    fn json_parse(text: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_namespace = Reflect, js_name = get, catch)]
    fn reflect_get(target: &JsValue, key: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_namespace = Array, js_name = isArray)]
    fn is_array(value: &JsValue) -> bool;
    #[wasm_bindgen(js_namespace = Object, js_name = keys)]
    fn object_keys(value: &JsValue) -> Vec<String>;
}

/// Settings: `{"shops": [...], "allowlist": [...]}`; empty text is no settings.
pub fn context(json: &str) -> Result<UserContext, String> {
    if json.trim().is_empty() {
        return Ok(UserContext::default());
    }
    let root = object(parse(json)?, "settings")?;
    // As strict as the native reader: a misspelt key is an error, not a setting silently lost.
    if let Some(unknown) = object_keys(&root)
        .into_iter()
        .find(|k| k != "shops" && k != "allowlist")
    {
        return Err(format!("unknown field `{unknown}`"));
    }
    Ok(UserContext {
        shops: list(&root, "shops", string)?,
        allowlist: list(&root, "allowlist", string)?,
    })
}

/// Page signals as the content script collects them, capped and lower-cased.
pub fn signals(json: &str) -> Result<PageSignals, String> {
    if json.len() > MAX_SIGNALS_JSON {
        return Err(format!("page signals over {MAX_SIGNALS_JSON} bytes"));
    }
    let root = object(parse(json)?, "page signals")?;
    let signals = PageSignals {
        title: field(&root, "title", string)?,
        site_name: field(&root, "siteName", string)?,
        headings: list(&root, "headings", string)?,
        text: field(&root, "text", string)?,
        images: list(&root, "images", |v, at| {
            let image = object(v, at)?;
            Ok(ImageSignal {
                src: field(&image, "src", string)?,
                alt: field(&image, "alt", string)?,
            })
        })?,
        ids: list(&root, "ids", string)?,
        fields: list(&root, "fields", |v, at| {
            let input = object(v, at)?;
            Ok(FieldSignal {
                input_type: field(&input, "type", string)?,
                id: field(&input, "id", string)?,
                name: field(&input, "name", string)?,
                autocomplete: field(&input, "autocomplete", string)?,
                text_security: field(&input, "textSecurity", boolean)?,
                labelled_secret: field(&input, "labelledSecret", boolean)?,
                form: field(&input, "form", index)?,
            })
        })?,
        forms: list(&root, "forms", |v, at| {
            let form = object(v, at)?;
            Ok(FormSignal {
                action: field(&form, "action", string)?,
                method: field(&form, "method", string)?,
                hidden_names: list(&form, "hiddenNames", string)?,
            })
        })?,
        body_id: field(&root, "bodyId", string)?,
        body_classes: field(&root, "bodyClasses", string)?,
    };
    Ok(signals.normalised())
}

fn parse(json: &str) -> Result<JsValue, String> {
    json_parse(json).map_err(|_| String::from("not valid JSON"))
}

/// An object (not an array), or why not.
fn object(value: JsValue, at: &str) -> Result<JsValue, String> {
    if value.is_object() && !is_array(&value) {
        Ok(value)
    } else {
        Err(format!("{at}: expected an object"))
    }
}

/// The property `key` read as `read` says; its default when absent or null.
fn field<T: Default>(
    object: &JsValue,
    key: &str,
    read: impl Fn(JsValue, &str) -> Result<T, String>,
) -> Result<T, String> {
    let value =
        reflect_get(object, &JsValue::from_str(key)).map_err(|_| format!("{key}: unreadable"))?;
    if value.is_undefined() || value.is_null() {
        Ok(T::default())
    } else {
        read(value, key)
    }
}

/// The array at `key`, each item read as `read` says; empty when absent or null.
fn list<T>(
    object: &JsValue,
    key: &str,
    read: impl Fn(JsValue, &str) -> Result<T, String>,
) -> Result<Vec<T>, String> {
    let array =
        reflect_get(object, &JsValue::from_str(key)).map_err(|_| format!("{key}: unreadable"))?;
    if array.is_undefined() || array.is_null() {
        return Ok(Vec::new());
    }
    if !is_array(&array) {
        return Err(format!("{key}: expected a list"));
    }
    let length = reflect_get(&array, &JsValue::from_str("length"))
        .ok()
        .and_then(|n| n.as_f64())
        .unwrap_or(0.0) as u32;
    (0..length)
        .map(|i| {
            let at = format!("{key}[{i}]");
            let item =
                reflect_get(&array, &JsValue::from(i)).map_err(|_| format!("{at}: unreadable"))?;
            read(item, &at)
        })
        .collect()
}

fn string(value: JsValue, at: &str) -> Result<String, String> {
    value
        .as_string()
        .ok_or_else(|| format!("{at}: expected text"))
}

fn boolean(value: JsValue, at: &str) -> Result<bool, String> {
    value
        .as_bool()
        .ok_or_else(|| format!("{at}: expected true or false"))
}

/// A list index: a whole number from 0.
fn index(value: JsValue, at: &str) -> Result<Option<usize>, String> {
    match value.as_f64() {
        Some(n) if n >= 0.0 && n.fract() == 0.0 && n <= f64::from(u32::MAX) => Ok(Some(n as usize)),
        _ => Err(format!("{at}: expected a whole number from 0")),
    }
}
