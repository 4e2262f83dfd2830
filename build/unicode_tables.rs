//! Per-character Unicode tables for comparing labels by how they look, derived at build time
//! from the maintained crates: `unicode-security` (UTS-39 skeleton), `unicode-normalization`
//! (NFD, combining marks) and `unicode-script`. The module then carries only what Miwake looks up,
//! one answer per character, instead of those crates' complete tables (NFC composition and
//! compatibility decompositions among them, which nothing here needs).
//!
//! `unicode_tables.rs` in OUT_DIR, included by `src/unicode_tables.rs`:
//! - the confusable fold of every character that can be in a label: its UTS-39 skeleton with
//!   combining marks dropped, as the runs of characters it drops, then the sorted code points
//!   whose fold is something else, with the folds concatenated into one string and the end
//!   offset of each;
//! - Hangul syllables are left out: their NFD is arithmetic, so the module decomposes them and
//!   folds each jamo;
//! - the extra confusables (`src/data/extra-confusables.txt`) that the visual fold adds;
//! - scripts: the first code point of every run of one script, that script's index, and the
//!   scripts' names.
//!
//! `tests/unicode_tables.rs` checks every code point against the crates themselves.

use std::fmt::Write as _;
use unicode_normalization::char::is_combining_mark;
use unicode_script::UnicodeScript;

const HANGUL_FIRST: u32 = 0xAC00;
const HANGUL_LAST: u32 = 0xD7A3;
/// The conjoining jamo Hangul syllables decompose into: in the table whether or not a label may
/// hold them on their own.
const JAMO_FIRST: u32 = 0x1100;
const JAMO_LAST: u32 = 0x11FF;

/// Reads `extra-confusables.txt`: a letter and the Latin letter it reads as per line.
pub fn extra_confusables(text: &str) -> Result<Vec<(char, char)>, String> {
    let mut pairs = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        let mut chars = line.split_whitespace().map(|w| {
            let mut cs = w.chars();
            match (cs.next(), cs.next()) {
                (Some(c), None) => Ok(c),
                _ => Err(format!("line {}: {w:?} is not one character", n + 1)),
            }
        });
        match (chars.next(), chars.next(), chars.next()) {
            (Some(from), Some(to), None) => pairs.push((from?, to?)),
            _ => return Err(format!("line {}: want two letters", n + 1)),
        }
    }
    Ok(pairs)
}

fn confusable_fold(c: char) -> String {
    unicode_security::skeleton(&c.to_string())
        .filter(|c| !is_combining_mark(*c))
        .collect()
}

/// Whether `c` can be in a label after UTS-46 processing, where Miwake compares labels: hosts
/// reach the core in ASCII, read by a WHATWG URL parser (the browser's or the `url` crate's), and
/// their punycode labels decode to such characters only. Upper case letters, compatibility forms
/// and the like are mapped away before, and get no entry. Combining marks are tried after a digit
/// too: after `a`, NFC composes many of them away.
fn can_be_in_label(c: char) -> bool {
    ["a", "0", ""].iter().any(|base| {
        let label = format!("{base}{c}");
        let (unicode, result) = idna::domain_to_unicode(&label);
        result.is_ok() && unicode == label
    })
}

/// Rust source for the confusable fold of every character that can be in a label: the runs of
/// characters it drops (combining marks, mostly), then each other character whose fold is not
/// itself, with the folds concatenated.
fn fold_table() -> Result<String, String> {
    let (mut dropped, mut keys, mut ends, mut text) =
        (Vec::new(), Vec::new(), Vec::new(), String::new());
    let mut last_dropped: Option<u32> = None;
    for c in (0..=char::MAX as u32).filter_map(char::from_u32) {
        let jamo = (JAMO_FIRST..=JAMO_LAST).contains(&(c as u32));
        if (HANGUL_FIRST..=HANGUL_LAST).contains(&(c as u32)) || !(jamo || can_be_in_label(c)) {
            continue;
        }
        let folded = confusable_fold(c);
        if folded.is_empty() {
            // Characters that cannot be in a label are skipped, so a run may span them.
            match (last_dropped, dropped.last_mut()) {
                (Some(prev), Some((_, end))) if prev == *end => *end = c as u32,
                _ => dropped.push((c as u32, c as u32)),
            }
            last_dropped = Some(c as u32);
            continue;
        }
        last_dropped = None;
        if folded.chars().eq(std::iter::once(c)) {
            continue;
        }
        text.push_str(&folded);
        keys.push(c as u32);
        ends.push(u16::try_from(text.len()).map_err(|_| "fold text over 64 KiB".to_owned())?);
    }
    let mut out = String::new();
    let n = dropped.len();
    let _ = writeln!(
        out,
        "pub(crate) static FOLD_DROPPED: [(u32, u32); {n}] = {dropped:?};"
    );
    let n = keys.len();
    let _ = writeln!(out, "pub(crate) static FOLD_KEYS: [u32; {n}] = {keys:?};");
    let _ = writeln!(out, "pub(crate) static FOLD_ENDS: [u16; {n}] = {ends:?};");
    let _ = writeln!(out, "pub(crate) static FOLD_TEXT: &str = {text:?};");
    Ok(out)
}

/// Rust source for the script runs.
fn script_table() -> String {
    let (mut starts, mut indexes, mut names) = (Vec::new(), Vec::new(), Vec::<&str>::new());
    let mut current = None;
    for c in (0..=char::MAX as u32).filter_map(char::from_u32) {
        let name = c.script().full_name();
        if current == Some(name) {
            continue;
        }
        current = Some(name);
        let index = names.iter().position(|n| *n == name).unwrap_or_else(|| {
            names.push(name);
            names.len() - 1
        });
        starts.push(c as u32);
        indexes.push(index as u8);
    }
    let mut out = String::new();
    let n = starts.len();
    let _ = writeln!(
        out,
        "pub(crate) static SCRIPT_STARTS: [u32; {n}] = {starts:?};"
    );
    let _ = writeln!(
        out,
        "pub(crate) static SCRIPT_INDEXES: [u8; {n}] = {indexes:?};"
    );
    let _ = writeln!(
        out,
        "pub(crate) static SCRIPT_NAMES: [&str; {}] = {names:?};",
        names.len()
    );
    out
}

/// The whole generated file.
pub fn source(extra: &[(char, char)]) -> Result<String, String> {
    let mut out =
        String::from("// Generated by build.rs (build/unicode_tables.rs). Do not edit.\n");
    out.push_str(&fold_table()?);
    let n = extra.len();
    let _ = writeln!(
        out,
        "pub(crate) static EXTRA_CONFUSABLES: [(char, char); {n}] = {extra:?};"
    );
    out.push_str(&script_table());
    Ok(out)
}
