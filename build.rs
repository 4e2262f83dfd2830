//! Compiles the Public Suffix List into the lookup tables `src/suffix_list.rs` searches.
//! `src/data/public_suffix_list.dat` is the official file, comments and all. Its rules become a
//! tree of labels, read from the right (`jp` → `kyoto` → `ide`), each internationalised rule also
//! in the punycode form hosts arrive in, laid out breadth first so that each node's children are
//! consecutive and sorted: a lookup is a binary search per label, and nothing is built when the
//! extension's service worker starts.
//!
//! Files written to OUT_DIR, little-endian:
//! - `psl_labels.bin`: every distinct label, concatenated.
//! - `psl_nodes.bin`: per node, two u32: label as `offset << 6 | length`, and children as
//!   `first << 12 | count`; node 0 is the root.
//! - `psl_flags.bin`: per node, one byte: 1 = a rule ends here, 2 = it is an exception (`!`),
//!   4 = it is in the private section.
//!
//! It also sorts the established-sites list (`src/data/top-domains.txt`, comments dropped) into
//! `established.txt`, one domain a line, so the detector binary-searches it without sorting it
//! each time it is built (half of `Detector::new`).

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::path::PathBuf;

const LIST: &str = "src/data/public_suffix_list.dat";
const ESTABLISHED: &str = "src/data/top-domains.txt";

fn main() {
    println!("cargo:rerun-if-changed={LIST}");
    println!("cargo:rerun-if-changed=build.rs");
    let text = std::fs::read_to_string(LIST).unwrap_or_else(|e| panic!("{LIST}: {e}"));
    let rules = rules(&text).unwrap_or_else(|e| panic!("{LIST}: {e}"));
    let tables = Tables::new(&rules).unwrap_or_else(|e| panic!("{LIST}: {e}"));
    let dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    println!("cargo:rerun-if-changed={ESTABLISHED}");
    let established =
        std::fs::read_to_string(ESTABLISHED).unwrap_or_else(|e| panic!("{ESTABLISHED}: {e}"));
    let mut domains: Vec<&str> = established
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect();
    domains.sort_unstable();
    if std::env::var_os("CARGO_FEATURE_BENCH_SUFFIX_PUBLICSUFFIX").is_some()
        || std::env::var_os("CARGO_FEATURE_BENCH_SUFFIX_PUBLICSUFFIX_DEFLATE").is_some()
    {
        bench_text_list(&rules, &dir);
    }
    for (name, bytes) in [
        ("psl_labels.bin", tables.labels),
        ("psl_nodes.bin", tables.nodes),
        ("psl_flags.bin", tables.flags),
        ("established.txt", domains.join("\n").into_bytes()),
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
    nodes: Vec<u8>,
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
        let mut queue = VecDeque::from([0usize]);
        let mut first_child = vec![0usize];
        while let Some(i) = queue.pop_front() {
            let node = order[i].1;
            first_child[i] = order.len();
            for (label, child) in &node.children {
                queue.push_back(order.len());
                order.push((label, child));
                first_child.push(0);
            }
        }
        let mut labels = Vec::new();
        let mut at: HashMap<&str, usize> = HashMap::new();
        let mut nodes = Vec::new();
        let mut flags = Vec::new();
        for (i, (label, node)) in order.iter().enumerate() {
            let offset = *at.entry(label).or_insert_with(|| {
                labels.extend_from_slice(label.as_bytes());
                labels.len() - label.len()
            });
            let count = node.children.len();
            if offset >= 1 << 26 || count >= 1 << 12 || first_child[i] >= 1 << 20 {
                return Err("the list outgrew the table format".into());
            }
            let label_word = (offset << 6 | label.len()) as u32;
            let children_word = (first_child[i] << 12 | count) as u32;
            nodes.extend_from_slice(&label_word.to_le_bytes());
            nodes.extend_from_slice(&children_word.to_le_bytes());
            flags.push(node.flags);
        }
        Ok(Tables {
            labels,
            nodes,
            flags,
        })
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
            rules.push((rule.to_owned(), private));
            if !rule.is_ascii() {
                rules.push((to_ascii(rule)?, private));
            }
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
