// The last verdict per tab, kept in chrome.storage.session: the worker is
// stopped after ~30 s idle and loses its variables, the session area does not
// (it lives until the browser closes and is not readable by content scripts).
const keyOf = (tabId) => `tab:${tabId}`;

// documentId (from the message sender) names the exact document the verdict
// is for, so the worker can later ask whether the tab still shows it. `lang`
// and `detector` say how the report was made: in which language, by which
// Detector build; a report made otherwise is judged again before it is shown,
// with the page `signals` kept here.
export async function saveTabReport(tabId, { url, signals, report, documentId, lang, detector }) {
  await chrome.storage.session.set({
    [keyOf(tabId)]: {
      url, signals: signals ?? null, report, documentId: documentId ?? null, lang: lang ?? null, detector: detector ?? null,
    },
  });
}

// Resolves to { url, signals, report, documentId, lang, detector } or null.
export async function loadTabReport(tabId) {
  const key = keyOf(tabId);
  const stored = await chrome.storage.session.get(key);
  return stored[key] ?? null;
}

export async function forgetTab(tabId) {
  await chrome.storage.session.remove(keyOf(tabId));
}

// Every stored tab, for re-judging after the settings change.
export async function allTabReports() {
  const all = await chrome.storage.session.get(null);
  return Object.entries(all)
    .filter(([key]) => key.startsWith('tab:'))
    .map(([key, value]) => ({ tabId: Number(key.slice(4)), ...value }));
}
