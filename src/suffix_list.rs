//! The Public Suffix List, private section included: which end of a host is a public suffix
//! (`co.jp`, `web.app`) and so which part is the registrable domain (`example.co.jp`,
//! `evil.web.app`).
//!
//! The list is the official file `data/public_suffix_list.dat`, embedded; `build.rs` keeps only its
//! rules and adds the punycode form of each internationalised one. The `publicsuffix` crate reads
//! the rules into its lookup tree once, on first use. (The `psl` crate compiles the whole list into
//! code instead: about three quarters of the wasm module. `tests/suffix_list.rs` proves the two
//! answer alike.)

use publicsuffix::{List, Psl, Type};
use std::sync::OnceLock;

/// The list's rules under its `BEGIN ICANN DOMAINS` and `BEGIN PRIVATE DOMAINS` markers.
const RULES: &str = include_str!(concat!(env!("OUT_DIR"), "/public_suffix_list.txt"));

/// A host's public suffix and registrable domain.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Split<'a> {
    /// The registrable domain (eTLD+1): `example.co.jp`.
    pub registrable: &'a str,
    /// The public suffix: `co.jp`. A suffix no rule names is its last label (the list's implicit
    /// `*` rule).
    pub suffix: &'a str,
    /// Whether the suffix comes from the list's private section (hosting services, not registries).
    pub is_private: bool,
}

fn list() -> &'static List {
    static LIST: OnceLock<List> = OnceLock::new();
    LIST.get_or_init(parse_rules)
}

/// Reads the embedded rules into a new lookup tree (what the first lookup does; public for the
/// benches). The rules parse: `tests::embedded_list_parses` keeps it so. Were they ever broken,
/// the empty list still applies the implicit `*` rule (the last label is the suffix).
#[doc(hidden)]
pub fn parse_rules() -> List {
    RULES.parse().unwrap_or_default()
}

/// Reads the list now rather than on the first lookup (for measuring start-up cost).
pub fn preload() {
    list();
}

/// Splits a host (ASCII, lower case, no trailing dot). `None` when the host is a public suffix
/// itself (`co.jp`, `web.app`) or has no registrable part.
pub fn split(host: &str) -> Option<Split<'_>> {
    let domain = list().domain(host.as_bytes())?;
    let (registrable_len, suffix) = (domain.as_bytes().len(), domain.suffix());
    // Both are tails of `host`: slicing it keeps the borrow on `host`, not on `domain`.
    Some(Split {
        registrable: host.get(host.len().checked_sub(registrable_len)?..)?,
        suffix: host.get(host.len().checked_sub(suffix.as_bytes().len())?..)?,
        is_private: suffix.typ() == Some(Type::Private),
    })
}

/// The registrable domain of a host, as [`split`] finds it.
pub fn registrable_domain(host: &str) -> Option<&str> {
    split(host).map(|s| s.registrable)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_list_parses() {
        let parsed: Result<List, _> = RULES.parse();
        assert!(parsed.is_ok(), "{:?}", parsed.err());
        assert!(RULES.lines().count() > 10_000);
    }

    #[test]
    fn splits_hosts_by_section() {
        let cases = [
            ("www.example.co.jp", Some(("example.co.jp", "co.jp", false))),
            ("evil.web.app", Some(("evil.web.app", "web.app", true))),
            ("a.b.github.io", Some(("b.github.io", "github.io", true))),
            ("x.unknowntld", Some(("x.unknowntld", "unknowntld", false))),
            // Wildcard and exception: `*.ck` and `!www.ck`.
            ("a.b.ck", Some(("a.b.ck", "b.ck", false))),
            ("www.ck", Some(("www.ck", "ck", false))),
            // Internationalised rule `公司.cn`, in punycode.
            (
                "shop.xn--55qx5d.cn",
                Some(("shop.xn--55qx5d.cn", "xn--55qx5d.cn", false)),
            ),
            ("co.jp", None),
            ("web.app", None),
            ("localhost", None),
        ];
        for (host, want) in cases {
            let got = split(host).map(|s| (s.registrable, s.suffix, s.is_private));
            assert_eq!(got, want, "{host}");
        }
    }
}
