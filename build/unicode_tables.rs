//! Per-character Unicode tables for comparing labels and page text by how they look, derived at
//! build time from the maintained crates: `unicode-security` (UTS-39 skeleton),
//! `unicode-normalization` (NFD, NFKC, combining marks) and `unicode-script`. The module then
//! carries only what Miwake looks up, one answer per character, instead of those crates' complete
//! tables (NFC composition among them, which nothing here needs).
//!
//! `unicode_tables.rs` in OUT_DIR, included by `src/unicode_tables.rs`:
//! - the confusable fold of every character that can be in a label: its UTS-39 skeleton with
//!   combining marks dropped; for ASCII one string each, then the runs of characters it drops,
//!   then the code points whose fold is something else, with each fold's length and the folds
//!   concatenated into one string (`char_map`);
//! - sorted code points are stored as deltas in blocks (`sorted_list`), a third of the size of
//!   `u32` arrays once compressed;
//! - Hangul syllables are left out: their NFD is arithmetic, so the module decomposes them and
//!   folds each jamo;
//! - the text fold of every character beyond ASCII (`text_fold`): how page text reads when brand
//!   names are looked for in it (NFKC, lower case, the skeleton, default-ignorable characters and
//!   combining marks dropped), in the same per-character form;
//! - the extra confusables (`src/data/extra-confusables.txt`) that the visual fold adds;
//! - scripts: the first code point of every run of one script, that script's index, and the
//!   scripts' names;
//! - which characters beyond ASCII a label can hold after UTS-46 processing, as the code points
//!   where that changes: Chrome keeps punycode labels UTS-46 refuses (`xn--mi7caacb3bu` is
//!   `ａｌｉｂａｂａ` in fullwidth letters), and the core decodes only those it could have made.
//!
//! `tests/unicode_tables.rs` checks every code point against the crates themselves.

use std::fmt::Write as _;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;
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

/// Values per block of a [`sorted_list`]: a lookup decodes at most this many deltas.
const BLOCK: usize = 32;

/// Rust source for a sorted list of code points as the module stores it (`SortedList` in
/// src/unicode_tables.rs): the first value of each block of [`BLOCK`], where each block's deltas
/// start, and the deltas from one value to the next as LEB128 bytes. Most deltas take one byte
/// where a `u32` takes four, and compress better.
fn sorted_list(name: &str, values: &[u32]) -> Result<String, String> {
    let (mut firsts, mut at, mut bytes) = (Vec::new(), Vec::new(), Vec::<u8>::new());
    for block in values.chunks(BLOCK) {
        let (first, rest) = block.split_first().ok_or("empty block")?;
        firsts.push(*first);
        at.push(u16::try_from(bytes.len()).map_err(|_| format!("{name}: over 64 KiB"))?);
        let mut previous = *first;
        for value in rest {
            let mut delta = value
                .checked_sub(previous)
                .ok_or(format!("{name}: not sorted"))?;
            previous = *value;
            loop {
                let low = (delta & 0x7f) as u8;
                delta >>= 7;
                bytes.push(if delta == 0 { low } else { low | 0x80 });
                if delta == 0 {
                    break;
                }
            }
        }
    }
    let mut out = String::new();
    let _ = writeln!(
        out,
        "pub(crate) static {name}: SortedList = SortedList {{ len: {}, firsts: &{firsts:?}, \
         at: &{at:?}, deltas: &{bytes:?} }};",
        values.len()
    );
    Ok(out)
}

/// Rust source for the confusable fold of every character that can be in a label: each ASCII
/// character's fold, then the per-character table ([`char_map`]) of the others, `FOLD_*`.
fn fold_table() -> Result<String, String> {
    let ascii: Vec<String> = (0..128u8).map(|b| confusable_fold(char::from(b))).collect();
    let folds = (0x80..=char::MAX as u32)
        .filter(|code| !(HANGUL_FIRST..=HANGUL_LAST).contains(code))
        .filter_map(char::from_u32)
        .filter(|&c| (JAMO_FIRST..=JAMO_LAST).contains(&(c as u32)) || can_be_in_label(c))
        .map(|c| (c, confusable_fold(c)));
    let mut out = String::new();
    // A `&str` each, unlike the other string lists: every check reads these, per character.
    let _ = writeln!(
        out,
        "pub(crate) static FOLD_ASCII: [&str; 128] = {ascii:?};"
    );
    // The same, lower-cased: what `visual_fold` makes of an ASCII character.
    let visual: Vec<String> = ascii.iter().map(|f| f.to_ascii_lowercase()).collect();
    let _ = writeln!(
        out,
        "pub(crate) static VISUAL_FOLD_ASCII: [&str; 128] = {visual:?};"
    );
    out.push_str(&char_map("FOLD", folds)?);
    Ok(out)
}

/// How a character of page text reads, for matching brand names in it: compatibility forms
/// (fullwidth `Ｇ`, ligatures, circled letters) as NFKC writes them, lower case, then the visual
/// fold of labels (UTS-39 skeleton, which drops default-ignorable characters such as zero-width
/// spaces, soft hyphens, bidi controls and variation selectors; combining marks dropped; the extra
/// confusables). White space is one space.
fn text_fold(c: char, extra: &[(char, char)]) -> String {
    if c.is_whitespace() {
        return String::from(" ");
    }
    let map = |c: char| extra.iter().find(|(f, _)| *f == c).map_or(c, |(_, t)| *t);
    let compatible: String = std::iter::once(c)
        .nfkc()
        .flat_map(char::to_lowercase)
        .map(map)
        .collect();
    unicode_security::skeleton(&compatible)
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .map(map)
        .collect()
}

/// Rust source for [`text_fold`] of every character beyond ASCII but Hangul syllables (the module
/// decomposes those), `TEXT_FOLD_*`, kept where a brand name could hide ([`text_fold_kept`]).
fn text_fold_table(extra: &[(char, char)]) -> Result<String, String> {
    let folds = (0x80..=char::MAX as u32)
        .filter(|code| !(HANGUL_FIRST..=HANGUL_LAST).contains(code))
        .filter_map(char::from_u32)
        .map(|c| {
            let folded = text_fold(c, extra);
            let kept = text_fold_kept(c, &folded);
            (c, if kept { folded } else { c.to_string() })
        });
    char_map("TEXT_FOLD", folds)
}

/// Whether a character's text fold is worth its place in the module: it drops the character
/// (invisible characters, marks), reads as ASCII (lookalike, accented, fullwidth, mathematical
/// letters: how Latin brand names hide), or it is kana or a halfwidth form (how Japanese names are
/// written otherwise). Other characters, most of them CJK compatibility forms that never spell a
/// brand, read as themselves; keeping their folds made the module a tenth larger.
pub fn text_fold_kept(c: char, folded: &str) -> bool {
    folded.is_empty()
        || folded.is_ascii()
        || ('\u{3040}'..='\u{30FF}').contains(&c)
        || ('\u{FF00}'..='\u{FFEF}').contains(&c)
}

/// Rust source for a per-character table (`CharMap` in src/unicode_tables.rs) of the given
/// characters' folds, in code point order: the runs of characters folded to nothing (combining
/// marks, mostly; characters not given are skipped, so a run may span them), then each character
/// whose fold is something else than itself, with the folds' lengths, concatenated, and where
/// each block of them starts in that text. Statics are named `{prefix}_…`.
fn char_map(prefix: &str, folds: impl Iterator<Item = (char, String)>) -> Result<String, String> {
    let (mut dropped_starts, mut dropped_lengths) = (Vec::new(), Vec::<u16>::new());
    let (mut keys, mut lengths, mut text) = (Vec::new(), Vec::new(), String::new());
    let mut last_dropped: Option<u32> = None;
    for (c, folded) in folds {
        let code = c as u32;
        if folded.is_empty() {
            match (
                last_dropped,
                dropped_starts.last(),
                dropped_lengths.last_mut(),
            ) {
                (Some(previous), Some(start), Some(length))
                    if previous == start + u32::from(*length) =>
                {
                    *length = u16::try_from(code - start).map_err(|_| "dropped run too long")?
                }
                _ => {
                    dropped_starts.push(code);
                    dropped_lengths.push(0);
                }
            }
            last_dropped = Some(code);
            continue;
        }
        last_dropped = None;
        if folded.chars().eq(std::iter::once(c)) {
            continue;
        }
        keys.push(code);
        lengths.push(u8::try_from(folded.len()).map_err(|_| "fold over 255 bytes")?);
        text.push_str(&folded);
    }
    let mut block_text = Vec::new();
    let mut offset = 0usize;
    for block in lengths.chunks(BLOCK) {
        block_text.push(u16::try_from(offset).map_err(|_| "fold text over 64 KiB")?);
        offset += block.iter().map(|&l| usize::from(l)).sum::<usize>();
    }
    let mut out = String::new();
    out.push_str(&sorted_list(
        &format!("{prefix}_DROPPED_STARTS"),
        &dropped_starts,
    )?);
    let _ = writeln!(
        out,
        "/// Each dropped run's last code point less its first.\n\
         pub(crate) static {prefix}_DROPPED_LENGTHS: [u16; {}] = {dropped_lengths:?};",
        dropped_lengths.len()
    );
    out.push_str(&sorted_list(&format!("{prefix}_KEYS"), &keys)?);
    let n = lengths.len();
    let _ = writeln!(
        out,
        "pub(crate) static {prefix}_LENGTHS: [u8; {n}] = {lengths:?};"
    );
    let n = block_text.len();
    let _ = writeln!(
        out,
        "pub(crate) static {prefix}_BLOCK_TEXT: [u16; {n}] = {block_text:?};"
    );
    let _ = writeln!(out, "pub(crate) static {prefix}_TEXT: &str = {text:?};");
    Ok(out)
}

/// Rust source for which characters a label can hold ([`can_be_in_label`]), beyond ASCII: the
/// code points where that changes, from U+0080 on, the first starting a run of such characters.
fn label_character_runs() -> Result<String, String> {
    let mut boundaries = Vec::new();
    let mut inside = false;
    for code in 0x80..=char::MAX as u32 {
        let can = char::from_u32(code).is_some_and(can_be_in_label);
        if can != inside {
            boundaries.push(code);
            inside = can;
        }
    }
    sorted_list("LABEL_CHARACTER_RUNS", &boundaries)
}

/// Rust source for the script runs.
fn script_table() -> Result<String, String> {
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
        indexes.push(u8::try_from(index).map_err(|_| "over 255 scripts")?);
    }
    let mut out = sorted_list("SCRIPT_STARTS", &starts)?;
    let n = indexes.len();
    let _ = writeln!(
        out,
        "pub(crate) static SCRIPT_INDEXES: [u8; {n}] = {indexes:?};"
    );
    let name_ends: Vec<u16> = names
        .iter()
        .scan(0usize, |end, name| {
            *end += name.len();
            Some(u16::try_from(*end).unwrap_or(u16::MAX))
        })
        .collect();
    let n = names.len();
    let _ = writeln!(
        out,
        "pub(crate) static SCRIPT_NAME_TEXT: &str = {:?};\n\
         pub(crate) static SCRIPT_NAME_ENDS: [u16; {n}] = {name_ends:?};",
        names.concat()
    );
    Ok(out)
}

/// The whole generated file.
pub fn source(extra: &[(char, char)]) -> Result<String, String> {
    let mut out =
        String::from("// Generated by build.rs (build/unicode_tables.rs). Do not edit.\n");
    out.push_str(&fold_table()?);
    out.push_str(&text_fold_table(extra)?);
    let n = extra.len();
    let _ = writeln!(
        out,
        "pub(crate) static EXTRA_CONFUSABLES: [(char, char); {n}] = {extra:?};"
    );
    out.push_str(&script_table()?);
    out.push_str(&label_character_runs()?);
    Ok(out)
}
