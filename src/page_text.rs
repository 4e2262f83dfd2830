//! Page text as it reads, so that a brand's name is found however the page writes it: lookalike
//! letters, invisible characters, fullwidth forms, or the name split across elements.

use crate::similarity;

/// What `text` reads as: [`crate::unicode_tables::text_fold`] (compatibility forms, case,
/// confusables, invisible characters, white space), `i` as `l` (case is folded first, so a
/// capital `I` written for `l` reads `i`), then ASCII lookalike sequences (`rn`, `vv`, `0`, `1`)
/// folded as in addresses. Signals and the markers matched in them are folded alike.
pub fn fold(text: &str) -> String {
    let folded = crate::unicode_tables::text_fold(text).replace('i', "l");
    similarity::ascii_skeleton(&folded)
}

/// Something to look for in page text (a brand's name, a marker's words), folded as page text
/// is, and without its spaces: made once, looked for on every page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Needle {
    folded: String,
    squeezed: String,
}

impl Needle {
    /// `text` folded ([`fold`]).
    pub fn new(text: &str) -> Self {
        Needle::folded(fold(text))
    }

    /// A needle of text folded already.
    fn folded(folded: String) -> Self {
        let squeezed = folded.replace(' ', "");
        Needle { folded, squeezed }
    }

    /// The folded text.
    pub fn as_str(&self) -> &str {
        &self.folded
    }
}

/// Folded page text, with its spaces squeezed out, so that most needles it does not show are
/// ruled out by two substring searches.
pub struct Haystack<'a> {
    text: &'a str,
    squeezed: String,
}

impl<'a> Haystack<'a> {
    /// `text` is folded already ([`fold`]; signals are, see `PageSignals::normalised`).
    pub fn new(text: &'a str) -> Self {
        Haystack {
            text,
            squeezed: text.replace(' ', ""),
        }
    }

    /// Whether the text shows `needle`: inside it, as it stands, or spread over whole words with
    /// spaces between (`goo gle`, `g o o g l e`: the content script puts a space between the texts
    /// of two elements, and a page may split a name into letters). A split name must start and
    /// end where a word does, so that `big mail` never reads `gmail`; only ASCII letters and
    /// digits make words here, so `goo gleアカウント` still reads `googleアカウント`.
    pub fn shows(&self, needle: &Needle) -> bool {
        if needle.folded.is_empty() {
            return false;
        }
        if self.text.contains(&needle.folded) {
            return true;
        }
        // Spread over words, it is in the text without spaces.
        if !self.squeezed.contains(&needle.squeezed) {
            return false;
        }
        let words: Vec<&str> = self.text.split(' ').collect();
        (0..words.len()).any(|first| spread_from(&words, first, &needle.squeezed))
    }
}

/// [`Haystack::shows`] for one folded text and one folded needle.
pub fn shows(text: &str, needle: &str) -> bool {
    Haystack::new(text).shows(&Needle::folded(needle.to_owned()))
}

/// Whether `needle` (no spaces) starts at the start of `words[first]`, or after a character that
/// is not an ASCII letter or digit in it, and ends inside a later word, at its end or before such
/// a character.
fn spread_from(words: &[&str], first: usize, needle: &str) -> bool {
    let Some(word) = words.get(first) else {
        return false;
    };
    // Where in the first word the needle may start: its start, or after a non-word character.
    let starts = word
        .char_indices()
        .filter(|&(i, _)| i == 0 || !ends_word_before(word, i))
        .map(|(i, _)| i);
    starts.into_iter().any(|start| {
        let head = word.get(start..).unwrap_or_default();
        let Some(mut rest) = needle.strip_prefix(head) else {
            return false;
        };
        for next in words.iter().skip(first + 1) {
            if rest.is_empty() {
                return false; // the needle ended with the first word: `contains` saw it
            }
            if let Some(after) = next.strip_prefix(rest) {
                return !after.starts_with(|c: char| c.is_ascii_alphanumeric());
            }
            match rest.strip_prefix(next) {
                Some(shorter) if !next.is_empty() => rest = shorter,
                _ => return false,
            }
        }
        false
    })
}

/// Whether the character before byte `i` of `word` is an ASCII letter or digit, so that a name
/// starting at `i` would be the end of a longer word.
fn ends_word_before(word: &str, i: usize) -> bool {
    word.get(..i)
        .and_then(|before| before.chars().next_back())
        .is_some_and(|c| c.is_ascii_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reads(text: &str, name: &str) -> bool {
        shows(&fold(text), &fold(name))
    }

    #[test]
    fn finds_names_in_disguise() {
        assert!(reads("Use your G\u{043e}\u{043e}gle Account", "Google")); // Cyrillic о
        assert!(reads("G\u{200B}oo\u{00AD}gle\u{FE0F}", "Google")); // zero-width, soft hyphen, VS16
        assert!(reads("G\u{202E}oogle\u{202C}", "Google")); // bidi controls
        assert!(reads(
            "\u{FF27}\u{FF4F}\u{FF4F}\u{FF47}\u{FF4C}\u{FF45}",
            "Google"
        )); // fullwidth
        assert!(reads("GOOGLE", "Google"));
        assert!(reads("g00g1e", "Google"));
        assert!(reads("GoogIe", "Google")); // capital I for l
        assert!(reads("Goo gle", "Google")); // two elements
        assert!(reads("G o o g l e", "Google")); // letter-spaced
        assert!(reads("「Goo gle」", "Google"));
        assert!(reads("Goo gleアカウントを使用", "Google アカウントを使用"));
        assert!(reads("ｸﾞｰｸﾞﾙ", "グーグル")); // halfwidth katakana
        assert!(reads(
            "Sign in \u{2013} Google Accounts",
            "sign in - google accounts"
        )); // en dash
    }

    #[test]
    fn leaves_words_that_only_contain_the_letters() {
        assert!(!reads("Send us a big mail", "Gmail"));
        assert!(!reads("Shop at mall", "Tmall"));
        assert!(!reads("bingo ogle", "Google"));
        assert!(!reads("goo glee", "Google"));
        assert!(!reads("", "Google"));
        assert!(!reads("Google", ""));
    }
}
