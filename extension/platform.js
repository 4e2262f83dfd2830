// What differs between the browsers Miwake runs in: one place, for the content scripts and the
// worker (which imports it for its side effect, as protocol.js). Everything else is the same
// code: Firefox's `chrome` namespace answers with promises in Manifest V3 too, and the manifest's
// differences are made at build time (scripts/browser-manifest.mjs).
(() => {
  // A page's closed shadow root. Chrome lends content scripts chrome.dom.openOrClosedShadowRoot();
  // Firefox gives them a property, element.openOrClosedShadowRoot, on its own view of the page's
  // element (which a page's own properties do not reach).
  const closedShadowRoot = globalThis.chrome?.dom?.openOrClosedShadowRoot
    ? (el) => globalThis.chrome.dom.openOrClosedShadowRoot(el) ?? null
    : (el) => el.openOrClosedShadowRoot ?? null;

  // document.open(), write() and close(), for writing a document again (content-kit.js). Chrome
  // lets content scripts call them. Firefox refuses open() from a content script (SecurityError)
  // but not from the page's own functions, reached through the page's unwrapped document: those
  // may be the page's replacements, so they are used only while they are still the browser's own
  // (checked with this script's own Function.prototype.toString and Reflect, which a page cannot
  // reach). A replaced one throws, as a refused write() does.
  const toSource = Function.prototype.toString;
  const isBrowsers = (fn, name) => {
    try {
      return typeof fn === 'function'
        && new RegExp(`^function ${name}\\(\\) \\{\\s*\\[native code\\]\\s*\\}$`).test(Reflect.apply(toSource, fn, []));
    } catch {
      return false;
    }
  };
  function documentWriter(doc) {
    const page = doc.wrappedJSObject;
    if (!page) return { open: () => doc.open(), write: (markup) => doc.write(markup), close: () => doc.close() };
    const call = (name) => (...args) => {
      const fn = page[name];
      if (!isBrowsers(fn, name)) throw new Error(`the page replaced document.${name}()`);
      return Reflect.apply(fn, page, args);
    };
    return { open: call('open'), write: call('write'), close: call('close') };
  }

  // Taking a tab from a flagged page to a new tab page (the worker). Chrome lets an extension open
  // chrome://newtab/ in the tab; Firefox lets none open its new tab page by address, so a new tab
  // is opened where the tab was, and the tab closed.
  const isFirefox = typeof globalThis.browser?.runtime?.getBrowserInfo === 'function';
  async function toNewTabPage(tab) {
    if (!isFirefox) {
      await chrome.tabs.update(tab.id, { url: 'chrome://newtab/' });
      return;
    }
    await chrome.tabs.create({ windowId: tab.windowId, index: tab.index, active: true });
    await chrome.tabs.remove(tab.id);
  }

  globalThis.MiwakePlatform = Object.freeze({ closedShadowRoot, documentWriter, toNewTabPage });
})();
