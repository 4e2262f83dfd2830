// The last verdict per tab, and what each of its frames reported, kept in chrome.storage.session:
// the worker is stopped after ~30 s idle and loses its variables, the session area does not (it
// lives until the browser closes and is not readable by content scripts).
const keyOf = (tabId) => `tab:${tabId}`;
const framesKeyOf = (tabId) => `frames:${tabId}`;

// The tab's verdict: `report` is the worst of its frames' (tab-frames.js), `about` the address that
// report is about (a frame's, when a frame decided it); `url` and `documentId` are the top
// document's, so the worker can later ask whether the tab still shows it (what each frame showed is
// kept with the frames, below). `lang` and
// `detector` say how the report was made: in which language, by which Detector build; a report
// made otherwise is judged again before it is shown.
// `frames` (optional) are written in the same call; should they not fit in the session area's
// quota, the tab's report is still kept.
export async function saveTabReport(tabId, summary, frames) {
  const items = {};
  if (summary) items[keyOf(tabId)] = tabEntry(summary);
  if (frames) {
    items[framesKeyOf(tabId)] = frames;
    framesByTab.set(tabId, frames);
  }
  try {
    await chrome.storage.session.set(items);
  } catch (e) {
    if (!summary || !frames) throw e;
    await chrome.storage.session.set({ [keyOf(tabId)]: items[keyOf(tabId)] });
  }
}

const tabEntry = ({ url, report, about, documentId, lang, detector }) => ({
  url: url ?? null,
  report,
  about: about ?? null,
  documentId: documentId ?? null,
  lang: lang ?? null,
  detector: detector ?? null,
});

// Resolves to { url, report, about, documentId, lang, detector } or null.
export async function loadTabReport(tabId) {
  const key = keyOf(tabId);
  const stored = await chrome.storage.session.get(key);
  return stored[key] ?? null;
}

// What each frame of the tab reported, by frameId: { documentId, url, address, signals, signs,
// report, told } (tab-frames.js); an empty object for a tab nothing is known of. Every report a
// frame sends reads it: while the worker lives, a copy in memory answers (all writes go through
// saveTabReport), and storage only after a restart. The caller gets its own copy to change.
const framesByTab = new Map();

export async function loadFrames(tabId) {
  let frames = framesByTab.get(tabId);
  if (!frames) {
    const key = framesKeyOf(tabId);
    frames = (await chrome.storage.session.get(key))[key] ?? {};
  }
  return structuredClone(frames);
}

export async function forgetTab(tabId) {
  framesByTab.delete(tabId);
  await chrome.storage.session.remove([keyOf(tabId), framesKeyOf(tabId)]);
}

// Every stored tab, for re-judging after the settings change.
export async function allTabReports() {
  const all = await chrome.storage.session.get(null);
  return Object.entries(all)
    .filter(([key]) => key.startsWith('tab:'))
    .map(([key, value]) => ({ tabId: Number(key.slice(4)), ...value }));
}
