// Runs at document_start in every frame, in the extension's isolated world
// (the page's scripts cannot see its variables). It tells the service worker
// what this frame is, and when the worker answers "danger" it puts a warning
// in front of the page. Manifest content scripts cannot be modules, so this is
// a classic script in an IIFE: it adds no globals (protocol.js, listed before
// it, set globalThis.MiwakeProtocol).
(() => {
  'use strict';

  const P = globalThis.MiwakeProtocol;
  if (!P) return;

  // Nothing here may throw into the page or break it.
  const guard = (fn) => (...args) => {
    try {
      return fn(...args);
    } catch (e) {
      console.debug('Miwake:', e);
      return undefined;
    }
  };

  const isTop = (() => {
    try {
      return window.top === window;
    } catch {
      return false;
    }
  })();

  // ---------------------------------------------------------------- reporting

  const THROTTLE_MS = 300; // at most one DOM look per this many ms, however busy the page is
  let lastSent = '';

  const currentUrl = () => location.href.slice(0, P.LIMITS.url);
  const hasPasswordField = () => document.querySelector('input[type="password" i]') !== null;

  // Sends the page facts when they changed since the last send (or always,
  // when forced: a page shown again from prerender or the back/forward cache
  // needs its badge painted again).
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

  function send(message) {
    try {
      return chrome.runtime.sendMessage(message).catch(() => null);
    } catch {
      // The extension was reloaded or removed: this script is orphaned.
      return Promise.resolve(null);
    }
  }

  function onReply(reply, facts) {
    if (!reply || reply.ok !== true || !reply.report) return;
    if (currentUrl() !== facts.url) return; // the page moved on; a newer answer is coming
    const r = reply.report;
    if (r.verdict !== 'danger') return;
    // A framed page only matters when it asks for a password: that is the
    // fake login form embedded in an innocent-looking page.
    if (!isTop && !facts.hasPasswordField) return;
    showWarning(r);
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

  // ------------------------------------------------------------------ warning

  const t = (key, subs) => chrome.i18n.getMessage(key, subs);
  const lang = String(chrome.i18n.getUILanguage() || '').toLowerCase().startsWith('ja') ? 'ja' : 'en';
  const MAX_REATTACH = 20; // a page that keeps removing the warning gets it back, within reason

  let shown = null; // { r, where, host, dialog } while a warning is up
  let guardian = null; // watches for the page removing the warning
  const dismissed = new Set(); // domains the user chose to dismiss, for this document

  function showWarning(r) {
    const where = r.domain || r.host || '';
    if (shown || dismissed.has(where)) return;
    if (!document.documentElement) {
      document.addEventListener('readystatechange', guard(() => showWarning(r)), { once: true });
      return;
    }
    shown = { r, where, ...buildWarning(r, where) };
    attach();
    let reattached = 0;
    guardian = new MutationObserver(guard(() => {
      if (shown && !shown.host.isConnected && reattached++ < MAX_REATTACH) {
        // A removed modal dialog cannot simply be shown again: build afresh.
        shown = { ...shown, ...buildWarning(shown.r, shown.where) };
        attach();
      }
    }));
    guardian.observe(document, { childList: true, subtree: true });
  }

  function attach() {
    const { host, dialog } = shown;
    document.documentElement.append(host);
    try {
      dialog.showModal(); // the top layer: above any z-index the page uses, and the page goes inert
    } catch {
      dialog.show(); // e.g. the document refuses modals: still visible, on the topmost z-index
    }
    dialog.querySelector('.leave').focus();
  }

  function closeWarning({ leave }) {
    if (!shown) return;
    const { host, where } = shown;
    shown = null;
    guardian?.disconnect();
    guardian = null;
    host.remove();
    if (leave) location.replace('about:blank');
    else dismissed.add(where);
  }

  function el(tag, props = {}, children = []) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(props)) {
      if (k === 'text') node.textContent = v;
      else node.setAttribute(k, v);
    }
    node.append(...children);
    return node;
  }

  function buildWarning(r, where) {
    const host = document.createElement('div');
    host.setAttribute('data-miwake', 'warning');
    // Closed: page scripts get null from host.shadowRoot and cannot reach in.
    const root = host.attachShadow({ mode: 'closed' });

    const real = Array.isArray(r.brandDomains) && r.brandDomains.length ? r.brandDomains[0] : '';
    const lead = r.brand && real
      ? t('warningLeadBrand', [r.brand, where, real])
      : t('warningLeadNoBrand', [where]);
    const reasons = (Array.isArray(r.reasons) ? r.reasons : [])
      .filter((reason) => reason && reason.level !== 'ok' && typeof reason.message === 'string')
      .map((reason) => el('li', { text: reason.message }));

    const leave = el('button', { type: 'button', class: 'leave', text: t('warningLeave') });
    const dismiss = el('button', { type: 'button', class: 'dismiss', text: t('warningDismiss') });
    const dialog = el('dialog', { lang, 'aria-labelledby': 'title', 'aria-describedby': 'lead' }, [
      el('p', { class: 'label', text: t('warningLabel') }),
      el('h1', { id: 'title', text: t('warningTitle') }),
      el('p', { id: 'lead', class: 'lead', text: lead }),
      ...(reasons.length ? [el('h2', { text: t('warningReasonsHeading') }), el('ul', {}, reasons)] : []),
      el('p', { class: 'advice', text: t('warningAdvice') }),
      el('div', { class: 'actions' }, [leave, dismiss]),
    ]);

    leave.addEventListener('click', guard(() => closeWarning({ leave: true })));
    dismiss.addEventListener('click', guard(() => closeWarning({ leave: false })));
    // Esc closes a modal dialog; treat it as "Dismiss".
    dialog.addEventListener('close', guard(() => {
      if (shown?.dialog === dialog) closeWarning({ leave: false });
    }));

    root.append(el('style', { text: WARNING_CSS }), dialog);
    return { host, dialog };
  }

  // Inside the shadow root page CSS cannot match our elements. What the page
  // could still do is style the host or let it inherit fonts and colours:
  // the :host rules reset all of that, and !important declarations from
  // inside a shadow tree beat the page's, even its inline !important styles.
  // Only px units: rem would follow the page's root font size.
  const WARNING_CSS = `
:host {
  all: initial !important;
  display: block !important; position: fixed !important; inset: 0 !important;
  width: 100vw !important; height: 100vh !important; z-index: 2147483647 !important;
  visibility: visible !important; opacity: 1 !important; transform: none !important;
  pointer-events: none !important;
}
dialog {
  box-sizing: border-box; width: min(520px, calc(100vw - 32px)); max-height: calc(100vh - 32px);
  overflow: auto; margin: auto; padding: 24px 24px 20px;
  border: 0; border-top: 6px solid #c62828; border-radius: 12px;
  background: #ffffff; color: #1f2328; box-shadow: 0 16px 48px rgba(0, 0, 0, 0.35);
  font: 15px/1.65 system-ui, -apple-system, "Segoe UI", "Hiragino Sans", "Hiragino Kaku Gothic ProN",
    "Noto Sans JP", "Yu Gothic", Meiryo, sans-serif;
  text-align: start; pointer-events: auto; overflow-wrap: anywhere; line-break: strict;
}
dialog:lang(ja) { word-break: auto-phrase; }
dialog::backdrop { background: rgba(30, 16, 16, 0.6); }
.label { margin: 0 0 4px; font-size: 13px; font-weight: 600; color: #c62828; letter-spacing: 0.02em; }
h1 { margin: 0 0 12px; font-size: 21px; line-height: 1.4; font-weight: 700; }
h2 { margin: 16px 0 4px; font-size: 14px; font-weight: 600; color: #57606a; }
p { margin: 0; }
ul { margin: 0; padding-inline-start: 20px; }
li { margin: 2px 0; }
.advice { margin-top: 16px; padding: 10px 12px; border-radius: 8px; background: #fdecea; color: #7f1d1d; font-weight: 600; }
.actions { display: flex; flex-wrap: wrap; gap: 8px; margin-top: 20px; justify-content: flex-end; }
button {
  font: inherit; font-size: 15px; line-height: 1.4; padding: 9px 18px; border-radius: 8px; cursor: pointer;
  border: 1px solid #c9ced6; background: #ffffff; color: #1f2328;
}
button.leave { order: 2; border-color: #c62828; background: #c62828; color: #ffffff; font-weight: 600; }
button:focus-visible { outline: 3px solid #1a73e8; outline-offset: 2px; }
@media (prefers-color-scheme: dark) {
  dialog { background: #202124; color: #e8eaed; }
  h2 { color: #a8b0b8; }
  .advice { background: #3c1f1f; color: #ffd7d2; }
  button { background: #2b2c2f; color: #e8eaed; border-color: #5f6368; }
}
`;

  guard(report)(false);
})();
