// The one definition of the messages exchanged by the content script, the
// service worker and the extension's own pages (popup, options).
//
// Manifest-declared content scripts cannot be ES modules, so this file is a
// plain script: listed first in the manifest it runs before content.js in the
// same isolated world; imported for its side effect (`import './protocol.js'`)
// it runs once per module graph. Either way it publishes one frozen object on
// globalThis.MiwakeProtocol and nothing else.
(() => {
  'use strict';

  if (globalThis.MiwakeProtocol) return; // loaded twice in one world: keep the first

  const TYPES = Object.freeze({
    PAGE_FACTS: 'page-facts',           // content script -> worker: what this frame is
    CHECK_URL: 'check-url',             // content script or page -> worker: judge one address
    CHECK_LINK: 'check-link',           // content script -> worker: judge a hovered link (address and visible text)
    GET_STRINGS: 'get-strings',         // content script -> worker: the UI strings in the user's chosen language
    CONTINUE_SITE: 'continue-site',     // content script -> worker: the user chose "continue" on this flagged site
    GET_TAB_VERDICT: 'get-tab-verdict', // popup -> worker: the stored report of a tab
    NORMALIZE_DOMAINS: 'normalize-domains', // options -> worker: which typed entries are domains, and their registrable form
    SETTINGS_CHANGED: 'settings-changed', // options -> worker: rebuild now, tell me if it failed
    PING: 'ping',                       // worker -> content script: is the page a verdict was made for still there?
    GET_SIGNS: 'get-signs',             // worker -> top frame: what it shows of whose site it is, for a form in a frame
    TAB_VERDICT: 'tab-verdict',         // worker -> content script: the tab's verdict, changed by another frame
    OPEN_WARNING: 'open-warning',       // content script -> worker: the page keeps covering the warning; show it out of its reach
    LEAVE_PAGE: 'leave-page',           // content script -> worker: "Leave this page" was chosen; take the tab somewhere safe
  });

  // Bounds keep a hostile or broken page from sending the worker megabytes.
  // Long URLs are cut, not refused: the part that decides a verdict (scheme,
  // userinfo, host) comes first. Link text is cut too: an address it shows
  // sits at its start or is not worth reading.
  const LIMITS = Object.freeze({ url: 8192, title: 512, error: 1024, linkText: 512, domain: 253, entries: 200, signals: 200_000 });

  const isString = (x, max) => typeof x === 'string' && x.length <= max;
  const isBool = (x) => typeof x === 'boolean';
  const isObject = (x) => typeof x === 'object' && x !== null && !Array.isArray(x);
  const cut = (s, max) => String(s ?? '').slice(0, max);
  const isSignals = (x) => x === null || (isObject(x) && jsonLength(x) <= LIMITS.signals);
  // A report as the worker sends it (the core's), bounded like signals.
  const isReport = (x) => isObject(x) && typeof x.verdict === 'string' && jsonLength(x) <= LIMITS.signals;
  const jsonLength = (x) => {
    try {
      return JSON.stringify(x).length;
    } catch {
      return Infinity;
    }
  };
  // Signals over the limit are cut down, never dropped: a page that floods them (ten thousand ids,
  // hidden inputs with long names) must still be judged on what is kept. Every list and string is
  // cut to a half, a quarter... of its length (the first items, which hold the credential fields,
  // stay) until the whole fits; what cannot be measured is sent as null.
  const shrink = (x, share) => {
    if (typeof x === 'string') return x.slice(0, Math.max(16, Math.ceil(x.length / share)));
    if (Array.isArray(x)) return x.slice(0, Math.max(1, Math.ceil(x.length / share))).map((i) => shrink(i, share));
    if (isObject(x)) return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, shrink(v, share)]));
    return x;
  };
  const fittedSignals = (x) => {
    if (!isObject(x)) return null;
    for (let share = 1; share <= 4096; share *= 2) {
      const fitted = share === 1 ? x : shrink(x, share);
      if (jsonLength(fitted) <= LIMITS.signals) return fitted;
    }
    return null;
  };

  // Each constructor returns a plain, JSON-safe object that passes isMessage.
  // `signals` is what page-signals.js collected (null on pages without credential fields); the
  // core validates and caps every field of it again.
  const pageFacts = ({ url, isTopFrame, title, hasPasswordField, signals = null }) => ({
    type: TYPES.PAGE_FACTS,
    url: cut(url, LIMITS.url),
    isTopFrame: Boolean(isTopFrame),
    title: cut(title, LIMITS.title),
    hasPasswordField: Boolean(hasPasswordField),
    signals: fittedSignals(signals),
  });
  const checkUrl = (url) => ({ type: TYPES.CHECK_URL, url: cut(url, LIMITS.url) });
  const checkLink = (href, text) => ({
    type: TYPES.CHECK_LINK,
    href: cut(href, LIMITS.url),
    text: cut(text, LIMITS.linkText),
  });
  const getStrings = () => ({ type: TYPES.GET_STRINGS });
  const continueSite = (url) => ({ type: TYPES.CONTINUE_SITE, url: cut(url, LIMITS.url) });
  const getTabVerdict = (tabId) => ({ type: TYPES.GET_TAB_VERDICT, tabId });
  const normalizeDomains = (entries) => ({
    type: TYPES.NORMALIZE_DOMAINS,
    entries: Array.from(entries ?? [], (e) => cut(e, LIMITS.url)).slice(0, LIMITS.entries),
  });
  const settingsChanged = () => ({ type: TYPES.SETTINGS_CHANGED });
  const ping = () => ({ type: TYPES.PING });
  const leavePage = () => ({ type: TYPES.LEAVE_PAGE });
  const getSigns = () => ({ type: TYPES.GET_SIGNS });
  const tabVerdict = (report, continued) => ({ type: TYPES.TAB_VERDICT, report, continued: Boolean(continued) });

  // Field checks per type. Unknown extra fields are refused as well, so the
  // shape stays exactly what this file says.
  const SHAPES = {
    [TYPES.PAGE_FACTS]: {
      url: (v) => isString(v, LIMITS.url),
      isTopFrame: isBool,
      title: (v) => isString(v, LIMITS.title),
      hasPasswordField: isBool,
      signals: isSignals,
    },
    [TYPES.CHECK_URL]: { url: (v) => isString(v, LIMITS.url) },
    [TYPES.CHECK_LINK]: { href: (v) => isString(v, LIMITS.url), text: (v) => isString(v, LIMITS.linkText) },
    [TYPES.GET_STRINGS]: {},
    [TYPES.CONTINUE_SITE]: { url: (v) => isString(v, LIMITS.url) },
    [TYPES.GET_TAB_VERDICT]: { tabId: (v) => Number.isSafeInteger(v) && v >= 0 },
    [TYPES.NORMALIZE_DOMAINS]: {
      entries: (v) => Array.isArray(v) && v.length <= LIMITS.entries && v.every((e) => isString(e, LIMITS.url)),
    },
    [TYPES.SETTINGS_CHANGED]: {},
    [TYPES.PING]: {},
    [TYPES.GET_SIGNS]: {},
    [TYPES.TAB_VERDICT]: { report: isReport, continued: isBool },
    [TYPES.OPEN_WARNING]: {},
    [TYPES.LEAVE_PAGE]: {},
  };

  const isMessage = (x) => {
    if (!isObject(x) || typeof x.type !== 'string') return false;
    if (!Object.prototype.hasOwnProperty.call(SHAPES, x.type)) return false;
    const shape = SHAPES[x.type];
    const keys = Object.keys(x);
    if (keys.length !== Object.keys(shape).length + 1) return false;
    return keys.every((k) => k === 'type' || (Object.prototype.hasOwnProperty.call(shape, k) && shape[k](x[k])));
  };

  // Replies: one shape for every request. `report` is the core's report (or
  // null); a few replies add named fields next to it (`extra`).
  const ok = (report, extra) => ({ ...(isObject(extra) ? extra : {}), ok: true, report });
  const fail = (error) => ({ ok: false, error: cut(error instanceof Error ? error.message : error, LIMITS.error) });

  Object.defineProperty(globalThis, 'MiwakeProtocol', {
    value: Object.freeze({
      TYPES,
      LIMITS,
      isMessage,
      pageFacts,
      checkUrl,
      checkLink,
      getStrings,
      continueSite,
      getTabVerdict,
      normalizeDomains,
      settingsChanged,
      ping,
      leavePage,
      getSigns,
      isSignals,
      tabVerdict,
      ok,
      fail,
    }),
    enumerable: false, writable: false, configurable: false,
  });
})();
