//! The one localisation table for reason messages (English and Japanese) and its renderer.

use crate::verdict::{Difference, Evidence, ReasonCode};

/// A language the core writes messages in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    En,
    Ja,
}

impl Lang {
    /// Reads a language tag (`ja`, `ja-JP`, `en-US`); anything not Japanese is English.
    pub fn from_tag(tag: &str) -> Lang {
        if tag.trim().to_ascii_lowercase().starts_with("ja") {
            Lang::Ja
        } else {
            Lang::En
        }
    }
}

/// The template of each code: `{domain}`, `{genuine}`, `{brand}`, `{difference}`, `{detail}` and
/// `{letters}` are filled from the reason's evidence.
fn template(code: ReasonCode, lang: Lang) -> &'static str {
    use ReasonCode as C;
    match (code, lang) {
        (C::OfficialDomain, Lang::En) => "{domain} is an official {brand} domain.",
        (C::OfficialDomain, Lang::Ja) => "{domain} は {brand} の正規のドメインです。",
        (C::UserContentHost, Lang::En) => {
            "Anyone can publish pages on {domain}: it belongs to {brand}, but what a page here says is not {brand} speaking."
        }
        (C::UserContentHost, Lang::Ja) => {
            "{domain} は誰でもページを公開できる {brand} のサービスです。ここのページの内容は {brand} 自身が書いたものとは限りません。"
        }
        (C::UserContentNamesBrand, Lang::En) => {
            "Anyone can publish pages on {domain}, and this one's address says “{detail}”: it is someone's page, not a place to sign in."
        }
        (C::UserContentNamesBrand, Lang::Ja) => {
            "{domain} は誰でもページを公開できる場所で、このページのアドレスには「{detail}」とあります。誰かが作ったページで、ログインする場所ではありません。"
        }
        (C::BrandRedirect, Lang::En) => {
            "This {brand} address only forwards you to {detail}: where it leads is judged, not {brand}."
        }
        (C::BrandRedirect, Lang::Ja) => {
            "この {brand} のアドレスは {detail} へ転送するだけです。判定しているのは {brand} ではなく転送先です。"
        }
        (C::BrandNameInKitPath, Lang::En) => {
            "The path names “{genuine}” beside “{detail}”, but the site is really {domain}: phishing kits are unpacked in folders named after the brand."
        }
        (C::BrandNameInKitPath, Lang::Ja) => {
            "パスに「{genuine}」と「{detail}」がありますが、実際のサイトは {domain} です。フィッシングキットはブランド名のフォルダーに置かれます。"
        }
        (C::BrandSignInElsewhere, Lang::En) => {
            "This sign-in address names {genuine}, but the site is really {domain} ({detail}). {brand} does not sign you in here."
        }
        (C::BrandSignInElsewhere, Lang::Ja) => {
            "このログイン用のアドレスは {genuine} を名乗っていますが、実際のサイトは {domain} です（{detail}）。{brand} がここでログインを求めることはありません。"
        }
        (C::SignInWithoutSite, Lang::En) => {
            "This address carries a whole page that asks for your {brand} password, from no site at all: {brand} never signs you in like this."
        }
        (C::SignInWithoutSite, Lang::Ja) => {
            "このアドレスはページ全体を含んでいて、どのサイトでもない場所で {brand} のパスワードを求めます。{brand} がこのようにログインを求めることはありません。"
        }
        (C::OwnShop, Lang::En) => "{domain} is one of your own shops.",
        (C::OwnShop, Lang::Ja) => "{domain} はあなたが登録した自分のショップです。",
        (C::Allowlisted, Lang::En) => "You chose to trust {domain}.",
        (C::Allowlisted, Lang::Ja) => "{domain} はあなたが信頼すると決めたサイトです。",
        (C::LookalikeDomain, Lang::En) => "{difference}. It is not one of the {brand} domains Miwake knows.",
        (C::LookalikeDomain, Lang::Ja) => "{difference}。Miwake が知る {brand} のドメインではありません。",
        (C::SimilarName, Lang::En) => {
            "{difference}. It may be another site with a similar name, but it is not one of the {brand} domains Miwake knows: do not sign in to {brand} here."
        }
        (C::SimilarName, Lang::Ja) => {
            "{difference}。似た名前の別のサイトかもしれませんが、Miwake が知る {brand} のドメインではありません。ここで {brand} にログインしないでください。"
        }
        (C::ShopSimilarName, Lang::En) => {
            "{difference}. It may be another shop with a similar name, but it is not your shop: do not sign in to your shop's admin here."
        }
        (C::ShopSimilarName, Lang::Ja) => {
            "{difference}。似た名前の別のショップかもしれませんが、あなたのショップではありません。ここで自分のショップの管理画面にログインしないでください。"
        }
        (C::ShopNameWithLureWord, Lang::En) => {
            "The address joins the name of your shop {genuine} to the word “{detail}”, but the site is really {domain}, not your shop. Open your admin from your own bookmark."
        }
        (C::ShopNameWithLureWord, Lang::Ja) => {
            "アドレスはあなたのショップ {genuine} の名前に「{detail}」を組み合わせていますが、実際のサイトは {domain} で、あなたのショップではありません。管理画面は自分のブックマークから開いてください。"
        }
        (C::ShopNameInDomain, Lang::En) => {
            "The address carries the name of your shop {genuine}, but the site is really {domain}, not your shop."
        }
        (C::ShopNameInDomain, Lang::Ja) => {
            "アドレスはあなたのショップ {genuine} の名前を含みますが、実際のサイトは {domain} で、あなたのショップではありません。"
        }
        (C::ShopDomainInPath, Lang::En) => {
            "Your shop {genuine} appears only after the site's name; the site is really {domain}."
        }
        (C::ShopDomainInPath, Lang::Ja) => {
            "あなたのショップ {genuine} はサイト名の後ろに書かれているだけで、実際のサイトは {domain} です。"
        }
        (C::ConfusableCharacters, Lang::En) => {
            "{domain} spells {genuine} with letters from another alphabet: {letters}. It is not one of the {brand} domains Miwake knows."
        }
        (C::ConfusableCharacters, Lang::Ja) => {
            "{domain} は別の文字体系の似た文字で {genuine} に見せかけています（{letters}）。Miwake が知る {brand} のドメインではありません。"
        }
        (C::SuffixSwap, Lang::En) => {
            "{domain} takes the name of {genuine} under another ending (.{detail}); it is not one of the {brand} domains Miwake knows."
        }
        (C::SuffixSwap, Lang::Ja) => {
            "{domain} は {genuine} と同じ名前を別の末尾（.{detail}）で使っています。Miwake が知る {brand} のドメインではありません。"
        }
        (C::BrandDomainEmbedded, Lang::En) => {
            "The address begins like {genuine}, but the site is really {domain}."
        }
        (C::BrandDomainEmbedded, Lang::Ja) => {
            "アドレスの先頭は {genuine} のように見えますが、実際のサイトは {domain} です。"
        }
        (C::BrandWithLureWord, Lang::En) => {
            "{domain} joins the name “{genuine}” to the word “{detail}”; it is not one of the {brand} domains Miwake knows."
        }
        (C::BrandWithLureWord, Lang::Ja) => {
            "{domain} は「{genuine}」に「{detail}」を組み合わせた名前で、Miwake が知る {brand} のドメインではありません。"
        }
        (C::BrandNameInDomain, Lang::En) => {
            "{domain} contains the name “{genuine}” but is not one of the {brand} domains Miwake knows."
        }
        (C::BrandNameInDomain, Lang::Ja) => {
            "{domain} は「{genuine}」という名前を含みますが、Miwake が知る {brand} のドメインではありません。"
        }
        (C::BrandPartWithLureWord, Lang::En) => {
            "{domain} keeps part of {genuine} and puts the word “{detail}” in place of the rest; it is not one of the {brand} domains Miwake knows."
        }
        (C::BrandPartWithLureWord, Lang::Ja) => {
            "{domain} は {genuine} の一部を残し、残りを「{detail}」に置き換えた名前で、Miwake が知る {brand} のドメインではありません。"
        }
        (C::BrandNameInSubdomain, Lang::En) => {
            "“{genuine}” is only a subdomain here; the site is really {domain}."
        }
        (C::BrandNameInSubdomain, Lang::Ja) => {
            "「{genuine}」はサブドメインにすぎず、実際のサイトは {domain} です。"
        }
        (C::FreeHosting, Lang::En) => {
            "{domain} is hosted on {detail}, where anyone can publish a page."
        }
        (C::FreeHosting, Lang::Ja) => {
            "{domain} は誰でもページを公開できるサービス（{detail}）上のサイトです。"
        }
        (C::ShopLookalike, Lang::En) => "{difference}. It is not your shop.",
        (C::ShopLookalike, Lang::Ja) => "{difference}。あなたのショップではありません。",
        (C::ShopSuffixSwap, Lang::En) => {
            "{domain} takes the name of your shop {genuine} under another ending (.{detail}). It is not your shop."
        }
        (C::ShopSuffixSwap, Lang::Ja) => {
            "{domain} はあなたのショップ {genuine} と同じ名前を別の末尾（.{detail}）で使っています。あなたのショップではありません。"
        }
        (C::ShopDomainEmbedded, Lang::En) => {
            "The address begins like your shop {genuine}, but the site is really {domain}."
        }
        (C::ShopDomainEmbedded, Lang::Ja) => {
            "アドレスの先頭はあなたのショップ {genuine} のように見えますが、実際のサイトは {domain} です。"
        }
        (C::MixedScript, Lang::En) => {
            "The address mixes Latin letters with letters of another alphabet that look alike: {letters}."
        }
        (C::MixedScript, Lang::Ja) => {
            "アドレスにラテン文字とよく似た別の文字体系の文字が混ざっています（{letters}）。"
        }
        (C::FakeHostInUserinfo, Lang::En) => {
            "The part before “@” poses as {genuine}; the browser really goes to {domain}."
        }
        (C::FakeHostInUserinfo, Lang::Ja) => {
            "「@」より前の部分は {genuine} を装っていますが、実際の接続先は {domain} です。"
        }
        (C::CredentialsInUrl, Lang::En) => {
            "The address hides text before “@”; the real site is {domain}."
        }
        (C::CredentialsInUrl, Lang::Ja) => {
            "アドレスの「@」より前に文字列が隠されています。実際のサイトは {domain} です。"
        }
        (C::IpAddressHost, Lang::En) => {
            "The address ({domain}) is a bare IP address, or a name that only spells one, not a named site."
        }
        (C::IpAddressHost, Lang::Ja) => {
            "アドレス（{domain}）がサイト名ではなく、IP アドレスかそれをそのまま表す名前です。"
        }
        (C::BrandDomainInPath, Lang::En) => {
            "{genuine} appears only after the site's name; the site is really {domain}."
        }
        (C::BrandDomainInPath, Lang::Ja) => {
            "{genuine} はサイト名の後ろに書かれているだけで、実際のサイトは {domain} です。"
        }
        (C::UrlShortener, Lang::En) => {
            "{domain} is a link shortener: the real destination is hidden."
        }
        (C::UrlShortener, Lang::Ja) => {
            "{domain} は短縮 URL サービスです。本当の行き先は隠されています。"
        }
        (C::DataUrl, Lang::En) => {
            "This is a data: address: its content does not come from any site."
        }
        (C::DataUrl, Lang::Ja) => "data: アドレスです。内容はどのサイトのものでもありません。",
        (C::JavascriptUrl, Lang::En) => "This link runs a script instead of opening a page.",
        (C::JavascriptUrl, Lang::Ja) => {
            "このリンクはページを開かず、スクリプトを実行します。"
        }
        (C::LinkTextMismatch, Lang::En) => {
            "The link shows the address {genuine}, but it goes to {domain}."
        }
        (C::LinkTextMismatch, Lang::Ja) => {
            "リンクの文字は {genuine} と表示していますが、実際のリンク先は {domain} です。"
        }
        (C::LinkTextPosesAsBrand, Lang::En) => {
            "The link shows {genuine} ({brand}), but it goes to {domain}."
        }
        (C::LinkTextPosesAsBrand, Lang::Ja) => {
            "リンクの文字は {brand} の {genuine} と表示していますが、実際のリンク先は {domain} です。"
        }
        (C::LoginImitation, Lang::En) => {
            "This page looks like the sign-in screen of {brand}, but it is on {domain}, not on {brand}'s {genuine}."
        }
        (C::LoginImitation, Lang::Ja) => {
            "このページは {brand} のログイン画面を装っていますが、{brand} の {genuine} ではなく {domain} 上にあります。"
        }
        (C::CredentialsOnUserContent, Lang::En) => {
            "{genuine} is a service of {brand} where anyone can publish pages; {brand} never asks for your password here."
        }
        (C::CredentialsOnUserContent, Lang::Ja) => {
            "{genuine} は誰でもページを公開できる {brand} のサービスです。{brand} がここでパスワードを求めることはありません。"
        }
        (C::CredentialsOnBrandNamedHost, Lang::En) => {
            "{domain} carries {brand}'s name and asks you to sign in, but it is not one of the {brand} domains Miwake knows. Sign in to {brand} only at {genuine}."
        }
        (C::CredentialsOnBrandNamedHost, Lang::Ja) => {
            "{domain} は {brand} の名前を含み、ログインを求めていますが、Miwake が知る {brand} のドメインではありません。{brand} へのログインは {genuine} でだけ行ってください。"
        }
        (C::UnregisteredShopAdmin, Lang::En) => {
            "This is the admin login of an {brand} shop on {domain}, a domain you have not registered as your shop. Open your admin from your own bookmark, not from a link in a mail."
        }
        (C::UnregisteredShopAdmin, Lang::Ja) => {
            "{domain} は、あなたがショップとして登録していないドメインですが、{brand} の管理画面ログインが表示されています。管理画面はメールのリンクからではなく、ご自分のブックマークから開いてください。"
        }
        (C::ShopAdminImitation, Lang::En) => {
            "This page shows the admin login of an {brand} shop on {domain}, which is not one of your shops, and its address or form is suspicious."
        }
        (C::ShopAdminImitation, Lang::Ja) => {
            "このページは {domain} 上で {brand} の管理画面ログインを表示していますが、あなたのショップではなく、アドレスかフォームにも不審な点があります。"
        }
        (C::CredentialsPostedElsewhere, Lang::En) => {
            "The sign-in form sends what you type to {genuine}, not to {domain}."
        }
        (C::CredentialsPostedElsewhere, Lang::Ja) => {
            "このログインフォームは入力内容を {domain} ではなく {genuine} に送信します。"
        }
        (C::PageSignalsUnreadable, Lang::En) => {
            "Miwake could not read the sign-in form on {domain}, so it cannot tell whose sign-in screen this is. Check the address before you sign in."
        }
        (C::PageSignalsUnreadable, Lang::Ja) => {
            "Miwake は {domain} のログインフォームを読み取れなかったため、どのサービスのログイン画面か判断できません。ログインする前にアドレスを確認してください。"
        }
        (C::CredentialsPostedInsecurely, Lang::En) => {
            "The sign-in form sends what you type without encryption (http:) to {detail}."
        }
        (C::CredentialsPostedInsecurely, Lang::Ja) => {
            "このログインフォームは入力内容を暗号化せずに（http:）{detail} へ送信します。"
        }
        (C::CredentialsToExfiltrationService, Lang::En) => {
            "The sign-in form sends what you type to {detail}, a service phishing kits use to collect stolen passwords."
        }
        (C::CredentialsToExfiltrationService, Lang::Ja) => {
            "このログインフォームは入力内容を {detail} に送信します。フィッシングで盗んだパスワードの収集に使われるサービスです。"
        }
        (C::ScriptSendsToExfiltrationService, Lang::En) => {
            "A script on this sign-in page sends data to {detail}, a service phishing kits use to collect stolen passwords."
        }
        (C::ScriptSendsToExfiltrationService, Lang::Ja) => {
            "このログインページのスクリプトは {detail} にデータを送信します。フィッシングで盗んだパスワードの収集に使われるサービスです。"
        }
        (C::InvalidUrl, Lang::En) => "This is not a readable web address ({detail}).",
        (C::InvalidUrl, Lang::Ja) => "読み取れるウェブアドレスではありません（{detail}）。",
        #[cfg(feature = "mail")]
        (C::MailUnreadable, Lang::En) => "This could not be read as a mail ({detail}): paste the whole source, headers included.",
        #[cfg(feature = "mail")]
        (C::MailUnreadable, Lang::Ja) => "メールとして読み取れません（{detail}）。ヘッダーを含むメールのソース全体を貼り付けてください。",
        #[cfg(feature = "mail")]
        (C::MailTruncated, Lang::En) => "The mail is larger than Miwake reads: only its first {detail} were judged.",
        #[cfg(feature = "mail")]
        (C::MailTruncated, Lang::Ja) => "メールが大きすぎるため、先頭の {detail} だけを判定しました。",
        #[cfg(feature = "mail")]
        (C::SenderImitatesBrand, Lang::En) => {
            "The mail speaks as {genuine} ({detail}), but it comes from {domain}, which is not theirs."
        }
        #[cfg(feature = "mail")]
        (C::SenderImitatesBrand, Lang::Ja) => {
            "このメールは {genuine} を名乗っています（{detail}）が、送信元は {genuine} のものではない {domain} です。"
        }
        #[cfg(feature = "mail")]
        (C::SenderLookalikeDomain, Lang::En) => {
            "The {detail} address is at {domain}, which imitates {genuine}."
        }
        #[cfg(feature = "mail")]
        (C::SenderLookalikeDomain, Lang::Ja) => {
            "{detail} のアドレスのドメイン {domain} は {genuine} に似せたものです。"
        }
        #[cfg(feature = "mail")]
        (C::SenderVerified, Lang::En) => {
            "The mail comes from {domain}, an official {brand} domain, and the receiving server verified it ({detail})."
        }
        #[cfg(feature = "mail")]
        (C::SenderVerified, Lang::Ja) => {
            "送信元は {brand} の正規のドメイン {domain} で、受信サーバーが確認しています（{detail}）。"
        }
        #[cfg(feature = "mail")]
        (C::SenderUnauthenticated, Lang::En) => {
            "The From line shows {domain}, a {brand} domain, but nothing in the mail proves it: anyone can write any From line."
        }
        #[cfg(feature = "mail")]
        (C::SenderUnauthenticated, Lang::Ja) => {
            "差出人欄には {brand} のドメイン {domain} がありますが、それを裏付ける認証結果がありません。差出人欄は誰でも自由に書けます。"
        }
        #[cfg(feature = "mail")]
        (C::AuthenticationFailed, Lang::En) => {
            "The receiving server found that this mail was not sent by {domain} ({detail}): the From line is forged."
        }
        #[cfg(feature = "mail")]
        (C::AuthenticationFailed, Lang::Ja) => {
            "受信サーバーは、このメールが {domain} から送られたものではないと判定しました（{detail}）。差出人は偽装されています。"
        }
        #[cfg(feature = "mail")]
        (C::ReplyToElsewhere, Lang::En) => {
            "The mail comes from {genuine}, but replies would go to {domain}."
        }
        #[cfg(feature = "mail")]
        (C::ReplyToElsewhere, Lang::Ja) => {
            "送信元は {genuine} ですが、返信先は {domain} になっています。"
        }
        #[cfg(feature = "mail")]
        (C::EnvelopeSenderElsewhere, Lang::En) => {
            "The From line shows {genuine}, but the {detail} header shows {domain}, and nothing proves the mail came from {genuine}."
        }
        #[cfg(feature = "mail")]
        (C::EnvelopeSenderElsewhere, Lang::Ja) => {
            "差出人欄は {genuine} ですが、{detail} ヘッダーは {domain} で、{genuine} から送られたことを裏付けるものがありません。"
        }
        #[cfg(feature = "mail")]
        (C::MentionsBrandNotFromIt, Lang::En) => {
            "The mail names {genuine} ({detail}) but comes from {domain}, which is not theirs: a mail about {genuine} perhaps, not from {genuine}. Do not sign in to {genuine} from it."
        }
        #[cfg(feature = "mail")]
        (C::MentionsBrandNotFromIt, Lang::Ja) => {
            "このメールは {genuine} の名前を出しています（{detail}）が、送信元は {genuine} のものではない {domain} です。{genuine} についてのメールかもしれませんが、{genuine} からのメールではありません。ここから {genuine} にログインしないでください。"
        }
        #[cfg(feature = "mail")]
        (C::SignInLinkOffBrand, Lang::En) => {
            "The mail says it is from {brand} ({detail}), but nothing proves it, and its sign-in link goes to {domain}, which is not one of the {brand} domains Miwake knows. Sign in to {brand} only by typing {genuine} yourself."
        }
        #[cfg(feature = "mail")]
        (C::SignInLinkOffBrand, Lang::Ja) => {
            "このメールは {brand} からのもの（{detail}）としていますが、それを裏付けるものがなく、ログイン用のリンクは Miwake が知る {brand} のドメインではない {domain} に向かっています。{brand} へは {genuine} を自分で入力してログインしてください。"
        }
        #[cfg(feature = "mail")]
        (C::ForwardedMailChecked, Lang::En) => {
            "This mail forwards another, from {detail}: Miwake judged the forwarded mail (its sender, words, links and attachments) and the links and attachments of the mail around it."
        }
        #[cfg(feature = "mail")]
        (C::ForwardedMailChecked, Lang::Ja) => {
            "このメールは別のメール（差出人 {detail}）を転送しています。転送されたメールの差出人・文面・リンク・添付ファイルと、転送したメールのリンク・添付ファイルを判定しました。"
        }
        #[cfg(feature = "mail")]
        (C::ForwardedTooDeep, Lang::En) => {
            "Mails are forwarded inside each other more than {detail} deep: Miwake read only the first {detail} and judged the deepest one it read."
        }
        #[cfg(feature = "mail")]
        (C::ForwardedTooDeep, Lang::Ja) => {
            "メールが {detail} 段を超えて入れ子に転送されています。最初の {detail} 段だけを読み、読んだうち最も内側のメールを判定しました。"
        }
        #[cfg(feature = "mail")]
        (C::GenericGreeting, Lang::En) => {
            "The mail greets you with “{detail}”: a service you have an account with usually uses your name."
        }
        #[cfg(feature = "mail")]
        (C::GenericGreeting, Lang::Ja) => {
            "「{detail}」という呼びかけです。アカウントのあるサービスは普通あなたの名前で呼びかけます。"
        }
        #[cfg(feature = "mail")]
        (C::PressureWords, Lang::En) => {
            "The mail rushes you: {detail}. Phishing mails push you to act before you check."
        }
        #[cfg(feature = "mail")]
        (C::PressureWords, Lang::Ja) => {
            "「{detail}」と急がせています。フィッシングメールは確認する前に行動させようとします。"
        }
        #[cfg(feature = "mail")]
        (C::DangerousLink, Lang::En) => {
            "A link in the mail goes to {domain}, which imitates {genuine}: do not open it."
        }
        #[cfg(feature = "mail")]
        (C::DangerousLink, Lang::Ja) => {
            "メール内のリンクの行き先 {domain} は {genuine} に似せたサイトです。開かないでください。"
        }
        #[cfg(feature = "mail")]
        (C::SuspiciousLink, Lang::En) => {
            "A link in the mail goes to {domain}: check where it leads before you open it (see the links)."
        }
        #[cfg(feature = "mail")]
        (C::SuspiciousLink, Lang::Ja) => {
            "メール内のリンクの行き先は {domain} です。開く前に行き先を確かめてください（リンクの一覧を参照）。"
        }
        #[cfg(feature = "mail")]
        (C::ExecutableAttachment, Lang::En) => {
            "The attachment “{detail}” is a program: opening it runs it. Do not open it."
        }
        #[cfg(feature = "mail")]
        (C::ExecutableAttachment, Lang::Ja) => {
            "添付ファイル「{detail}」はプログラムです。開くと実行されます。開かないでください。"
        }
        #[cfg(feature = "mail")]
        (C::RiskyAttachment, Lang::En) => {
            "The attachment “{detail}” is an archive or a web page: phishing hides sign-in pages and programs in these."
        }
        #[cfg(feature = "mail")]
        (C::RiskyAttachment, Lang::Ja) => {
            "添付ファイル「{detail}」は圧縮ファイルかウェブページです。フィッシングはここに偽のログイン画面やプログラムを隠します。"
        }
    }
}

/// Whether the message for a reason says its evidence detail itself; otherwise the detail (the
/// markers a sign-in screen matched) is shown apart, for those who want the evidence.
pub fn says_detail(code: ReasonCode, lang: Lang) -> bool {
    template(code, lang).contains("{detail}")
}

/// Renders the message for a reason. `brand` is the display name of the reason's brand, if any.
pub fn render(code: ReasonCode, evidence: &Evidence, brand: Option<&str>, lang: Lang) -> String {
    // A link posing as one of the user's shops has no brand to name: no empty slot in the sentence.
    let code = match (code, brand) {
        (ReasonCode::LinkTextPosesAsBrand, None | Some("")) => ReasonCode::LinkTextMismatch,
        _ => code,
    };
    let mut out = String::new();
    let mut rest = template(code, lang);
    // One pass over the template: values are never re-scanned, so evidence cannot inject placeholders.
    while let Some(open) = rest.find('{') {
        out.push_str(rest.get(..open).unwrap_or(""));
        let after = rest.get(open + 1..).unwrap_or("");
        let Some(close) = after.find('}') else {
            out.push_str(rest.get(open..).unwrap_or(""));
            rest = "";
            break;
        };
        let name = after.get(..close).unwrap_or("");
        out.push_str(&value(name, evidence, brand, lang));
        rest = after.get(close + 1..).unwrap_or("");
    }
    out.push_str(rest);
    out
}

fn value(name: &str, evidence: &Evidence, brand: Option<&str>, lang: Lang) -> String {
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    match name {
        "domain" => text(&evidence.domain),
        "genuine" => text(&evidence.genuine),
        "detail" => text(&evidence.detail),
        "brand" => brand.unwrap_or("").to_owned(),
        "letters" => letters(&evidence.letters, lang),
        "difference" => match &evidence.difference {
            Some(d) => difference(
                d,
                evidence.domain.as_deref().unwrap_or(""),
                evidence.genuine.as_deref().unwrap_or(""),
                lang,
            ),
            None => String::new(),
        },
        _ => String::new(),
    }
}

/// One clause that says exactly what differs: "alibba.com lacks the second “a” of alibaba.com".
fn difference(d: &Difference, domain: &str, genuine: &str, lang: Lang) -> String {
    // Occurrences are counted in the genuine name's first label, which is where edits are found.
    let label = genuine.split('.').next().unwrap_or(genuine);
    let which = |c: char, nth: usize| {
        let many = label.chars().filter(|&x| x == c).count() > 1;
        match (lang, many) {
            (Lang::En, true) => format!("the {} “{c}”", ordinal_en(nth)),
            (Lang::En, false) => format!("the “{c}”"),
            (Lang::Ja, true) => format!("{nth}番目の「{c}」"),
            (Lang::Ja, false) => format!("「{c}」"),
        }
    };
    match (d, lang) {
        (Difference::Omitted { expected, nth }, Lang::En) => {
            format!("{domain} lacks {} of {genuine}", which(*expected, *nth))
        }
        (Difference::Omitted { expected, nth }, Lang::Ja) => {
            format!(
                "{domain} には {genuine} の{}がありません",
                which(*expected, *nth)
            )
        }
        (Difference::Inserted { found, after }, Lang::En) => {
            let before: String = label.chars().take(*after).collect();
            if before.is_empty() {
                format!("{domain} adds “{found}” before {genuine}")
            } else {
                format!("{domain} adds “{found}” after “{before}” of {genuine}")
            }
        }
        (Difference::Inserted { found, after }, Lang::Ja) => {
            let before: String = label.chars().take(*after).collect();
            if before.is_empty() {
                format!("{domain} は {genuine} の先頭に「{found}」を加えています")
            } else {
                format!("{domain} は {genuine} の「{before}」の後に「{found}」を加えています")
            }
        }
        (
            Difference::Replaced {
                expected,
                nth,
                found,
            },
            Lang::En,
        ) => format!(
            "{domain} has “{found}” in place of {} of {genuine}",
            which(*expected, *nth)
        ),
        (
            Difference::Replaced {
                expected,
                nth,
                found,
            },
            Lang::Ja,
        ) => format!(
            "{domain} は {genuine} の{}を「{found}」に変えています",
            which(*expected, *nth)
        ),
        (Difference::Transposed { first, second }, Lang::En) => {
            format!("{domain} swaps “{first}” and “{second}” of {genuine}")
        }
        (Difference::Transposed { first, second }, Lang::Ja) => {
            format!("{domain} は {genuine} の「{first}」と「{second}」を入れ替えています")
        }
        (Difference::LooksAlike { expected, found }, Lang::En) => {
            format!("{domain} writes “{found}” where {genuine} has “{expected}”")
        }
        (Difference::LooksAlike { expected, found }, Lang::Ja) => {
            format!("{domain} は {genuine} の「{expected}」を見た目の似た「{found}」で書いています")
        }
        (Difference::Edits { distance }, Lang::En) => {
            format!("{domain} is {distance} letters away from {genuine}")
        }
        (Difference::Edits { distance }, Lang::Ja) => {
            format!("{domain} は {genuine} と{distance}文字だけ違います")
        }
    }
}

fn letters(letters: &[(char, &str)], lang: Lang) -> String {
    let parts: Vec<String> = letters
        .iter()
        .map(|(c, script)| match (lang, *script) {
            (Lang::En, "Latin") => format!("“{c}” is an accented letter"),
            (Lang::En, _) => format!("“{c}” is {script}"),
            (Lang::Ja, _) => format!("「{c}」は{}", script_name_ja(script)),
        })
        .collect();
    parts.join(if lang == Lang::Ja { "、" } else { ", " })
}

fn script_name_ja(script: &str) -> String {
    match script {
        "Cyrillic" => "キリル文字".into(),
        "Greek" => "ギリシャ文字".into(),
        "Armenian" => "アルメニア文字".into(),
        "Latin" => "アクセント付きの文字".into(),
        "Cherokee" => "チェロキー文字".into(),
        other => format!("{other} の文字"),
    }
}

fn ordinal_en(n: usize) -> String {
    const WORDS: [&str; 10] = [
        "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
        "tenth",
    ];
    match n.checked_sub(1).and_then(|i| WORDS.get(i)) {
        Some(word) => (*word).to_owned(),
        None => format!("{n}th"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn evidence(domain: &str, genuine: &str, d: Difference) -> Evidence {
        Evidence {
            domain: Some(domain.into()),
            genuine: Some(genuine.into()),
            difference: Some(d),
            ..Evidence::default()
        }
    }

    #[test]
    fn every_code_has_both_languages_and_no_stray_placeholder() {
        let full = Evidence {
            domain: Some("d".into()),
            genuine: Some("g".into()),
            difference: Some(Difference::Edits { distance: 2 }),
            detail: Some("x".into()),
            letters: vec![('а', "Cyrillic")],
        };
        for &code in ReasonCode::ALL {
            for lang in [Lang::En, Lang::Ja] {
                let text = render(code, &full, Some("B"), lang);
                assert!(!text.is_empty(), "{code:?} {lang:?}");
                assert!(!text.contains('{') && !text.contains('}'), "{text}");
            }
            assert_ne!(template(code, Lang::En), template(code, Lang::Ja));
        }
    }

    #[test]
    fn says_which_letter_is_missing() {
        let e = evidence(
            "alibba.com",
            "alibaba.com",
            Difference::Omitted {
                expected: 'a',
                nth: 2,
            },
        );
        assert_eq!(
            render(
                ReasonCode::LookalikeDomain,
                &e,
                Some("Alibaba.com"),
                Lang::En
            ),
            "alibba.com lacks the second “a” of alibaba.com. It is not one of the Alibaba.com domains Miwake knows."
        );
        assert_eq!(
            render(ReasonCode::LookalikeDomain, &e, Some("Alibaba.com"), Lang::Ja),
            "alibba.com には alibaba.com の2番目の「a」がありません。Miwake が知る Alibaba.com のドメインではありません。"
        );
    }

    #[test]
    fn evidence_cannot_inject_placeholders() {
        let e = Evidence {
            detail: Some("{brand}".into()),
            ..Evidence::default()
        };
        let text = render(ReasonCode::InvalidUrl, &e, Some("Google"), Lang::En);
        assert!(text.contains("{brand}") && !text.contains("Google"));
    }

    #[test]
    fn language_tags() {
        assert_eq!(Lang::from_tag("ja-JP"), Lang::Ja);
        assert_eq!(Lang::from_tag("en"), Lang::En);
        assert_eq!(Lang::from_tag(""), Lang::En);
    }
}
