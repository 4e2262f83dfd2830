//! Compiles the Public Suffix List into the lookup tables `src/suffix_list.rs` searches.
//! `src/data/public_suffix_list.dat` is the official file, comments and all. Its rules become a
//! tree of labels, read from the right (`jp` → `kyoto` → `ide`), each internationalised rule in
//! the punycode form hosts arrive in (the core splits ASCII hosts only), laid out breadth first so that each node's children are
//! consecutive and sorted: a lookup is a binary search per label, and nothing is built when the
//! extension's service worker starts.
//!
//! Files written to OUT_DIR, one entry per node in breadth-first order (node 0 is the root, and
//! a node's children follow one another, so where they start is the count of all children listed
//! before it, plus one):
//! - `psl_labels.bin`: the nodes' labels, concatenated (the root's is empty).
//! - `psl_lengths.bin`: each label's length, one byte.
//! - `psl_counts.bin`: each node's number of children, u16 little-endian.
//! - `psl_flags.bin`: one byte: 1 = a rule ends here, 2 = it is an exception (`!`), 4 = it is in
//!   the private section.
//!
//! Columns of small numbers and labels in tree order compress well: 40 KB gzipped, against 48 KB
//! for the list's rules as text.
//!
//! It also writes the Unicode tables (build/unicode_tables.rs) and the brand statics
//! (build/brand_tables.rs).

use std::collections::BTreeMap;
use std::path::PathBuf;

#[path = "build/brand_tables.rs"]
mod brand_tables;
#[path = "build/unicode_tables.rs"]
mod unicode_tables;

const LIST: &str = "src/data/public_suffix_list.dat";
const EXTRA_CONFUSABLES: &str = "src/data/extra-confusables.txt";
const BRANDS: &str = "src/data/brands.json";

fn main() {
    println!("cargo:rerun-if-changed={LIST}");
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=build/unicode_tables.rs");
    println!("cargo:rerun-if-changed={EXTRA_CONFUSABLES}");
    println!("cargo:rerun-if-changed=build/brand_tables.rs");
    println!("cargo:rerun-if-changed={BRANDS}");
    let text = std::fs::read_to_string(LIST).unwrap_or_else(|e| panic!("{LIST}: {e}"));
    let rules = rules(&text).unwrap_or_else(|e| panic!("{LIST}: {e}"));
    let tables = Tables::new(&rules).unwrap_or_else(|e| panic!("{LIST}: {e}"));
    let dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    if std::env::var_os("CARGO_FEATURE_BENCH_SUFFIX_PUBLICSUFFIX").is_some()
        || std::env::var_os("CARGO_FEATURE_BENCH_SUFFIX_PUBLICSUFFIX_DEFLATE").is_some()
    {
        bench_text_list(&rules, &dir);
    }
    let extra = std::fs::read_to_string(EXTRA_CONFUSABLES)
        .map_err(|e| e.to_string())
        .and_then(|text| unicode_tables::extra_confusables(&text))
        .and_then(|pairs| unicode_tables::source(&pairs))
        .unwrap_or_else(|e| panic!("{EXTRA_CONFUSABLES}: {e}"));
    std::fs::write(dir.join("unicode_tables.rs"), extra).expect("OUT_DIR is writable");
    let brands = std::fs::read_to_string(BRANDS)
        .map_err(|e| e.to_string())
        .and_then(|json| brand_tables::source(&json))
        .unwrap_or_else(|e| panic!("{BRANDS}: {e}"));
    std::fs::write(dir.join("embedded_brands.rs"), brands).expect("OUT_DIR is writable");
    for (name, bytes) in [
        ("psl_labels.bin", tables.labels),
        ("psl_lengths.bin", tables.lengths),
        ("psl_counts.bin", tables.counts),
        ("psl_flags.bin", tables.flags),
    ] {
        std::fs::write(dir.join(name), bytes).expect("OUT_DIR is writable");
    }
}

/// For the publicsuffix comparison builds only: the rules as text under the two section markers
/// that crate reads, and (deflate feature) that text deflated.
fn bench_text_list(rules: &[(String, bool)], dir: &std::path::Path) {
    let mut text = String::new();
    for (marker, private) in [("ICANN", false), ("PRIVATE", true)] {
        text.push_str(&format!("// ===BEGIN {marker} DOMAINS===\n"));
        for (rule, _) in rules.iter().filter(|(_, p)| *p == private) {
            text.push_str(rule);
            text.push('\n');
        }
    }
    #[cfg(feature = "bench-suffix-publicsuffix-deflate")]
    std::fs::write(
        dir.join("public_suffix_list.txt.deflate"),
        miniz_oxide::deflate::compress_to_vec(text.as_bytes(), 10),
    )
    .expect("OUT_DIR is writable");
    std::fs::write(dir.join("public_suffix_list.txt"), text).expect("OUT_DIR is writable");
}

const RULE: u8 = 1;
const EXCEPTION: u8 = 2;
const PRIVATE: u8 = 4;

#[derive(Default)]
struct Node {
    children: BTreeMap<String, Node>,
    flags: u8,
}

struct Tables {
    labels: Vec<u8>,
    lengths: Vec<u8>,
    counts: Vec<u8>,
    flags: Vec<u8>,
}

impl Tables {
    fn new(rules: &[(String, bool)]) -> Result<Self, String> {
        let mut root = Node::default();
        for (rule, private) in rules {
            let (name, exception) = match rule.strip_prefix('!') {
                Some(name) => (name, true),
                None => (rule.as_str(), false),
            };
            let mut node = &mut root;
            for label in name.rsplit('.') {
                if label.is_empty() || label.len() >= 64 {
                    return Err(format!("rule {rule:?}: a label is empty or too long"));
                }
                node = node.children.entry(label.to_owned()).or_default();
            }
            node.flags =
                RULE | if exception { EXCEPTION } else { 0 } | if *private { PRIVATE } else { 0 };
        }
        // Breadth first: a node's children get consecutive numbers, in label order.
        let mut order: Vec<(&str, &Node)> = vec![("", &root)];
        let mut next = 0;
        while let Some(&(_, node)) = order.get(next) {
            next += 1;
            order.extend(
                node.children
                    .iter()
                    .map(|(label, child)| (label.as_str(), child)),
            );
        }
        let mut tables = Tables {
            labels: Vec::new(),
            lengths: Vec::new(),
            counts: Vec::new(),
            flags: Vec::new(),
        };
        for (label, node) in order {
            let count = u16::try_from(node.children.len())
                .map_err(|_| "a label has over 65,535 children".to_string())?;
            tables.labels.extend_from_slice(label.as_bytes());
            tables.lengths.push(label.len() as u8);
            tables.counts.extend_from_slice(&count.to_le_bytes());
            tables.flags.push(node.flags);
        }
        Ok(tables)
    }
}

/// The rules of an official list file, each with whether it is in the private section; every
/// internationalised rule twice, as written and in punycode.
fn rules(text: &str) -> Result<Vec<(String, bool)>, String> {
    let mut rules = Vec::new();
    let mut section = None;
    for line in text.lines() {
        if line.contains("===BEGIN ICANN DOMAINS===") {
            section = Some(false);
        } else if line.contains("===BEGIN PRIVATE DOMAINS===") {
            section = Some(true);
        } else if line.contains("===END ") {
            section = None;
        } else if line.starts_with("//") {
            continue;
        } else if let Some(rule) = line.split_whitespace().next() {
            let private = section
                .ok_or_else(|| format!("rule {rule:?} outside the ICANN and private sections"))?;
            // Hosts reach the list in ASCII (a URL parser's punycode): an internationalised rule
            // is kept in that form only.
            let rule = if rule.is_ascii() {
                rule.to_owned()
            } else {
                to_ascii(rule)?
            };
            rules.push((rule, private));
        }
    }
    let private = rules.iter().filter(|(_, p)| *p).count();
    if private < 1000 || rules.len() - private < 1000 {
        return Err(format!(
            "only {} ICANN and {private} private rules: not the whole list",
            rules.len() - private
        ));
    }
    Ok(rules)
}

/// The punycode form of a rule, its `!` or `*.` prefix kept.
fn to_ascii(rule: &str) -> Result<String, String> {
    let (prefix, name) = if let Some(name) = rule.strip_prefix('!') {
        ("!", name)
    } else if let Some(name) = rule.strip_prefix("*.") {
        ("*.", name)
    } else {
        ("", rule)
    };
    let ascii = idna::domain_to_ascii(name).map_err(|e| format!("rule {rule:?}: {e}"))?;
    Ok(format!("{prefix}{ascii}"))
}
