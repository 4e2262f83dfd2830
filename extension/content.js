// Runs at document_start in every frame, in the extension's isolated world
// (the page's scripts cannot see its variables). It tells the service worker
// what this frame is and hands the answer to the other content-side pieces
// through MiwakeContent (content-kit.js): the keystroke guard and its warning
// dialog, the caution notice, the link hover check. Manifest content scripts
// cannot be modules, so this is a classic script in an IIFE and adds no
// globals of its own.
(() => {
  'use strict';

  const P = globalThis.MiwakeProtocol;
  const K = globalThis.MiwakeContent;
  if (!P || !K) return;
  const { guard, isTop, send } = K;

  // ---------------------------------------------------------------- reporting

  const THROTTLE_MS = 300; // at most one DOM look per this many ms, however busy the page is
  let lastSent = '';

  const currentUrl = () => location.href.slice(0, P.LIMITS.url);
  const hasPasswordField = () => document.querySelector('input[type="password" i]') !== null;

  // Builds the page facts and sends them when they changed since the last
  // send (or always, when forced: a page shown again from prerender or the
  // back/forward cache needs its badge painted again).
  function report(force) {
    const { signals, signature } = globalThis.MiwakePageSignals?.collect() ?? { signals: null, signature: '' };
    const facts = P.pageFacts({
      url: currentUrl(),
      isTopFrame: isTop,
      title: document.title,
      hasPasswordField: hasPasswordField(),
      signals,
    });
    const key = `${facts.url}\n${facts.hasPasswordField}\n${signature}`;
    if (!force && key === lastSent) return;
    lastSent = key;
    send(facts).then(guard((reply) => onReply(reply, facts)));
  }

  function onReply(reply, facts) {
    if (!reply || reply.ok !== true || !reply.report) {
      K.verdictUnavailable(); // nothing stays held back waiting for an answer that will not come
      return;
    }
    if (currentUrl() !== facts.url) return; // the page moved on; a newer answer is coming
    K.setVerdict(reply.report, { continued: reply.continued === true, hasPasswordField: facts.hasPasswordField });
  }

  // The worker asks whether this document is still the one it judged (it
  // cannot read tab URLs itself). Only the extension can send this.
  guard(() => chrome.runtime.onMessage.addListener(guard((message, sender, sendResponse) => {
    if (sender.id !== chrome.runtime.id || !P.isMessage(message) || message.type !== P.TYPES.PING) return;
    sendResponse(P.ok(null));
  })))();

  const onMaybeChanged = guard(() => report(false));
  const onShownAgain = guard((event) => {
    if (event.type !== 'pageshow' || event.persisted) report(true);
  });

  // Single-page apps change the URL without loading a new document.
  if (globalThis.navigation && typeof navigation.addEventListener === 'function') {
    navigation.addEventListener('currententrychange', onMaybeChanged);
  }
  addEventListener('popstate', onMaybeChanged);
  addEventListener('hashchange', onMaybeChanged);
  addEventListener('pageshow', onShownAgain);
  document.addEventListener('prerenderingchange', onShownAgain);
  document.addEventListener('DOMContentLoaded', onMaybeChanged, { once: true });

  // Login forms are often drawn by scripts after load. Each mutation batch
  // only arms a timer; the one querySelector runs when it fires.
  let timer = 0;
  const observer = new MutationObserver(() => {
    if (!timer) {
      timer = setTimeout(guard(() => {
        timer = 0;
        report(false);
      }), THROTTLE_MS);
    }
  });
  guard(() => observer.observe(document, {
    childList: true, subtree: true, attributes: true, attributeFilter: ['type', 'action', 'name', 'id'],
  }))();

  guard(report)(false);
})();
