// The worker's side of a warning a page keeps covering with its own top layer (a popover, a
// modal dialog, fullscreen): the content script asks, and the verdict is shown where no page can
// draw over it, the toolbar popup (which explains a danger verdict already). Where the popup
// cannot open (no focused window, an older Chrome), the same explanation opens as a tab next to
// the page.
import { loadTabReport } from './tab-state.js';

const { ok, fail } = globalThis.MiwakeProtocol;

// A page covers again and again: one popup per tab per AGAIN_MS is enough.
const AGAIN_MS = 10_000;
const lastOpened = new Map(); // tabId -> Date.now() of the last popup or tab opened

export async function onOpenWarning(_message, sender) {
  const tab = sender.tab;
  if (sender.frameId !== 0) return fail('only the top page asks');
  // Only for a tab the worker itself judged danger: nothing else opens anything.
  const entry = await loadTabReport(tab.id);
  if (entry?.report?.verdict !== 'danger') return fail('not a danger tab');
  const now = Date.now();
  if (now - (lastOpened.get(tab.id) ?? -Infinity) < AGAIN_MS) return ok(null, { opened: 'already' });
  lastOpened.set(tab.id, now);
  try {
    await chrome.action.openPopup({ windowId: tab.windowId });
    return ok(null, { opened: 'popup' });
  } catch {
    await chrome.tabs.create({
      url: chrome.runtime.getURL(`popup.html?tab=${tab.id}`),
      windowId: tab.windowId,
      index: tab.index + 1,
      openerTabId: tab.id,
    });
    return ok(null, { opened: 'tab' });
  }
}
