// The popup: asks the service worker for one tab's verdict and explains it:
// the brand imitated, where the user really is (the characters that differ
// marked), the reasons in plain words, the real domains, what to do now,
// where to report the page, and "trust this site" for a false alarm.
// popup.html?tab=<id> shows a given tab (the tests open the popup as a page).
import './protocol.js';
import { initStrings, localizePage, pageLang, rich, t } from './i18n-dom.js';
import {
  readSettings, updateSettings, withListEntry, withoutContinued, withoutListEntry,
} from './settings.js';
import { reportLinks } from './report-links.js';
import { diffDomains, worthMarking } from './domain-diff.js';
import { addShops } from './shop-entry.js';

const { getTabVerdict, settingsChanged } = globalThis.MiwakeProtocol;
const MAX_BRAND_DOMAINS = 6; // Google alone has ~200; the first few say enough
// Reasons whose message says which characters differ from the real domain.
const LETTER_CODES = new Set(['lookalike-domain', 'shop-lookalike', 'confusable-characters', 'similar-name', 'shop-similar-name']);

const $ = (id) => document.getElementById(id);
const query = new URLSearchParams(location.search);
const messageOf = (e) => (e instanceof Error ? e.message : String(e));

let tabId = null;
let current = null; // { report, site } on show

async function targetTabId() {
  const fromQuery = query.get('tab');
  if (fromQuery !== null && /^\d+$/.test(fromQuery)) return Number(fromQuery);
  const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
  return tab?.id ?? null;
}

const WORDS = {
  trusted: () => [t('verdictTrusted'), t('adviceTrusted')],
  danger: () => [t('verdictDanger'), t('adviceDanger')],
  caution: () => [t('verdictCaution'), t('adviceCaution')],
  ok: () => [t('verdictOk'), t('adviceOk')],
  unknown: () => [t('verdictUnknown'), t('adviceUnknown')],
};

function node(tag, props = {}, children = []) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'text') el.textContent = v;
    else el.setAttribute(k, v);
  }
  el.append(...children);
  return el;
}

const strong = (_, value) => node('strong', { text: value });

// A reason in words; what it rests on (the sign-in markers a page matched) under a disclosure.
const reasonItem = (r) => node('li', { 'data-code': r.code, 'data-level': r.level }, [
  r.message,
  ...(r.details ? [node('details', { class: 'evidence' }, [node('summary', { text: t('labelEvidence') }), node('span', { dir: 'ltr', text: r.details })])] : []),
]);

// Runs from diffDomains as text with <mark> around the differing characters.
const marked = (runs) => runs.map((r) => (r.diff ? node('mark', { text: r.text }) : document.createTextNode(r.text)));

// "accounts." + <strong>alibba.com</strong>, the registrable domain in bold
// (and, when given, its differing characters marked).
function hostNodes(host, domain, runs) {
  const shown = host || domain;
  const inner = runs ? marked(runs) : [domain];
  if (host && domain && host !== domain && host.endsWith(`.${domain}`)) {
    return [host.slice(0, host.length - domain.length), node('strong', {}, inner)];
  }
  return [node('strong', {}, runs && shown === domain ? inner : [shown])];
}

function nextSteps(report) {
  const real = report.brandDomains?.[0];
  if (report.verdict === 'danger') {
    return [
      (report.brand || report.shop) && real ? rich('nextTypeReal', [real], strong) : t('nextBookmark'),
      t('nextChangePassword'),
    ];
  }
  if (report.verdict === 'caution') return [t('nextCheckAddress'), t('nextIfUnsure')];
  return [];
}

function render(report, { error, continued = false, settings = null } = {}) {
  const reasons = Array.isArray(report?.reasons) ? report.reasons : [];
  // A site the user trusts is not checked: saying "nothing suspicious" would claim a check.
  const allowlisted = reasons.some((r) => r.code === 'allowlisted');
  const verdict = report && WORDS[report.verdict] ? report.verdict : 'unknown';
  const [headline, advice] = WORDS[allowlisted ? 'trusted' : verdict]();
  $('verdict').dataset.verdict = allowlisted ? 'trusted' : verdict;
  $('headline').textContent = headline;
  $('advice').textContent = error ? t('popupError', [error]) : advice;
  for (const id of ['facts', 'diff-hint', 'why', 'reasons-section', 'next-section', 'brand-domains-section',
    'details-section', 'report-section', 'trust-section', 'trusted', 'continued', 'shop-entry']) {
    $(id).hidden = true;
  }
  if (!report) return;

  const flagged = verdict === 'danger' || verdict === 'caution';
  const site = report.domain || report.host || '';
  const real = report.brandDomains?.[0] ?? '';

  // Brand, where you are, the real site.
  const diff = flagged && report.brand && report.domain && real ? diffDomains(report.domain, real) : null;
  const marks = diff && worthMarking(diff, report.domain, real) ? diff : null;
  // A copy of the user's shop imitates that shop; its real site is the shop, not the brand's.
  $('brand-label').textContent = flagged ? t('labelImitates') : t('labelBrand');
  $('brand').textContent = report.shop && flagged ? t('yourShop', [report.shop]) : report.brand ?? '';
  $('brand-row').hidden = !report.brand && !report.shop;
  $('domain').replaceChildren(...(site ? hostNodes(report.host, report.domain, marks?.a) : []));
  $('domain-row').hidden = !site;
  $('real').replaceChildren(...(marks ? marked(marks.b) : [real]));
  $('real-row').hidden = !(flagged && (report.brand || report.shop) && real);
  $('facts').hidden = !report.brand && !site;
  $('diff-hint').hidden = !marks;

  // The strongest reason in plain words up front; every reason, with its evidence, in the details.
  const first = flagged ? reasons.find((r) => r.level === verdict) : null;
  $('why').textContent = first?.message ?? '';
  $('why').hidden = !first;
  // The marked letters say nothing to a screen reader: the reason that names them does.
  const named = marks ? reasons.find((r) => LETTER_CODES.has(r.code)) : null;
  $('diff-text').textContent = named?.message ?? '';
  if (named) $('real').setAttribute('aria-describedby', 'diff-text');
  else $('real').removeAttribute('aria-describedby');
  $('reasons').replaceChildren(...reasons.map(reasonItem));
  $('reasons-section').hidden = reasons.length === 0;

  const steps = nextSteps(report);
  $('next').replaceChildren(...steps.map((s) => node('li', {}, Array.isArray(s) ? s : [s])));
  $('next-section').hidden = steps.length === 0;

  const domains = Array.isArray(report.brandDomains) ? report.brandDomains : [];
  const listed = domains.slice(0, MAX_BRAND_DOMAINS).map((d) => node('li', { text: d, dir: 'ltr' }));
  if (domains.length > listed.length) {
    listed.push(node('li', { class: 'more', text: t('moreDomains', [String(domains.length - listed.length)]) }));
  }
  $('brand-domains').replaceChildren(...listed);
  $('brand-domains-heading').textContent = t('labelBrandDomains', [report.brand ?? '']);
  $('brand-domains-section').hidden = !(report.brand || report.shop) || domains.length === 0;
  if (report.shop) $('brand-domains-heading').textContent = t('labelShopDomain');
  $('details-section').hidden = $('reasons-section').hidden && $('brand-domains-section').hidden;

  // Report helper: links only; nothing opens until the user clicks one.
  const links = reportLinks(report, { t, lang: pageLang() });
  $('report-links').replaceChildren(...links.map((l) => node('li', {}, [
    node('a', { href: l.href, 'data-id': l.id, target: '_blank', rel: 'noopener noreferrer', text: l.label }),
    node('span', { class: 'hint', dir: 'ltr', text: l.hint }),
  ])));
  $('report-section').hidden = links.length === 0;

  // Trust: for a false alarm, undoable; a site the user trusts says so.
  const ownEntry = Boolean(settings?.allowlist.includes(site));
  $('trust').textContent = t('trustButton');
  $('trust-confirm-text').textContent = t('trustConfirmText', [site]);
  $('trust-yes').textContent = t('trustConfirm', [site]);
  $('trust-confirm').hidden = true;
  $('trust').hidden = false;
  $('trust-section').hidden = !(flagged && site);
  $('trusted-text').textContent = t('trustedText', [site]);
  $('trusted-undo').hidden = !ownEntry;
  $('trusted').hidden = !allowlisted;
  $('continued').hidden = !(continued && verdict === 'danger');

  // An admin login on a domain not among the user's shops: she may register her shop, but only by
  // typing its domain. The field starts empty: the page's own domain is never offered, since a
  // mail's link to a copy looks exactly like this.
  $('shop-entry').hidden = !reasons.some((r) => r.code === 'unregistered-shop-admin');
  current = { report, site };
}

// The first of these that is shown takes the focus.
function focusFirst(ids) {
  const target = ids.map($).find((el) => el && !el.closest('[hidden]'));
  target?.focus();
}

async function load() {
  if (tabId === null) {
    render(null);
    return;
  }
  try {
    const [reply, settings] = await Promise.all([
      chrome.runtime.sendMessage(getTabVerdict(tabId)),
      readSettings().catch(() => null),
    ]);
    if (reply?.ok) render(reply.report, { continued: reply.continued === true, settings });
    else render(null, { error: reply?.error ?? 'no answer' });
  } catch (e) {
    render(null, { error: messageOf(e) });
  }
}

// Saves a change, waits for the worker to use it, shows the tab again.
async function change(fn) {
  try {
    await updateSettings(fn);
    await chrome.runtime.sendMessage(settingsChanged());
  } catch (e) {
    $('advice').textContent = t('popupError', [messageOf(e)]);
    return;
  }
  await load();
}

function wire() {
  $('open-options').addEventListener('click', () => chrome.runtime.openOptionsPage());
  $('trust').addEventListener('click', () => {
    $('trust').hidden = true;
    $('trust-confirm').hidden = false;
    $('trust-no').focus();
  });
  $('trust-no').addEventListener('click', () => {
    $('trust-confirm').hidden = true;
    $('trust').hidden = false;
    $('trust').focus();
  });
  $('trust-yes').addEventListener('click', async () => {
    if (!current?.site) return;
    await change((s) => withListEntry(s, 'allowlist', current.site));
    $('trusted-undo').focus();
  });
  $('trusted-undo').addEventListener('click', async () => {
    if (!current?.site) return;
    await change((s) => withoutListEntry(s, 'allowlist', current.site));
    focusFirst(['trust', 'open-options']); // the undo button is gone: never leave the focus on the body
  });
  // Esc in the confirmation means "cancel", as in any dialog.
  $('trust-confirm').addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      $('trust-no').click();
    }
  });
  $('shop-entry-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const { added, lines } = await addShops($('shop-entry-input').value, t);
    $('shop-entry-feedback').textContent = lines.join(' ');
    if (added.length === 0) return;
    $('shop-entry-input').value = '';
    await load();
    $('shop-entry-feedback').textContent = lines.join(' ');
  });
  $('open-welcome').addEventListener('click', () => {
    chrome.tabs.create({ url: 'welcome.html' }).catch(() => {});
  });
  $('continued-undo').addEventListener('click', async () => {
    if (!current?.site) return;
    await change((s) => withoutContinued(s, current.site));
  });
  // Report links open in a new tab, and only on a click.
  $('report-links').addEventListener('click', (event) => {
    const a = event.target.closest('a[href]');
    if (!a) return;
    event.preventDefault();
    chrome.tabs.create({ url: a.href }).catch(() => {});
    if (!query.has('tab')) window.close(); // a real popup; the tests' page stays
  });
}

async function main() {
  await initStrings();
  localizePage();
  wire();
  render(null);
  try {
    tabId = await targetTabId();
  } catch (e) {
    render(null, { error: messageOf(e) });
    return;
  }
  await load();
}

main();
