// The extension's background: judges pages with the wasm core, keeps each
// tab's verdict, paints the badge and answers the popup and options page.
//
// Chrome stops this worker after ~30 s idle and restarts it for the next
// event. Every listener is therefore registered synchronously at top level,
// and everything that must outlive the worker lives in chrome.storage.
import './protocol.js';
import { check, checkPage, rebuild } from './detector.js';
import { showVerdict } from './badge.js';
import { uiLang } from './lang.js';
import { isContentScript, isExtensionPage } from './senders.js';
import { SETTINGS_KEYS } from './settings.js';
import { allTabReports, forgetTab, loadTabReport, saveTabReport } from './tab-state.js';

const { TYPES, isMessage, ping, ok, fail } = globalThis.MiwakeProtocol;

// --- handlers: each returns a reply object; the router catches what they throw

// A page reports more than once (at document_start, again when its login form appears); the
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

function onPageFacts(message, sender) {
  const tabId = sender.tab?.id ?? -1;
  return inArrivalOrder(tabId, () => judgePage(message, sender));
}

async function judgePage(message, sender) {
  const url = trustedUrl(message.url, sender.url);
  const report = await checkPage(url, message.signals, uiLang());
  // Only the tab's own visible document decides the badge: not subframes,
  // not prerendered or back/forward-cached pages (they report again when shown).
  const active = sender.documentLifecycle === undefined || sender.documentLifecycle === 'active';
  if (sender.frameId === 0 && active) {
    const tabId = sender.tab.id;
    const saved = await Promise.allSettled([
      saveTabReport(tabId, { url, report, documentId: sender.documentId }),
      showVerdict(tabId, report.verdict),
    ]);
    // The tab may have closed meanwhile; the page still gets its answer.
    for (const r of saved) if (r.status === 'rejected') console.warn('Miwake:', r.reason);
  }
  return ok(report);
}

async function onCheckUrl(message) {
  return ok(await check(message.url, uiLang()));
}

// The stored verdict, but only while the tab still shows the page it was
// made for: after the tab moves on to a page no content script runs in
// (chrome://, the Web Store) the old verdict would be a lie.
async function onGetTabVerdict(message) {
  const entry = await loadTabReport(message.tabId);
  if (!entry || !(await stillShowing(message.tabId, entry))) return ok(null);
  return ok(entry.report);
}

// The options page saved new settings and wants to know whether the core
// accepted them. storage.onChanged rebuilds too; rebuilding twice is cheap
// and this way the answer never depends on which event came first.
async function onSettingsChanged() {
  const { error } = await rebuild();
  return error ? fail(error) : ok(null);
}

// --- routing

const ROUTES = {
  [TYPES.PAGE_FACTS]: { allowed: isContentScript, handle: onPageFacts },
  [TYPES.CHECK_URL]: { allowed: (s) => isContentScript(s) || isExtensionPage(s), handle: onCheckUrl },
  [TYPES.GET_TAB_VERDICT]: { allowed: isExtensionPage, handle: onGetTabVerdict },
  [TYPES.SETTINGS_CHANGED]: { allowed: isExtensionPage, handle: onSettingsChanged },
};

async function route(message, sender) {
  if (!isMessage(message)) return fail('invalid message');
  const entry = ROUTES[message.type];
  if (!entry) return fail('not a message for the worker');
  if (!entry.allowed(sender)) return fail('sender not allowed');
  return entry.handle(message, sender);
}

// --- helpers

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

// After the lists change, the badges of open tabs are re-judged so an
// allowlisted site stops showing "!" without a reload.
async function rejudgeOpenTabs() {
  const lang = uiLang();
  for (const entry of await allTabReports()) {
    try {
      if (!(await stillShowing(entry.tabId, entry))) continue;
      const report = await check(entry.url, lang);
      await saveTabReport(entry.tabId, { ...entry, report });
      await showVerdict(entry.tabId, report.verdict);
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

chrome.tabs.onRemoved.addListener((tabId) => {
  forgetTab(tabId).catch((e) => console.warn('Miwake:', e));
});

chrome.storage.onChanged.addListener((changes, area) => {
  if (area !== 'sync' || !SETTINGS_KEYS.some((key) => key in changes)) return;
  rebuild()
    .then(rejudgeOpenTabs)
    .catch((e) => console.warn('Miwake:', e));
});
