//! Attachments phishing uses: programs, archives that hide them, and HTML pages that carry a
//! sign-in form of their own.

use super::read::Attachment;
use crate::verdict::{Evidence, Reason, ReasonCode};

/// File name endings of programs Windows or macOS run when opened.
const EXECUTABLE: [&str; 18] = [
    ".exe", ".scr", ".bat", ".cmd", ".com", ".pif", ".js", ".jse", ".vbs", ".vbe", ".wsf", ".hta",
    ".jar", ".msi", ".ps1", ".lnk", ".app", ".dmg",
];

/// Archives and disk images, which hide what they hold from mail scanners, and web pages.
const RISKY: [&str; 13] = [
    ".zip", ".rar", ".7z", ".tar", ".gz", ".tgz", ".cab", ".iso", ".img", ".html", ".htm",
    ".shtml", ".svg",
];

/// The reason an attachment gives, if any.
pub fn judge(attachment: &Attachment) -> Option<Reason> {
    let name = attachment.name.trim().to_lowercase();
    let code = if EXECUTABLE.iter().any(|e| name.ends_with(e)) {
        ReasonCode::ExecutableAttachment
    } else if attachment.is_html || RISKY.iter().any(|e| name.ends_with(e)) {
        ReasonCode::RiskyAttachment
    } else {
        return None;
    };
    Some(Reason::new(
        code,
        Evidence {
            detail: Some(attachment.name.clone()),
            ..Evidence::default()
        },
    ))
}
