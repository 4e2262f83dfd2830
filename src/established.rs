//! Established sites (Chromium's public top-domains list, `data/top-domains.txt`): each is judged
//! on its own, never as a typo of a protected name, because its owner is known not to be imitating
//! anyone.

/// The list sorted by build.rs as space-padded records of `WIDTH` bytes, searched in place: a
/// detector costs nothing to build from it (the worker builds one on every wake-up) and a lookup
/// is a plain binary search.
const RECORDS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/established.bin"));
const WIDTH: usize = include!(concat!(env!("OUT_DIR"), "/established_width.in"));
const PAD: u8 = b' ';

/// Whether a registrable domain is on the list.
pub fn contains(domain: &str) -> bool {
    let needle = domain.as_bytes();
    if needle.is_empty() || needle.len() > WIDTH {
        return false;
    }
    let count = RECORDS.len() / WIDTH;
    let (mut low, mut high) = (0, count);
    while low < high {
        let mid = low + (high - low) / 2;
        match compare(mid, needle) {
            std::cmp::Ordering::Less => low = mid + 1,
            std::cmp::Ordering::Greater => high = mid,
            std::cmp::Ordering::Equal => return true,
        }
    }
    false
}

/// Record `i` against `needle` (no longer than a record) as if the padding were not there: the
/// padding is a space, which sorts before every character of a domain.
fn compare(i: usize, needle: &[u8]) -> std::cmp::Ordering {
    let padded = RECORDS.get(i * WIDTH..(i + 1) * WIDTH).unwrap_or_default();
    let head = padded.get(..needle.len()).unwrap_or_default();
    head.cmp(needle)
        .then_with(|| match padded.get(needle.len()) {
            Some(&b) if b != PAD => std::cmp::Ordering::Greater, // the record goes on: it is longer
            _ => std::cmp::Ordering::Equal,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The domain in record `i`, without its padding.
    fn record(i: usize) -> &'static [u8] {
        let padded = RECORDS.get(i * WIDTH..(i + 1) * WIDTH).unwrap_or_default();
        let len = padded
            .iter()
            .position(|&b| b == PAD)
            .unwrap_or(padded.len());
        padded.get(..len).unwrap_or_default()
    }

    fn all() -> Vec<&'static str> {
        (0..RECORDS.len() / WIDTH)
            .map(|i| std::str::from_utf8(record(i)).expect("ASCII domains"))
            .collect()
    }

    #[test]
    fn finds_every_domain_and_nothing_else() {
        let domains = all();
        assert!(domains.len() > 4000, "{} domains", domains.len());
        assert_eq!(RECORDS.len() % WIDTH, 0);
        assert!(
            domains.windows(2).all(|w| w[0] < w[1]),
            "sorted, no repeats"
        );
        let listed: std::collections::HashSet<&str> = domains.iter().copied().collect();
        for domain in &domains {
            assert!(contains(domain), "{domain}");
            for near in [
                format!("{domain}x"),
                format!("a{domain}"),
                domain[1..].to_owned(),
            ] {
                assert_eq!(contains(&near), listed.contains(near.as_str()), "{near}");
            }
        }
        let too_long = "a".repeat(WIDTH + 1);
        for absent in [
            "",
            "alibba.com",
            "zzzzzzzz.example",
            "0",
            "\n",
            "\0",
            "google.co",
            &too_long,
        ] {
            assert!(!contains(absent), "{absent:?}");
        }
        assert!(contains("google.com") && contains("amazon.co.jp"));
    }
}
