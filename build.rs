//! Prepares the Public Suffix List for embedding: `src/data/public_suffix_list.dat` is the official
//! file, comments and all; the core only needs its rules, in the file's two sections (ICANN and
//! private), with every internationalised rule also in the punycode form that hosts arrive in.
//! Done here, once, so the extension's service worker neither carries the comments nor converts
//! rules when it starts.

use std::fmt::Write as _;
use std::path::PathBuf;

const LIST: &str = "src/data/public_suffix_list.dat";

fn main() {
    println!("cargo:rerun-if-changed={LIST}");
    println!("cargo:rerun-if-changed=build.rs");
    let text = std::fs::read_to_string(LIST).unwrap_or_else(|e| panic!("{LIST}: {e}"));
    let out = compact_rules(&text).unwrap_or_else(|e| panic!("{LIST}: {e}"));
    let dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(dir.join("public_suffix_list.txt"), out).expect("OUT_DIR is writable");
}

/// The rules of an official list file, one per line under the two section markers that the
/// `publicsuffix` crate reads.
fn compact_rules(text: &str) -> Result<String, String> {
    let mut icann = Vec::new();
    let mut private = Vec::new();
    let mut section: Option<&mut Vec<String>> = None;
    for line in text.lines() {
        if line.contains("===BEGIN ICANN DOMAINS===") {
            section = Some(&mut icann);
        } else if line.contains("===BEGIN PRIVATE DOMAINS===") {
            section = Some(&mut private);
        } else if line.contains("===END ") {
            section = None;
        } else if line.starts_with("//") {
            continue;
        } else if let Some(rule) = line.split_whitespace().next() {
            let rules = section
                .as_deref_mut()
                .ok_or_else(|| format!("rule {rule:?} outside the ICANN and private sections"))?;
            rules.push(rule.to_owned());
            if !rule.is_ascii() {
                rules.push(to_ascii(rule)?);
            }
        }
    }
    if icann.len() < 1000 || private.len() < 1000 {
        return Err(format!(
            "only {} ICANN and {} private rules: not the whole list",
            icann.len(),
            private.len()
        ));
    }
    let mut out = String::new();
    for (marker, rules) in [("ICANN", &icann), ("PRIVATE", &private)] {
        let _ = writeln!(out, "// ===BEGIN {marker} DOMAINS===");
        for rule in rules {
            let _ = writeln!(out, "{rule}");
        }
    }
    Ok(out)
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
