//! Reads an untrusted address into the parts the rules judge: scheme, host, registrable domain.

use crate::suffix_list;
use std::fmt;
use url::{Host, Url};

/// Longer inputs are refused rather than parsed: no real address is this long, and parsing cost
/// must stay bounded on hostile input.
pub const MAX_INPUT_BYTES: usize = 16 * 1024;

/// Schemes that, when absent, mean the input was a bare host such as `alibba.com/login`.
const KNOWN_SCHEMES: &[&str] = &[
    "http",
    "https",
    "data",
    "javascript",
    "about",
    "blob",
    "file",
    "ftp",
    "ws",
    "wss",
    "mailto",
    "tel",
    "chrome",
    "chrome-extension",
    "edge",
    "view-source",
];

/// Why an input is not a readable address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AddressError {
    /// Nothing but white space.
    Empty,
    /// Over [`MAX_INPUT_BYTES`].
    TooLong,
    /// The URL parser refused it; the message says why.
    Unparsable(String),
    /// A web address without a host.
    NoHost,
}

impl fmt::Display for AddressError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AddressError::Empty => f.write_str("empty input"),
            AddressError::TooLong => write!(f, "longer than {MAX_INPUT_BYTES} bytes"),
            AddressError::Unparsable(e) => f.write_str(e),
            AddressError::NoHost => f.write_str("no host"),
        }
    }
}

impl std::error::Error for AddressError {}

/// What kind of address an input is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Address {
    /// An address with a host: http(s), ws(s), ftp, or the origin inside a `blob:` URL.
    Web(WebAddress),
    /// `data:` content.
    Data,
    /// `javascript:` code.
    Javascript,
    /// Any other scheme (`about:`, `chrome:`, `mailto:`, `file:`): no site to judge.
    Other { scheme: String },
}

/// The parts of a web address the rules need, all lower case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebAddress {
    pub scheme: String,
    /// The host in ASCII (punycode for IDNs), without a trailing dot.
    pub host: String,
    /// The host in Unicode, for display and script checks.
    pub host_unicode: String,
    /// Whether the host is an IPv4 or IPv6 address.
    pub is_ip: bool,
    /// eTLD+1 through the Public Suffix List, private section included (`evil.web.app` is its own
    /// site, not Google's). `None` for IP addresses and bare suffixes.
    pub registrable: Option<String>,
    /// The public suffix of the host (`co.jp`, `web.app`).
    pub suffix: Option<String>,
    /// Whether that suffix comes from the list's private section (hosting services, not registries).
    pub suffix_is_private: bool,
    /// Whether the suffix is on the list at all (`example.invalid-tld` has an unknown one).
    pub suffix_is_known: bool,
    /// The user name and password before `@`, percent-decoded, if any.
    pub userinfo: Option<String>,
    /// Path, query and fragment, percent-decoded and lower-cased.
    pub rest: String,
}

impl WebAddress {
    /// The registrable domain's own label: `alibba` in `www.alibba.co.jp`.
    pub fn registrable_label(&self) -> Option<&str> {
        let registrable = self.registrable.as_deref()?;
        let suffix = self.suffix.as_deref()?;
        registrable
            .strip_suffix(suffix)
            .and_then(|s| s.strip_suffix('.'))
    }

    /// Labels left of the registrable domain: `["login", "alibaba", "com"]` in
    /// `login.alibaba.com.verify.xyz`.
    pub fn subdomain_labels(&self) -> Vec<&str> {
        let prefix = match self.registrable.as_deref() {
            Some(registrable) => self
                .host
                .strip_suffix(registrable)
                .and_then(|s| s.strip_suffix('.'))
                .unwrap_or(""),
            None => "",
        };
        prefix.split('.').filter(|l| !l.is_empty()).collect()
    }

    /// The registrable domain for display, in Unicode; the host when there is none.
    pub fn display_domain(&self) -> String {
        match &self.registrable {
            Some(r) => to_unicode(r),
            None => self.host_unicode.clone(),
        }
    }
}

/// Reads an input line as an address. A bare host (`alibba.com/login`) is read as `http://`.
///
/// # Errors
/// [`AddressError`] when the input is empty, too long, unparsable, or a web address without host.
pub fn parse(input: &str) -> Result<Address, AddressError> {
    let input = input.trim();
    if input.is_empty() {
        return Err(AddressError::Empty);
    }
    if input.len() > MAX_INPUT_BYTES {
        return Err(AddressError::TooLong);
    }
    let url = match Url::parse(input) {
        Ok(url) if KNOWN_SCHEMES.contains(&url.scheme()) || input.contains("://") => url,
        // `alibba.com:8080` parses with the scheme `alibba.com`: a bare host, really.
        Ok(_) | Err(url::ParseError::RelativeUrlWithoutBase) => {
            Url::parse(&format!("http://{input}"))
                .map_err(|e| AddressError::Unparsable(e.to_string()))?
        }
        Err(e) => return Err(AddressError::Unparsable(e.to_string())),
    };
    from_url(&url, true)
}

fn from_url(url: &Url, allow_blob: bool) -> Result<Address, AddressError> {
    match url.scheme() {
        "data" => return Ok(Address::Data),
        "javascript" => return Ok(Address::Javascript),
        "blob" if allow_blob => {
            // A blob URL's path is the creator's origin: judge that site.
            let inner =
                Url::parse(url.path()).map_err(|e| AddressError::Unparsable(e.to_string()))?;
            return from_url(&inner, false);
        }
        "http" | "https" | "ws" | "wss" | "ftp" => {}
        other => {
            return Ok(Address::Other {
                scheme: other.to_owned(),
            })
        }
    }
    let (host, is_ip) = match url.host() {
        Some(Host::Domain(d)) => (d.trim_end_matches('.').to_owned(), false),
        Some(Host::Ipv4(ip)) => (ip.to_string(), true),
        Some(Host::Ipv6(ip)) => (format!("[{ip}]"), true),
        None => return Err(AddressError::NoHost),
    };
    if host.is_empty() {
        return Err(AddressError::NoHost);
    }
    let (registrable, suffix, suffix_type) = if is_ip {
        (None, None, None)
    } else {
        match suffix_list::split(&host) {
            Some(split) => (
                Some(split.registrable.to_owned()),
                Some(split.suffix.to_owned()),
                split.suffix_type,
            ),
            None => (None, None, None),
        }
    };
    let userinfo = match (url.username(), url.password()) {
        ("", None) => None,
        (user, password) => {
            let mut raw = user.to_owned();
            if let Some(p) = password {
                raw.push(':');
                raw.push_str(p);
            }
            Some(percent_decode_lossy(&raw).to_lowercase())
        }
    };
    let mut rest = url.path().to_owned();
    if let Some(q) = url.query() {
        rest.push('?');
        rest.push_str(q);
    }
    if let Some(f) = url.fragment() {
        rest.push('#');
        rest.push_str(f);
    }
    Ok(Address::Web(WebAddress {
        scheme: url.scheme().to_owned(),
        host_unicode: to_unicode(&host),
        host,
        is_ip,
        registrable,
        suffix,
        suffix_is_private: suffix_type == Some(psl_types::Type::Private),
        suffix_is_known: suffix_type.is_some(),
        userinfo,
        rest: decoded_lower(rest),
    }))
}

/// Unicode form of an ASCII (punycode) domain; the input itself where a label does not decode.
pub fn to_unicode(ascii: &str) -> String {
    // Lower-case ASCII without a punycode label is its own Unicode form (UTS-46 maps only upper
    // case letters among ASCII); most hosts are, and IDNA processing costs more than the rest of
    // reading an address.
    if is_plain_ascii_host(ascii) {
        return ascii.to_owned();
    }
    let (unicode, result) = idna::domain_to_unicode(ascii);
    if result.is_ok() {
        unicode
    } else {
        ascii.to_owned()
    }
}

/// Lower-case ASCII with no label starting `xn--`: one pass over the bytes.
fn is_plain_ascii_host(host: &str) -> bool {
    let bytes = host.as_bytes();
    let mut label_start = true;
    for (i, &b) in bytes.iter().enumerate() {
        if !b.is_ascii() || b.is_ascii_uppercase() {
            return false;
        }
        if label_start && b == b'x' && bytes.get(i..i + 4) == Some(b"xn--".as_slice()) {
            return false;
        }
        label_start = b == b'.';
    }
    true
}

/// Normalises a domain the user typed (a shop, an allowlist entry): IDNA to ASCII lower case,
/// scheme, path and trailing dot removed.
///
/// # Errors
/// [`AddressError`] when it is not a domain name.
pub fn normalise_domain(input: &str) -> Result<String, AddressError> {
    match parse(input)? {
        Address::Web(web) if !web.is_ip => Ok(web.host),
        Address::Web(_) => Err(AddressError::Unparsable(
            "an IP address is not a domain".into(),
        )),
        _ => Err(AddressError::NoHost),
    }
}

/// Percent-decoded and lower-cased; most paths are neither encoded nor upper case, and keep their
/// allocation.
fn decoded_lower(s: String) -> String {
    if s.bytes()
        .all(|b| b != b'%' && !b.is_ascii_uppercase() && b.is_ascii())
    {
        return s;
    }
    percent_decode_lossy(&s).to_lowercase()
}

fn percent_decode_lossy(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8_lossy()
        .into_owned()
}
