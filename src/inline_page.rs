//! Pages that come with their address: a `data:` URL carries its whole document, and a
//! `javascript:` link can write one. Such a page that shows a brand's name beside a password
//! field is a sign-in imitation whatever it says, since no brand signs anyone in there.

use crate::brands::BrandSet;

/// Bytes of a carried page read at most: a sign-in imitation shows its brand and its field early.
const MAX_PAGE_BYTES: usize = 512 * 1024;

/// The document a `data:` URL carries, decoded (percent-encoding or base64), as text; `None` when
/// the URL cannot be read.
pub fn data_url_text(input: &str) -> Option<String> {
    let url = data_url::DataUrl::process(input).ok()?;
    let (body, _) = url.decode_to_vec().ok()?;
    let body = body.get(..MAX_PAGE_BYTES).unwrap_or(&body);
    Some(String::from_utf8_lossy(body).into_owned())
}

/// What a `javascript:` URL runs, percent-decoded.
pub fn javascript_url_text(input: &str) -> String {
    let script = input.split_once(':').map_or("", |(_, rest)| rest);
    let script = script.get(..MAX_PAGE_BYTES).unwrap_or(script);
    percent_encoding::percent_decode_str(script)
        .decode_utf8_lossy()
        .into_owned()
}

/// The brand whose sign-in a carried page imitates: it asks for a password and names the brand.
pub fn imitated_brand(brands: &BrandSet, text: &str) -> Option<usize> {
    let text = text.to_lowercase();
    let compact: String = text
        .chars()
        .filter(|c| !matches!(c, '"' | '\'' | ' '))
        .collect();
    if !compact.contains("type=password") {
        return None;
    }
    brands.brands.iter().position(|brand| {
        brand
            .names
            .iter()
            .chain(&brand.lookalike_labels)
            .any(|name| text.contains(&name.to_lowercase()))
    })
}
