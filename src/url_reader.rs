//! Which WHATWG URL parser reads addresses. Natively (and in the tests) it is the `url` crate. In
//! the browser, `src/wasm.rs` registers the browser's own `URL`: Miwake then judges exactly the
//! host Chrome navigates to, and the module carries neither a URL parser nor the UTS-46 tables
//! a parser needs to turn Unicode hosts into ASCII.
//!
//! A parser answers with the URL's serialisation (`href`), in one string: one call across the
//! wasm boundary instead of one per part. A serialised URL is canonical, so [`split`] reads its
//! parts without parsing again: each delimiter that could be ambiguous (`@ / ? #` in user names
//! and paths) is percent-encoded in it.

use std::sync::OnceLock;

/// A serialised URL's parts, borrowed from it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct UrlParts<'a> {
    /// Lower case, without the `:`.
    pub scheme: &'a str,
    /// Percent-encoded, as serialised; empty when absent.
    pub username: &'a str,
    pub password: &'a str,
    /// An ASCII domain (punycode for IDNs), a dotted IPv4 address or a bracketed IPv6 one; empty
    /// when there is none.
    pub host: &'a str,
    pub path: &'a str,
    /// Without the `?` and `#`; `None` when absent.
    pub query: Option<&'a str>,
    pub fragment: Option<&'a str>,
}

/// A URL parser: the input's serialisation, or why it is not a URL.
pub type UrlReader = fn(&str) -> Result<String, String>;

static REGISTERED: OnceLock<UrlReader> = OnceLock::new();

/// Makes `reader` the parser for the rest of the process; the first registration stays.
pub fn register(reader: UrlReader) {
    let _ = REGISTERED.set(reader);
}

/// Reads `input` with the registered parser, else the `url` crate where it is built in.
///
/// # Errors
/// The parser's message when it refuses the input, or that there is no parser.
pub fn read(input: &str) -> Result<String, String> {
    match REGISTERED.get() {
        Some(reader) => reader(input),
        None => built_in(input),
    }
}

#[cfg(target_arch = "wasm32")]
fn built_in(_input: &str) -> Result<String, String> {
    Err(String::from("no URL parser is registered"))
}

/// The `url` crate as a [`UrlReader`].
///
/// # Errors
/// The crate's message when it refuses the input.
#[cfg(not(target_arch = "wasm32"))]
fn built_in(input: &str) -> Result<String, String> {
    url::Url::parse(input)
        .map(String::from)
        .map_err(|e| e.to_string())
}

/// Whether `input` is a plain http(s) URL that a WHATWG parser, Chrome's included, would answer
/// unchanged: lower-case letter-digit-hyphen host with a letter-initial top label and no punycode,
/// no user info or port, a path, and only unreserved and sub-delimiter characters (no `%` in the
/// path, where Chrome decodes some escapes; no dot segments). Most addresses a page or tab has
/// are; reading them needs no parser call (one fewer trip out of the wasm module). A `false`
/// means only "ask the parser".
pub fn is_serialised(input: &str) -> bool {
    let Some(rest) = input
        .strip_prefix("https://")
        .or_else(|| input.strip_prefix("http://"))
    else {
        return false;
    };
    let Some(host_end) = rest.find('/') else {
        return false; // the parser adds the `/`
    };
    let (host, tail) = rest.split_at(host_end);
    let (path, query, fragment) = split_query_and_fragment(tail);
    let plain = |s: &str, extra: &[u8]| {
        s.bytes().all(|b| {
            b.is_ascii_alphanumeric() || b"-._~!$&()*+,;=:@/".contains(&b) || extra.contains(&b)
        })
    };
    is_plain_host(host)
        && plain(path, b"")
        && !(path.contains("/.")
            && path
                .split('/')
                .any(|segment| segment == "." || segment == ".."))
        && query.is_none_or(|q| plain(q, b"%?"))
        && fragment.is_none_or(|f| plain(f, b"%?"))
}

/// Lower-case LDH labels, none empty but a trailing one, none starting `xn--` or with a hyphen at
/// either end, the last starting with a letter (so that it is not read as a number).
fn is_plain_host(host: &str) -> bool {
    let host = host.strip_suffix('.').unwrap_or(host);
    let mut labels = host.split('.').peekable();
    while let Some(label) = labels.next() {
        let bytes = label.as_bytes();
        let ldh = bytes
            .iter()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'-');
        if !ldh
            || bytes.is_empty()
            || bytes.len() > 63
            || bytes.first() == Some(&b'-')
            || bytes.last() == Some(&b'-')
            || bytes.get(2..4) == Some(b"--".as_slice())
        {
            return false;
        }
        if labels.peek().is_none() && !bytes.first().is_some_and(u8::is_ascii_lowercase) {
            return false;
        }
    }
    host.len() <= 253
}

/// What comes before the first `?`, the query, and the fragment after the first `#`.
fn split_query_and_fragment(s: &str) -> (&str, Option<&str>, Option<&str>) {
    let (before_fragment, fragment) = match s.split_once('#') {
        Some((before, fragment)) => (before, Some(fragment)),
        None => (s, None),
    };
    match before_fragment.split_once('?') {
        Some((before, query)) => (before, Some(query), fragment),
        None => (before_fragment, None, fragment),
    }
}

/// The parts of a URL as a WHATWG parser serialises it (`scheme:[//[user[:password]@]host[:port]]
/// path[?query][#fragment]`). Not for raw input: only a serialisation is unambiguous.
pub fn split(href: &str) -> UrlParts<'_> {
    let (scheme, rest) = href.split_once(':').unwrap_or(("", href));
    let (before_query, query, fragment) = split_query_and_fragment(rest);
    let mut parts = UrlParts {
        scheme,
        path: before_query,
        query,
        fragment,
        ..UrlParts::default()
    };
    let Some(after_slashes) = before_query.strip_prefix("//") else {
        // No host: `javascript:…`, `data:…`, `blob:https://…`. A path that starts with `//` is
        // serialised behind `/.`, or it would read as a host; the path itself has no `/.`.
        if let Some(path) = before_query
            .strip_prefix("/.")
            .filter(|p| p.starts_with("//"))
        {
            parts.path = path;
        }
        return parts;
    };
    let authority_end = after_slashes.find('/').unwrap_or(after_slashes.len());
    let (authority, path) = after_slashes.split_at(authority_end);
    parts.path = path;
    let host_and_port = match authority.rsplit_once('@') {
        Some((userinfo, host_and_port)) => {
            let (username, password) = userinfo.split_once(':').unwrap_or((userinfo, ""));
            parts.username = username;
            parts.password = password;
            host_and_port
        }
        None => authority,
    };
    parts.host = match host_and_port.find(']') {
        Some(end) if host_and_port.starts_with('[') => host_and_port.get(..=end).unwrap_or(""),
        _ => host_and_port.split(':').next().unwrap_or(""),
    };
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    use proptest::prelude::*;
    use proptest::test_runner::{Config, TestRunner};

    /// Strings of `1..max` pieces, each drawn from `pieces`.
    fn joined(pieces: &'static [&'static str], max: usize) -> impl Strategy<Value = String> {
        prop::collection::vec(prop::sample::select(pieces), 1..max).prop_map(|p| p.concat())
    }

    /// Every part as the `url` crate's own accessors give it.
    fn assert_splits_as_url_crate(input: &str) {
        let Ok(url) = url::Url::parse(input) else {
            return;
        };
        let parts = split(url.as_str());
        let expected = UrlParts {
            scheme: url.scheme(),
            username: url.username(),
            password: url.password().unwrap_or(""),
            host: url.host_str().unwrap_or(""),
            path: url.path(),
            query: url.query(),
            fragment: url.fragment(),
        };
        assert_eq!(parts, expected, "{input} serialised as {}", url.as_str());
    }

    #[test]
    fn splits_serialisations_as_the_parser_reads_them() {
        for input in [
            "https://alibaba.com/",
            "HTTP://User:Pa%3Ass@Login.Alibaba.COM.:8080/a/b?x=1&y=@#frag?#more",
            "https://alibaba.com@evil.xyz/login",
            "https://user@name@evil.xyz/",
            "https://a:b:c@evil.xyz/",
            "https://u/s?e#r@evil.xyz/",
            "https://[::ffff:1.2.3.4]:443/x",
            "http://0x7f.1/",
            "http://例え.jp/パス?キー=値#フラグ",
            "http://xn--libaba-2nf.com",
            "https://evil.xyz/?next=https://alibaba.com/#@google.com",
            "javascript:/../////https://8080",
            "https://evil.xyz?q",
            "https://evil.xyz#",
            "https://evil.xyz/?",
            "javascript:alert(1)//?x#y",
            "data:text/html,<b>@</b>?#",
            "blob:https://alibaba.com/0f1e-22",
            "mailto:a@b.c?subject=x",
            "file:///etc/passwd",
            "ftp://user:pw@files.example.com/pub/",
            "wss://chat.example.com:9000/socket",
            "about:blank",
            "http://a%40b@c.com/",
            "http://[2001:db8::1]/",
        ] {
            assert_splits_as_url_crate(input);
        }
    }

    #[test]
    fn plain_urls_are_their_own_serialisation() {
        for input in [
            "https://alibaba.com/",
            "https://login.alibaba.com/signin?next=%2Faccount&x=1#top",
            "http://alibba.com/login",
            "https://example.com./a/b/c?x=1",
            "https://a-b.c0m/@user/~name/(x)*!$&,;=:",
        ] {
            assert!(is_serialised(input), "{input}");
            assert_eq!(
                url::Url::parse(input).map(String::from).as_deref(),
                Ok(input)
            );
        }
        for input in [
            "https://alibaba.com",
            "HTTPS://alibaba.com/",
            "https://Alibaba.com/",
            "https://xn--libaba-2nf.com/",
            "https://user@alibaba.com/",
            "https://alibaba.com:443/",
            "https://127.0.0.1/",
            "https://1.2.3.4.5/",
            "https://a.0x7f/",
            "https://alibaba.com/a/../b",
            "https://alibaba.com/%41",
            "https://alibaba.com/a b",
            "https://alibaba.com/\\evil",
            "https://alibaba.com/?q='",
            "https://例え.jp/",
            "https://a..b/",
            "javascript:alert(1)",
        ] {
            assert!(!is_serialised(input), "{input}");
        }
    }

    #[test]
    fn random_urls_called_serialised_are() {
        const PIECES: &[&str] = &[
            "http://", "https://", "a", "b", "com", "x1", "0", "9", "-", "--", "xn--", "0x", "@",
            ":", "/", "?", "#", ".", "..", "%", "%2e", "%41", "%zz", "~", "_", "'", "\\", "|", "^",
            "[", "]", "{", "`", "!", "$", "&", "(", "*", "+", ",", ";", "=", "A", "Z", " ", "\t",
            "例",
        ];
        const LABELS: &[&str] = &[
            "a", "b2", "com", "x-y", "0", "9", "-a", "a-", "ab--c", "xn--a", "0x1f", "A", "",
        ];
        // Hosts of label pieces, then a path, query and fragment of any pieces: many inputs get
        // far into the checks.
        let urls = (
            prop::sample::select(&["http://", "https://"][..]),
            prop::collection::vec(prop::sample::select(LABELS), 1..4),
            prop::collection::vec(
                prop_oneof![
                    4 => prop::sample::select(&["/", "/", "?", "#"][..]),
                    1 => prop::sample::select(PIECES),
                ],
                0..8,
            ),
        )
            .prop_map(|(scheme, labels, rest)| {
                format!("{scheme}{}{}", labels.join("."), rest.concat())
            });
        let called = std::cell::Cell::new(0);
        TestRunner::new(Config::with_cases(30_000))
            .run(&urls, |input| {
                if is_serialised(&input) {
                    called.set(called.get() + 1);
                    let reparsed = url::Url::parse(&input).map(String::from);
                    prop_assert_eq!(reparsed.as_deref(), Ok(input.as_str()));
                }
                Ok(())
            })
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(
            called.get() > 300,
            "only {} inputs reached a yes",
            called.get()
        );
    }

    proptest! {
        #![proptest_config(Config::with_cases(5_000))]

        /// Pieces that stress each delimiter, joined at random.
        #[test]
        fn splits_random_urls_as_the_parser_reads_them(input in joined(&[
            "http://", "https://", "a", "b.com", "@", ":", "/", "?", "#", "[", "]", "::1", "%40",
            "%2F", "xn--ggle-55da", ".", "..", "\\", " ", "例", "8080", "user", "javascript:",
            "blob:", "//",
        ], 11)) {
            assert_splits_as_url_crate(&input);
        }

        /// Any text at all.
        #[test]
        fn splits_any_text_as_the_parser_reads_it(input in any::<String>()) {
            assert_splits_as_url_crate(&input);
        }
    }
}
