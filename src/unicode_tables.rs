//! Lookups in the per-character Unicode tables that build.rs derives from the maintained
//! `unicode-security`, `unicode-normalization` and `unicode-script` crates
//! (build/unicode_tables.rs): how a label's characters, and page text's, fold when compared by
//! how they look, and which script each belongs to. `tests/unicode_tables.rs` holds them to those crates.

include!(concat!(env!("OUT_DIR"), "/unicode_tables.rs"));

/// Values per block of a [`SortedList`]; build/unicode_tables.rs writes blocks of this many.
const BLOCK: usize = 32;

/// Sorted code points stored as LEB128 deltas in blocks, each block's first value and where its
/// deltas start kept whole: a lookup binary-searches the blocks, then decodes one block.
pub(crate) struct SortedList {
    len: usize,
    firsts: &'static [u32],
    at: &'static [u16],
    deltas: &'static [u8],
}

impl SortedList {
    /// The index of the last value at most `code`, and that value; `None` when all are larger.
    fn last_at_most(&self, code: u32) -> Option<(usize, u32)> {
        let block = self
            .firsts
            .partition_point(|first| *first <= code)
            .checked_sub(1)?;
        let mut value = *self.firsts.get(block)?;
        let mut index = block * BLOCK;
        let end = self.len.min(index + BLOCK);
        let mut at = usize::from(*self.at.get(block)?);
        while index + 1 < end {
            let (delta, next) = leb128(self.deltas, at)?;
            if value.checked_add(delta)? > code {
                break;
            }
            value += delta;
            index += 1;
            at = next;
        }
        Some((index, value))
    }
}

/// An unsigned LEB128 number at `at`, and where the next one starts.
fn leb128(bytes: &[u8], mut at: usize) -> Option<(u32, usize)> {
    let mut value = 0u32;
    for shift in (0..32).step_by(7) {
        let byte = *bytes.get(at)?;
        at += 1;
        value |= u32::from(byte & 0x7f) << shift;
        if byte & 0x80 == 0 {
            return Some((value, at));
        }
    }
    None
}

const HANGUL_FIRST: u32 = 0xAC00;
const HANGUL_COUNT: u32 = 11_172;
const JAMO_L: u32 = 0x1100;
const JAMO_V: u32 = 0x1161;
const JAMO_T: u32 = 0x11A7;
const JAMO_V_COUNT: u32 = 21;
const JAMO_T_COUNT: u32 = 28;

/// A label's UTS-39 skeleton with combining marks dropped, for a label as UTS-46 leaves it
/// (characters that cannot be in one are kept as they are).
pub fn confusable_fold(label: &str) -> String {
    let mut out = String::with_capacity(label.len());
    for c in label.chars() {
        push_fold(c, &mut out);
    }
    out
}

/// [`confusable_fold`] of the label with the extra confusables mapped before and after it, and
/// lower-cased: how it reads at a glance.
pub fn visual_fold(label: &str) -> String {
    let mut out = String::with_capacity(label.len());
    let mut folded = String::new();
    for c in label.chars() {
        // No extra confusable is ASCII (the tests hold every character to the crates), and an
        // ASCII character's fold is ASCII: lower-casing it is all that is left, done ahead.
        if let Some(fold) = usize::try_from(c as u32)
            .ok()
            .and_then(|i| VISUAL_FOLD_ASCII.get(i))
        {
            out.push_str(fold);
            continue;
        }
        folded.clear();
        push_fold(extra(c), &mut folded);
        out.extend(folded.chars().flat_map(char::to_lowercase).map(extra));
    }
    out
}

/// [`visual_fold`] of a label, as bytes, read a byte at a time while it is ASCII (most labels):
/// each byte's fold is one table entry, most of them the one byte, so nothing is appended as a
/// string.
pub fn visual_fold_bytes(label: &str) -> Vec<u8> {
    if !label.is_ascii() {
        return visual_fold(label).into_bytes();
    }
    let mut out = Vec::with_capacity(label.len() + 4);
    for b in label.bytes() {
        match VISUAL_FOLD_ASCII
            .get(usize::from(b))
            .map(|fold| fold.as_bytes())
        {
            Some(&[one]) => out.push(one),
            Some(fold) => out.extend_from_slice(fold),
            None => out.push(b), // not reached: every ASCII byte has an entry
        }
    }
    out
}

/// Whether `c` can be in a domain label after UTS-46 processing: lower-case ASCII letters, digits
/// and the hyphen, and the characters beyond ASCII UTS-46 keeps as they are.
pub fn can_be_in_label(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-';
    }
    // Runs alternate, the first of characters a label can hold.
    LABEL_CHARACTER_RUNS
        .last_at_most(c as u32)
        .is_some_and(|(run, _)| run % 2 == 0)
}

/// The Unicode name of `c`'s script: `Cyrillic`, `Han`, `Common`.
pub fn script_name(c: char) -> &'static str {
    SCRIPT_STARTS
        .last_at_most(c as u32)
        .and_then(|(run, _)| SCRIPT_INDEXES.get(run))
        .and_then(|&index| text_at(SCRIPT_NAME_TEXT, &SCRIPT_NAME_ENDS, usize::from(index)))
        .unwrap_or("Unknown")
}

/// The `index`th of the strings concatenated in `text`, each ending where `ends` says.
fn text_at(text: &'static str, ends: &[u16], index: usize) -> Option<&'static str> {
    let start = index
        .checked_sub(1)
        .map_or(Some(0), |i| ends.get(i).copied())?;
    let end = *ends.get(index)?;
    text.get(usize::from(start)..usize::from(end))
}

/// An ASCII character's confusable fold; `None` for other characters.
fn ascii_fold(code: u32) -> Option<&'static str> {
    FOLD_ASCII.get(usize::try_from(code).ok()?).copied()
}

fn extra(c: char) -> char {
    EXTRA_CONFUSABLES
        .iter()
        .find(|(from, _)| *from == c)
        .map_or(c, |(_, to)| *to)
}

/// A per-character table build.rs writes (`char_map` in build/unicode_tables.rs): the runs of
/// characters folded to nothing, then the characters folded to something else, in blocks.
struct CharMap {
    dropped_starts: &'static SortedList,
    dropped_lengths: &'static [u16],
    keys: &'static SortedList,
    lengths: &'static [u8],
    block_text: &'static [u16],
    text: &'static str,
}

/// The confusable fold of characters a label can hold.
static LABEL_FOLD: CharMap = CharMap {
    dropped_starts: &FOLD_DROPPED_STARTS,
    dropped_lengths: &FOLD_DROPPED_LENGTHS,
    keys: &FOLD_KEYS,
    lengths: &FOLD_LENGTHS,
    block_text: &FOLD_BLOCK_TEXT,
    text: FOLD_TEXT,
};

/// How each character of page text reads (`text_fold` in build/unicode_tables.rs).
static TEXT_FOLD: CharMap = CharMap {
    dropped_starts: &TEXT_FOLD_DROPPED_STARTS,
    dropped_lengths: &TEXT_FOLD_DROPPED_LENGTHS,
    keys: &TEXT_FOLD_KEYS,
    lengths: &TEXT_FOLD_LENGTHS,
    block_text: &TEXT_FOLD_BLOCK_TEXT,
    text: TEXT_FOLD_TEXT,
};

impl CharMap {
    /// Appends the fold of the character `code` (not ASCII, not a Hangul syllable) to `out`.
    fn push(&self, c: char, out: &mut String) {
        let code = c as u32;
        let dropped = self
            .dropped_starts
            .last_at_most(code)
            .and_then(|(run, start)| Some(start + u32::from(*self.dropped_lengths.get(run)?)));
        if dropped.is_some_and(|last| code <= last) {
            return;
        }
        match self.keys.last_at_most(code) {
            Some((i, key)) if key == code => {
                let block = i / BLOCK;
                let start = usize::from(self.block_text.get(block).copied().unwrap_or(0))
                    + self
                        .lengths
                        .get(block * BLOCK..i)
                        .map_or(0, |ls| ls.iter().map(|&l| usize::from(l)).sum());
                let length = self.lengths.get(i).map_or(0, |&l| usize::from(l));
                out.push_str(self.text.get(start..start + length).unwrap_or_default());
            }
            _ => out.push(c),
        }
    }
}

/// Page text as it reads, for finding brand names in it however they are written: fullwidth and
/// other compatibility forms as NFKC writes them, lower case, the UTS-39 skeleton with combining
/// marks and default-ignorable characters (zero-width spaces and joiners, soft hyphens, bidi
/// controls, variation selectors) dropped, the extra confusables folded; every run of white space
/// one space, none at either end. `Ｇо\u{200B}ogle` reads `google`.
pub fn text_fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut folded = String::new();
    for c in text.chars() {
        if c.is_whitespace() {
            push_space(&mut out);
            continue;
        }
        // Lower case first: the skeleton folds `I` to `l`, and ids and markers differ in case only.
        let ascii = usize::try_from(c.to_ascii_lowercase() as u32)
            .ok()
            .and_then(|i| VISUAL_FOLD_ASCII.get(i));
        let piece = match ascii {
            Some(fold) => *fold,
            None => {
                folded.clear();
                push_decomposed(c, &TEXT_FOLD, &mut folded);
                folded.as_str()
            }
        };
        if piece.contains(' ') {
            for part in piece.split(' ') {
                out.push_str(part);
                push_space(&mut out);
            }
            if !piece.ends_with(' ') {
                // The last part was not followed by a space in the piece.
                if out.ends_with(' ') {
                    out.pop();
                }
            }
        } else {
            out.push_str(piece);
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// One space, unless at the start or after another.
fn push_space(out: &mut String) {
    if !out.is_empty() && !out.ends_with(' ') {
        out.push(' ');
    }
}

fn push_fold(c: char, out: &mut String) {
    if let Some(fold) = ascii_fold(c as u32) {
        out.push_str(fold);
        return;
    }
    push_decomposed(c, &LABEL_FOLD, out);
}

/// Appends the fold of `c`, a character beyond ASCII, to `out`: Hangul syllables as their jamo
/// folded one by one, anything else as `table` says.
fn push_decomposed(c: char, table: &CharMap, out: &mut String) {
    let code = c as u32;
    // A syllable's NFD is its jamo, by arithmetic (Unicode §3.12); each jamo folds on its own.
    let syllable = code.wrapping_sub(HANGUL_FIRST);
    if syllable < HANGUL_COUNT {
        let jamo = [
            JAMO_L + syllable / (JAMO_V_COUNT * JAMO_T_COUNT),
            JAMO_V + syllable % (JAMO_V_COUNT * JAMO_T_COUNT) / JAMO_T_COUNT,
            JAMO_T + syllable % JAMO_T_COUNT,
        ];
        for (i, j) in jamo.into_iter().enumerate() {
            // No trailing consonant is written as the one before the first.
            if i < 2 || j != JAMO_T {
                table.push(char::from_u32(j).unwrap_or(c), out);
            }
        }
        return;
    }
    table.push(c, out);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_homoglyphs_accents_and_syllables() {
        assert_eq!(confusable_fold("\u{0430}libaba"), "alibaba");
        assert_eq!(confusable_fold("go\u{0301}ogle"), "google");
        assert_eq!(visual_fold("ƅaidu"), "baidu");
        assert_ne!(confusable_fold("한국"), "한국");
    }

    #[test]
    fn names_scripts() {
        assert_eq!(script_name('a'), "Latin");
        assert_eq!(script_name('\u{0430}'), "Cyrillic");
        assert_eq!(script_name('見'), "Han");
        assert_eq!(script_name('-'), "Common");
    }
}
