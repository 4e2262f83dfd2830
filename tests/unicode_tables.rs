//! The per-character tables build.rs derives (src/unicode_tables.rs) against the crates they are
//! derived from: every character a label can hold, every script, and random labels, where a
//! fold of the whole label could differ from the folds of its characters (combining marks are
//! reordered by NFD).

use miwake::unicode_tables::{
    can_be_in_label, confusable_fold, script_name, text_fold, visual_fold, visual_fold_bytes,
};
use proptest::prelude::*;
use proptest::test_runner::TestRunner;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;
use unicode_script::UnicodeScript;

fn extra_confusables() -> Vec<(char, char)> {
    let text = include_str!("../src/data/extra-confusables.txt");
    text.lines()
        .filter_map(|line| {
            let mut chars = line.split('#').next()?.split_whitespace();
            let from = chars.next()?.chars().next()?;
            let to = chars.next()?.chars().next()?;
            Some((from, to))
        })
        .collect()
}

fn reference_confusable(label: &str) -> String {
    unicode_security::skeleton(label)
        .filter(|c| !is_combining_mark(*c))
        .collect()
}

fn reference_visual(label: &str, extra: &[(char, char)]) -> String {
    let map = |c: char| extra.iter().find(|(f, _)| *f == c).map_or(c, |(_, t)| *t);
    let premapped: String = label.chars().map(map).collect();
    unicode_security::skeleton(&premapped)
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .map(map)
        .collect()
}

/// The characters the tables answer for: those a label can hold after UTS-46, Hangul syllables
/// and their jamo.
fn label_characters() -> Vec<char> {
    (0..=char::MAX as u32)
        .filter_map(char::from_u32)
        .filter(|c| {
            let valid_after = |base: &str| {
                let label = format!("{base}{c}");
                let (unicode, result) = idna::domain_to_unicode(&label);
                result.is_ok() && unicode == label
            };
            ["a", "0", ""].into_iter().any(valid_after)
                || ('\u{AC00}'..='\u{D7A3}').contains(c)
                || ('\u{1100}'..='\u{11FF}').contains(c)
        })
        .collect()
}

#[test]
fn every_label_character_folds_as_the_unicode_crates_fold_it() {
    let extra = extra_confusables();
    assert_eq!(extra.len(), 54, "extra-confusables.txt read in full");
    let characters = label_characters();
    assert!(characters.len() > 100_000, "{}", characters.len());
    let mut wrong = Vec::new();
    for c in &characters {
        let s = c.to_string();
        if confusable_fold(&s) != reference_confusable(&s)
            || visual_fold(&s) != reference_visual(&s, &extra)
        {
            wrong.push(*c);
        }
    }
    assert_none_differ(&wrong);
}

/// How one character of page text reads, from the crates: NFKC, lower case, the UTS-39 skeleton
/// (default-ignorable characters dropped), combining marks dropped, lower case, the extra
/// confusables before and after; white space one space, none left at either end.
fn reference_text(c: char, extra: &[(char, char)]) -> String {
    let map = |c: char| extra.iter().find(|(f, _)| *f == c).map_or(c, |(_, t)| *t);
    let compatible: String = std::iter::once(c)
        .nfkc()
        .flat_map(char::to_lowercase)
        .map(map)
        .collect();
    let folded: String = unicode_security::skeleton(&compatible)
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .map(map)
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect();
    let folded = folded
        .split(' ')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    // The module keeps a fold that drops the character, reads as ASCII, or is of kana or a
    // halfwidth form; any other character reads as itself (ASCII has a table of its own, and a
    // Hangul syllable reads as its letters, each read the same way).
    let kept = c.is_ascii()
        || folded.is_empty()
        || folded.is_ascii()
        || c.is_whitespace()
        || ('\u{3040}'..='\u{30FF}').contains(&c)
        || ('\u{FF00}'..='\u{FFEF}').contains(&c);
    if ('\u{AC00}'..='\u{D7A3}').contains(&c) {
        std::iter::once(c)
            .nfd()
            .map(|letter| reference_text(letter, extra))
            .collect()
    } else if kept {
        folded
    } else {
        c.to_string()
    }
}

#[test]
fn every_character_of_text_folds_as_the_unicode_crates_fold_it() {
    let extra = extra_confusables();
    let mut wrong = Vec::new();
    for c in (0..=char::MAX as u32).filter_map(char::from_u32) {
        if text_fold(&c.to_string()) != reference_text(c, &extra) {
            wrong.push(c);
        }
    }
    assert_none_differ(&wrong);
    assert_eq!(
        text_fold("\u{FF27}\u{043E}\u{200B}O\u{00AD}gle \u{3000} x"),
        "google x"
    );
}

#[test]
fn every_character_is_known_to_be_label_material_or_not() {
    for c in (0..=char::MAX as u32).filter_map(char::from_u32) {
        // ASCII: what a parser leaves in a host label (UTS-46 itself lets through more).
        let reference = if c.is_ascii() {
            c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'
        } else {
            ["a", "0", ""].into_iter().any(|base| {
                let label = format!("{base}{c}");
                let (unicode, result) = idna::domain_to_unicode(&label);
                result.is_ok() && unicode == label
            })
        };
        assert_eq!(can_be_in_label(c), reference, "U+{:04X}", c as u32);
    }
}

#[test]
fn every_character_has_its_script() {
    for c in (0..=char::MAX as u32).filter_map(char::from_u32) {
        assert_eq!(script_name(c), c.script().full_name(), "U+{:04X}", c as u32);
    }
}

/// Letters, digits, homoglyphs, accented letters, syllables and many combining marks, where
/// per-character folding could go wrong.
fn fold_pool() -> Vec<char> {
    label_characters()
        .into_iter()
        .filter(|c| {
            c.is_ascii_alphanumeric()
                || is_combining_mark(*c)
                || reference_confusable(&c.to_string()) != c.to_string()
        })
        .collect()
}

#[test]
fn random_labels_fold_as_their_characters_do() {
    let pool = fold_pool();
    assert!(pool.len() > 3_000, "{}", pool.len());
    let extra = extra_confusables();
    let labels = prop::collection::vec(prop::sample::select(pool), 1..9)
        .prop_map(|chars| chars.into_iter().collect::<String>());
    TestRunner::new(ProptestConfig::with_cases(30_000))
        .run(&labels, |label| {
            prop_assert_eq!(confusable_fold(&label), reference_confusable(&label));
            prop_assert_eq!(visual_fold(&label), reference_visual(&label, &extra));
            prop_assert_eq!(visual_fold_bytes(&label), visual_fold(&label).into_bytes());
            Ok(())
        })
        .unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn the_byte_fold_of_ascii_labels_is_the_visual_fold() {
    let ascii: Vec<char> = (0u8..128).map(char::from).collect();
    let mut wrong = Vec::new();
    for a in &ascii {
        for b in &ascii {
            let label: String = [*a, *b, 'x'].iter().collect();
            if visual_fold_bytes(&label) != visual_fold(&label).into_bytes() {
                wrong.push(label);
            }
        }
    }
    assert_none_differ(&wrong);
}

/// Fails with how many differ and the first few of them.
fn assert_none_differ<T: std::fmt::Debug>(wrong: &[T]) {
    assert!(
        wrong.is_empty(),
        "{} differ: {:?}",
        wrong.len(),
        &wrong[..wrong.len().min(20)]
    );
}
