//! The Public Suffix List, private section included: which end of a host is a public suffix
//! (`co.jp`, `web.app`) and so which part is the registrable domain (`example.co.jp`,
//! `evil.web.app`).
//!
//! The list is the official file `data/public_suffix_list.dat`; `build.rs` compiles its rules
//! into a tree of labels (see there for the layout) that is searched where it lies; the first
//! lookup only adds up where each node's label and children start (11,600 nodes: microseconds). The answers follow `psl-types`, the interface the `psl` and `publicsuffix`
//! crates share (its `domain` and `suffix` do the splitting; this module only finds the rule),
//! and `tests/suffix_list.rs` proves them equal to `psl`'s on every rule of the list. The
//! comparison of this with `psl` (the list compiled into code: three quarters of the wasm) and
//! `publicsuffix` (the list parsed at start-up: milliseconds of every cold start) is in README.

use psl_types::{Info, List, Type};

const LABELS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/psl_labels.bin"));
const LENGTHS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/psl_lengths.bin"));
const COUNTS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/psl_counts.bin"));
const FLAGS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/psl_flags.bin"));

const RULE: u8 = 1;
const EXCEPTION: u8 = 2;
const PRIVATE: u8 = 4;

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
    /// The rule's section, `None` when no rule names the suffix (the implicit `*` rule).
    pub suffix_type: Option<Type>,
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
        suffix_type: suffix.typ(),
    })
}

/// The registrable domain of a host, as [`split`] finds it.
pub fn registrable_domain(host: &str) -> Option<&str> {
    split(host).map(|s| s.registrable)
}

#[cfg(not(any(
    feature = "bench-suffix-psl",
    feature = "bench-suffix-publicsuffix",
    feature = "bench-suffix-publicsuffix-deflate"
)))]
fn list() -> &'static SuffixList {
    &SuffixList
}

/// Comparison build (`--features bench-suffix-psl`): the psl crate's compiled match.
#[cfg(feature = "bench-suffix-psl")]
fn list() -> &'static psl::List {
    &psl::List
}

/// Comparison builds (`--features bench-suffix-publicsuffix[-deflate]`): the publicsuffix crate
/// reading the list, embedded as text or deflated, on first use.
#[cfg(all(
    not(feature = "bench-suffix-psl"),
    any(
        feature = "bench-suffix-publicsuffix",
        feature = "bench-suffix-publicsuffix-deflate"
    )
))]
fn list() -> &'static publicsuffix::List {
    static LIST: std::sync::OnceLock<publicsuffix::List> = std::sync::OnceLock::new();
    LIST.get_or_init(|| {
        #[cfg(not(feature = "bench-suffix-publicsuffix-deflate"))]
        let text = include_str!(concat!(env!("OUT_DIR"), "/public_suffix_list.txt")).to_owned();
        #[cfg(feature = "bench-suffix-publicsuffix-deflate")]
        let text = String::from_utf8(
            miniz_oxide::inflate::decompress_to_vec(include_bytes!(concat!(
                env!("OUT_DIR"),
                "/public_suffix_list.txt.deflate"
            )))
            .unwrap_or_default(),
        )
        .unwrap_or_default();
        text.parse().unwrap_or_default()
    })
}

/// The compiled list. `psl_types::List` supplies `domain` and `suffix` from `find`.
#[derive(Debug, Clone, Copy)]
pub struct SuffixList;

/// Where each node's label and children start: running sums over `LENGTHS` and `COUNTS`.
struct Offsets {
    /// Per node, and one past the last: the start of its label in `LABELS`.
    label: Vec<u32>,
    /// Per node: its first child (children are consecutive).
    first_child: Vec<u32>,
    /// Per first byte, the range of the root's children (the top-level domains, over a thousand)
    /// that start with it: a lookup searches a few dozen instead of all.
    top_level_by_first_byte: Vec<(u32, u32)>,
}

fn offsets() -> &'static Offsets {
    static OFFSETS: std::sync::OnceLock<Offsets> = std::sync::OnceLock::new();
    OFFSETS.get_or_init(|| {
        let mut label = Vec::with_capacity(LENGTHS.len() + 1);
        let mut at = 0u32;
        for &len in LENGTHS {
            label.push(at);
            at += u32::from(len);
        }
        label.push(at);
        let mut first_child = Vec::with_capacity(LENGTHS.len());
        let mut next = 1u32; // the root's children come right after it
        for count in COUNTS.chunks_exact(2) {
            first_child.push(next);
            next += u32::from(u16::from_le_bytes([count[0], count[1]]));
        }
        let mut offsets = Offsets {
            label,
            first_child,
            top_level_by_first_byte: Vec::new(),
        };
        let first = offsets.first_child.first().copied().unwrap_or(1);
        let mut ranges = vec![(first, first); 256];
        for node in first..first + Node::ROOT.count() as u32 {
            if let Some(range) = Node(node as usize)
                .label(&offsets)
                .first()
                .and_then(|&b| ranges.get_mut(usize::from(b)))
            {
                // Children are sorted: the first seen with a byte starts its range.
                if range.0 == range.1 {
                    range.0 = node;
                }
                range.1 = node + 1;
            }
        }
        offsets.top_level_by_first_byte = ranges;
        offsets
    })
}

/// One node of the compiled tree: its index in the per-node tables.
#[derive(Debug, Clone, Copy)]
struct Node(usize);

impl Node {
    const ROOT: Node = Node(0);

    fn label(&self, offsets: &Offsets) -> &'static [u8] {
        let start = offsets.label.get(self.0).copied().unwrap_or(0) as usize;
        let end = offsets.label.get(self.0 + 1).copied().unwrap_or(0) as usize;
        LABELS.get(start..end).unwrap_or_default()
    }

    fn count(&self) -> usize {
        COUNTS
            .get(self.0 * 2..self.0 * 2 + 2)
            .map_or(0, |c| usize::from(u16::from_le_bytes([c[0], c[1]])))
    }

    /// The child with this label: children are stored consecutively, sorted by label.
    fn child(&self, label: &[u8]) -> Option<Node> {
        let offsets = offsets();
        let (mut low, mut high) = if self.0 == Node::ROOT.0 {
            let &(low, high) = offsets
                .top_level_by_first_byte
                .get(usize::from(*label.first()?))?;
            (low as usize, high as usize)
        } else {
            let first = offsets.first_child.get(self.0).copied()? as usize;
            (first, first + self.count())
        };
        while low < high {
            let mid = low + (high - low) / 2;
            // Labels are short: a byte loop beats a call to memcmp.
            match Node(mid).label(offsets).iter().cmp(label.iter()) {
                std::cmp::Ordering::Less => low = mid + 1,
                std::cmp::Ordering::Greater => high = mid,
                std::cmp::Ordering::Equal => return Some(Node(mid)),
            }
        }
        None
    }

    /// The `*` child: `*` sorts before every letter, digit and hyphen, so it can only be first.
    fn wildcard_child(&self) -> Option<Node> {
        let offsets = offsets();
        let first = Node(offsets.first_child.get(self.0).copied()? as usize);
        (self.count() > 0 && first.label(offsets) == b"*").then_some(first)
    }

    fn flags(&self) -> u8 {
        FLAGS.get(self.0).copied().unwrap_or(0)
    }

    fn typ(&self) -> Option<Type> {
        let flags = self.flags();
        if flags & RULE == 0 {
            None
        } else if flags & PRIVATE != 0 {
            Some(Type::Private)
        } else {
            Some(Type::Icann)
        }
    }
}

impl List for SuffixList {
    /// The suffix's length in bytes and the section of the rule that decided it, for labels
    /// given right to left; the PSL algorithm: the longest matching rule wins, `*` matches any
    /// one label, an exception rule (`!www.ck`) ends the suffix one label short of itself, and an
    /// unlisted last label is a suffix on its own (the implicit `*` rule).
    fn find<'a, T>(&self, mut labels: T) -> Info
    where
        T: Iterator<Item = &'a [u8]>,
    {
        let Some(top) = labels.next() else {
            return Info { len: 0, typ: None };
        };
        let mut info = Info {
            len: top.len(),
            typ: None,
        };
        let Some(mut node) = Node::ROOT.child(top) else {
            return info;
        };
        info.typ = node.typ();
        let mut len = top.len();
        for label in labels {
            match node.child(label).or_else(|| node.wildcard_child()) {
                Some(next) => node = next,
                None => break,
            }
            if let Some(typ) = node.typ() {
                info.typ = Some(typ);
                if node.flags() & EXCEPTION != 0 {
                    info.len = len;
                    break;
                }
                info.len = len + 1 + label.len();
            }
            len += 1 + label.len();
        }
        info
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_whole_list_is_compiled() {
        assert!(FLAGS.len() > 10_000, "{} nodes", FLAGS.len());
        assert_eq!(LENGTHS.len(), FLAGS.len());
        assert_eq!(COUNTS.len(), FLAGS.len() * 2);
        let labels: usize = LENGTHS.iter().map(|&l| usize::from(l)).sum();
        assert_eq!(labels, LABELS.len());
        let children: usize = (0..FLAGS.len()).map(|i| Node(i).count()).sum();
        assert_eq!(
            children + 1,
            FLAGS.len(),
            "every node but the root is someone's child"
        );
        let rules = FLAGS.iter().filter(|f| *f & RULE != 0).count();
        let private = FLAGS.iter().filter(|f| *f & PRIVATE != 0).count();
        assert!(
            rules > 10_000 && private > 3_000,
            "{rules} rules, {private} private"
        );
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
