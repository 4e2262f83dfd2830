// What differs between the browsers Miwake runs in, as the content scripts see it: one place.
// (The worker needs nothing of the kind: Firefox's `chrome` namespace answers with promises in
// Manifest V3 too, and the manifest's differences are made at build time.)
(() => {
  // A page's closed shadow root. Chrome lends content scripts chrome.dom.openOrClosedShadowRoot();
  // Firefox gives them a property, element.openOrClosedShadowRoot, on its own view of the page's
  // element (which a page's own properties do not reach).
  const closedShadowRoot = globalThis.chrome?.dom?.openOrClosedShadowRoot
    ? (el) => globalThis.chrome.dom.openOrClosedShadowRoot(el) ?? null
    : (el) => el.openOrClosedShadowRoot ?? null;

  globalThis.MiwakePlatform = Object.freeze({ closedShadowRoot });
})();
