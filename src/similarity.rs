//! How alike two domain labels are, and how to describe the difference to a person.

use crate::unicode_tables;
use crate::verdict::Difference;

/// Edits a lookalike of a genuine label of this many characters may make and still be called one.
/// Short names are dense with real words (`goo`, `tmall`/`small`), so they get no tolerance.
pub fn edit_tolerance(genuine_len: usize) -> usize {
    match genuine_len {
        0..=5 => 0,
        6..=9 => 1,
        _ => 2,
    }
}

/// Names this long or longer are matched with one transposition even below the edit tolerance.
const MIN_TRANSPOSITION_LEN: usize = 5;

/// Describes how `found` differs from `genuine` when it is a lookalike within tolerance.
/// `None` when they are equal or too far apart.
pub fn describe_edit(genuine: &str, found: &str) -> Option<Difference> {
    // The length tests below, done before anything is allocated: most labels fail them.
    let (g_len, f_len) = (genuine.chars().count(), found.chars().count());
    let transposable = g_len >= MIN_TRANSPOSITION_LEN && g_len == f_len;
    match edit_tolerance(g_len) {
        0 if !transposable => return None,
        tolerance if g_len.abs_diff(f_len) > tolerance => return None,
        tolerance if ascii_bag_distance(genuine, found).is_some_and(|d| d > tolerance) => {
            return None
        }
        _ => {}
    }
    // Optimal string alignment: Levenshtein with a swap of neighbours counted as one edit.
    let distance = || strsim::osa_distance(genuine, found);
    // Labels are mostly ASCII: compared as bytes, nothing is allocated.
    if genuine.is_ascii() && found.is_ascii() {
        return describe_edit_of(genuine.as_bytes(), found.as_bytes(), distance);
    }
    let g: Vec<char> = genuine.chars().collect();
    let f: Vec<char> = found.chars().collect();
    describe_edit_of(&g, &f, distance)
}

/// [`describe_edit`] past its length tests, over characters or the bytes of ASCII labels;
/// `distance` is their edit distance, computed only when needed.
fn describe_edit_of<T: Copy + PartialEq + Into<char>>(
    g: &[T],
    f: &[T],
    distance: impl FnOnce() -> usize,
) -> Option<Difference> {
    if g == f {
        return None;
    }
    let tolerance = edit_tolerance(g.len());
    // Swapped neighbours keep every letter of a name and read alike even in short names
    // (`gamil` for `gmail`), where any other edit is too likely a word of its own.
    if tolerance == 0 && g.len() >= MIN_TRANSPOSITION_LEN && g.len() == f.len() {
        return single_edit(g, f).filter(|d| matches!(d, Difference::Transposed { .. }));
    }
    // Cheap length filter first: the distance is at least the length difference.
    if g.len().abs_diff(f.len()) > tolerance {
        return None;
    }
    let distance = distance();
    if distance > tolerance {
        return None;
    }
    // Two edits only pass where the name still starts with its first letter: `lexpress` is a word
    // of its own, not `aliexpress` with two letters lost.
    if distance > 1 && g.first() != f.first() {
        return None;
    }
    Some(single_edit(g, f).unwrap_or(Difference::Edits { distance }))
}

/// A set of ASCII characters as bits: one each for the letters, digits, `-`, `.` and `_` hosts are
/// made of, the rest sharing what is left. A shared bit can only hide a difference, so the tests
/// on these sets stay exact where they rule something out; in one machine word they cost little.
pub type Letters = u64;

/// Each ASCII character's bit in [`Letters`].
const LETTER_BITS: [Letters; 128] = {
    let mut bits = [0; 128];
    let mut b = 0;
    while b < 128 {
        let index = match b as u8 {
            c @ b'a'..=b'z' => c - b'a',
            c @ b'0'..=b'9' => 26 + c - b'0',
            b'-' => 36,
            b'.' => 37,
            b'_' => 38,
            c => 39 + c % 25,
        };
        bits[b] = 1 << index;
        b += 1;
    }
    bits
};

/// The set of characters of an ASCII string; `None` for other strings.
pub fn ascii_letters(s: &str) -> Option<Letters> {
    s.is_ascii().then(|| {
        s.bytes().fold(0, |set, b| {
            set | LETTER_BITS.get(usize::from(b)).copied().unwrap_or(0)
        })
    })
}

/// Whether two strings' [`ascii_letters`] show them more than two edits apart (the most any edit
/// tolerance allows): each character one has and the other lacks needs an edit of its own. A
/// cheap test that rejects most labels before an edit distance; never true for non-ASCII.
pub fn letters_too_far(a: Option<Letters>, b: Option<Letters>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => more_than_two_bits(a & !b) || more_than_two_bits(b & !a),
        _ => false,
    }
}

/// Whether more than two bits are set: the lowest two cleared, something is left. (Without a
/// CPU-specific build, `count_ones` is a long bit-twiddling sequence on x86-64.)
fn more_than_two_bits(bits: Letters) -> bool {
    let one_cleared = bits & bits.wrapping_sub(1);
    let two_cleared = one_cleared & one_cleared.wrapping_sub(1);
    two_cleared != 0
}

/// For two ASCII strings, how many letters one has that the other lacks (the larger count of the
/// two sides): a lower bound of their edit distance, since each edit changes it by one at most
/// and a transposition not at all. Counting letters is far cheaper than the distance, and most
/// labels compared with a name are rejected by it. `None` for non-ASCII input.
fn ascii_bag_distance(a: &str, b: &str) -> Option<usize> {
    if !a.is_ascii() || !b.is_ascii() {
        return None;
    }
    // The letters one has and the other lacks altogether are a cheaper, weaker bound: each needs
    // an edit of its own. Most labels fail here.
    if letters_too_far(ascii_letters(a), ascii_letters(b)) {
        return Some(3); // at least three apart: more than any tolerance
    }
    let mut counts = [0i32; 128];
    for byte in a.bytes() {
        if let Some(count) = counts.get_mut(usize::from(byte)) {
            *count += 1;
        }
    }
    for byte in b.bytes() {
        if let Some(count) = counts.get_mut(usize::from(byte)) {
            *count -= 1;
        }
    }
    // Each letter's surplus is taken once, from the first of its occurrences visited.
    let mut surplus = |s: &str, sign: i32| {
        s.bytes()
            .fold(0, |sum, byte| match counts.get_mut(usize::from(byte)) {
                Some(count) if *count * sign > 0 => sum + std::mem::take(count) * sign,
                _ => sum,
            })
    };
    let only_a = surplus(a, 1);
    let only_b = surplus(b, -1);
    usize::try_from(only_a.max(only_b)).ok()
}

/// Names the one edit that turns `g` into `f`, if it is one edit.
fn single_edit<T: Copy + PartialEq + Into<char>>(g: &[T], f: &[T]) -> Option<Difference> {
    let first_diff = g.iter().zip(f).take_while(|(a, b)| a == b).count();
    let nth = |c: T, upto: usize| g.iter().take(upto + 1).filter(|&&x| x == c).count();
    if f.len() + 1 == g.len() && g.get(first_diff + 1..) == f.get(first_diff..) {
        let expected = *g.get(first_diff)?;
        return Some(Difference::Omitted {
            expected: expected.into(),
            nth: nth(expected, first_diff),
        });
    }
    if g.len() + 1 == f.len() && f.get(first_diff + 1..) == g.get(first_diff..) {
        return Some(Difference::Inserted {
            found: (*f.get(first_diff)?).into(),
            after: first_diff,
        });
    }
    if g.len() == f.len() {
        let (a, b) = (*g.get(first_diff)?, *f.get(first_diff)?);
        if g.get(first_diff + 1..) == f.get(first_diff + 1..) {
            return Some(Difference::Replaced {
                expected: a.into(),
                nth: nth(a, first_diff),
                found: b.into(),
            });
        }
        let swapped = g.get(first_diff + 1) == Some(&b) && f.get(first_diff + 1) == Some(&a);
        if swapped && g.get(first_diff + 2..) == f.get(first_diff + 2..) {
            return Some(Difference::Transposed {
                first: a.into(),
                second: b.into(),
            });
        }
    }
    None
}

/// Whether an edit found by [`describe_edit`] is a loose likeness rather than a typo trap: the
/// first letter replaced, or two letters changed, where the result does not read like the name
/// (`zaobao` for `taobao`, `allenpress` for `aliexpress`). People read a name's first letter, and
/// real names of their own sit two edits from many brands; omissions, additions, swaps and
/// lookalike letters (`alibba`, `gooogle`, `g00gle`) are not loose.
pub fn is_loose_edit(genuine: &str, found: &str, difference: &Difference) -> bool {
    let first_letter_replaced = matches!(
        difference,
        Difference::Replaced { expected, nth: 1, .. } if genuine.starts_with(*expected)
    );
    let two_edits = matches!(difference, Difference::Edits { distance } if *distance >= 2);
    if !(first_letter_replaced || two_edits) || ascii_skeleton(genuine) == ascii_skeleton(found) {
        return false;
    }
    // A lookalike letter plus a typo (`allexpres`: `l` for `i`, one `s` lost) is a trap.
    let (genuine_visual, found_visual) = (visual_skeleton(genuine), visual_skeleton(found));
    match single_edit(genuine_visual.as_bytes(), found_visual.as_bytes()) {
        Some(Difference::Replaced { .. }) => true,
        Some(_) => false,
        None => genuine_visual != found_visual,
    }
}

/// The same for a likeness found through visual skeletons between ASCII labels: loose when, once
/// lookalike letters are folded, one letter is still replaced by another that does not read like
/// it (`airpay` for `alipay`: `i` reads like `l`, but `r` like nothing there).
pub fn is_loose_visual(
    genuine: &str,
    found: &str,
    genuine_visual: &str,
    found_visual: &str,
) -> bool {
    found.is_ascii()
        && ascii_skeleton(genuine) != ascii_skeleton(found)
        && matches!(
            single_edit(genuine_visual.as_bytes(), found_visual.as_bytes()),
            Some(Difference::Replaced { .. })
        )
}

/// ASCII sequences that read as other letters in most fonts, longest first.
const ASCII_LOOKALIKES: Sequences = Sequences::new(&[
    ("rn", "m"),
    ("vv", "w"),
    ("cl", "d"),
    ("0", "o"),
    ("1", "l"),
]);

/// Whether a label with these [`ascii_letters`] could have an [`ascii_skeleton`] with these: a
/// skeleton's letters are the label's or what its sequences fold to (`m`, `w`, `d`, `o`, `l`).
/// A cheap test that spares most labels their skeleton; always true where either is not ASCII.
pub fn ascii_skeleton_could_have(
    skeleton_letters: Option<Letters>,
    label_letters: Option<Letters>,
) -> bool {
    let (Some(skeleton), Some(label)) = (skeleton_letters, label_letters) else {
        return true;
    };
    skeleton & !(label | ASCII_LOOKALIKES_FOLD_TO) == 0
}

/// The letters [`ASCII_LOOKALIKES`] fold to, as [`ascii_letters`] bits.
const ASCII_LOOKALIKES_FOLD_TO: Letters = {
    let mut set = 0;
    let mut i = 0;
    while i < ASCII_LOOKALIKES.pairs.len() {
        let to = ASCII_LOOKALIKES.pairs[i].1.as_bytes();
        let mut j = 0;
        while j < to.len() {
            set |= LETTER_BITS[(to[j] & 0x7f) as usize];
            j += 1;
        }
        i += 1;
    }
    set
};

/// Weaker pairs, used only in visual skeletons of names long enough that a coincidence is unlikely.
const WEAK_ASCII_LOOKALIKES: Sequences =
    Sequences::new(&[("lb", "b"), ("i", "l"), ("q", "g"), ("d", "b"), ("c", "e")]);

/// Names shorter than this are compared by visual skeleton only when the found label is not ASCII:
/// among short ASCII words, weak lookalikes (`tmail`, `tmall`) are coincidences.
const MIN_VISUAL_ASCII_LEN: usize = 6;

/// Folds ASCII lookalike sequences to one form: `rnicrosoft` and `microsoft` fold alike.
pub fn ascii_skeleton(label: &str) -> String {
    fold(label, &ASCII_LOOKALIKES)
}

fn fold(label: &str, table: &Sequences) -> String {
    let mut bytes = label.as_bytes().to_vec();
    fold_in_place(&mut bytes, table);
    // Only whole ASCII sequences were replaced, by ASCII: still UTF-8.
    String::from_utf8(bytes).unwrap_or_default()
}

/// Lookalike sequences, with the bytes they start with marked: most positions of a label start
/// none of them.
struct Sequences {
    pairs: &'static [(&'static str, &'static str)],
    starts: [bool; 128],
}

impl Sequences {
    const fn new(pairs: &'static [(&'static str, &'static str)]) -> Self {
        let mut starts = [false; 128];
        let mut i = 0;
        while i < pairs.len() {
            // Folding in place needs this (checked at compile time).
            assert!(pairs[i].1.len() <= pairs[i].0.len());
            if let Some(&first) = pairs[i].0.as_bytes().first() {
                starts[(first & 0x7f) as usize] = true;
            }
            i += 1;
        }
        Sequences { pairs, starts }
    }
}

/// Folds the table's sequences in `label`, where it is: no sequence is shorter than what it folds
/// to, so what is written never passes what is still to read. The tables are ASCII, so the label
/// is read as bytes: a match starts and ends on a character boundary.
fn fold_in_place(label: &mut Vec<u8>, table: &Sequences) {
    let (mut read, mut write) = (0, 0);
    while let Some(&byte) = label.get(read) {
        let matched = table
            .starts
            .get(usize::from(byte))
            .is_some_and(|&starts| starts)
            .then(|| {
                let rest = label.get(read..).unwrap_or_default();
                table
                    .pairs
                    .iter()
                    .find(|(from, _)| rest.starts_with(from.as_bytes()))
            })
            .flatten();
        let (from_len, to) = match matched {
            Some((from, to)) => (from.len(), to.as_bytes()),
            None => (1, std::slice::from_ref(&byte)),
        };
        for &b in to {
            if let Some(slot) = label.get_mut(write) {
                *slot = b;
            }
            write += 1;
        }
        read += from_len;
    }
    label.truncate(write);
}

/// When `found` differs from `genuine` only by letters that read alike, the differing parts.
pub fn describe_ascii_lookalike(genuine: &str, found: &str) -> Option<Difference> {
    describe_ascii_lookalike_prepared(genuine, found, &ascii_skeleton(genuine), || {
        ascii_skeleton(found)
    })
}

/// [`describe_ascii_lookalike`] with the genuine label's [`ascii_skeleton`] computed once, ahead,
/// and the found label's computed by `found_skeleton` only when needed.
pub fn describe_ascii_lookalike_prepared<S: AsRef<str>>(
    genuine: &str,
    found: &str,
    genuine_skeleton: &str,
    found_skeleton: impl FnOnce() -> S,
) -> Option<Difference> {
    if genuine == found || genuine_skeleton != found_skeleton().as_ref() {
        return None;
    }
    let (expected, found) = differing_middle(genuine, found);
    Some(Difference::LooksAlike { expected, found })
}

/// Whether `found` (Unicode) is a UTS-39 confusable of the ASCII `genuine`, and if so which
/// non-Latin characters make it one.
pub fn describe_confusable(genuine: &str, found: &str) -> Option<Difference> {
    if found.is_ascii() || genuine == found {
        return None;
    }
    // UTS-39 skeleton, then accents dropped: `gõogle` reads as `google` to a hurried eye.
    let skeleton = unicode_tables::confusable_fold;
    let same = skeleton(found) == skeleton(genuine)
        || ascii_skeleton(&skeleton(found).to_lowercase()) == ascii_skeleton(genuine);
    if !same {
        return None;
    }
    let (expected, found) = differing_middle(genuine, found);
    Some(Difference::LooksAlike { expected, found })
}

/// What a label looks like at a glance: UTS-39 skeleton, accents dropped, lower case, ASCII
/// lookalikes folded. Two labels with close skeletons read alike.
pub fn visual_skeleton(label: &str) -> String {
    // Also folds the letters UTS-39 leaves alone (`src/data/extra-confusables.txt`: `ƅ`, `ʙ`).
    let mut folded = unicode_tables::visual_fold_bytes(label);
    fold_in_place(&mut folded, &ASCII_LOOKALIKES);
    fold_in_place(&mut folded, &WEAK_ASCII_LOOKALIKES);
    // Only whole ASCII sequences were replaced, by ASCII: still UTF-8.
    String::from_utf8(folded).unwrap_or_default()
}

/// When `found` reads like `genuine` once both are reduced to their visual skeletons (allowing the
/// usual edit tolerance), the differing parts: `a1ibba` for `alibaba`, `gőőgie` for `google`.
pub fn describe_visual(genuine: &str, found: &str) -> Option<Difference> {
    describe_visual_prepared(genuine, found, &visual_skeleton(genuine), || {
        visual_skeleton(found)
    })
}

/// [`describe_visual`] with the genuine label's [`visual_skeleton`] computed once, ahead, and the
/// found label's computed by `found_skeleton` only when needed: a check compares one address with
/// every protected name, and a skeleton costs more than the rest of the comparison.
pub fn describe_visual_prepared<S: AsRef<str>>(
    genuine: &str,
    found: &str,
    genuine_skeleton: &str,
    found_skeleton: impl FnOnce() -> S,
) -> Option<Difference> {
    if genuine == found || (found.is_ascii() && genuine.chars().count() < MIN_VISUAL_ASCII_LEN) {
        return None;
    }
    let f = found_skeleton();
    let (g, f) = (genuine_skeleton, f.as_ref());
    if g != f && describe_edit(g, f).is_none() {
        return None;
    }
    let (expected, found) = differing_middle(genuine, found);
    Some(Difference::LooksAlike { expected, found })
}

/// The non-ASCII characters of a label with the name of their script: `а (Cyrillic)`.
pub fn foreign_letters(label: &str) -> Vec<(char, &'static str)> {
    let mut out: Vec<(char, &'static str)> = Vec::new();
    for c in label.chars().filter(|c| !c.is_ascii()) {
        if !out.iter().any(|(seen, _)| *seen == c) {
            out.push((c, script_name(c)));
        }
    }
    out
}

/// Whether the label mixes Latin letters with letters of another script that has Latin lookalikes.
pub fn is_mixed_script(label: &str) -> bool {
    if label.is_ascii() {
        return false; // all Latin or Common: no script lookups needed to know
    }
    let has_latin = label.chars().any(|c| c.is_ascii_alphabetic());
    let lookalike_script = label.chars().any(|c| {
        matches!(
            unicode_tables::script_name(c),
            "Cyrillic" | "Greek" | "Armenian"
        )
    });
    has_latin && lookalike_script
}

fn script_name(c: char) -> &'static str {
    unicode_tables::script_name(c)
}

/// The parts of `a` and `b` between their common prefix and common suffix.
fn differing_middle(a: &str, b: &str) -> (String, String) {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let max_suffix = a.len().min(b.len()) - prefix;
    let suffix = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take(max_suffix)
        .take_while(|(x, y)| x == y)
        .count();
    let middle = |s: &[char]| {
        s.get(prefix..s.len() - suffix)
            .map(|m| m.iter().collect())
            .unwrap_or_default()
    };
    (middle(&a), middle(&b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distance_counts_transposition_as_one() {
        assert_eq!(strsim::osa_distance("alibaba", "ailbaba"), 1);
        assert_eq!(strsim::osa_distance("google", "doodle"), 2);
        assert_eq!(strsim::osa_distance("", "abc"), 3);
        assert_eq!(strsim::osa_distance("аlibaba", "alibaba"), 1);
    }

    /// Sequence folding as written first: character by character, the first matching pair in
    /// table order, into a new string.
    fn fold_by_characters(label: &str, table: &Sequences) -> String {
        let mut out = String::new();
        let mut rest = label;
        'outer: while let Some(c) = rest.chars().next() {
            for (from, to) in table.pairs {
                if let Some(after) = rest.strip_prefix(from) {
                    out.push_str(to);
                    rest = after;
                    continue 'outer;
                }
            }
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
        out
    }

    #[test]
    fn folding_in_place_matches_folding_character_by_character() {
        // Every string of up to four characters over the tables' letters and a few others,
        // ASCII and not: each sequence at every position, overlapping and back to back.
        let alphabet = [
            'r', 'n', 'v', 'c', 'l', 'd', 'i', 'q', 'b', '0', '1', 'm', 'a', 'é', 'р',
        ];
        let mut labels = vec![String::new()];
        for _ in 0..4 {
            let longer: Vec<String> = labels
                .iter()
                .flat_map(|l| alphabet.iter().map(move |c| format!("{l}{c}")))
                .collect();
            labels.extend(longer);
        }
        labels.sort();
        labels.dedup();
        for label in &labels {
            for table in [&ASCII_LOOKALIKES, &WEAK_ASCII_LOOKALIKES] {
                assert_eq!(
                    fold(label, table),
                    fold_by_characters(label, table),
                    "{label}"
                );
            }
        }
    }

    #[test]
    fn names_each_single_edit() {
        let cases = [
            (
                "alibaba",
                "alibba",
                Difference::Omitted {
                    expected: 'a',
                    nth: 2,
                },
            ),
            (
                "alibaba",
                "alibabaa",
                Difference::Inserted {
                    found: 'a',
                    after: 7,
                },
            ),
            (
                "google",
                "gooqle",
                Difference::Replaced {
                    expected: 'g',
                    nth: 2,
                    found: 'q',
                },
            ),
            (
                "alibaba",
                "ailbaba",
                Difference::Transposed {
                    first: 'l',
                    second: 'i',
                },
            ),
            (
                "aliexpress",
                "aliexpres",
                Difference::Omitted {
                    expected: 's',
                    nth: 2,
                },
            ),
        ];
        for (genuine, found, want) in cases {
            assert_eq!(describe_edit(genuine, found), Some(want), "{found}");
        }
    }

    #[test]
    fn short_names_get_no_tolerance() {
        assert_eq!(describe_edit("tmall", "small"), None);
        assert!(matches!(
            describe_edit("gmail", "gamil"),
            Some(Difference::Transposed { .. })
        ));
        assert_eq!(describe_edit("gmail", "gmai"), None);
        assert_eq!(describe_edit("google", "doodle"), None);
        assert_eq!(describe_edit("aliexpress", "lexpress"), None);
        assert!(describe_edit("aliexpress", "aliexespress").is_some());
        assert_eq!(
            describe_edit("aliexpress", "allexpres"),
            Some(Difference::Edits { distance: 2 })
        );
    }

    #[test]
    fn ascii_lookalikes_fold_alike() {
        assert_eq!(
            describe_ascii_lookalike("google", "g00gle"),
            Some(Difference::LooksAlike {
                expected: "oo".into(),
                found: "00".into()
            })
        );
        assert_eq!(
            describe_ascii_lookalike("gmail", "grnail"),
            Some(Difference::LooksAlike {
                expected: "m".into(),
                found: "rn".into()
            })
        );
        assert_eq!(describe_ascii_lookalike("google", "google"), None);
    }

    #[test]
    fn visual_skeletons_catch_mixed_homoglyphs() {
        for found in ["a1ibba", "alĩbada", "gőőgie", "qoᴏgle", "ạliƅaba"] {
            let genuine = if found.contains('g') {
                "google"
            } else {
                "alibaba"
            };
            assert!(describe_visual(genuine, found).is_some(), "{found}");
        }
        assert!(describe_visual("google", "doodle").is_none());
        assert!(describe_visual("alibaba", "alibi").is_none());
        assert!(describe_visual("tmall", "tmail").is_none());
    }

    #[test]
    fn cyrillic_letters_are_confusable_and_named() {
        let found = "\u{0430}libaba"; // Cyrillic а
        assert!(describe_confusable("alibaba", found).is_some());
        assert_eq!(foreign_letters(found), vec![('\u{0430}', "Cyrillic")]);
        assert!(is_mixed_script(found));
        assert!(describe_confusable("alibaba", "аррӏе").is_none());
        assert!(describe_confusable("google", "göogle").is_some());
        assert_eq!(foreign_letters("göogle"), vec![('ö', "Latin")]);
    }
}
