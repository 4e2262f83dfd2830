//! Reads a mail's source (MIME, any of its encodings and charsets, through `mail-parser`) into what
//! the checks look at, within fixed caps so that no mail can make the checks slow.

use super::forward;
use super::html;
use super::text_links;
use mail_parser::{Address, HeaderName, Message, MessageParser, MimeHeaders, PartType};

/// Bytes of a mail that are read; the rest is dropped (a 10 MB mail is judged on its beginning).
pub const MAX_MAIL_BYTES: usize = 2 * 1024 * 1024;
/// Characters of visible text kept from all the parts together.
const MAX_TEXT_CHARS: usize = 100_000;
/// Bytes of one HTML part given to the HTML parser: deeply nested markup costs the parser time in
/// the square of its depth (0.5 s for 256 KB of unclosed elements, optimised).
const MAX_HTML_BYTES: usize = 256 * 1024;
/// Links kept, first ones first: each is judged like a hovered link.
pub const MAX_LINKS: usize = 100;
/// Attachments looked at.
const MAX_ATTACHMENTS: usize = 32;
/// Image descriptions (`alt`) kept: logos claim a sender.
const MAX_IMAGE_ALTS: usize = 32;
/// Mails forwarded inside each other that are read: the outer one and seven forwarded.
pub const MAX_NESTING: usize = 8;

/// One mailbox of a header: the display name and the address's domain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mailbox {
    pub name: Option<String>,
    pub address: String,
    /// The domain after `@`, normalised (ASCII, lower case), when it is one.
    pub domain: Option<String>,
}

/// A link as the mail shows it: where it goes and, from HTML, the text it shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawLink {
    pub href: String,
    pub text: Option<String>,
}

/// An attachment's file name (or its type when it has none) and whether it is an HTML page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    pub name: String,
    pub is_html: bool,
}

/// What the checks read from a mail.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MailFacts {
    pub from: Option<Mailbox>,
    pub reply_to: Option<Mailbox>,
    pub sender: Option<Mailbox>,
    pub return_path: Option<Mailbox>,
    pub subject: String,
    /// The first `Authentication-Results` header: the one the receiving server added on top.
    pub authentication_results: Option<String>,
    /// Visible text of every text and HTML part, capped.
    pub text: String,
    pub image_alts: Vec<String>,
    pub links: Vec<RawLink>,
    pub attachments: Vec<Attachment>,
    /// Bytes read, when the mail was larger than [`MAX_MAIL_BYTES`].
    pub truncated_at: Option<usize>,
    /// The mail this one forwards: its first `message/rfc822` part, or else a forwarded block in
    /// its text.
    pub forwarded: Option<Box<MailFacts>>,
    /// It forwards mails nested deeper than [`MAX_NESTING`], which were not read.
    pub too_deep: bool,
    /// This mail was forwarded inline: read from a block of another mail's text.
    pub inline: bool,
}

/// Why a source is not a mail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReadError {
    /// Nothing but white space.
    Empty,
    /// No header a mail has (`From`, `Subject`, `Content-Type`…): not a mail's source, or only
    /// its body.
    NoHeaders,
}

impl ReadError {
    /// A short English detail for the `mail-unreadable` reason.
    pub fn detail(self) -> &'static str {
        match self {
            ReadError::Empty => "empty",
            ReadError::NoHeaders => "no headers",
        }
    }
}

/// Reads a mail's source.
///
/// # Errors
/// [`ReadError`] when it is empty or has no headers.
pub fn read(source: &[u8]) -> Result<MailFacts, ReadError> {
    let truncated_at = (source.len() > MAX_MAIL_BYTES).then_some(MAX_MAIL_BYTES);
    let source = source.get(..MAX_MAIL_BYTES).unwrap_or(source);
    if source.iter().all(u8::is_ascii_whitespace) {
        return Err(ReadError::Empty);
    }
    let message = MessageParser::default()
        .parse(source)
        .ok_or(ReadError::NoHeaders)?;
    // A line of words reads as a header named after them: only headers a mail has count.
    let known_header = message
        .headers()
        .iter()
        .any(|h| !matches!(h.name, HeaderName::Other(_)));
    if !known_header {
        return Err(ReadError::NoHeaders);
    }
    let mut facts = read_message(&message, 0);
    facts.truncated_at = truncated_at;
    Ok(facts)
}

/// Reads one mail, the outer one at `depth` 0, forwarded ones below it.
fn read_message(message: &Message<'_>, depth: usize) -> MailFacts {
    let mut facts = MailFacts {
        from: first_mailbox(message.from()),
        reply_to: first_mailbox(message.reply_to()),
        sender: first_mailbox(message.sender()),
        return_path: message.return_address().map(|a| mailbox(None, a)),
        subject: message.subject().unwrap_or("").to_owned(),
        authentication_results: message
            .header_raw("Authentication-Results")
            .map(str::to_owned),
        ..MailFacts::default()
    };
    let mut forwarded_parts = 0usize;
    for (index, part) in message.parts.iter().enumerate() {
        if let PartType::Message(inner) = &part.body {
            forwarded_parts += 1;
            if depth + 1 >= MAX_NESTING {
                facts.too_deep = true;
            } else if forwarded_parts <= MAX_ATTACHMENTS {
                let inner = read_message(inner, depth + 1);
                // The first forwarded mail is the one judged; the links and attachments of
                // any other are judged with the mail's own.
                if facts.forwarded.is_none() {
                    facts.forwarded = Some(Box::new(inner));
                } else {
                    for link in inner.links {
                        push_link(&mut facts.links, link.href, link.text);
                    }
                    for attachment in inner.attachments {
                        if facts.attachments.len() < MAX_ATTACHMENTS {
                            facts.attachments.push(attachment);
                        }
                    }
                }
            }
            continue;
        }
        // A text part without a file name listed as an attachment (a cut `multipart/alternative`
        // lists its last part so) is read as the body it is.
        let is_attachment = u32::try_from(index)
            .map(|id| message.attachments.contains(&id))
            .unwrap_or(false)
            && (part.attachment_name().is_some()
                || !matches!(part.body, PartType::Text(_) | PartType::Html(_)));
        if is_attachment {
            if facts.attachments.len() < MAX_ATTACHMENTS {
                facts.attachments.push(attachment(part));
            }
            continue;
        }
        match &part.body {
            PartType::Text(text) => read_text(&mut facts, text),
            PartType::Html(source) => read_html(&mut facts, source),
            _ => {}
        }
    }
    if facts.forwarded.is_none() && !facts.too_deep && depth + 1 < MAX_NESTING {
        facts.forwarded = forward::inline(&facts.subject, &facts.text, depth).map(Box::new);
    }
    facts
}

fn first_mailbox(address: Option<&Address<'_>>) -> Option<Mailbox> {
    let addr = address?.first()?;
    Some(mailbox(addr.name(), addr.address()?))
}

pub(super) fn mailbox(name: Option<&str>, address: &str) -> Mailbox {
    let domain = address
        .rsplit_once('@')
        .and_then(|(_, domain)| crate::address::normalise_domain(domain.trim()).ok());
    Mailbox {
        name: name
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .map(str::to_owned),
        address: address.trim().to_owned(),
        domain,
    }
}

fn attachment(part: &mail_parser::MessagePart<'_>) -> Attachment {
    let content_type = part.content_type().map(|t| {
        let subtype = t.subtype().unwrap_or("");
        format!("{}/{subtype}", t.ctype()).to_ascii_lowercase()
    });
    let is_html = content_type.as_deref() == Some("text/html");
    let name = part
        .attachment_name()
        .map(str::to_owned)
        .or(content_type)
        .unwrap_or_default();
    Attachment { name, is_html }
}

fn read_text(facts: &mut MailFacts, text: &str) {
    push_text(&mut facts.text, text);
    let room = MAX_LINKS.saturating_sub(facts.links.len());
    for href in text_links::find(text, room) {
        push_link(&mut facts.links, href.to_owned(), None);
    }
}

fn read_html(facts: &mut MailFacts, source: &str) {
    let source = prefix(source, MAX_HTML_BYTES);
    let page = html::read(source);
    push_text(&mut facts.text, &page.text);
    for alt in page.image_alts {
        if facts.image_alts.len() < MAX_IMAGE_ALTS {
            facts.image_alts.push(alt);
        }
    }
    for link in page.links {
        push_link(&mut facts.links, link.href, link.text);
    }
}

/// Appends a part's text, keeping the whole under [`MAX_TEXT_CHARS`].
fn push_text(all: &mut String, text: &str) {
    let room = MAX_TEXT_CHARS.saturating_sub(all.chars().count());
    if room == 0 {
        return;
    }
    if !all.is_empty() {
        all.push('\n');
    }
    all.extend(text.chars().take(room));
}

/// Keeps a link once (the same address with the same text in the text and HTML parts).
fn push_link(links: &mut Vec<RawLink>, href: String, text: Option<String>) {
    if links.len() >= MAX_LINKS {
        return;
    }
    let text = text.filter(|t| !t.trim().is_empty() && t.trim() != href);
    if links
        .iter()
        .any(|l| l.href == href && (l.text == text || text.is_none()))
    {
        return;
    }
    links.push(RawLink { href, text });
}

/// The longest prefix of `text` of at most `max` bytes that ends on a character boundary.
fn prefix(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text.get(..end).unwrap_or("")
}
