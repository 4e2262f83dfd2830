// The extension's background: judges pages with the wasm core, keeps each
// tab's verdict, paints the badge and answers the content scripts, the popup
// and the options page.
//
// Chrome stops this worker after ~30 s idle and restarts it for the next
// event. Every listener is therefore registered synchronously at top level,
// and everything that must outlive the worker lives in chrome.storage.
import './protocol.js';
import './i18n.js';
import {
  check, checkLink, checkPage, detectorId, normalizeDomain, onPolicyCorrected, rebuild,
} from './detector.js';
import { showVerdict } from './badge.js';
import { forgetLang, userLang } from './lang.js';
import { isContentScript, isExtensionPage } from './senders.js';
import {
  REJUDGE_KEYS, SETTINGS_KEYS, hasContinued, migrateStored, readSettings, updateSettings, withContinued,
} from './settings.js';
import { allTabReports, forgetTab, loadTabReport, saveTabReport } from './tab-state.js';
import { onOpenWarning } from './open-warning.js';

const { TYPES, isMessage, ping, ok, fail } = globalThis.MiwakeProtocol;
const I18n = globalThis.MiwakeI18n;

// The strings content scripts draw their warning, notice and link tooltip with.
const CONTENT_STRING_PREFIXES = ['warning', 'notice', 'tip'];

// The translator for the user's language, for the badge's tooltip.
async function translator() {
  const { setting } = await userLang();
  try {
    return (await I18n.forSetting(setting)).t;
  } catch {
    return I18n.translator(null);
  }
}

// --- handlers: each returns a reply object; the router catches what they throw

// A page reports more than once (once parsed, again when a login form appears or changes); the
// answers must land in the order the reports came, or an early "ok" could overwrite a "danger".
const pendingByTab = new Map();

function inArrivalOrder(tabId, task) {
  const previous = pendingByTab.get(tabId) ?? Promise.resolve();
  const next = previous.catch(() => {}).then(task);
  pendingByTab.set(tabId, next);
  next.finally(() => {
    if (pendingByTab.get(tabId) === next) pendingByTab.delete(tabId);
  }).catch(() => {});
  return next;
}

// The page gets its answer as soon as the verdict is known (its keystroke guard may be holding
// keys); the badge and the stored report follow, still in arrival order.
function onPageFacts(message, sender) {
  const tabId = sender.tab?.id ?? -1;
  return new Promise((resolve, reject) => {
    inArrivalOrder(tabId, () => judgePage(message, sender, resolve)).catch(reject);
  });
}

async function judgePage(message, sender, answer) {
  const url = trustedUrl(message.url, sender.url);
  const { lang } = await userLang();
  const report = await checkPage(url, message.signals, lang);
  // Settings that cannot be read count as "not continued": the page is still warned.
  const answered = continuedOn(report).catch(() => false).then((continued) => answer(ok(report, { continued })));
  // Only the tab's own visible document decides the badge: not subframes,
  // not prerendered or back/forward-cached pages (they report again when shown).
  const active = sender.documentLifecycle === undefined || sender.documentLifecycle === 'active';
  if (sender.frameId === 0 && active) {
    const tabId = sender.tab.id;
    const [t, detector] = await Promise.all([translator(), detectorId()]);
    // Badge first, then the stored report: whoever finds the report finds the
    // badge painted. The tab may have closed meanwhile; the page still gets its answer.
    const warn = (e) => console.warn('Miwake:', e);
    await showVerdict(tabId, report.verdict, t).catch(warn);
    // The signals are kept so that judging the tab again (new lists, new language) keeps the
    // reasons that came from what the page shows.
    const entry = { url, signals: message.signals, report, documentId: sender.documentId, lang, detector };
    await saveTabReport(tabId, entry).catch(warn);
  }
  await answered;
}

async function onCheckUrl(message) {
  return ok(await check(message.url, (await userLang()).lang));
}

// A hovered link. The reply says whether the user wants hover checks at all,
// so the content script needs no settings of its own.
async function onCheckLink(message) {
  const [{ lang }, settings] = await Promise.all([userLang(), readSettings()]);
  if (!settings.linkHover) return ok(null, { linkHover: false });
  return ok(await checkLink(message.href, message.text, lang), { linkHover: true });
}

// The content scripts' own strings in the chosen language; `messages` is null
// when the user follows the browser, and then chrome.i18n is the source.
async function onGetStrings() {
  const { setting, lang } = await userLang();
  if (!I18n.LANGS.includes(setting)) return ok(null, { lang, messages: null });
  const all = await I18n.loadMessages(lang);
  const messages = Object.fromEntries(
    Object.entries(all).filter(([key]) => CONTENT_STRING_PREFIXES.some((p) => key.startsWith(p))),
  );
  return ok(null, { lang, messages });
}

// "I understand the risk, continue": remembered for the site the browser says
// the frame is on (its registrable domain), never a site the message names.
// The verdict is not judged again here: a page may be flagged for what it
// shows as well as for its address, and a decision for a site that is not
// flagged changes nothing.
async function onContinueSite(message, sender) {
  const url = trustedUrl(message.url, sender.url);
  const domain = siteOf(await check(url, 'en'));
  if (!domain) return fail('no site to remember');
  await updateSettings((s) => withContinued(s, domain));
  return ok(null, { domain });
}

// The stored verdict, but only while the tab still shows the page it was
// made for: after the tab moves on to a page no content script runs in
// (chrome://, the Web Store) the old verdict would be a lie. A report made
// in another language or with other lists is judged again first.
async function onGetTabVerdict(message) {
  const entry = await loadTabReport(message.tabId);
  if (!entry || !(await stillShowing(message.tabId, entry))) return ok(null);
  const { lang } = await userLang();
  const fresh = entry.lang === lang && entry.detector === (await detectorId())
    ? entry
    : await rejudge({ ...entry, tabId: message.tabId });
  return ok(fresh.report, { continued: await continuedOn(fresh.report) });
}

// Which typed entries are domains, and the registrable domain of each
// (www.myshop.co.jp is myshop.co.jp): the core decides.
async function onNormalizeDomains(message) {
  const results = [];
  for (const input of message.entries) results.push({ input, ...(await normalizeDomain(input)) });
  return ok(null, { results });
}

// The options page saved new settings and wants to know whether the core
// accepted them. storage.onChanged rebuilds too; rebuilding twice is cheap
// and this way the answer never depends on which event came first.
async function onSettingsChanged() {
  const { error } = await rebuild();
  return error ? fail(error) : ok(null);
}

// --- routing

const fromPageOrScript = (s) => isContentScript(s) || isExtensionPage(s);

const ROUTES = {
  [TYPES.PAGE_FACTS]: { allowed: isContentScript, handle: onPageFacts },
  [TYPES.CHECK_URL]: { allowed: fromPageOrScript, handle: onCheckUrl },
  [TYPES.CHECK_LINK]: { allowed: fromPageOrScript, handle: onCheckLink },
  [TYPES.GET_STRINGS]: { allowed: fromPageOrScript, handle: onGetStrings },
  [TYPES.CONTINUE_SITE]: { allowed: isContentScript, handle: onContinueSite },
  [TYPES.GET_TAB_VERDICT]: { allowed: isExtensionPage, handle: onGetTabVerdict },
  [TYPES.NORMALIZE_DOMAINS]: { allowed: isExtensionPage, handle: onNormalizeDomains },
  [TYPES.SETTINGS_CHANGED]: { allowed: isExtensionPage, handle: onSettingsChanged },
  [TYPES.OPEN_WARNING]: { allowed: isContentScript, handle: onOpenWarning },
};

async function route(message, sender) {
  if (!isMessage(message)) return fail('invalid message');
  const entry = ROUTES[message.type];
  if (!entry) return fail('not a message for the worker');
  if (!entry.allowed(sender)) return fail('sender not allowed');
  return entry.handle(message, sender);
}

// --- helpers

// The site a report is about: its registrable domain, or the host when it has none.
const siteOf = (report) => report?.domain || report?.host || '';

async function continuedOn(report) {
  if (report?.verdict !== 'danger') return false;
  return hasContinued(await readSettings(), siteOf(report));
}

// The content script's URL is location.href; the browser's sender.url is
// harder to fake. They differ only in the path after a same-document
// navigation, so when even the origin differs, believe the browser.
function trustedUrl(claimed, browserUrl) {
  if (typeof browserUrl !== 'string') return claimed;
  try {
    return new URL(claimed).origin === new URL(browserUrl).origin ? claimed : browserUrl;
  } catch {
    return browserUrl;
  }
}

// Without the "tabs" permission the worker cannot read a tab's URL, so it
// asks the very document the verdict was made for. A document that has gone
// (navigated away, closed, or replaced by a page without content scripts)
// cannot answer.
async function stillShowing(tabId, entry) {
  const target = entry.documentId ? { documentId: entry.documentId } : { frameId: 0 };
  try {
    const reply = await chrome.tabs.sendMessage(tabId, ping(), target);
    return reply?.ok === true;
  } catch {
    return false;
  }
}

// Judges a stored tab again with the current lists and language, stores the
// new report and repaints the badge. (Without a tab id the badge calls would
// repaint every tab's default: refuse.)
async function rejudge(entry) {
  if (!Number.isSafeInteger(entry.tabId)) throw new Error('no tab to judge again');
  const { lang } = await userLang();
  const report = await checkPage(entry.url, entry.signals ?? null, lang);
  const next = { ...entry, report, lang, detector: await detectorId() };
  await saveTabReport(entry.tabId, next);
  await showVerdict(entry.tabId, report.verdict, await translator());
  return next;
}

// After the lists or the language change, open tabs are judged again so an
// allowlisted site stops showing "!" without a reload.
async function rejudgeOpenTabs() {
  for (const entry of await allTabReports()) {
    try {
      if (await stillShowing(entry.tabId, entry)) await rejudge(entry);
    } catch (e) {
      console.warn('Miwake:', e);
    }
  }
}

// --- listeners (top level, synchronous)

chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  route(message, sender)
    .catch((e) => fail(e))
    .then(sendResponse)
    .catch(() => {}); // the asking page is gone: nobody to tell
  return true; // the reply comes asynchronously
});

chrome.runtime.onInstalled.addListener(() => {
  // Settings written by an older version get the current shape.
  migrateStored().catch((e) => console.warn('Miwake:', e));
});

chrome.tabs.onRemoved.addListener((tabId) => {
  forgetTab(tabId).catch((e) => console.warn('Miwake:', e));
});

chrome.storage.onChanged.addListener((changes, area) => {
  if (area === 'sync' && 'lang' in changes) forgetLang();
  const lists = area === 'managed' || (area === 'sync' && SETTINGS_KEYS.some((key) => key in changes));
  const words = area === 'sync' && REJUDGE_KEYS.some((key) => key in changes);
  if (!lists && !words) return;
  (lists ? rebuild() : Promise.resolve())
    .then(rejudgeOpenTabs)
    .catch((e) => console.warn('Miwake:', e));
});

// Verdicts given on a kept policy that Chrome's turned out different from are given again.
onPolicyCorrected(() => rejudgeOpenTabs().catch((e) => console.warn('Miwake:', e)));

// The language is read while the core loads: the first page's answer, often the one that woke this
// worker, does not wait for storage after the core is ready.
userLang().catch(() => {});
