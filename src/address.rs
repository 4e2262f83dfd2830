//! Reads an untrusted address into the parts the rules judge: scheme, host, registrable domain.

use crate::unicode_tables;
use crate::url_reader::{self, UrlParts, UrlReader};
use std::borrow::Cow;
use std::fmt;

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
    /// `http`, `https`, `ws`, `wss` or `ftp`.
    pub scheme: &'static str,
    /// The host in ASCII (punycode for IDNs), without a trailing dot.
    pub host: String,
    /// The host in Unicode where it differs from `host` (see [`WebAddress::host_unicode`]).
    unicode_host: Option<String>,
    /// Whether the host is an IPv4 or IPv6 address.
    pub is_ip: bool,
    /// The lengths of the registrable domain and of the public suffix, both tails of `host`
    /// (see [`WebAddress::registrable`] and [`WebAddress::suffix`]).
    registrable_len: Option<usize>,
    suffix_len: Option<usize>,
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
    /// eTLD+1 through the Public Suffix List, private section included (`evil.web.app` is its own
    /// site, not Google's). `None` for IP addresses and bare suffixes.
    pub fn registrable(&self) -> Option<&str> {
        self.host_tail(self.registrable_len?)
    }

    /// The public suffix of the host (`co.jp`, `web.app`).
    pub fn suffix(&self) -> Option<&str> {
        self.host_tail(self.suffix_len?)
    }

    /// The host in Unicode, for display and script checks.
    pub fn host_unicode(&self) -> &str {
        self.unicode_host.as_deref().unwrap_or(&self.host)
    }

    /// [`WebAddress::host_unicode`], taken out.
    pub fn into_host_unicode(self) -> String {
        self.unicode_host.unwrap_or(self.host)
    }

    fn host_tail(&self, len: usize) -> Option<&str> {
        self.host.get(self.host.len().checked_sub(len)?..)
    }

    /// The registrable domain's own label: `alibba` in `www.alibba.co.jp`.
    pub fn registrable_label(&self) -> Option<&str> {
        let registrable = self.registrable()?;
        let suffix = self.suffix()?;
        registrable
            .strip_suffix(suffix)
            .and_then(|s| s.strip_suffix('.'))
    }

    /// Labels left of the registrable domain: `["login", "alibaba", "com"]` in
    /// `login.alibaba.com.verify.xyz`.
    pub fn subdomain_labels(&self) -> impl Iterator<Item = &str> {
        let prefix = match self.registrable() {
            Some(registrable) => self
                .host
                .strip_suffix(registrable)
                .and_then(|s| s.strip_suffix('.'))
                .unwrap_or(""),
            None => "",
        };
        prefix.split('.').filter(|l| !l.is_empty())
    }

    /// The registrable domain for display, in Unicode; the host when there is none.
    pub fn display_domain(&self) -> String {
        match self.registrable() {
            Some(r) => to_unicode(r),
            None => self.host_unicode().to_owned(),
        }
    }
}

/// Reads an input line as an address. A bare host (`alibba.com/login`) is read as `http://`.
///
/// # Errors
/// [`AddressError`] when the input is empty, too long, unparsable, or a web address without host.
pub fn parse(input: &str) -> Result<Address, AddressError> {
    parse_with(url_reader::read, input)
}

fn parse_with(read: UrlReader, input: &str) -> Result<Address, AddressError> {
    let input = input.trim();
    if input.is_empty() {
        return Err(AddressError::Empty);
    }
    if input.len() > MAX_INPUT_BYTES {
        return Err(AddressError::TooLong);
    }
    let href: Cow<'_, str> = if url_reader::is_serialised(input) {
        Cow::Borrowed(input)
    } else {
        Cow::Owned(match read(input) {
            Ok(href)
                if KNOWN_SCHEMES.contains(&url_reader::split(&href).scheme)
                    || starts_with_scheme(input) =>
            {
                href
            }
            // `alibba.com:8080` parses with the scheme `alibba.com`, `alibba.com/login` not at
            // all (no scheme): a bare host, really.
            Ok(_) => read(&format!("http://{input}")).map_err(AddressError::Unparsable)?,
            Err(e) if starts_with_scheme(input) => return Err(AddressError::Unparsable(e)),
            Err(_) => read(&format!("http://{input}")).map_err(AddressError::Unparsable)?,
        })
    };
    from_parts(read, url_reader::split(&href), true)
}

fn from_parts(
    read: UrlReader,
    url: UrlParts<'_>,
    allow_blob: bool,
) -> Result<Address, AddressError> {
    match url.scheme {
        "data" => return Ok(Address::Data),
        "javascript" => return Ok(Address::Javascript),
        "blob" if allow_blob => {
            // A blob URL's path is the creator's origin: judge that site.
            let inner = read(url.path).map_err(AddressError::Unparsable)?;
            return from_parts(read, url_reader::split(&inner), false);
        }
        _ => {}
    }
    let Some(scheme) = ["http", "https", "ws", "wss", "ftp"]
        .into_iter()
        .find(|s| *s == url.scheme)
    else {
        return Ok(Address::Other {
            scheme: url.scheme.to_owned(),
        });
    };
    let is_ip = url.host.starts_with('[') || is_serialised_ipv4(url.host);
    let host = if is_ip {
        url.host.to_owned()
    } else {
        url.host.trim_end_matches('.').to_owned()
    };
    if host.is_empty() {
        return Err(AddressError::NoHost);
    }
    // The `url` crate refuses a punycode label that does not decode to a label UTS-46 would
    // make; Chrome keeps it (`xn--mi7caacb3bu`, fullwidth `ａｌｉｂａｂａ`). Refused here too, so
    // that such a host reads the same in the extension as on the command line.
    // Most hosts: their own Unicode form, with no punycode label to check (read once, used twice).
    let plain = is_plain_ascii_host(&host);
    // Chrome also keeps, escaped, characters no domain may hold (`ali%20baba.com` for a space);
    // the url crate refuses them, and so does the core wherever it runs.
    if !is_ip
        && (host.bytes().any(is_forbidden_in_domain)
            || !plain && host.split('.').any(|l| !is_valid_punycode(l)))
    {
        return Err(AddressError::Unparsable(String::from(
            "invalid international domain name",
        )));
    }
    let domain = if is_ip {
        None
    } else {
        psl::domain(host.as_bytes())
    };
    let (registrable_len, suffix_len, suffix_type) = match domain {
        Some(domain) => {
            let suffix = domain.suffix();
            (
                Some(domain.as_bytes().len()),
                Some(suffix.as_bytes().len()),
                suffix.typ(),
            )
        }
        None => (None, None, None),
    };
    let userinfo = match (url.username, url.password) {
        ("", "") => None,
        (user, "") => Some(percent_decode_lossy(user).to_lowercase()),
        (user, password) => {
            Some(percent_decode_lossy(&format!("{user}:{password}")).to_lowercase())
        }
    };
    // Sized for all three parts at once: a query or fragment appended later would move it.
    let extra = |part: Option<&str>| part.map_or(0, |p| p.len() + 1);
    let mut rest = String::with_capacity(url.path.len() + extra(url.query) + extra(url.fragment));
    rest.push_str(url.path);
    if let Some(query) = url.query {
        rest.push('?');
        rest.push_str(query);
    }
    if let Some(fragment) = url.fragment {
        rest.push('#');
        rest.push_str(fragment);
    }
    Ok(Address::Web(WebAddress {
        scheme,
        unicode_host: if plain {
            None
        } else {
            match to_unicode_borrowed(&host) {
                Cow::Borrowed(_) => None,
                Cow::Owned(unicode) => Some(unicode),
            }
        },
        host,
        is_ip,
        registrable_len,
        suffix_len,
        suffix_is_private: suffix_type == Some(psl::Type::Private),
        suffix_is_known: suffix_type.is_some(),
        userinfo,
        rest: decoded_lower(rest),
    }))
}

/// The registrable domain (eTLD+1) of an ASCII host by the Public Suffix List, private section
/// included: `example.co.jp` for `www.example.co.jp`, `evil.web.app` for `a.evil.web.app`. `None`
/// when the host is a public suffix itself (`co.jp`) or has no registrable part.
pub fn registrable_domain(host: &str) -> Option<&str> {
    let len = psl::domain(host.as_bytes())?.as_bytes().len();
    host.get(host.len().checked_sub(len)?..)
}

/// Unicode form of an ASCII (punycode) domain; the input itself where a label does not decode.
pub fn to_unicode(ascii: &str) -> String {
    to_unicode_borrowed(ascii).into_owned()
}

/// [`to_unicode`], borrowing the input where it is its own Unicode form (most hosts).
pub fn to_unicode_borrowed(ascii: &str) -> Cow<'_, str> {
    // Lower-case ASCII without a punycode label is its own Unicode form (UTS-46 maps only upper
    // case letters among ASCII); most hosts are, and IDNA processing costs more than the rest of
    // reading an address.
    if is_plain_ascii_host(ascii) {
        return Cow::Borrowed(ascii);
    }
    // Hosts come from a URL parser, which has already checked their punycode labels (UTS-46):
    // decoding them is all that is left, and needs none of the UTS-46 tables.
    let mut unicode = String::with_capacity(ascii.len());
    for (i, label) in ascii.split('.').enumerate() {
        if i > 0 {
            unicode.push('.');
        }
        match label.strip_prefix("xn--") {
            Some(encoded) => match idna::punycode::decode_to_string(encoded) {
                Some(decoded) if is_plausible_label(&decoded) => unicode.push_str(&decoded),
                _ => return Cow::Borrowed(ascii),
            },
            None => unicode.push_str(label),
        }
    }
    Cow::Owned(unicode)
}

/// Whether the input begins with `scheme://`: a `://` further on (`alibba.com/?next=https://…`)
/// is not one.
fn starts_with_scheme(input: &str) -> bool {
    input.split_once("://").is_some_and(|(scheme, _)| {
        scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"+-.".contains(&b))
    })
}

/// Whether a parser's host is an IPv4 address: WHATWG parsers write one as four dotted decimal
/// numbers (`0x7f.1` becomes `127.0.0.1`), and a host ending in a number is nothing else.
fn is_serialised_ipv4(host: &str) -> bool {
    let mut count = 0;
    let all_numbers = host.split('.').all(|part| {
        count += 1;
        !part.is_empty() && part.len() <= 3 && part.bytes().all(|b| b.is_ascii_digit())
    });
    all_numbers && count == 4
}

/// WHATWG's forbidden domain code points, among the bytes of a serialised host: controls, space,
/// `# % / : < > ? @ [ \ ] ^ |` and DEL.
fn is_forbidden_in_domain(b: u8) -> bool {
    b <= b' ' || b == 0x7f || b"#%/:<>?@[\\]^|".contains(&b)
}

/// Whether a label is not punycode, or is punycode that decodes to a label UTS-46 could make.
fn is_valid_punycode(label: &str) -> bool {
    match label.strip_prefix("xn--") {
        Some(encoded) => idna::punycode::decode_to_string(encoded)
            .is_some_and(|decoded| is_plausible_label(&decoded)),
        None => true,
    }
}

/// Whether a decoded punycode label could have come out of UTS-46 processing: not ASCII alone,
/// and only characters a label can hold. Chrome keeps labels UTS-46 refuses (`xn--abc` is three
/// C1 controls, `xn--mi7caacb3bu` fullwidth letters); they stay in punycode.
fn is_plausible_label(decoded: &str) -> bool {
    !decoded.is_ascii() && decoded.chars().all(unicode_tables::can_be_in_label)
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
    normalise_domain_with(url_reader::read, input)
}

fn normalise_domain_with(read: UrlReader, input: &str) -> Result<String, AddressError> {
    match parse_with(read, input)? {
        // Browsers keep some characters no domain has (`not%20a%20shop`): refused here.
        Address::Web(web) if !web.is_ip && !is_domain_name(&web.host) => Err(
            AddressError::Unparsable(format!("{} is not a domain name", web.host)),
        ),
        Address::Web(web) if !web.is_ip => Ok(web.host),
        Address::Web(_) => Err(AddressError::Unparsable(
            "an IP address is not a domain".into(),
        )),
        _ => Err(AddressError::NoHost),
    }
}

/// Why a typed entry is not a site's domain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DomainEntryError {
    /// Not a domain name: unreadable, a single label, or a label that is not letters, digits and
    /// inner hyphens.
    NotADomain(AddressError),
    /// An IP address.
    IpAddress,
    /// A public suffix on its own (`co.jp`, `web.app`): every site under it would match.
    PublicSuffix,
}

/// The registrable domain, in ASCII, of what a user typed as a site's domain (a shop, a trusted
/// site): `https://Shop.Example.co.jp/admin` → `example.co.jp`. Stricter than
/// [`normalise_domain`]: each label is letters, digits and inner hyphens, as registries allow.
///
/// # Errors
/// [`DomainEntryError`] when the entry cannot be a site's domain.
pub fn registrable_entry(input: &str) -> Result<String, DomainEntryError> {
    let host = match parse(input).map_err(DomainEntryError::NotADomain)? {
        Address::Web(web) if web.is_ip => return Err(DomainEntryError::IpAddress),
        Address::Web(web) => web.host,
        _ => return Err(DomainEntryError::NotADomain(AddressError::NoHost)),
    };
    let is_ldh_label = |label: &str| {
        (1..=63).contains(&label.len())
            && !label.starts_with('-')
            && !label.ends_with('-')
            && label
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    };
    if host.len() > 253 || !host.split('.').all(is_ldh_label) {
        return Err(DomainEntryError::NotADomain(AddressError::Unparsable(
            format!("{host} is not a domain name"),
        )));
    }
    match registrable_domain(&host) {
        Some(domain) => Ok(domain.to_owned()),
        None if host.contains('.') => Err(DomainEntryError::PublicSuffix),
        None => Err(DomainEntryError::NotADomain(AddressError::Unparsable(
            format!("{host} has a single label"),
        ))),
    }
}

/// Labels of letters, digits, hyphens and underscores, none empty.
fn is_domain_name(host: &str) -> bool {
    host.split('.').all(|label| {
        !label.is_empty()
            && label
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    })
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Answers as Chrome's `URL` does for the inputs below, which the `url` crate answers
    /// differently or not at all: no scheme is an error, odd host characters are kept escaped.
    fn chrome_like(input: &str) -> Result<String, String> {
        let href = match input {
            "http://not a shop!" => "http://not%20a%20shop!/",
            "https://ali baba.com/" => "https://ali%20baba.com/",
            "http://alibba.com/login" => "http://alibba.com/login",
            "http://[::ffff:1.2.3.4]/" => "http://[::ffff:102:304]/",
            "http://0x7f.1/" => "http://127.0.0.1/",
            "blob:http://alibba.com/0f1e" => "blob:http://alibba.com/0f1e",
            "http://alibba.com/0f1e" => "http://alibba.com/0f1e",
            // Chrome keeps punycode UTS-46 refuses: fullwidth `ａｌｉｂａｂａ`.
            "http://xn--mi7caacb3bu.com/" => "http://xn--mi7caacb3bu.com/",
            _ => return Err("Invalid URL".into()),
        };
        Ok(href.into())
    }

    fn web(input: &str) -> WebAddress {
        match parse_with(chrome_like, input) {
            Ok(Address::Web(web)) => web,
            other => panic!("{input}: {other:?}"),
        }
    }

    #[test]
    fn reads_what_a_browser_parser_answers() {
        let bare = web("alibba.com/login");
        assert_eq!(bare.registrable(), Some("alibba.com"));
        assert_eq!(bare.rest, "/login");
        assert!(web("http://[::ffff:1.2.3.4]/").is_ip);
        let ipv4 = web("http://0x7f.1/");
        assert!(ipv4.is_ip && ipv4.registrable().is_none());
        assert_eq!(web("blob:http://alibba.com/0f1e").host, "alibba.com");
        assert!(matches!(
            parse_with(chrome_like, "::"),
            Err(AddressError::Unparsable(_))
        ));
        for refused in ["http://xn--mi7caacb3bu.com/", "https://ali baba.com/"] {
            assert!(
                matches!(
                    parse_with(chrome_like, refused),
                    Err(AddressError::Unparsable(_))
                ),
                "{refused}"
            );
        }
    }

    #[test]
    fn refuses_shops_a_lenient_parser_keeps() {
        assert!(normalise_domain_with(chrome_like, "not a shop!").is_err());
        assert_eq!(
            normalise_domain_with(chrome_like, "alibba.com/login").as_deref(),
            Ok("alibba.com")
        );
    }

    #[test]
    fn reads_typed_entries_as_registrable_domains() {
        for (input, want) in [
            ("https://Shop.Example.co.jp/admin", Ok("example.co.jp")),
            ("myshop.co.jp:8080/login", Ok("myshop.co.jp")),
            ("owner@www.myshop.co.jp.", Ok("myshop.co.jp")),
            ("MYSHOP.JP:8080", Ok("myshop.jp")),
            ("ＭｙＳｈｏｐ．ｊｐ", Ok("myshop.jp")),
            ("ショップ.jp", Ok("xn--xckya1d0c.jp")),
            ("a.evil.web.app", Ok("evil.web.app")),
            ("co.jp", Err(DomainEntryError::PublicSuffix)),
            ("web.app", Err(DomainEntryError::PublicSuffix)),
            ("192.168.0.1", Err(DomainEntryError::IpAddress)),
            ("[::1]", Err(DomainEntryError::IpAddress)),
        ] {
            assert_eq!(
                registrable_entry(input).as_deref(),
                want.as_ref().map(|d| *d),
                "{input}"
            );
        }
        for input in [
            "",
            "localhost",
            "not a shop!",
            "under_score.jp",
            "-a.jp",
            "a-.jp",
            "mailto:x@y.jp",
        ] {
            assert!(
                matches!(
                    registrable_entry(input),
                    Err(DomainEntryError::NotADomain(_))
                ),
                "{input}"
            );
        }
    }

    #[test]
    fn decodes_punycode_as_uts46_does() {
        for host in [
            "xn--80ak6aa92e.com",
            "xn--lbaba-3ya.com",
            "www.xn--r8jz45g.jp",
            "xn--ls8h.la",
            "xn--abc.com",
            "xn--.com",
            "xn--google.com",
            "example.com",
        ] {
            let (reference, result) = idna::domain_to_unicode(host);
            let expected = if result.is_ok() {
                reference
            } else {
                host.to_owned()
            };
            assert_eq!(to_unicode(host), expected, "{host}");
        }
    }
}
