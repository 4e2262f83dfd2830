//! Login-screen imitation: which brand's sign-in screen a page shows, and where its form sends
//! what the user types. Judged only on pages that ask for a credential.

use crate::address::{self, Address, WebAddress};
use crate::brands::{Brand, BrandSet, MarkerKind};
use crate::page::PageSignals;
use crate::page_text::{Haystack, Needle};
use crate::verdict::{Evidence, Level, Reason, ReasonCode};

/// A page whose markers for a brand add up to this shows that brand's login screen.
pub const IMITATION_THRESHOLD: u32 = 6;

/// Weights of the brand's name shown prominently, counted once each: any login page may mention a
/// brand, so names alone need two places (title and heading, say) to reach the threshold.
const NAME_IN_TITLE: u32 = 3;
const NAME_IN_SITE_NAME: u32 = 3;
const NAME_IN_HEADING: u32 = 2;
const NAME_IN_LOGO: u32 = 2;
/// Names anywhere in the text, or in a label (an `aria-label`, CSS generated content): "Sign in
/// with Google" buttons are everywhere, so these weigh least.
const NAME_IN_TEXT: u32 = 1;
const NAME_IN_LABEL: u32 = 1;

/// Matched markers named in a reason, at most.
const EVIDENCE_MARKERS: usize = 3;

/// How much a page looks like one brand's login screen, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrandScore {
    /// Index into the brand set.
    pub brand: usize,
    pub score: u32,
    /// The markers that matched, strongest first, for the reason's evidence.
    pub matched: Vec<String>,
}

/// What the page judgement needs to know besides the page itself.
pub struct PageContext<'a> {
    pub brands: &'a BrandSet,
    pub web: &'a WebAddress,
    /// The brand that owns the registrable domain, if any.
    pub owner: Option<usize>,
    /// Whether the registrable domain is one of the user's shops.
    pub is_shop: bool,
    /// The level the address alone earned.
    pub url_level: Level,
    /// The brand whose name the registrable domain carries (`google-drive-share.net`), if any.
    pub named_brand: Option<&'a Brand>,
    /// The brands' markers and names folded as page text is.
    pub texts: &'a BrandTexts,
}

/// Each brand's login markers and names, folded as page text is ([`Needle`]): made once per
/// detector, not at every check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrandTexts {
    /// Per brand, in the brand set's order: its markers' values (in its markers' order), its names.
    brands: Vec<(Vec<Needle>, Vec<Needle>)>,
}

impl BrandTexts {
    pub fn new(brands: &BrandSet) -> Self {
        let brands = brands
            .brands
            .iter()
            .map(|b| {
                let markers = b.login_markers.iter().map(|m| Needle::new(&m.value));
                let names = b.names.iter().map(|n| Needle::new(n));
                (markers.collect(), names.collect())
            })
            .collect();
        BrandTexts { brands }
    }
}

/// The page's texts, ready to be searched for every brand's markers and names.
struct PageTexts<'a> {
    title: Haystack<'a>,
    site_name: Haystack<'a>,
    text: Haystack<'a>,
    headings: Vec<Haystack<'a>>,
    labels: Vec<Haystack<'a>>,
    alts: Vec<Haystack<'a>>,
}

impl<'a> PageTexts<'a> {
    fn new(s: &'a PageSignals) -> Self {
        let each = |list: &'a [String]| list.iter().map(|t| Haystack::new(t)).collect();
        PageTexts {
            title: Haystack::new(&s.title),
            site_name: Haystack::new(&s.site_name),
            text: Haystack::new(&s.text),
            headings: each(&s.headings),
            labels: each(&s.labels),
            alts: s.images.iter().map(|i| Haystack::new(&i.alt)).collect(),
        }
    }
}

/// Reasons the page adds to its address's verdict.
pub fn judge(ctx: &PageContext, signals: &PageSignals) -> Vec<Reason> {
    let display = ctx.web.display_domain();
    if signals.unreadable {
        return unreadable_reason(ctx, &display).into_iter().collect();
    }
    if !signals.asks_for_credentials() {
        return Vec::new();
    }
    let evidence = |genuine: &str, detail: Option<String>| Evidence {
        domain: Some(display.clone()),
        genuine: Some(genuine.to_owned()),
        detail,
        ..Evidence::default()
    };
    let scores = imitated_brands(ctx.brands, ctx.texts, ctx.web, signals);
    let mut reasons = Vec::new();
    if let Some(owner) = ctx.owner.and_then(|i| ctx.brands.brands.get(i)) {
        // A brand's own domain: only its user-content hosts can be someone else speaking.
        if !is_user_content(owner, ctx.web) {
            return reasons;
        }
        let other = scores
            .iter()
            .find(|s| s.brand != ctx.owner.unwrap_or(usize::MAX));
        if let Some(score) = other {
            reasons.extend(imitation_reason(ctx.brands, score, &display));
        } else if signals.asks_for_secret() || scores.iter().any(|s| Some(s.brand) == ctx.owner) {
            // A password, or the brand's own sign-in screen even at its first step (the account
            // name alone): the brand signs people in on its sign-in hosts, never here.
            let host = address::to_unicode(&ctx.web.host);
            reasons.push(Reason::for_brand(
                ReasonCode::CredentialsOnUserContent,
                &owner.id,
                evidence(&host, None),
            ));
        }
        return reasons;
    }
    let form_reasons = form_reasons(ctx.brands, ctx.web, signals);
    let other_signs = ctx.url_level > Level::Ok || !form_reasons.is_empty();
    for score in &scores {
        let Some(brand) = ctx.brands.brands.get(score.brand) else {
            continue;
        };
        if !brand.legitimate_login_on_customer_domains {
            reasons.extend(imitation_reason(ctx.brands, score, &display));
        } else if ctx.is_shop {
            // The user's own shop showing its own admin login: exactly what should be there.
        } else if other_signs {
            let detail = Some(score.matched.join(", "));
            reasons.push(Reason::for_brand(
                ReasonCode::ShopAdminImitation,
                &brand.id,
                evidence(&display, detail),
            ));
        } else {
            reasons.push(Reason::for_brand(
                ReasonCode::UnregisteredShopAdmin,
                &brand.id,
                evidence(&display, None),
            ));
        }
    }
    reasons.extend(form_reasons);
    reasons.extend(script_reasons(ctx.brands, ctx.web, signals));
    // A domain named after a brand that asks for an account is how imitations of a brand's other
    // services look (`google-drive-share.net`). Not for brands whose login lives on their
    // customers' domains: a shop may carry their name.
    if let Some(brand) = ctx
        .named_brand
        .filter(|b| !b.legitimate_login_on_customer_domains)
    {
        let imitated = |r: &Reason| r.brand_id.as_deref() == Some(brand.id.as_str());
        if !reasons
            .iter()
            .any(|r| r.level() == Level::Danger && imitated(r))
        {
            if let Some(genuine) = brand.domains.first() {
                reasons.push(Reason::for_brand(
                    ReasonCode::CredentialsOnBrandNamedHost,
                    &brand.id,
                    evidence(genuine, None),
                ));
            }
        }
    }
    reasons
}

/// Signals sent for a credential field that could not be read: the page cannot be shown to be
/// fine, except where a sign-in form is expected (a brand's own domain, the user's shop).
fn unreadable_reason(ctx: &PageContext, display: &str) -> Option<Reason> {
    let owned = ctx
        .owner
        .and_then(|i| ctx.brands.brands.get(i))
        .is_some_and(|owner| !is_user_content(owner, ctx.web));
    (!owned && !ctx.is_shop).then(|| {
        Reason::new(
            ReasonCode::PageSignalsUnreadable,
            Evidence {
                domain: Some(display.to_owned()),
                ..Evidence::default()
            },
        )
    })
}

fn imitation_reason(brands: &BrandSet, score: &BrandScore, display: &str) -> Option<Reason> {
    let brand = brands.brands.get(score.brand)?;
    let genuine = brand.domains.first()?;
    Some(Reason::for_brand(
        ReasonCode::LoginImitation,
        &brand.id,
        Evidence {
            domain: Some(display.to_owned()),
            genuine: Some(genuine.clone()),
            detail: Some(score.matched.join(", ")),
            ..Evidence::default()
        },
    ))
}

/// Brands whose login screen the page shows, strongest first.
pub fn imitated_brands(
    brands: &BrandSet,
    texts: &BrandTexts,
    web: &WebAddress,
    s: &PageSignals,
) -> Vec<BrandScore> {
    let page = PageTexts::new(s);
    let mut scores: Vec<BrandScore> = brands
        .brands
        .iter()
        .zip(&texts.brands)
        .enumerate()
        .map(|(i, (b, (markers, names)))| score(i, b, markers, names, web, s, &page))
        .filter(|s| s.score >= IMITATION_THRESHOLD)
        .collect();
    scores.sort_by_key(|s| std::cmp::Reverse(s.score));
    scores
}

/// Adds up a brand's markers found on the page; `markers` and `names` are the brand's, folded.
fn score(
    index: usize,
    brand: &Brand,
    markers: &[Needle],
    names: &[Needle],
    web: &WebAddress,
    s: &PageSignals,
    page: &PageTexts,
) -> BrandScore {
    let mut found: Vec<(u32, String)> = Vec::new();
    let in_text = |v: &Needle| {
        page.text.shows(v)
            || page.headings.iter().any(|h| h.shows(v))
            || page.labels.iter().any(|l| l.shows(v))
    };
    // The signals are folded as they read ([`PageSignals::normalised`]); markers alike.
    for (marker, folded) in brand.login_markers.iter().zip(markers) {
        let v = folded.as_str();
        let hit = match marker.kind {
            MarkerKind::Field => s.fields.iter().any(|f| f.id == v || f.name == v),
            MarkerKind::Id => s.ids.iter().any(|id| id == v),
            MarkerKind::Title => page.title.shows(folded),
            MarkerKind::Text => in_text(folded),
            MarkerKind::Asset => s.images.iter().any(|i| i.src.contains(v)),
            MarkerKind::Hidden => s
                .forms
                .iter()
                .any(|f| f.hidden_names.iter().any(|n| n == v)),
            MarkerKind::Body => s.body_id == v || s.body_classes.split(' ').any(|c| c == v),
            MarkerKind::Path => web.rest.contains(marker.value.as_str()),
        };
        if hit {
            found.push((u32::from(marker.weight), marker.value.clone()));
        }
    }
    let named = |text: &Haystack| names.iter().any(|n| text.shows(n));
    let generic = [
        (named(&page.title), NAME_IN_TITLE, "title"),
        (named(&page.site_name), NAME_IN_SITE_NAME, "og:site_name"),
        (page.headings.iter().any(named), NAME_IN_HEADING, "heading"),
        (
            page.alts.iter().any(named)
                || s.images
                    .iter()
                    .any(|i| names.iter().any(|n| i.src.contains(n.as_str()))),
            NAME_IN_LOGO,
            "logo",
        ),
        (named(&page.text), NAME_IN_TEXT, "text"),
        (page.labels.iter().any(named), NAME_IN_LABEL, "label"),
    ];
    for (hit, weight, place) in generic {
        if hit {
            found.push((weight, format!("{} in {place}", brand.name)));
        }
    }
    found.sort_by_key(|f| std::cmp::Reverse(f.0));
    BrandScore {
        brand: index,
        score: found.iter().map(|(w, _)| w).sum(),
        matched: found
            .into_iter()
            .take(EVIDENCE_MARKERS)
            .map(|(_, what)| what)
            .collect(),
    }
}

/// Whether the address is on one of the brand's hosts where anyone can publish.
pub fn is_user_content(brand: &Brand, web: &WebAddress) -> bool {
    brand.user_content.iter().any(|entry| {
        let (host, path) = entry.split_once('/').unwrap_or((entry, ""));
        // The host itself or one under it; checked on every address of a brand's domain, so
        // without building `.{host}`.
        let on_host = web
            .host
            .strip_suffix(host)
            .is_some_and(|before| before.is_empty() || before.ends_with('.'));
        on_host && web.rest.trim_start_matches('/').starts_with(path)
    })
}

/// Where the forms holding credential fields send what is typed.
fn form_reasons(brands: &BrandSet, web: &WebAddress, s: &PageSignals) -> Vec<Reason> {
    let page_key = web.registrable().unwrap_or(&web.host);
    // A field's form is an index into the page's forms; any other is no form at all.
    let forms: Vec<usize> = s
        .fields
        .iter()
        .filter_map(|f| f.form)
        .filter(|&i| i < s.forms.len())
        .collect();
    let forms = crate::rules::sorted_unique(forms);
    let mut reasons: Vec<Reason> = Vec::new();
    let mut push = |reason: Reason| {
        if !reasons.iter().any(|r| r.code == reason.code) {
            reasons.push(reason);
        }
    };
    for form in forms.iter().filter_map(|&i| s.forms.get(i)) {
        let Ok(Address::Web(action)) = address::parse(&form.action) else {
            continue; // no action (posts to itself), or script: nothing to judge
        };
        let action_key = action.registrable().unwrap_or(&action.host);
        let evidence = Evidence {
            domain: Some(web.display_domain()),
            genuine: Some(action.display_domain()),
            detail: Some(address::to_unicode(&action.host)),
            ..Evidence::default()
        };
        if is_exfiltration_endpoint(brands, &action) {
            push(Reason::new(
                ReasonCode::CredentialsToExfiltrationService,
                evidence.clone(),
            ));
        } else if action_key != page_key {
            push(Reason::new(
                ReasonCode::CredentialsPostedElsewhere,
                evidence.clone(),
            ));
        }
        // From an https page only: on an http page the browser already says "Not secure".
        if action.scheme == "http" && web.scheme == "https" {
            push(Reason::new(
                ReasonCode::CredentialsPostedInsecurely,
                evidence,
            ));
        }
    }
    reasons
}

/// Collection services the page's scripts name: a sign-in page has no business talking to them,
/// whatever its form's action says. One reason, for the first such service.
fn script_reasons(brands: &BrandSet, web: &WebAddress, s: &PageSignals) -> Option<Reason> {
    let endpoint = s
        .script_endpoints
        .iter()
        .find_map(|e| match address::parse(e) {
            Ok(Address::Web(target)) if is_exfiltration_endpoint(brands, &target) => Some(target),
            _ => None,
        })?;
    Some(Reason::new(
        ReasonCode::ScriptSendsToExfiltrationService,
        Evidence {
            domain: Some(web.display_domain()),
            genuine: Some(endpoint.display_domain()),
            detail: Some(address::to_unicode(&endpoint.host)),
            ..Evidence::default()
        },
    ))
}

/// `api.telegram.org`, `discord.com/api/webhooks`, `*.requestbin…`: endpoints that collect
/// stolen credentials.
fn is_exfiltration_endpoint(brands: &BrandSet, action: &WebAddress) -> bool {
    brands.exfiltration_endpoints.iter().any(|entry| {
        let (host, path) = entry.split_once('/').unwrap_or((entry, ""));
        let on_host = if host.contains('.') {
            action.host == host || action.host.ends_with(&format!(".{host}"))
        } else {
            action.host.contains(host)
        };
        on_host && action.rest.trim_start_matches('/').starts_with(path)
    })
}
