//! Lookups in the per-character Unicode tables that build.rs derives from the maintained
//! `unicode-security`, `unicode-normalization` and `unicode-script` crates
//! (build/unicode_tables.rs): how a label's characters fold when compared by how they look, and
//! which script each belongs to. `tests/unicode_tables.rs` holds them to those crates.

include!(concat!(env!("OUT_DIR"), "/unicode_tables.rs"));

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
        folded.clear();
        push_fold(extra(c), &mut folded);
        out.extend(folded.chars().flat_map(char::to_lowercase).map(extra));
    }
    out
}

/// The Unicode name of `c`'s script: `Cyrillic`, `Han`, `Common`.
pub fn script_name(c: char) -> &'static str {
    let run = SCRIPT_STARTS.partition_point(|start| *start <= c as u32);
    run.checked_sub(1)
        .and_then(|i| SCRIPT_INDEXES.get(i))
        .and_then(|index| SCRIPT_NAMES.get(usize::from(*index)))
        .copied()
        .unwrap_or("Unknown")
}

fn extra(c: char) -> char {
    EXTRA_CONFUSABLES
        .iter()
        .find(|(from, _)| *from == c)
        .map_or(c, |(_, to)| *to)
}

fn push_fold(c: char, out: &mut String) {
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
                push_fold(char::from_u32(j).unwrap_or(c), out);
            }
        }
        return;
    }
    let run = FOLD_DROPPED.partition_point(|(start, _)| *start <= code);
    if run
        .checked_sub(1)
        .and_then(|i| FOLD_DROPPED.get(i))
        .is_some_and(|(_, end)| code <= *end)
    {
        return;
    }
    match FOLD_KEYS.binary_search(&code) {
        Ok(i) => {
            let start = i.checked_sub(1).and_then(|p| FOLD_ENDS.get(p)).copied();
            let end = FOLD_ENDS.get(i).copied();
            let text = end
                .and_then(|end| FOLD_TEXT.get(usize::from(start.unwrap_or(0))..usize::from(end)));
            out.push_str(text.unwrap_or_default());
        }
        Err(_) => out.push(c),
    }
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
