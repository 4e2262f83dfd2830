//! Established sites (Chromium's public top-domains list, `data/top-domains.txt`): each is judged
//! on its own, never as a typo of a protected name, because its owner is known not to be imitating
//! anyone.

use std::cmp::Ordering;

/// The list sorted by build.rs, one domain a line, searched in place: a detector costs nothing to
/// build from it (the worker builds one on every wake-up).
const DOMAINS: &str = include_str!(concat!(env!("OUT_DIR"), "/established.txt"));

/// Whether a registrable domain is on the list.
pub fn contains(domain: &str) -> bool {
    sorted_lines_contain(DOMAINS, domain)
}

/// Binary search over the lines of `text`, which are sorted by byte order.
fn sorted_lines_contain(text: &str, needle: &str) -> bool {
    let bytes = text.as_bytes();
    // `low` is always the start of a line; the lines starting in low..high are left to look at.
    let (mut low, mut high) = (0, bytes.len());
    while low < high {
        let mid = low + (high - low) / 2;
        let head = bytes.get(..mid).unwrap_or_default();
        let start = head.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        let tail = bytes.get(start..).unwrap_or_default();
        let end = tail
            .iter()
            .position(|&b| b == b'\n')
            .map_or(bytes.len(), |i| start + i);
        match text.get(start..end).unwrap_or_default().cmp(needle) {
            Ordering::Less => low = end + 1,
            Ordering::Greater => high = start,
            Ordering::Equal => return true,
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_every_line_and_nothing_else() {
        let lines: Vec<&str> = DOMAINS.split('\n').collect();
        assert!(lines.len() > 4000, "{} domains", lines.len());
        assert!(lines.windows(2).all(|w| w[0] < w[1]), "sorted, no repeats");
        let listed: std::collections::HashSet<&str> = lines.iter().copied().collect();
        for line in &lines {
            assert!(contains(line), "{line}");
            for near in [format!("{line}x"), format!("a{line}"), line[1..].to_owned()] {
                assert_eq!(contains(&near), listed.contains(near.as_str()), "{near}");
            }
        }
        for absent in ["", "alibba.com", "zzzzzzzz.example", "0", "\n", "google.co"] {
            assert!(!contains(absent), "{absent:?}");
        }
    }

    #[test]
    fn works_on_small_lists() {
        assert!(!sorted_lines_contain("", "a"));
        assert!(sorted_lines_contain("a", "a"));
        assert!(sorted_lines_contain("a\nb\nc", "c"));
        assert!(sorted_lines_contain("a\nb\nc", "a"));
        assert!(!sorted_lines_contain("a\nc", "b"));
        assert!(!sorted_lines_contain("b\nc", "a"));
    }
}
