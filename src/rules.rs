//! The rules that relate an unknown site's address to the protected names, most specific first.

use crate::address::{self, WebAddress};
use crate::brands::BrandSet;
use crate::similarity;
use crate::verdict::{Difference, Evidence, Reason, ReasonCode};
use std::borrow::Cow;
use std::cell::OnceCell;
use std::collections::HashMap;

/// Brand names shorter than this are matched only as whole labels, never inside other words, and
/// under a foreign suffix are a sign to read rather than a swap (`tb.cn`, `1688.jp`).
const MIN_EMBEDDED_NAME_LEN: usize = 5;

/// Whose name a protected label is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Owner {
    /// Index into the brand set.
    Brand(usize),
    /// Index into the user's shops.
    Shop(usize),
}

/// A label that lookalikes imitate, with the genuine domain shown to users.
#[derive(Debug, Clone)]
pub struct ProtectedName {
    owner: Owner,
    /// The label itself (`alibaba`).
    label: String,
    label_len: usize,
    /// Where the label's first hyphen is (`ec-cube`): most names have none.
    hyphen_at: Option<usize>,
    /// The owner's domain that carries this label (`alibaba.com`), shown as the genuine one.
    genuine: String,
    /// The label's [`similarity::ascii_skeleton`] and [`similarity::visual_skeleton`], made once.
    ascii_skeleton: String,
    visual_skeleton: String,
    /// [`similarity::ascii_letters`] of the label and of its two skeletons.
    letters: Option<similarity::Letters>,
    ascii_skeleton_letters: Option<similarity::Letters>,
    visual_letters: Option<similarity::Letters>,
}

impl ProtectedName {
    /// Whether a word of an address (a path's, say) is or holds this brand name: names of five
    /// letters or more count inside a word (`googledocs`), shorter ones only as the whole word.
    fn brand_word(&self, word: &str) -> bool {
        matches!(self.owner, Owner::Brand(_))
            && (word == self.label
                || (self.label_len >= MIN_EMBEDDED_NAME_LEN && word.contains(self.label.as_str())))
    }

    pub fn new(owner: Owner, label: &str, genuine: &str) -> Self {
        let visual_skeleton = similarity::visual_skeleton(label);
        let ascii_skeleton = similarity::ascii_skeleton(label);
        ProtectedName {
            owner,
            label: label.to_owned(),
            label_len: label.chars().count(),
            hyphen_at: label.find('-'),
            genuine: address::to_unicode(genuine),
            letters: similarity::ascii_letters(label),
            ascii_skeleton_letters: similarity::ascii_letters(&ascii_skeleton),
            ascii_skeleton,
            visual_letters: similarity::ascii_letters(&visual_skeleton),
            visual_skeleton,
        }
    }
}

/// A domain someone owns, in the two forms that hide it inside other hosts.
#[derive(Debug, Clone)]
struct OwnedDomain {
    owner: Owner,
    /// In Unicode, as shown and as found in decoded text (paths, user info).
    domain: String,
    /// In ASCII (punycode), as found in hosts.
    ascii: String,
    /// `alibaba-com`: written with hyphens inside one label.
    dashed: String,
}

/// Everything the rules compare against.
#[derive(Debug, Clone)]
pub struct Protected {
    pub brands: BrandSet,
    names: Vec<ProtectedName>,
    owned: Vec<OwnedDomain>,
    /// Indexes into `owned`, so a check looks up the few owned domains an address could hold
    /// instead of searching it for each of the hundreds (Google alone has over 200).
    index: OwnedIndex,
}

/// Owned domains by the forms they take inside other hosts, so that a check looks up the windows
/// of an address's labels and tokens instead of searching it for each owned domain.
#[derive(Debug, Clone, Default)]
struct OwnedIndex {
    /// By the domain in Unicode: a host written in a path or in user info.
    domain: FormIndex,
    /// By the domain in ASCII (`google.com.af`, `xn--r8jz45g.jp`): consecutive labels of a host.
    ascii: FormIndex,
    /// By the dashed form (`google-com-af`): consecutive hyphen-separated tokens of one label.
    dashed: FormIndex,
    /// The fewest and the most labels, and tokens, any owned domain has: the window widths to
    /// try (a shop may be a single label).
    labels: (usize, usize),
    tokens: (usize, usize),
}

/// Which form of an owned domain an index holds.
#[derive(Debug, Clone, Copy)]
enum Form {
    Domain,
    Ascii,
    Dashed,
}

impl OwnedDomain {
    fn form(&self, form: Form) -> &str {
        match form {
            Form::Domain => &self.domain,
            Form::Ascii => &self.ascii,
            Form::Dashed => &self.dashed,
        }
    }
}

/// Positions in the owned domains, by one form of each.
type FormIndex = HashMap<String, Vec<usize>>;

/// The positions in `index` of the forms that are a run of `widths.0` to `widths.1` consecutive
/// parts of `whole` (parts separated by `separator`), looked up as slices of it: nothing is built.
fn windows(whole: &str, separator: char, widths: (usize, usize), index: &FormIndex) -> Vec<usize> {
    let (narrowest, widest) = (widths.0.max(1), widths.1);
    let mut found = Vec::new();
    let starts = std::iter::once(0).chain(whole.match_indices(separator).map(|(i, _)| i + 1));
    for start in starts {
        let rest = whole.get(start..).unwrap_or_default();
        // Where the first, second, … parts of `rest` end; windows of two parts or more.
        let ends = rest
            .match_indices(separator)
            .map(|(i, _)| i)
            .chain(std::iter::once(rest.len()));
        for end in ends
            .skip(narrowest - 1)
            .take((widest + 1).saturating_sub(narrowest))
        {
            if let Some(positions) = rest.get(..end).and_then(|window| index.get(window)) {
                found.extend(positions);
            }
        }
    }
    found
}

impl OwnedIndex {
    fn new(owned: &[OwnedDomain]) -> Self {
        let widen = |(fewest, most): (usize, usize), n: usize| (fewest.min(n), most.max(n));
        let mut labels = (usize::MAX, 0);
        let mut tokens = (usize::MAX, 0);
        for o in owned {
            labels = widen(labels, o.ascii.split('.').count());
            tokens = widen(tokens, o.dashed.split('-').count());
        }
        let by = |form: Form| {
            let mut index = FormIndex::new();
            for (position, o) in owned.iter().enumerate() {
                index
                    .entry(o.form(form).to_owned())
                    .or_default()
                    .push(position);
            }
            index
        };
        OwnedIndex {
            domain: by(Form::Domain),
            ascii: by(Form::Ascii),
            dashed: by(Form::Dashed),
            labels,
            tokens,
        }
    }

    /// Owned domains written inside a host, in `owned` order: as consecutive
    /// labels (`.alibaba.com.` in `alibaba.com.verify-id.xyz`) or as consecutive tokens of one
    /// label (`accounts-google-com`).
    fn embedded_in(&self, host: &str) -> Vec<usize> {
        let mut found = windows(host, '.', self.labels, &self.ascii);
        // As in `dashed_in`: without a hyphen in the host, no label holds a dashed form.
        if host.contains('-') || self.tokens.0 <= 1 {
            for label in host.split('.') {
                found.extend(self.dashed_in(label));
            }
        }
        sorted_unique(found)
    }

    /// Owned domains written with hyphens in one label, in `owned` order.
    fn dashed_in(&self, label: &str) -> Vec<usize> {
        if !label.contains('-') && self.tokens.0 > 1 {
            return Vec::new(); // every dashed form has a hyphen: none can be in this label
        }
        sorted_unique(windows(label, '-', self.tokens, &self.dashed))
    }

    /// Owned domains that may be written as a whole host in `text`, in `owned` order: each must
    /// be one of its host-like runs or end one after a dot.
    fn in_text(&self, text: &str) -> Vec<usize> {
        let mut found = Vec::new();
        // Where every owned domain has a dot, text or runs without one hold none (most paths).
        let needs_dot = self.labels.0 > 1;
        if needs_dot && !text.contains('.') {
            return found;
        }
        let host_like = |c: char| c.is_alphanumeric() || c == '-' || c == '.';
        for run in text
            .split(|c: char| !host_like(c))
            .filter(|r| !r.is_empty() && (!needs_dot || r.contains('.')))
        {
            let tails =
                std::iter::once(run).chain(run.match_indices('.').map(|(i, _)| &run[i + 1..]));
            for tail in tails {
                if let Some(positions) = self.domain.get(tail) {
                    found.extend(positions);
                }
            }
        }
        sorted_unique(found)
    }
}

/// Each index once, ascending.
pub(crate) fn sorted_unique(mut positions: Vec<usize>) -> Vec<usize> {
    positions.sort_unstable();
    positions.dedup();
    positions
}

/// What kind of imitation a finding is; with its owner it gives the reason code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Lookalike,
    Confusable,
    SuffixSwap,
    Embedded,
}

impl Protected {
    pub fn new(brands: BrandSet, names: Vec<ProtectedName>, shops: &[String]) -> Self {
        let mut owned = Vec::new();
        let brand_domains = brands
            .brands
            .iter()
            .enumerate()
            .flat_map(|(i, b)| b.domains.iter().map(move |d| (Owner::Brand(i), d)));
        let shop_domains = shops.iter().enumerate().map(|(i, d)| (Owner::Shop(i), d));
        for (owner, domain) in brand_domains.chain(shop_domains) {
            owned.push(OwnedDomain {
                owner,
                domain: address::to_unicode(domain),
                ascii: domain.clone(),
                dashed: domain.replace('.', "-"),
            });
        }
        Protected {
            brands,
            names,
            index: OwnedIndex::new(&owned),
            owned,
        }
    }

    /// A reason about `owner`: brand reasons carry the brand's id.
    pub fn reason(&self, code: ReasonCode, owner: Owner, evidence: Evidence) -> Reason {
        match owner {
            Owner::Brand(i) => match self.brands.brands.get(i) {
                Some(b) => Reason::for_brand(code, &b.id, evidence),
                None => Reason::new(code, evidence),
            },
            Owner::Shop(_) => Reason::new(code, evidence),
        }
    }

    /// The brand whose domain this is (the last listed, where two list it).
    pub fn brand_owning(&self, domain: &str) -> Option<usize> {
        // Positions are indexed in ascending order: the last brand's comes last.
        self.index
            .ascii
            .get(domain)?
            .iter()
            .rev()
            .find_map(|&i| match self.owned.get(i)?.owner {
                Owner::Brand(brand) => Some(brand),
                Owner::Shop(_) => None,
            })
    }

    /// A brand's name or a lure word of five letters or more (or in Japanese or Chinese script)
    /// as a word of the path: `/view/alibaba-login`, `/bucket/signin.html`.
    pub fn sign_in_word_in_path(&self, web: &WebAddress) -> Option<String> {
        let path = web.rest.to_lowercase();
        let words = path
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty());
        for word in words {
            if let Some(name) = self.names.iter().find(|n| n.brand_word(word)) {
                return Some(name.label.clone());
            }
            // Japanese and Chinese write words together: `アカウント確認`.
            let lure = self.brands.lure_words.iter().find(|w| {
                if w.is_ascii() {
                    w.len() >= MIN_EMBEDDED_NAME_LEN && word == w.as_str()
                } else {
                    word.contains(w.as_str())
                }
            });
            if let Some(lure) = lure {
                return Some(lure.clone());
            }
        }
        None
    }

    pub fn is_shortener(&self, registrable: &str) -> bool {
        self.brands.url_shorteners.iter().any(|s| s == registrable)
    }

    fn finding(&self, kind: Kind, owner: Owner, evidence: Evidence) -> Reason {
        let shop = matches!(owner, Owner::Shop(_));
        let code = match (kind, shop) {
            (Kind::Lookalike, false) => ReasonCode::LookalikeDomain,
            (Kind::Confusable, false) => ReasonCode::ConfusableCharacters,
            (Kind::SuffixSwap, false) => ReasonCode::SuffixSwap,
            (Kind::Embedded, false) => ReasonCode::BrandDomainEmbedded,
            (Kind::Lookalike | Kind::Confusable, true) => ReasonCode::ShopLookalike,
            (Kind::SuffixSwap, true) => ReasonCode::ShopSuffixSwap,
            (Kind::Embedded, true) => ReasonCode::ShopDomainEmbedded,
        };
        self.reason(code, owner, evidence)
    }

    /// The lure word a token is, or starts or ends with (`login`, `securelogin`, `loginjp`).
    /// Latin words under four letters count only as whole tokens: `id` is inside too many words.
    fn lure_word_in(&self, token: &str) -> Option<String> {
        let words = &self.brands.lure_words;
        if let Some(w) = words.iter().find(|w| w.as_str() == token) {
            return Some(w.clone());
        }
        words
            .iter()
            // Two characters make a word in Japanese and Chinese (`管理`, `登录`).
            .filter(|w| w.chars().count() >= 4 || !w.is_ascii())
            .find(|w| token.starts_with(w.as_str()) || token.ends_with(w.as_str()))
            .cloned()
    }
}

/// The page's address as the rules see it.
struct Subject<'a> {
    web: &'a WebAddress,
    /// The registrable domain for display, made when evidence first needs it.
    domain: OnceCell<String>,
    /// The registrable domain's own label, in Unicode.
    label: Cow<'a, str>,
    /// The same label where it is plain ASCII; empty for IDNs, whose punycode hyphens mean nothing.
    ascii_label: &'a str,
    /// `label`'s length in characters, and its [`similarity::ascii_letters`].
    label_len: usize,
    label_is_ascii: bool,
    letters: Option<similarity::Letters>,
    /// The labels before the registrable domain (`accounts` in `accounts.example.com`), with
    /// their [`similarity::ascii_letters`].
    subdomains: Vec<(&'a str, Option<similarity::Letters>)>,
    /// The skeletons of `ascii_label` and `label`, made on first use, once for all the names.
    ascii_skeleton: OnceCell<String>,
    visual_skeleton: OnceCell<(String, Option<similarity::Letters>)>,
}

impl Subject<'_> {
    fn ascii_skeleton(&self) -> &str {
        self.ascii_skeleton
            .get_or_init(|| similarity::ascii_skeleton(self.ascii_label))
    }

    fn visual_skeleton_and_letters(&self) -> &(String, Option<similarity::Letters>) {
        self.visual_skeleton.get_or_init(|| {
            let skeleton = similarity::visual_skeleton(&self.label);
            let letters = similarity::ascii_letters(&skeleton);
            (skeleton, letters)
        })
    }

    fn evidence(&self, genuine: &str) -> Evidence {
        Evidence {
            domain: Some(
                self.domain
                    .get_or_init(|| self.web.display_domain())
                    .clone(),
            ),
            genuine: Some(genuine.to_owned()),
            ..Evidence::default()
        }
    }
}

/// Judges a site that is neither a brand's, the user's shop, nor allowlisted. `related` says the
/// registrable domain belongs to a company sharing a brand's name (Yahoo! JAPAN and Yahoo), so its
/// name is not compared with brands.
pub fn judge(p: &Protected, web: &WebAddress, related: bool) -> Vec<Reason> {
    let raw_label = web.registrable_label().unwrap_or("");
    let label = address::to_unicode_borrowed(raw_label);
    let subject = Subject {
        web,
        domain: OnceCell::new(),
        ascii_label: if label.is_ascii() { raw_label } else { "" },
        label_len: label.chars().count(),
        label_is_ascii: label.is_ascii(),
        letters: similarity::ascii_letters(&label),
        subdomains: web
            .subdomain_labels()
            .map(|l| (l, similarity::ascii_letters(l)))
            .collect(),
        label,
        ascii_skeleton: OnceCell::new(),
        visual_skeleton: OnceCell::new(),
    };
    let mut reasons = Vec::new();
    userinfo_rule(p, &subject, &mut reasons);
    if is_ip_like(p, &subject) {
        let evidence = Evidence {
            domain: Some(web.host_unicode().to_owned()),
            ..Evidence::default()
        };
        reasons.push(Reason::new(ReasonCode::IpAddressHost, evidence));
    }
    if p.is_shortener(web.registrable().unwrap_or("")) {
        reasons.push(Reason::new(ReasonCode::UrlShortener, subject.evidence("")));
    }
    if !related && !subject.label.is_empty() {
        registrable_rules(p, &subject, &mut reasons);
        split_name_rule(p, &subject, &mut reasons);
    }
    embedded_domain_rule(p, &subject, &mut reasons);
    subdomain_name_rule(p, &subject, &mut reasons);
    let names_someone = reasons
        .iter()
        .any(|r| r.brand_id.is_some() || r.code.is_shop());
    if names_someone && web.suffix_is_private {
        let mut evidence = subject.evidence("");
        evidence.detail = web.suffix().map(str::to_owned);
        reasons.push(Reason::new(ReasonCode::FreeHosting, evidence));
    }
    if !names_someone {
        mixed_script_rule(&subject, &mut reasons);
        path_rule(p, &subject, &mut reasons);
        kit_path_rule(p, &subject, &mut reasons);
    }
    keep_first_reason_per_subject(reasons)
}

/// `https://accounts.google.com@evil.example/`: text before `@` posing as a brand.
fn userinfo_rule(p: &Protected, s: &Subject, reasons: &mut Vec<Reason>) {
    let Some(userinfo) = &s.web.userinfo else {
        return;
    };
    let posing = p
        .owned
        .iter()
        .find(|o| contains_domain(userinfo, &o.domain));
    match posing {
        Some(o) => reasons.push(p.reason(
            ReasonCode::FakeHostInUserinfo,
            o.owner,
            s.evidence(&o.domain),
        )),
        None => reasons.push(Reason::new(ReasonCode::CredentialsInUrl, s.evidence(""))),
    }
}

/// Rules on the registrable domain's own label: suffix swap, confusables, lookalikes, and brand
/// names inside it.
fn registrable_rules(p: &Protected, s: &Subject, reasons: &mut Vec<Reason>) {
    // Only a hyphenated label has parts to compare (no allocation for the rest).
    let tokens: Vec<&str> = if s.ascii_label.contains('-') {
        s.ascii_label.split('-').filter(|t| !t.is_empty()).collect()
    } else {
        Vec::new()
    };
    let token_skeletons: Vec<TokenSkeletons> = tokens
        .iter()
        .map(|t| TokenSkeletons {
            letters: similarity::ascii_letters(t),
            ..TokenSkeletons::default()
        })
        .collect();
    for name in &p.names {
        // Names in Japanese or Chinese script (`アリババ`) are found inside labels, never as edits
        // of one; an ASCII label cannot hold them.
        if !name.label.is_ascii() {
            if !s.label_is_ascii {
                name_inside_label_rule(p, s, name, reasons);
            }
            continue;
        }
        let with = |difference: Option<Difference>| Evidence {
            difference,
            ..s.evidence(&name.genuine)
        };
        if s.label == name.label {
            let is_shop = matches!(name.owner, Owner::Shop(_));
            // On a hosting suffix a brand's name is an account name (`alibaba.github.io` may be
            // the brand's own), and short names are common words: signs to read, not a swap.
            if !is_shop && (name.label_len < MIN_EMBEDDED_NAME_LEN || s.web.suffix_is_private) {
                let evidence = s.evidence(&name.label);
                reasons.push(p.reason(ReasonCode::BrandNameInDomain, name.owner, evidence));
            } else {
                let evidence = Evidence {
                    detail: Some(s.web.suffix().unwrap_or_default().to_owned()),
                    ..with(None)
                };
                reasons.push(p.finding(Kind::SuffixSwap, name.owner, evidence));
            }
            continue;
        }
        let confusable = (!s.label_is_ascii)
            .then(|| similarity::describe_confusable(&name.label, &s.label))
            .flatten();
        if let Some(d) = confusable {
            let evidence = Evidence {
                letters: similarity::foreign_letters(&s.label),
                ..with(Some(d))
            };
            reasons.push(p.finding(Kind::Confusable, name.owner, evidence));
            continue;
        }
        // No edit tolerance exceeds two: farther lengths or letter sets need no call (most names).
        let near = name.label_len.abs_diff(s.label_len) <= 2
            && !similarity::letters_too_far(name.letters, s.letters);
        let edit = near
            .then(|| similarity::describe_edit(&name.label, &s.label))
            .flatten();
        let from_edit = edit.is_some();
        let lookalike = edit.or_else(|| {
            // Most labels lack a letter the name's skeleton has: theirs is not made at all.
            similarity::ascii_skeleton_could_have(name.ascii_skeleton_letters, s.letters)
                .then(|| {
                    similarity::describe_ascii_lookalike_prepared(
                        &name.label,
                        s.ascii_label,
                        &name.ascii_skeleton,
                        || s.ascii_skeleton(),
                    )
                })
                .flatten()
        });
        if let Some(d) = lookalike {
            let loose = from_edit && similarity::is_loose_edit(&name.label, &s.label, &d);
            let reason = if loose {
                let code = match name.owner {
                    Owner::Brand(_) => ReasonCode::SimilarName,
                    Owner::Shop(_) => ReasonCode::ShopSimilarName,
                };
                p.reason(code, name.owner, with(Some(d)))
            } else {
                p.finding(Kind::Lookalike, name.owner, with(Some(d)))
            };
            reasons.push(reason);
            continue;
        }
        if let Some(reason) = typo_among_parts_rule(p, s, name, &tokens, &token_skeletons) {
            reasons.push(reason);
            continue;
        }
        // Homoglyphs mixed with an edit (`a1ibba`, `gőőgie`): compare what the labels look like.
        let (skeleton, skeleton_letters) = s.visual_skeleton_and_letters();
        let visual = (*skeleton == name.visual_skeleton
            || !similarity::letters_too_far(name.visual_letters, *skeleton_letters))
        .then(|| {
            similarity::describe_visual_prepared(
                &name.label,
                &s.label,
                &name.visual_skeleton,
                || skeleton.as_str(),
            )
        })
        .flatten();
        if let Some(d) = visual {
            let loose =
                similarity::is_loose_visual(&name.label, &s.label, &name.visual_skeleton, skeleton);
            if loose {
                let code = match name.owner {
                    Owner::Brand(_) => ReasonCode::SimilarName,
                    Owner::Shop(_) => ReasonCode::ShopSimilarName,
                };
                reasons.push(p.reason(code, name.owner, with(Some(d))));
                continue;
            }
            let (kind, letters) = if s.label.is_ascii() {
                (Kind::Lookalike, Vec::new())
            } else {
                (Kind::Confusable, similarity::foreign_letters(&s.label))
            };
            let evidence = Evidence {
                letters,
                ..with(Some(d))
            };
            reasons.push(p.finding(kind, name.owner, evidence));
            continue;
        }
        // Pushed where found: an `Option<Reason>` handed back for every name is a large copy. A
        // shop keeps its whole name: part of one (`tea` of `sakura-tea`) is too common a word.
        if !name_inside_label_rule(p, s, name, reasons) && matches!(name.owner, Owner::Brand(_)) {
            name_part_with_lure_rule(p, s, name, reasons);
        }
    }
}

/// `ec-login`, `login-cube`, `ec-sign-in`: one end of a hyphenated name kept, the rest replaced by
/// lure words. Weaker than the whole name, so a sign to read rather than a verdict.
fn name_part_with_lure_rule(
    p: &Protected,
    s: &Subject,
    name: &ProtectedName,
    reasons: &mut Vec<Reason>,
) {
    if let Some(reason) = name_part_with_lure(p, s, name) {
        reasons.push(reason);
    }
}

fn name_part_with_lure(p: &Protected, s: &Subject, name: &ProtectedName) -> Option<Reason> {
    let at = name.hyphen_at?;
    let (first, last) = (name.label.get(..at)?, name.label.get(at + 1..)?);
    let label = s.ascii_label;
    let rest = label
        .strip_prefix(first)
        .and_then(|r| r.strip_prefix('-'))
        .filter(|r| *r != last)
        .or_else(|| {
            label
                .strip_suffix(last)
                .and_then(|r| r.strip_suffix('-'))
                .filter(|r| *r != first)
        })?;
    // The replacement is one lure word (`log-in`) or lure words only (`account-security`).
    let lure = p.lure_word_in(rest).or_else(|| {
        let words: Option<Vec<String>> = rest.split('-').map(|t| p.lure_word_in(t)).collect();
        words.filter(|w| !w.is_empty()).map(|w| w.join("-"))
    })?;
    let evidence = Evidence {
        detail: Some(lure),
        ..s.evidence(&name.genuine)
    };
    Some(p.reason(ReasonCode::BrandPartWithLureWord, name.owner, evidence))
}

/// A hyphen-separated part's letters, and its skeletons, made on first use, once for all the names.
#[derive(Default)]
struct TokenSkeletons {
    letters: Option<similarity::Letters>,
    ascii: OnceCell<String>,
    visual: OnceCell<String>,
}

/// A typo of the name as one hyphen-separated part: `alibba-login` imitates with a lure word
/// (danger); `eccube-plugin` may be a third party naming the product it serves (caution).
fn typo_among_parts_rule(
    p: &Protected,
    s: &Subject,
    name: &ProtectedName,
    tokens: &[&str],
    skeletons: &[TokenSkeletons],
) -> Option<Reason> {
    if tokens.len() < 2 {
        return None;
    }
    let (index, difference) =
        tokens
            .iter()
            .zip(skeletons)
            .enumerate()
            .find_map(|(i, (t, k))| {
                // The gates of `registrable_rules`, for the part (which is ASCII).
                let near = name.label_len.abs_diff(t.len()) <= 2
                    && !similarity::letters_too_far(name.letters, k.letters);
                near.then(|| similarity::describe_edit(&name.label, t))
                    .flatten()
                    .or_else(|| {
                        similarity::ascii_skeleton_could_have(
                            name.ascii_skeleton_letters,
                            k.letters,
                        )
                        .then(|| {
                            similarity::describe_ascii_lookalike_prepared(
                                &name.label,
                                t,
                                &name.ascii_skeleton,
                                || {
                                    k.ascii
                                        .get_or_init(|| similarity::ascii_skeleton(t))
                                        .as_str()
                                },
                            )
                        })
                        .flatten()
                    })
                    .or_else(|| {
                        similarity::describe_visual_prepared(
                            &name.label,
                            t,
                            &name.visual_skeleton,
                            || {
                                k.visual
                                    .get_or_init(|| similarity::visual_skeleton(t))
                                    .as_str()
                            },
                        )
                    })
                    .map(|d| (i, d))
            })?;
    let lure = tokens
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != index)
        .find_map(|(_, t)| p.lure_word_in(t));
    if lure.is_some() {
        let evidence = Evidence {
            difference: Some(difference),
            ..s.evidence(&name.genuine)
        };
        return Some(p.finding(Kind::Lookalike, name.owner, evidence));
    }
    let found = tokens.get(index).copied().unwrap_or_default();
    Some(p.reason(ReasonCode::BrandNameInDomain, name.owner, s.evidence(found)))
}

/// A brand's name inside the label: `alibaba-login`, `myalibabastore`, `wwwgoogle`.
/// Answers whether it pushed a reason.
fn name_inside_label_rule(
    p: &Protected,
    s: &Subject,
    name: &ProtectedName,
    reasons: &mut Vec<Reason>,
) -> bool {
    if !contains_name(&s.label, s.letters, name) {
        return false;
    }
    reasons.push(name_inside_label(p, s, name));
    true
}

fn name_inside_label(p: &Protected, s: &Subject, name: &ProtectedName) -> Reason {
    // `accounts-google-com`: the whole domain, written with hyphens, says more than the name.
    let dashed = p
        .index
        .dashed_in(&s.label)
        .into_iter()
        .filter_map(|i| p.owned.get(i))
        .find(|o| o.owner == name.owner);
    // `sakura-tea-co.jp` for `sakura-tea.co.jp`: the dot written as a hyphen, the rest as suffix.
    let dot_as_hyphen = || {
        p.owned.iter().find(|o| {
            o.owner == name.owner
                && o.dashed.len() > s.label.len()
                && o.dashed.starts_with(s.label.as_ref())
                && o.dashed.as_bytes().get(s.label.len()) == Some(&b'-')
                && s.label.len() > name.label.len()
        })
    };
    if let Some(owned) = dashed.or_else(dot_as_hyphen) {
        return p.finding(Kind::Embedded, name.owner, s.evidence(&owned.domain));
    }
    let remainder = s.label.replacen(name.label.as_str(), "-", 1);
    let lure = remainder
        .split('-')
        .filter(|t| !t.is_empty())
        .find_map(|t| p.lure_word_in(t));
    let code = match (lure.is_some(), name.owner) {
        (true, Owner::Brand(_)) => ReasonCode::BrandWithLureWord,
        (false, Owner::Brand(_)) => ReasonCode::BrandNameInDomain,
        (true, Owner::Shop(_)) => ReasonCode::ShopNameWithLureWord,
        (false, Owner::Shop(_)) => ReasonCode::ShopNameInDomain,
    };
    let genuine = match name.owner {
        Owner::Brand(_) => name.label.as_str(),
        Owner::Shop(_) => name.genuine.as_str(),
    };
    let evidence = Evidence {
        detail: lure,
        ..s.evidence(genuine)
    };
    p.reason(code, name.owner, evidence)
}

/// `goo.gle.com`: the name split into labels by a dot.
fn split_name_rule(p: &Protected, s: &Subject, reasons: &mut Vec<Reason>) {
    if s.subdomains.is_empty() || s.ascii_label.is_empty() {
        return;
    }
    // Join the last two, three… labels: `goo` + `gle`, then `g` + `oo` + `gle`.
    for start in (0..s.subdomains.len()).rev() {
        let parts = s.subdomains.get(start..).unwrap_or(&[]);
        let joined = |name: &ProtectedName| {
            parts
                .iter()
                .try_fold(name.label.as_str(), |rest, (part, _)| {
                    rest.strip_prefix(part)
                })
                .is_some_and(|rest| rest == s.ascii_label)
        };
        if let Some(name) = p.names.iter().find(|n| joined(n)) {
            let mut found: Vec<&str> = parts.iter().map(|(part, _)| *part).collect();
            found.push(s.ascii_label);
            let evidence = Evidence {
                difference: Some(Difference::LooksAlike {
                    expected: name.label.clone(),
                    found: found.join("."),
                }),
                ..s.evidence(&name.genuine)
            };
            reasons.push(p.finding(Kind::Lookalike, name.owner, evidence));
            return;
        }
    }
}

/// `alibaba.com.verify-id.xyz`, `accounts-google-com.example`: a whole owned domain inside the host.
fn embedded_domain_rule(p: &Protected, s: &Subject, reasons: &mut Vec<Reason>) {
    let mut found: Vec<Owner> = Vec::new();
    for owned in p
        .index
        .embedded_in(&s.web.host)
        .iter()
        .filter_map(|&i| p.owned.get(i))
    {
        if !found.contains(&owned.owner) {
            found.push(owned.owner);
            let evidence = s.evidence(&owned.domain);
            reasons.push(p.finding(Kind::Embedded, owned.owner, evidence));
        }
    }
}

/// `google.example.net`, `alibaba-login.example.net`: a brand's name among the subdomain labels.
fn subdomain_name_rule(p: &Protected, s: &Subject, reasons: &mut Vec<Reason>) {
    if s.subdomains.is_empty() {
        return;
    }
    for name in &p.names {
        if !s
            .subdomains
            .iter()
            .any(|(l, letters)| contains_name(l, *letters, name))
        {
            continue;
        }
        let others = s
            .subdomains
            .iter()
            .flat_map(|(l, _)| l.split('-'))
            .chain(s.label.split('-'));
        let lure = others
            .filter(|t| !t.is_empty() && *t != name.label)
            .find_map(|t| p.lure_word_in(t));
        let code = match (lure.is_some(), name.owner) {
            (true, Owner::Brand(_)) => ReasonCode::BrandWithLureWord,
            (false, Owner::Brand(_)) => ReasonCode::BrandNameInSubdomain,
            (true, Owner::Shop(_)) => ReasonCode::ShopNameWithLureWord,
            (false, Owner::Shop(_)) => ReasonCode::ShopNameInDomain,
        };
        // A shop's reasons name its domain; a brand's, the name found.
        let genuine = match name.owner {
            Owner::Brand(_) => name.label.as_str(),
            Owner::Shop(_) => name.genuine.as_str(),
        };
        let evidence = Evidence {
            detail: lure,
            ..s.evidence(genuine)
        };
        reasons.push(p.reason(code, name.owner, evidence));
    }
}

/// Latin mixed with Cyrillic or Greek in one label, naming no brand: still a sign of disguise.
fn mixed_script_rule(s: &Subject, reasons: &mut Vec<Reason>) {
    let host = s.web.host_unicode();
    if host.is_ascii() {
        return; // no ASCII label is mixed (`is_mixed_script`): most hosts need no split
    }
    let mixed = host.split('.').find(|l| similarity::is_mixed_script(l));
    if let Some(label) = mixed {
        let evidence = Evidence {
            letters: similarity::foreign_letters(label),
            ..s.evidence("")
        };
        reasons.push(Reason::new(ReasonCode::MixedScript, evidence));
    }
}

/// `evil.example/alibaba.com/login`: a brand's domain in the path of an unrelated site.
fn path_rule(p: &Protected, s: &Subject, reasons: &mut Vec<Reason>) {
    let mut found: Vec<Owner> = Vec::new();
    let candidates = p.index.in_text(&s.web.rest);
    for owned in candidates.iter().filter_map(|&i| p.owned.get(i)) {
        if !found.contains(&owned.owner) && contains_domain(&s.web.rest, &owned.domain) {
            found.push(owned.owner);
            let mut evidence = s.evidence(&owned.domain);
            // A sign-in path on a bare IP or a name for one, or a kit's folder: where kits and
            // sign-in proxies (`/InteractiveLogin?continue=https://accounts.google.com/`) live.
            let sign_in = kit_word(p, &s.web.rest);
            let code = match (owned.owner, &sign_in) {
                (Owner::Brand(_), Some(word)) => {
                    evidence.detail = Some(word.clone());
                    ReasonCode::BrandSignInElsewhere
                }
                (Owner::Brand(_), None) if is_ip_like(p, s) => {
                    evidence.detail = Some(s.web.host_unicode().to_owned());
                    ReasonCode::BrandSignInElsewhere
                }
                (Owner::Brand(_), None) => ReasonCode::BrandDomainInPath,
                (Owner::Shop(_), _) => ReasonCode::ShopDomainInPath,
            };
            reasons.push(p.reason(code, owned.owner, evidence));
        }
    }
}

/// `compromised.example/wp-includes/alibaba/login.php`, `/GoogleDocs/verification.php`: a brand's
/// name as a word of the path beside a sign-in word or a `.php` page. On a bare IP address or a
/// name for one (`nip.io`), the name alone is enough.
fn kit_path_rule(p: &Protected, s: &Subject, reasons: &mut Vec<Reason>) {
    if reasons.iter().any(|r| r.brand_id.is_some()) {
        return; // the path rule named the brand's whole domain already
    }
    let whole_path = s.web.rest.split(['?', '#']).next().unwrap_or("");
    // An article's slug (`/tech/google-announces-a-new-phone`) is prose, not a kit's folder.
    let path: String = whole_path
        .split('/')
        .filter(|segment| segment.split(['-', '_']).count() < ARTICLE_SLUG_WORDS)
        .collect::<Vec<_>>()
        .join("/");
    let path = path.as_str();
    let words: Vec<&str> = path
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let name = p
        .names
        .iter()
        .find(|n| words.iter().any(|w| n.brand_word(w)));
    let Some(name) = name else {
        return;
    };
    let sign_in = kit_word(p, path).or_else(|| path.contains(".php").then(|| ".php".to_owned()));
    // The brand's domain spelled as a folder or file name (`/login.alibaba.com.php`).
    let spells_domain = path.contains(name.genuine.as_str());
    let (code, detail) = match sign_in {
        Some(word) if is_ip_like(p, s) || spells_domain => (ReasonCode::BrandSignInElsewhere, word),
        Some(word) => (ReasonCode::BrandNameInKitPath, word),
        None if is_ip_like(p, s) => (
            ReasonCode::BrandSignInElsewhere,
            s.web.host_unicode().to_owned(),
        ),
        None => return,
    };
    let mut evidence = Evidence {
        detail: Some(detail),
        ..s.evidence(&name.label)
    };
    if is_ip_like(p, s) {
        evidence.domain = Some(s.web.host_unicode().to_owned()); // nip.io says nothing; the IP does
    }
    reasons.push(p.reason(code, name.owner, evidence));
}

/// Words in a path segment from which it reads as an article's title rather than a folder.
const ARTICLE_SLUG_WORDS: usize = 4;

/// A sign-in word among the words of `text`: a lure word of five letters or more that a word
/// starts or ends with (`interactivelogin`, `verification`), or one in Japanese or Chinese script.
fn kit_word(p: &Protected, text: &str) -> Option<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .find_map(|w| {
            p.brands.lure_words.iter().find(|lure| {
                if lure.is_ascii() {
                    lure.len() >= MIN_EMBEDDED_NAME_LEN
                        && (w.starts_with(lure.as_str()) || w.ends_with(lure.as_str()))
                } else {
                    w.contains(lure.as_str())
                }
            })
        })
        .cloned()
}

/// A bare IP address, or a name that only spells one (`203.0.113.7.nip.io`, `brand.sslip.io`).
fn is_ip_like(p: &Protected, s: &Subject) -> bool {
    // The service's own site (`nip.io`) is a site; the names under it are the addresses.
    s.web.is_ip
        || s.web.registrable().is_some_and(|d| {
            d != s.web.host && p.brands.ip_name_services.iter().any(|service| service == d)
        })
}

/// The rules run from most to least specific, so the first reason about a brand or shop explains
/// the address best; later ones would only repeat it.
fn keep_first_reason_per_subject(reasons: Vec<Reason>) -> Vec<Reason> {
    let mut seen: Vec<String> = Vec::new();
    reasons
        .into_iter()
        .filter(|r| {
            let key = match (&r.brand_id, r.code.is_shop()) {
                (Some(id), _) => id.clone(),
                (None, true) => format!("shop:{}", r.evidence.genuine.as_deref().unwrap_or("")),
                (None, false) => return true,
            };
            if seen.contains(&key) {
                false
            } else {
                seen.push(key);
                true
            }
        })
        .collect()
}

/// Whether a label carries the name as a hyphen-separated token, or (for names long enough not to
/// be common words) anywhere inside.
#[inline]
fn contains_name(label: &str, letters: Option<similarity::Letters>, name: &ProtectedName) -> bool {
    // A label missing one of the name's letters cannot hold it: most labels, for most names.
    if let (Some(label), Some(name)) = (letters, name.letters) {
        if name & !label != 0 {
            return false;
        }
    }
    label.len() >= name.label.len()
        && ((label.contains('-') && label.split('-').any(|t| t == name.label))
            || label == name.label
            || ((name.label_len >= MIN_EMBEDDED_NAME_LEN || !name.label.is_ascii())
                && label.contains(name.label.as_str())))
}

/// Whether `haystack` names `domain` as a whole host (not `notalibaba.com`, not `alibaba.community`).
fn contains_domain(haystack: &str, domain: &str) -> bool {
    haystack.match_indices(domain).any(|(start, _)| {
        let before = haystack.get(..start).and_then(|s| s.chars().next_back());
        let after = haystack
            .get(start + domain.len()..)
            .and_then(|s| s.chars().next());
        let host_char = |c: char| c.is_alphanumeric() || c == '-';
        !before.is_some_and(host_char) && !after.is_some_and(|c| host_char(c) || c == '.')
    })
}
