//! What the mail says to its reader: a greeting that does not know their name, and words that
//! rush them (suspension, expiry, damaged files, payment holds, deadlines), English and Japanese.

/// Characters from the start of the text where a greeting is looked for.
const GREETING_SPAN: usize = 600;
/// Phrases quoted as evidence of pressure, at most.
const PRESSURE_SHOWN: usize = 3;

/// Who a generic English greeting addresses, after "Dear " and up to two more words.
const GENERIC_ADDRESSEES: [&str; 9] = [
    "customer",
    "customers",
    "user",
    "users",
    "member",
    "members",
    "client",
    "account holder",
    "sir",
];

/// Japanese greetings to everyone at once.
const GENERIC_JA: [&str; 7] = [
    "お客様各位",
    "お客さま各位",
    "会員各位",
    "会員の皆様",
    "ユーザー各位",
    "利用者各位",
    "親愛なる",
];

/// Words that rush the reader. Lower case; the text is compared lower-cased.
const PRESSURE: [&str; 40] = [
    "suspended",
    "suspension",
    "will be locked",
    "has been locked",
    "account locked",
    "password expires",
    "password will expire",
    "password has expired",
    "within 24 hours",
    "within 48 hours",
    "within 72 hours",
    "immediately",
    "files are damaged",
    "files have been damaged",
    "corrupted",
    "payment on hold",
    "payment is on hold",
    "payment hold",
    "payment declined",
    "payment failed",
    "unusual activity",
    "final notice",
    "final warning",
    "deadline",
    "action required",
    "verify your account",
    "停止",
    "凍結",
    "ロックされ",
    "有効期限が切れ",
    "期限切れ",
    "24時間以内",
    "48時間以内",
    "至急",
    "直ちに",
    "破損",
    "損傷",
    "支払いが保留",
    "お支払いの保留",
    "本日中",
];

/// Words of a subject that make it an account notice ("Your Google account", "ログインの確認"):
/// a brand named there speaks to the reader as the brand. Lower case.
const ACCOUNT_NOTICE: [&str; 22] = [
    "account",
    "sign-in",
    "sign in",
    "signin",
    "log in",
    "login",
    "password",
    "verify",
    "verification",
    "security alert",
    "locked",
    "suspend",
    "アカウント",
    "ログイン",
    "サインイン",
    "パスワード",
    "本人確認",
    "認証",
    "セキュリティ",
    "停止",
    "ロック",
    "凍結",
];

/// Words of a link's address or text that make it a sign-in. Lower case.
const SIGN_IN: [&str; 14] = [
    "login",
    "log-in",
    "log_in",
    "log in",
    "signin",
    "sign-in",
    "sign_in",
    "sign in",
    "logon",
    "verify",
    "password",
    "ログイン",
    "サインイン",
    "本人確認",
];

/// Whether a subject reads as an account notice.
pub fn is_account_notice(subject: &str) -> bool {
    let lower = subject.to_lowercase();
    ACCOUNT_NOTICE.iter().any(|w| lower.contains(w))
}

/// Whether a link (its address and the text it shows) reads as a sign-in.
pub fn is_sign_in_link(href: &str, text: Option<&str>) -> bool {
    let lower = format!("{href} {}", text.unwrap_or("")).to_lowercase();
    SIGN_IN.iter().any(|w| lower.contains(w))
}

/// The generic greeting near the start of `text`, as written there.
pub fn generic_greeting(text: &str) -> Option<String> {
    let start: String = text.chars().take(GREETING_SPAN).collect();
    if let Some(phrase) = GENERIC_JA.iter().find(|p| start.contains(*p)) {
        return Some((*phrase).to_owned());
    }
    let lower = start.to_lowercase();
    let mut from = 0;
    while let Some(at) = lower.get(from..).and_then(|l| l.find("dear ")) {
        let begin = from + at;
        let line = lower.get(begin..).unwrap_or("");
        let end = line.find([',', '\n', '.', '!', ':']).unwrap_or(line.len());
        let greeting = line.get(..end).unwrap_or("");
        let words: Vec<&str> = greeting.split_whitespace().skip(1).collect();
        let addressee = words.join(" ");
        let generic = words.len() <= 3
            && GENERIC_ADDRESSEES
                .iter()
                .any(|a| addressee == *a || addressee.ends_with(&format!(" {a}")));
        if generic {
            return Some(greeting.trim().to_owned());
        }
        from = begin + "dear ".len();
    }
    None
}

/// The pressure phrases `text` (with the subject) uses, the first few.
pub fn pressure(subject: &str, text: &str) -> Vec<&'static str> {
    let lower = format!("{subject}\n{text}").to_lowercase();
    PRESSURE
        .iter()
        .filter(|p| lower.contains(*p))
        .take(PRESSURE_SHOWN)
        .copied()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_greeting_by_name_is_not_generic() {
        assert_eq!(
            generic_greeting("Dear Alibaba Member,\nYour account"),
            Some("dear alibaba member".to_owned())
        );
        assert_eq!(generic_greeting("Dear Taro Yamada,\n"), None);
        assert_eq!(
            generic_greeting("お客様各位\nいつも"),
            Some("お客様各位".to_owned())
        );
    }

    #[test]
    fn account_notices_and_sign_in_links() {
        assert!(is_account_notice("Your Google Account: sign-in attempt"));
        assert!(is_account_notice("【重要】アリババ アカウントの確認"));
        assert!(!is_account_notice("Tips for Google Ads this month"));
        assert!(is_sign_in_link("https://x.example/wp/LOGIN.php", None));
        assert!(is_sign_in_link(
            "https://x.example/a",
            Some("ログインして確認")
        ));
        assert!(!is_sign_in_link(
            "https://x.example/news",
            Some("Read more")
        ));
    }

    #[test]
    fn pressure_is_found_in_subject_and_text() {
        assert_eq!(
            pressure("Your account will be SUSPENDED", "within 24 hours"),
            vec!["suspended", "within 24 hours"]
        );
        assert!(pressure("Your order shipped", "Thank you").is_empty());
    }
}
