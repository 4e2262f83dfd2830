//! A mail forwarded inline: a marker line ("---------- Forwarded message ---------",
//! "-----Original Message-----", "転送メッセージ") followed by the forwarded mail's `From:` line, in
//! the text of the mail that forwards it. Its sender and subject are read from those lines; no
//! receiving server vouches for them, and its links are in the text already.

use super::read::{self, MailFacts};

/// Lines that start a forwarded mail, lower case.
const MARKERS: [&str; 4] = [
    "forwarded message",
    "begin forwarded message",
    "転送メッセージ",
    "転送されたメッセージ",
];

/// Lines that start a forwarded mail or a quoted one in a reply (Outlook writes
/// "-----Original Message-----" for both): a forward only under a subject that says so.
const FORWARD_OR_REPLY_MARKERS: [&str; 2] = ["original message", "元のメッセージ"];

/// How a forwarding mail's subject starts, lower case: `Fwd:`, `FW:`, `転送:`.
const FORWARD_PREFIXES: [&str; 6] = ["fwd:", "fw:", "fwd：", "fw：", "転送:", "転送："];

/// How far after a marker its `From:` line may be (bytes).
const FROM_WITHIN: usize = 400;

/// Labels of the sender's line, lower case.
const FROM_LABELS: [&str; 4] = ["from:", "差出人:", "差出人：", "送信者:"];
const SUBJECT_LABELS: [&str; 3] = ["subject:", "件名:", "件名："];
/// Labels that end a header written on the same line as another (an HTML part's text has no
/// line ends).
const NEXT_LABELS: [&str; 12] = [
    "date:",
    "sent:",
    "subject:",
    "to:",
    "cc:",
    "日付:",
    "日時:",
    "送信日時:",
    "件名:",
    "件名：",
    "宛先:",
    "宛先：",
];

/// The mail forwarded inline in `text` under `subject`, if a marker with a `From:` line after it
/// is there; forwards inside it are read too, down to `depth` reaching [`read::MAX_NESTING`].
pub fn inline(subject: &str, text: &str, depth: usize) -> Option<MailFacts> {
    // ASCII lower case keeps every byte where it was.
    let lower = text.to_ascii_lowercase();
    let subject = subject.trim_start().to_lowercase();
    let forwarding = FORWARD_PREFIXES.iter().any(|p| subject.starts_with(p));
    let markers = MARKERS
        .iter()
        .chain(FORWARD_OR_REPLY_MARKERS.iter().filter(|_| forwarding));
    let marker_end = markers
        .filter_map(|m| lower.find(m).map(|at| at + m.len()))
        .min()?;
    let window_end = floor_boundary(&lower, marker_end.saturating_add(FROM_WITHIN));
    let window = lower.get(marker_end..window_end)?;
    let (from_at, label) = FROM_LABELS
        .iter()
        .filter_map(|l| window.find(l).map(|at| (at, l.len())))
        .min()?;
    let value_start = marker_end + from_at + label;
    let from_value = header_value(text, &lower, value_start);
    let mailbox = parse_mailbox(from_value)?;
    let subject_line = SUBJECT_LABELS
        .iter()
        .filter_map(|l| {
            let at = lower.get(value_start..)?.find(l)?;
            (at < FROM_WITHIN).then(|| header_value(text, &lower, value_start + at + l.len()))
        })
        .next()
        .unwrap_or("")
        .to_owned();
    let body = text.get(value_start..).unwrap_or("").to_owned();
    let mut facts = MailFacts {
        from: Some(mailbox),
        subject: subject_line,
        inline: true,
        ..MailFacts::default()
    };
    // `facts` is at `depth + 1`; a forward inside it would be at `depth + 2`.
    if depth + 2 >= read::MAX_NESTING {
        // Not read: whether a marker is there is enough to say so.
        let lower = body.to_ascii_lowercase();
        facts.too_deep = MARKERS
            .iter()
            .chain(&FORWARD_OR_REPLY_MARKERS)
            .any(|m| lower.contains(m));
    } else {
        facts.forwarded = inline(&facts.subject, &body, depth + 1).map(Box::new);
    }
    facts.text = body;
    Some(facts)
}

/// The value of a header line starting at `start`: up to the line's end or the next label.
fn header_value<'a>(text: &'a str, lower: &str, start: usize) -> &'a str {
    let rest = lower.get(start..).unwrap_or("");
    let mut end = rest.find(['\n', '\r']).unwrap_or(rest.len());
    for label in NEXT_LABELS {
        if let Some(at) = rest.get(..end).and_then(|r| r.find(label)) {
            end = end.min(at);
        }
    }
    text.get(start..start + end).unwrap_or("").trim()
}

/// `Name <a@b>`, `"Name" <a@b>`, `Name [mailto:a@b]` or `a@b`.
fn parse_mailbox(value: &str) -> Option<read::Mailbox> {
    let (name, address) = if let Some((name, rest)) = value.split_once('<') {
        (name, rest.split('>').next().unwrap_or(""))
    } else if let Some((name, rest)) = value.split_once("[mailto:") {
        (name, rest.split(']').next().unwrap_or(""))
    } else {
        let address = value.split_whitespace().find(|w| w.contains('@'))?;
        ("", address)
    };
    let address = address.trim();
    if !address.contains('@') {
        return None;
    }
    let name = name.trim().trim_matches('"').trim();
    Some(read::mailbox((!name.is_empty()).then_some(name), address))
}

fn floor_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_forwarded_sender_and_subject() {
        let text = "Is this real?\n\n---------- Forwarded message ---------\nFrom: \"Alibaba.com\" <service@alibba.com>\nDate: Mon, 1 Dec 2026\nSubject: Account suspended\nTo: me@example.com\n\nDear member https://alibba.com/login";
        let facts = inline("Fwd: Account suspended", text, 0).expect("forwarded");
        let from = facts.from.expect("from");
        assert_eq!(from.name.as_deref(), Some("Alibaba.com"));
        assert_eq!(from.domain.as_deref(), Some("alibba.com"));
        assert_eq!(facts.subject, "Account suspended");
        assert!(facts.text.contains("Dear member"));
    }

    #[test]
    fn reads_flattened_html_and_japanese_labels() {
        let text = "-------- 転送メッセージ -------- 差出人: ヤフー <info@yahoo-secure.example> 日付: 2026年12月1日 件名: 本人確認 本文";
        let facts = inline("", text, 0).expect("forwarded");
        let from = facts.from.expect("from");
        assert_eq!(from.name.as_deref(), Some("ヤフー"));
        assert_eq!(from.address, "info@yahoo-secure.example");
        assert_eq!(facts.subject, "本人確認 本文");
        assert!(inline("", "no marker From: a@b.example", 0).is_none());
        assert!(inline("Fwd: x", "Original message\nFrom: nobody", 0).is_none());
    }

    #[test]
    fn an_original_message_is_a_forward_only_under_a_forwarding_subject() {
        let text = "Thanks, fixed.\n-----Original Message-----\nFrom: Taro <taro@gmail.com>\nSent: Monday\nSubject: help\n\nmy password expired";
        assert!(inline("RE: help", text, 0).is_none());
        let forwarded = inline("FW: help", text, 0).expect("forwarded");
        assert_eq!(forwarded.subject, "help");
    }
}
