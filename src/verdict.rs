//! The answer the detector gives: a verdict level and the reasons behind it, each with evidence.

use serde::Serialize;

/// How sure Miwake is that an address is not what it pretends to be.
///
/// Ordered: `Ok < Caution < Danger`, so the verdict of a page is the highest level of its reasons.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Nothing found, or the address is a known-good one (official brand domain, own shop).
    Ok,
    /// Weaker signs: the user should read the address before trusting the page.
    Caution,
    /// A confident imitation: the user must not type anything.
    Danger,
}

impl Level {
    /// The stable lowercase name used in JSON and the extension.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Ok => "ok",
            Level::Caution => "caution",
            Level::Danger => "danger",
        }
    }
}

/// A stable reason code. The string form (`as_str`) never changes once published: the extension,
/// the tests and users' reports depend on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReasonCode {
    /// The registrable domain belongs to a protected brand.
    OfficialDomain,
    /// A brand's host where anyone can publish (Google Sites, Forms, Apps Script): the brand's
    /// domain, but not the brand speaking.
    UserContentHost,
    /// A page on a brand's user-content host whose address names a brand or a sign-in word
    /// (`sites.google.com/view/alibaba-login`): someone's page posing as a sign-in.
    UserContentNamesBrand,
    /// A `data:` or `javascript:` address carrying a page that asks for a password under a
    /// brand's name: no brand signs anyone in there.
    SignInWithoutSite,
    /// A brand's name in the path of an unrelated site together with a sign-in word or a `.php`
    /// page: a phishing kit unpacked in a folder named after the brand (`/gmail/login.html`).
    BrandNameInKitPath,
    /// A brand's domain in the path or query of an unrelated site that is a sign-in page, or on a
    /// bare IP address or a name that maps to one (`203.0.113.7.nip.io`) with a brand's name or a
    /// sign-in path: where kits and sign-in proxies live.
    BrandSignInElsewhere,
    /// A brand's address that only forwards to another it carries (`www.google.com/url?q=`): the
    /// destination is judged, and its reasons follow this one.
    BrandRedirect,
    /// The registrable domain is one of the user's own shops.
    OwnShop,
    /// The user chose to trust this site.
    Allowlisted,
    /// A character-level imitation of a brand's domain (`alibba.com`).
    LookalikeDomain,
    /// A name one letter away at its start (`zaobao` for `taobao`), or two letters away, in a way
    /// that does not read alike: as likely a different site with a similar name as a typo trap.
    SimilarName,
    /// The same, of one of the user's shops (`sakura-ya.co.jp` for `sakura-tea.co.jp`).
    ShopSimilarName,
    /// One of the user's shops' names joined to a lure word (`sakura-tea-admin.jp`,
    /// `sakura-tea.admin-portal.xyz`).
    ShopNameWithLureWord,
    /// One of the user's shops' names inside another site's domain.
    ShopNameInDomain,
    /// One of the user's shops' domains only in the path of another site
    /// (`evil.example/sakura-tea.co.jp/admin`).
    ShopDomainInPath,
    /// Non-Latin letters that look like Latin ones spell a brand's name (`аlibaba.com` with a Cyrillic `а`).
    ConfusableCharacters,
    /// The brand's exact name under a suffix the brand does not own (`alibaba.co`).
    SuffixSwap,
    /// A brand's full domain inside the host of another site (`alibaba.com.verify-id.xyz`).
    BrandDomainEmbedded,
    /// A brand's name combined with a lure word (`alibaba-login.com`).
    BrandWithLureWord,
    /// A brand's name inside another site's domain name (`myalibabastore.com`).
    BrandNameInDomain,
    /// Part of a hyphenated brand name with a lure word in place of the rest (`ec-login.net`).
    BrandPartWithLureWord,
    /// A brand's name as a subdomain label of an unrelated site (`google.example.net`).
    BrandNameInSubdomain,
    /// The site lives on a free hosting service where anyone can publish, and names a brand.
    FreeHosting,
    /// A character-level imitation of one of the user's shops.
    ShopLookalike,
    /// One of the user's shops under another suffix (`xxxx.jp` for `xxxx.co.jp`).
    ShopSuffixSwap,
    /// One of the user's shop domains inside the host of another site (`xxxx.co.jp.evil.example`).
    ShopDomainEmbedded,
    /// Latin letters mixed with Cyrillic or Greek ones in one label, naming no protected brand.
    MixedScript,
    /// Text before `@` in the address poses as a brand's host; the real host comes after it.
    FakeHostInUserinfo,
    /// The address carries a user name or password before the host.
    CredentialsInUrl,
    /// The host is a bare IP address.
    IpAddressHost,
    /// A brand's domain appears in the path or query of an unrelated site.
    BrandDomainInPath,
    /// A URL shortener hides the destination.
    UrlShortener,
    /// A `data:` URL: the content has no site behind it.
    DataUrl,
    /// A `javascript:` URL runs script instead of opening a page.
    JavascriptUrl,
    /// The input could not be read as a web address.
    InvalidUrl,
    /// A link's text shows one site's address while the link goes to another.
    LinkTextMismatch,
    /// The page shows a brand's sign-in screen on a domain the brand does not own.
    LoginImitation,
    /// A brand's user-content host (`sites.google.com`) asks for a password.
    CredentialsOnUserContent,
    /// A domain carrying a brand's name (`google-drive-share.net`) asks for an account.
    CredentialsOnBrandNamedHost,
    /// An EC-CUBE-style admin login on a domain that is not one of the user's shops, with nothing
    /// else suspicious: Miwake offers to register the shop instead of alarming.
    UnregisteredShopAdmin,
    /// A shop admin login on a domain that is not the user's shop, with other signs of phishing.
    ShopAdminImitation,
    /// The sign-in form sends what is typed to another site.
    CredentialsPostedElsewhere,
    /// The sign-in form sends what is typed over plain `http:`.
    CredentialsPostedInsecurely,
    /// The sign-in form sends what is typed to a service phishing kits collect credentials with.
    CredentialsToExfiltrationService,
    /// A script of a sign-in page names a service phishing kits collect credentials with: kits send
    /// what is typed with `fetch`, `XMLHttpRequest` or `sendBeacon` rather than a form's action.
    ScriptSendsToExfiltrationService,
    /// A link's text shows a brand's or the user's shop's address while the link goes elsewhere.
    LinkTextPosesAsBrand,
    /// The page sent signals of its sign-in form that could not be read: judged by its address
    /// alone, which is not enough to call it fine.
    PageSignalsUnreadable,
    /// The input could not be read as a mail, or only in part (empty, no headers).
    #[cfg(feature = "mail")]
    MailUnreadable,
    /// The mail is larger than Miwake reads: only its beginning was judged.
    #[cfg(feature = "mail")]
    MailTruncated,
    /// The mail speaks as a brand or one of the user's shops (display name, subject, signature,
    /// logo) but comes from a domain that is not theirs.
    #[cfg(feature = "mail")]
    SenderImitatesBrand,
    /// A sender address (`From`, `Reply-To`, `Return-Path`, `Sender`) is at a domain that imitates
    /// a brand's or shop's (the core's address rules).
    #[cfg(feature = "mail")]
    SenderLookalikeDomain,
    /// The mail comes from a brand's own domain and its receiving server saw that proven.
    #[cfg(feature = "mail")]
    SenderVerified,
    /// The mail shows a brand's own domain in `From`, with no proof from the receiving server: a
    /// `From` line alone proves nothing.
    #[cfg(feature = "mail")]
    SenderUnauthenticated,
    /// The receiving server found SPF, DKIM or DMARC failing for a brand's domain in `From`.
    #[cfg(feature = "mail")]
    AuthenticationFailed,
    /// Replies would go to another site than the one the mail comes from.
    #[cfg(feature = "mail")]
    ReplyToElsewhere,
    /// `Return-Path` or `Sender` names another site than a brand's `From`, unproven.
    #[cfg(feature = "mail")]
    EnvelopeSenderElsewhere,
    /// The mail names a brand or one of the user's shops only where anyone may name them (subject,
    /// signature, a logo's description), from a domain that is not theirs: a newsletter about
    /// Google Ads, a shop that takes Alipay. A weak sign: `caution` when the mention reads as the
    /// brand speaking (an account notice in the subject, a sign-in link elsewhere) or with another
    /// sign, otherwise listed without changing an `ok` verdict.
    #[cfg(feature = "mail")]
    MentionsBrandNotFromIt,
    /// The mail's sender is at a brand's domain but nothing proves it (no or failing
    /// authentication, or a forwarded `From:` line typed into the text), and a link in it signs in
    /// on a site that is neither the brand's nor the sender's: the shape of a phishing mail.
    #[cfg(feature = "mail")]
    SignInLinkOffBrand,
    /// The mail forwards another as an attachment (`message/rfc822`) or inline: the forwarded
    /// mail's sender, words, links and attachments were judged.
    #[cfg(feature = "mail")]
    ForwardedMailChecked,
    /// Mails forwarded inside each other deeper than Miwake reads: the deepest ones were not read.
    #[cfg(feature = "mail")]
    ForwardedTooDeep,
    /// "Dear customer", "お客様各位": the brand would use your name.
    #[cfg(feature = "mail")]
    GenericGreeting,
    /// Suspension, expiry, damaged files, payment holds, deadlines: words that rush the reader.
    #[cfg(feature = "mail")]
    PressureWords,
    /// A link in the mail goes to a site that imitates a brand or shop.
    #[cfg(feature = "mail")]
    DangerousLink,
    /// A link in the mail deserves a look before it is opened (shortener, text showing another address).
    #[cfg(feature = "mail")]
    SuspiciousLink,
    /// An attachment that runs as a program.
    #[cfg(feature = "mail")]
    ExecutableAttachment,
    /// An archive or HTML attachment: where phishing hides its page or its program.
    #[cfg(feature = "mail")]
    RiskyAttachment,
}

impl ReasonCode {
    /// Every code, for exhaustive tests of the message table. The mail codes exist only with the
    /// `mail` feature (the extension's module is built without it).
    pub const ALL: &[ReasonCode] = &[
        ReasonCode::OfficialDomain,
        ReasonCode::UserContentHost,
        ReasonCode::UserContentNamesBrand,
        ReasonCode::SignInWithoutSite,
        ReasonCode::BrandNameInKitPath,
        ReasonCode::BrandSignInElsewhere,
        ReasonCode::BrandRedirect,
        ReasonCode::OwnShop,
        ReasonCode::Allowlisted,
        ReasonCode::LookalikeDomain,
        ReasonCode::SimilarName,
        ReasonCode::ShopSimilarName,
        ReasonCode::ShopNameWithLureWord,
        ReasonCode::ShopNameInDomain,
        ReasonCode::ShopDomainInPath,
        ReasonCode::ConfusableCharacters,
        ReasonCode::SuffixSwap,
        ReasonCode::BrandDomainEmbedded,
        ReasonCode::BrandWithLureWord,
        ReasonCode::BrandNameInDomain,
        ReasonCode::BrandPartWithLureWord,
        ReasonCode::BrandNameInSubdomain,
        ReasonCode::FreeHosting,
        ReasonCode::ShopLookalike,
        ReasonCode::ShopSuffixSwap,
        ReasonCode::ShopDomainEmbedded,
        ReasonCode::MixedScript,
        ReasonCode::FakeHostInUserinfo,
        ReasonCode::CredentialsInUrl,
        ReasonCode::IpAddressHost,
        ReasonCode::BrandDomainInPath,
        ReasonCode::UrlShortener,
        ReasonCode::DataUrl,
        ReasonCode::JavascriptUrl,
        ReasonCode::InvalidUrl,
        ReasonCode::LinkTextMismatch,
        ReasonCode::LinkTextPosesAsBrand,
        ReasonCode::LoginImitation,
        ReasonCode::CredentialsOnUserContent,
        ReasonCode::CredentialsOnBrandNamedHost,
        ReasonCode::UnregisteredShopAdmin,
        ReasonCode::ShopAdminImitation,
        ReasonCode::CredentialsPostedElsewhere,
        ReasonCode::CredentialsPostedInsecurely,
        ReasonCode::CredentialsToExfiltrationService,
        ReasonCode::ScriptSendsToExfiltrationService,
        ReasonCode::PageSignalsUnreadable,
        #[cfg(feature = "mail")]
        ReasonCode::MailUnreadable,
        #[cfg(feature = "mail")]
        ReasonCode::MailTruncated,
        #[cfg(feature = "mail")]
        ReasonCode::SenderImitatesBrand,
        #[cfg(feature = "mail")]
        ReasonCode::SenderLookalikeDomain,
        #[cfg(feature = "mail")]
        ReasonCode::SenderVerified,
        #[cfg(feature = "mail")]
        ReasonCode::SenderUnauthenticated,
        #[cfg(feature = "mail")]
        ReasonCode::AuthenticationFailed,
        #[cfg(feature = "mail")]
        ReasonCode::ReplyToElsewhere,
        #[cfg(feature = "mail")]
        ReasonCode::EnvelopeSenderElsewhere,
        #[cfg(feature = "mail")]
        ReasonCode::MentionsBrandNotFromIt,
        #[cfg(feature = "mail")]
        ReasonCode::SignInLinkOffBrand,
        #[cfg(feature = "mail")]
        ReasonCode::ForwardedMailChecked,
        #[cfg(feature = "mail")]
        ReasonCode::ForwardedTooDeep,
        #[cfg(feature = "mail")]
        ReasonCode::GenericGreeting,
        #[cfg(feature = "mail")]
        ReasonCode::PressureWords,
        #[cfg(feature = "mail")]
        ReasonCode::DangerousLink,
        #[cfg(feature = "mail")]
        ReasonCode::SuspiciousLink,
        #[cfg(feature = "mail")]
        ReasonCode::ExecutableAttachment,
        #[cfg(feature = "mail")]
        ReasonCode::RiskyAttachment,
    ];

    /// The stable kebab-case code.
    pub fn as_str(self) -> &'static str {
        match self {
            ReasonCode::OfficialDomain => "official-domain",
            ReasonCode::UserContentHost => "user-content-host",
            ReasonCode::UserContentNamesBrand => "user-content-names-brand",
            ReasonCode::SignInWithoutSite => "sign-in-without-site",
            ReasonCode::BrandNameInKitPath => "brand-name-in-kit-path",
            ReasonCode::BrandSignInElsewhere => "brand-sign-in-elsewhere",
            ReasonCode::BrandRedirect => "brand-redirect",
            ReasonCode::OwnShop => "own-shop",
            ReasonCode::Allowlisted => "allowlisted",
            ReasonCode::LookalikeDomain => "lookalike-domain",
            ReasonCode::SimilarName => "similar-name",
            ReasonCode::ShopSimilarName => "shop-similar-name",
            ReasonCode::ShopNameWithLureWord => "shop-name-with-lure-word",
            ReasonCode::ShopNameInDomain => "shop-name-in-domain",
            ReasonCode::ShopDomainInPath => "shop-domain-in-path",
            ReasonCode::ConfusableCharacters => "confusable-characters",
            ReasonCode::SuffixSwap => "suffix-swap",
            ReasonCode::BrandDomainEmbedded => "brand-domain-embedded",
            ReasonCode::BrandWithLureWord => "brand-with-lure-word",
            ReasonCode::BrandNameInDomain => "brand-name-in-domain",
            ReasonCode::BrandPartWithLureWord => "brand-part-with-lure-word",
            ReasonCode::BrandNameInSubdomain => "brand-name-in-subdomain",
            ReasonCode::FreeHosting => "free-hosting",
            ReasonCode::ShopLookalike => "shop-lookalike",
            ReasonCode::ShopSuffixSwap => "shop-suffix-swap",
            ReasonCode::ShopDomainEmbedded => "shop-domain-embedded",
            ReasonCode::MixedScript => "mixed-script",
            ReasonCode::FakeHostInUserinfo => "fake-host-in-userinfo",
            ReasonCode::CredentialsInUrl => "credentials-in-url",
            ReasonCode::IpAddressHost => "ip-address-host",
            ReasonCode::BrandDomainInPath => "brand-domain-in-path",
            ReasonCode::UrlShortener => "url-shortener",
            ReasonCode::DataUrl => "data-url",
            ReasonCode::JavascriptUrl => "javascript-url",
            ReasonCode::InvalidUrl => "invalid-url",
            ReasonCode::LinkTextMismatch => "link-text-mismatch",
            ReasonCode::LinkTextPosesAsBrand => "link-text-poses-as-brand",
            ReasonCode::LoginImitation => "login-imitation",
            ReasonCode::CredentialsOnUserContent => "credentials-on-user-content",
            ReasonCode::CredentialsOnBrandNamedHost => "credentials-on-brand-named-host",
            ReasonCode::UnregisteredShopAdmin => "unregistered-shop-admin",
            ReasonCode::ShopAdminImitation => "shop-admin-imitation",
            ReasonCode::CredentialsPostedElsewhere => "credentials-posted-elsewhere",
            ReasonCode::CredentialsPostedInsecurely => "credentials-posted-insecurely",
            ReasonCode::CredentialsToExfiltrationService => "credentials-to-exfiltration-service",
            ReasonCode::ScriptSendsToExfiltrationService => "script-sends-to-exfiltration-service",
            ReasonCode::PageSignalsUnreadable => "page-signals-unreadable",
            #[cfg(feature = "mail")]
            ReasonCode::MailUnreadable => "mail-unreadable",
            #[cfg(feature = "mail")]
            ReasonCode::MailTruncated => "mail-truncated",
            #[cfg(feature = "mail")]
            ReasonCode::SenderImitatesBrand => "sender-imitates-brand",
            #[cfg(feature = "mail")]
            ReasonCode::SenderLookalikeDomain => "sender-lookalike-domain",
            #[cfg(feature = "mail")]
            ReasonCode::SenderVerified => "sender-verified",
            #[cfg(feature = "mail")]
            ReasonCode::SenderUnauthenticated => "sender-unauthenticated",
            #[cfg(feature = "mail")]
            ReasonCode::AuthenticationFailed => "authentication-failed",
            #[cfg(feature = "mail")]
            ReasonCode::ReplyToElsewhere => "reply-to-elsewhere",
            #[cfg(feature = "mail")]
            ReasonCode::EnvelopeSenderElsewhere => "envelope-sender-elsewhere",
            #[cfg(feature = "mail")]
            ReasonCode::MentionsBrandNotFromIt => "mentions-brand-not-from-it",
            #[cfg(feature = "mail")]
            ReasonCode::SignInLinkOffBrand => "sign-in-link-off-brand",
            #[cfg(feature = "mail")]
            ReasonCode::ForwardedMailChecked => "forwarded-mail-checked",
            #[cfg(feature = "mail")]
            ReasonCode::ForwardedTooDeep => "forwarded-too-deep",
            #[cfg(feature = "mail")]
            ReasonCode::GenericGreeting => "generic-greeting",
            #[cfg(feature = "mail")]
            ReasonCode::PressureWords => "pressure-words",
            #[cfg(feature = "mail")]
            ReasonCode::DangerousLink => "dangerous-link",
            #[cfg(feature = "mail")]
            ReasonCode::SuspiciousLink => "suspicious-link",
            #[cfg(feature = "mail")]
            ReasonCode::ExecutableAttachment => "executable-attachment",
            #[cfg(feature = "mail")]
            ReasonCode::RiskyAttachment => "risky-attachment",
        }
    }

    /// Whether the code is about one of the user's shops rather than a brand.
    pub fn is_shop(self) -> bool {
        matches!(
            self,
            ReasonCode::ShopLookalike
                | ReasonCode::ShopSimilarName
                | ReasonCode::ShopNameWithLureWord
                | ReasonCode::ShopNameInDomain
                | ReasonCode::ShopDomainInPath
                | ReasonCode::ShopSuffixSwap
                | ReasonCode::ShopDomainEmbedded
        )
    }

    /// Whether the code is about a mail (`miwake mail`, the www page) rather than an address or page.
    pub fn is_mail(self) -> bool {
        #[cfg(feature = "mail")]
        {
            matches!(
                self,
                ReasonCode::MailUnreadable
                    | ReasonCode::MailTruncated
                    | ReasonCode::SenderImitatesBrand
                    | ReasonCode::SenderLookalikeDomain
                    | ReasonCode::SenderVerified
                    | ReasonCode::SenderUnauthenticated
                    | ReasonCode::AuthenticationFailed
                    | ReasonCode::ReplyToElsewhere
                    | ReasonCode::EnvelopeSenderElsewhere
                    | ReasonCode::MentionsBrandNotFromIt
                    | ReasonCode::SignInLinkOffBrand
                    | ReasonCode::ForwardedMailChecked
                    | ReasonCode::ForwardedTooDeep
                    | ReasonCode::GenericGreeting
                    | ReasonCode::PressureWords
                    | ReasonCode::DangerousLink
                    | ReasonCode::SuspiciousLink
                    | ReasonCode::ExecutableAttachment
                    | ReasonCode::RiskyAttachment
            )
        }
        #[cfg(not(feature = "mail"))]
        {
            let _ = self;
            false
        }
    }

    /// The level a reason of this code gives the verdict.
    pub fn level(self) -> Level {
        match self {
            ReasonCode::OfficialDomain
            | ReasonCode::UserContentHost
            | ReasonCode::BrandRedirect
            | ReasonCode::OwnShop
            | ReasonCode::Allowlisted => Level::Ok,
            ReasonCode::LookalikeDomain
            | ReasonCode::ConfusableCharacters
            | ReasonCode::SuffixSwap
            | ReasonCode::BrandDomainEmbedded
            | ReasonCode::BrandWithLureWord
            | ReasonCode::ShopLookalike
            | ReasonCode::ShopSuffixSwap
            | ReasonCode::ShopDomainEmbedded
            | ReasonCode::ShopNameWithLureWord
            | ReasonCode::BrandSignInElsewhere
            | ReasonCode::SignInWithoutSite
            | ReasonCode::FakeHostInUserinfo
            | ReasonCode::LinkTextPosesAsBrand
            | ReasonCode::LoginImitation
            | ReasonCode::CredentialsOnUserContent
            | ReasonCode::CredentialsOnBrandNamedHost
            | ReasonCode::ShopAdminImitation
            | ReasonCode::CredentialsToExfiltrationService
            | ReasonCode::ScriptSendsToExfiltrationService => Level::Danger,
            ReasonCode::BrandNameInDomain
            // A copy of the user's own admin login looks exactly like this until the shop is
            // registered: never "safe", never a one-click "this is my shop".
            | ReasonCode::UnregisteredShopAdmin
            | ReasonCode::UserContentNamesBrand
            | ReasonCode::BrandNameInKitPath
            | ReasonCode::SimilarName
            | ReasonCode::ShopSimilarName
            | ReasonCode::ShopNameInDomain
            | ReasonCode::ShopDomainInPath
            | ReasonCode::BrandPartWithLureWord
            | ReasonCode::BrandNameInSubdomain
            | ReasonCode::FreeHosting
            | ReasonCode::MixedScript
            | ReasonCode::CredentialsInUrl
            | ReasonCode::IpAddressHost
            | ReasonCode::BrandDomainInPath
            | ReasonCode::UrlShortener
            | ReasonCode::DataUrl
            | ReasonCode::JavascriptUrl
            | ReasonCode::InvalidUrl
            | ReasonCode::LinkTextMismatch
            | ReasonCode::CredentialsPostedElsewhere
            | ReasonCode::CredentialsPostedInsecurely
            | ReasonCode::PageSignalsUnreadable => Level::Caution,
            #[cfg(feature = "mail")]
            ReasonCode::MailUnreadable => Level::Caution,
            #[cfg(feature = "mail")]
            ReasonCode::MailTruncated => Level::Caution,
            #[cfg(feature = "mail")]
            ReasonCode::SenderImitatesBrand => Level::Danger,
            #[cfg(feature = "mail")]
            ReasonCode::SenderLookalikeDomain => Level::Danger,
            #[cfg(feature = "mail")]
            ReasonCode::SenderVerified => Level::Ok,
            #[cfg(feature = "mail")]
            ReasonCode::SenderUnauthenticated => Level::Caution,
            #[cfg(feature = "mail")]
            ReasonCode::AuthenticationFailed => Level::Danger,
            #[cfg(feature = "mail")]
            ReasonCode::ReplyToElsewhere => Level::Caution,
            #[cfg(feature = "mail")]
            ReasonCode::EnvelopeSenderElsewhere => Level::Caution,
            #[cfg(feature = "mail")]
            ReasonCode::MentionsBrandNotFromIt => Level::Caution,
            #[cfg(feature = "mail")]
            ReasonCode::SignInLinkOffBrand => Level::Danger,
            #[cfg(feature = "mail")]
            ReasonCode::ForwardedMailChecked => Level::Ok,
            #[cfg(feature = "mail")]
            ReasonCode::ForwardedTooDeep => Level::Caution,
            #[cfg(feature = "mail")]
            ReasonCode::GenericGreeting => Level::Caution,
            #[cfg(feature = "mail")]
            ReasonCode::PressureWords => Level::Caution,
            #[cfg(feature = "mail")]
            ReasonCode::DangerousLink => Level::Danger,
            #[cfg(feature = "mail")]
            ReasonCode::SuspiciousLink => Level::Caution,
            #[cfg(feature = "mail")]
            ReasonCode::ExecutableAttachment => Level::Danger,
            #[cfg(feature = "mail")]
            ReasonCode::RiskyAttachment => Level::Caution,
        }
    }
}

/// How a lookalike differs from the name it imitates, in the imitated name's own terms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Difference {
    /// `expected` (the `nth` occurrence of that letter, 1-based) is missing.
    Omitted { expected: char, nth: usize },
    /// `found` was added after the first `after` letters of the genuine name.
    Inserted { found: char, after: usize },
    /// The `nth` `expected` was replaced by `found`.
    Replaced {
        expected: char,
        nth: usize,
        found: char,
    },
    /// Two neighbouring letters were swapped.
    Transposed { first: char, second: char },
    /// Letters that read alike: `found` stands where the genuine name has `expected` (`rn` for `m`).
    LooksAlike { expected: String, found: String },
    /// Several edits; `distance` counts them.
    Edits { distance: usize },
}

/// What a reason points at. Every field is optional; each code documents which it fills.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Evidence {
    /// The part of the page's address that matters (usually its registrable domain).
    pub domain: Option<String>,
    /// The genuine domain or name imitated.
    pub genuine: Option<String>,
    /// How `domain` differs from `genuine`.
    pub difference: Option<Difference>,
    /// A further detail: the lure word, the suffix, the parse error, the hosting service.
    pub detail: Option<String>,
    /// Letters from another script, with the script's English name (`а`, `Cyrillic`).
    pub letters: Vec<(char, &'static str)>,
}

/// One reason for a verdict.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reason {
    pub code: ReasonCode,
    /// The brand this reason concerns, by brand id (`None` for shops and brand-less reasons).
    pub brand_id: Option<String>,
    pub evidence: Evidence,
}

impl Reason {
    pub fn new(code: ReasonCode, evidence: Evidence) -> Self {
        Reason {
            code,
            brand_id: None,
            evidence,
        }
    }

    pub fn for_brand(code: ReasonCode, brand_id: &str, evidence: Evidence) -> Self {
        Reason {
            code,
            brand_id: Some(brand_id.to_owned()),
            evidence,
        }
    }

    pub fn level(&self) -> Level {
        self.code.level()
    }
}

/// The detector's answer for one address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    /// The input as given.
    pub url: String,
    /// The highest level among the reasons (`Ok` when there are none).
    pub level: Level,
    /// The host for display, in Unicode (`None` when there is no host).
    pub host: Option<String>,
    /// The registrable domain (eTLD+1) in Unicode, or the host itself when it has none (IP addresses).
    pub registrable_domain: Option<String>,
    /// The brand this verdict concerns: the brand of the strongest reason.
    pub brand_id: Option<String>,
    /// Strongest first.
    pub reasons: Vec<Reason>,
}

impl Verdict {
    /// The reasons' codes, strongest first.
    pub fn codes(&self) -> Vec<&'static str> {
        self.reasons.iter().map(|r| r.code.as_str()).collect()
    }

    /// Builds a verdict from its reasons: sorts them strongest first and derives level and brand.
    pub fn from_reasons(
        url: &str,
        host: Option<String>,
        registrable_domain: Option<String>,
        mut reasons: Vec<Reason>,
    ) -> Self {
        // Stable sort keeps the detector's order among equals, which goes from most to least specific.
        reasons.sort_by_key(|r| std::cmp::Reverse(r.level()));
        let level = reasons.first().map_or(Level::Ok, Reason::level);
        let brand_id = reasons.iter().find_map(|r| r.brand_id.clone());
        Verdict {
            url: url.to_owned(),
            level,
            host,
            registrable_domain,
            brand_id,
            reasons,
        }
    }
}
