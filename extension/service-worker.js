// The extension's background: judges pages with the wasm core, keeps each
// tab's verdict, paints the badge and answers the content scripts, the popup
// and the options page.
//
// Chrome stops this worker after ~30 s idle and restarts it for the next
// event. Every listener is therefore registered synchronously at top level,
// and everything that must outlive the worker lives in chrome.storage.
import './platform.js';
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
import {
  addressOf, judgeTogether, keepLatest, needsTopSigns, verdictFor, worst,
} from './tab-frames.js';
import {
  allTabReports, forgetTab, loadFrames, loadTabReport, saveTabReport,
} from './tab-state.js';
import { onOpenWarning } from './open-warning.js';

const P = globalThis.MiwakeProtocol;
const { TYPES, isMessage, ping, ok, fail } = P;
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

// Prerendered and back/forward-cached documents are answered but leave the tab alone: they report
// again when shown.
const isActive = (sender) => sender.documentLifecycle === undefined || sender.documentLifecycle === 'active';

async function judgePage(message, sender, answer) {
  const address = addressOf(trustedUrl(message.url, sender.url), sender.origin);
  const { lang } = await userLang();
  const report = await checkPage(address, message.signals, lang);
  if (!isActive(sender)) {
    answer(ok(report, { continued: await continuedOn(report).catch(() => false) }));
    return;
  }
  const tabId = sender.tab.id;
  const frames = await framesOf(tabId, sender);
  const previous = frames[sender.frameId];
  frames[sender.frameId] = {
    documentId: sender.documentId ?? null,
    url: message.url,
    address,
    signals: message.signals,
    // What the top page showed without fields stays known while it is the same document.
    signs: previous?.documentId === sender.documentId ? previous.signs : undefined,
    report,
    told: null,
    at: Date.now(),
  };
  await judgeTab(tabId, keepLatest(frames), lang, sender.frameId, answer);
}

// Drops the subframes of a tab whose documents no longer answer; answers whether there were any.
function forgetGoneFrames(tabId) {
  return inArrivalOrder(tabId, async () => {
    const frames = await loadFrames(tabId);
    const ids = Object.keys(frames).filter((id) => id !== '0');
    const alive = await Promise.all(ids.map((id) => answers(tabId, frames[id].documentId)));
    const gone = ids.filter((id, i) => !alive[i]);
    if (gone.length === 0) return false;
    for (const id of gone) delete frames[id];
    await saveTabReport(tabId, null, frames);
    return true;
  });
}

// The tab's frames as stored, without those whose documents are gone: a frame that loaded another
// document, and, when the top page is a new document, every frame that no longer answers.
async function framesOf(tabId, sender) {
  const frames = await loadFrames(tabId);
  const previous = frames[sender.frameId];
  if (previous && previous.documentId !== sender.documentId) delete frames[sender.frameId];
  if (sender.frameId === 0 && previous?.documentId !== sender.documentId) {
    const ids = Object.keys(frames);
    const alive = await Promise.all(ids.map((id) => answers(tabId, frames[id].documentId)));
    ids.forEach((id, i) => {
      if (!alive[i]) delete frames[id];
    });
  }
  return frames;
}

// Judges the tab from all its frames (tab-frames.js), answers the frame that asked (`asker`), tells
// the others whose verdict changed, then paints the badge and stores the tab's report.
async function judgeTab(tabId, frames, lang, asker, answer) {
  if (needsTopSigns(frames)) frames[0].signs = await signsOf(tabId, frames[0].documentId);
  const judgements = await judgeTogether(frames, (address, signals) => checkPage(address, signals, lang));
  const tabReport = worst(judgements);
  const mine = verdictFor(asker, judgements, tabReport);
  // Settings that cannot be read count as "not continued": the page is still warned.
  const continued = (r) => continuedOn(r).catch(() => false);
  const answered = continued(mine).then((c) => answer(ok(mine, { continued: c })));
  if (frames[asker] && mine) frames[asker].told = mine.verdict;
  const warn = (e) => console.warn('Miwake:', e);
  for (const [id, frame] of Object.entries(frames)) {
    const verdict = verdictFor(id, judgements, tabReport);
    // A frame told nothing yet holds nothing back for an "ok" it does not need.
    if (Number(id) === asker || !verdict || (frame.told ?? 'ok') === verdict.verdict) continue;
    frame.told = verdict.verdict;
    tell(tabId, frame.documentId, P.tabVerdict(verdict, await continued(verdict))).catch(warn);
  }
  if (tabReport) {
    const [t, detector] = await Promise.all([translator(), detectorId()]);
    // Badge first, then the stored report: whoever finds the report finds the badge painted. The
    // tab may have closed meanwhile; the page still gets its answer.
    await showVerdict(tabId, tabReport.verdict, t).catch(warn);
    // The frames' signals are kept with them, so that judging the tab again (new lists, new
    // language) keeps the reasons that came from what the pages show.
    const top = frames[0];
    const summary = { url: top?.url, report: tabReport, about: tabReport.url, documentId: top?.documentId, lang, detector };
    await saveTabReport(tabId, summary, frames).catch(warn);
  } else {
    await saveTabReport(tabId, null, frames).catch(warn);
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
  const url = addressOf(trustedUrl(message.url, sender.url), sender.origin);
  const domain = siteOf(await check(url, 'en'));
  if (!domain) return fail('no site to remember');
  await updateSettings((s) => withContinued(s, domain));
  return ok(null, { domain });
}

// The stored verdict, but only while the tab still shows the page it was
// made for: after the tab moves on to a page no content script runs in
// (chrome://, the Web Store) the old verdict would be a lie. A report made
// in another language or with other lists is judged again first, and so is
// a tab one of whose frames has moved on (a frame's next document keeps
// silent when it shows no form, so only asking finds out).
async function onGetTabVerdict(message) {
  const entry = await loadTabReport(message.tabId);
  if (!entry || !(await stillShowing(message.tabId, entry))) return ok(null);
  const { lang } = await userLang();
  const current = entry.lang === lang && entry.detector === (await detectorId());
  const framesGone = await forgetGoneFrames(message.tabId);
  const fresh = current && !framesGone ? entry : await rejudge(message.tabId);
  return ok(fresh.report, { continued: await continuedOn(fresh.report) });
}

// Which typed entries are domains, and the registrable domain of each
// (www.myshop.co.jp is myshop.co.jp): the core decides. A domain the current
// lists take for an imitation (of a registered shop, or of a brand) comes with
// the reason (`imitates`): registering it as a shop would make a fake "yours".
async function onNormalizeDomains(message) {
  const { lang } = await userLang();
  const results = [];
  for (const input of message.entries) {
    const result = { input, ...(await normalizeDomain(input)) };
    if (result.domain) {
      const reason = imitationReason(await check(`https://${result.domain}/`, lang));
      if (reason) result.imitates = reason.message;
    }
    results.push(result);
  }
  return ok(null, { results });
}

const imitationReason = (report) => (report?.reasons ?? []).find(
  (r) => r.level === 'danger' || (r.level !== 'ok' && r.code.startsWith('shop-')),
);

// "Leave this page": the tab goes to a new tab page, as Chrome's own "Back to
// safety" does when there is nowhere safe to go back to (a page cannot open it).
async function onLeavePage(message, sender) {
  if (!Number.isSafeInteger(sender.tab?.id)) return fail('no tab');
  await globalThis.MiwakePlatform.toNewTabPage(sender.tab);
  return ok(null);
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
  [TYPES.LEAVE_PAGE]: { allowed: isContentScript, handle: onLeavePage },
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
function stillShowing(tabId, entry) {
  return answers(tabId, entry.documentId);
}

async function answers(tabId, documentId) {
  const reply = await tell(tabId, documentId, ping()).catch(() => null);
  return reply?.ok === true;
}

// One document of the tab (the top one when it is not known which).
function tell(tabId, documentId, message) {
  return chrome.tabs.sendMessage(tabId, message, documentId ? { documentId } : { frameId: 0 });
}

// What the top page shows of whose site it is, asked for when a frame of the tab has a form and
// the top page none (it sent no signals); null when it cannot say.
async function signsOf(tabId, documentId) {
  const reply = await tell(tabId, documentId, P.getSigns()).catch(() => null);
  return reply?.ok === true && reply.signals && P.isSignals(reply.signals) ? reply.signals : null; // bounded like a frame's own
}

// Judges a stored tab again with the current lists and language, from what each of its frames
// reported, stores the new report and repaints the badge. (Without a tab id the badge calls would
// repaint every tab's default: refuse.)
function rejudge(tabId) {
  if (!Number.isSafeInteger(tabId)) return Promise.reject(new Error('no tab to judge again'));
  return inArrivalOrder(tabId, async () => {
    const { lang } = await userLang();
    const frames = await loadFrames(tabId);
    for (const frame of Object.values(frames)) {
      if (frame.report) frame.report = await checkPage(frame.address, frame.signals ?? null, lang);
    }
    await judgeTab(tabId, frames, lang, -1, () => {});
    return loadTabReport(tabId);
  });
}

// After the lists or the language change, open tabs are judged again so an
// allowlisted site stops showing "!" without a reload.
async function rejudgeOpenTabs() {
  for (const entry of await allTabReports()) {
    try {
      if (await stillShowing(entry.tabId, entry)) await rejudge(entry.tabId);
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

chrome.runtime.onInstalled.addListener(({ reason }) => {
  // Settings written by an older version get the current shape.
  migrateStored().catch((e) => console.warn('Miwake:', e));
  // A first install opens the welcome page: a shop owner learns on day one that Miwake needs her
  // shop's domain.
  if (reason === 'install') chrome.tabs.create({ url: 'welcome.html' }).catch((e) => console.warn('Miwake:', e));
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
