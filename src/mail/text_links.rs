//! Web addresses written in a plain-text part (`https://…` up to white space or a delimiter).

/// Where addresses start.
const SCHEMES: [&str; 2] = ["https://", "http://"];

/// Characters that end an address in running text (brackets and quotes around it, Japanese
/// punctuation after it).
fn ends_address(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '<' | '>' | '"' | '\'' | '`' | '「' | '」' | '、' | '。' | '（' | '）'
        )
}

/// The first `max` addresses in `text`, in order, without trailing punctuation. One pass over the
/// text: each search starts where the last one ended.
pub fn find(text: &str, max: usize) -> Vec<&str> {
    let mut found = Vec::new();
    let mut rest = text;
    while found.len() < max {
        let Some(start) = find_ignoring_case(rest, "http") else {
            break;
        };
        let from = rest.get(start..).unwrap_or("");
        let Some(scheme) = SCHEMES.iter().find(|s| {
            from.get(..s.len())
                .is_some_and(|p| p.eq_ignore_ascii_case(s))
        }) else {
            rest = from.get("http".len()..).unwrap_or("");
            continue;
        };
        let end = from.find(ends_address).unwrap_or(from.len());
        let candidate = from
            .get(..end)
            .unwrap_or("")
            .trim_end_matches(['.', ',', ')', ']', ';', ':', '!', '?']);
        if candidate.len() > scheme.len() {
            found.push(candidate);
        }
        rest = from.get(end.max(scheme.len())..).unwrap_or("");
    }
    found
}

fn find_ignoring_case(text: &str, ascii_needle: &str) -> Option<usize> {
    text.as_bytes()
        .windows(ascii_needle.len())
        .position(|w| w.eq_ignore_ascii_case(ascii_needle.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::find;

    #[test]
    fn finds_addresses_in_running_text_without_their_punctuation() {
        assert_eq!(
            find(
                "Open https://alibba.com/login. Or HTTP://x.example/a,b「https://y.jp/」 httpx",
                10
            ),
            vec![
                "https://alibba.com/login",
                "HTTP://x.example/a,b",
                "https://y.jp/"
            ]
        );
        assert!(find("no links, only https:// here", 10).is_empty());
        assert_eq!(find("https://a.example https://b.example", 1).len(), 1);
    }
}
