// What the content-side pieces share, in the extension's isolated world (page
// scripts cannot see it): messaging, this frame's verdict as it becomes known,
// the strings in the user's language, and the closed shadow roots the in-page
// UI lives in. Published as globalThis.MiwakeContent; the files after it in
// the manifest (warning-dialog.js, caution-notice.js, keystroke-guard.js,
// link-hover.js, content.js) use it and add their part.
(() => {
  'use strict';

  if (globalThis.MiwakeContent) return;
  const P = globalThis.MiwakeProtocol;
  const I18n = globalThis.MiwakeI18n;
  if (!P || !I18n) return;

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

  function send(message) {
    try {
      return chrome.runtime.sendMessage(message).catch(() => null);
    } catch {
      // The extension was reloaded or removed: this script is orphaned.
      return Promise.resolve(null);
    }
  }

  // ------------------------------------------------------------ the verdict

  // pending: no answer yet; known: the worker judged this frame; unknown: no
  // answer will come (orphaned script, worker error, or too slow), so nothing
  // is held back any more.
  const PENDING_LIMIT_MS = 5000;
  const state = { phase: 'pending', report: null, continued: false, hasPasswordField: false };
  const listeners = [];

  const emit = () => {
    for (const fn of listeners) guard(fn)(state);
  };

  function setVerdict(report, { continued = false, hasPasswordField = false } = {}) {
    state.phase = 'known';
    state.report = report;
    state.continued = Boolean(continued);
    state.hasPasswordField = Boolean(hasPasswordField);
    emit();
  }

  function verdictUnavailable() {
    if (state.phase !== 'pending') return;
    state.phase = 'unknown';
    emit();
  }

  // The page showed new credential fields and a fresh verdict is on its way: until it comes (at
  // most PENDING_LIMIT_MS), text typed into those fields is held back as at document_start.
  // `restart`: the wait starts again even if one is running (a frame that kept silent since
  // document_start asks only now).
  let expected = 0;
  function limitWait() {
    const mine = ++expected;
    setTimeout(guard(() => {
      if (mine === expected) verdictUnavailable(); // only the latest wait may time out
    }), PENDING_LIMIT_MS);
  }
  function expectVerdict(restart = false) {
    if (state.phase === 'pending' && !restart) return;
    state.phase = 'pending';
    limitWait();
  }
  limitWait(); // the first verdict, asked for at document_start

  // The user chose "continue" here: this document stops blocking at once,
  // whatever the worker answers.
  function markContinued() {
    state.continued = true;
    emit();
  }


  const onVerdict = (fn) => listeners.push(fn);

  // Is this frame one whose danger deserves a warning of its own? The top
  // page always; a framed page once it asks for a password (a fake login
  // form embedded in an innocent-looking page).
  const warnsHere = () => isTop || state.hasPasswordField;

  // The site a report is about: its registrable domain, else its host.
  const siteOf = (report) => report?.domain || report?.host || '';

  // ---------------------------------------------------------------- strings

  const fallback = () => ({ lang: I18n.browserLang(), t: I18n.translator(null) });
  let strings = null;

  // Resolves to { lang, t } in the language chosen in the options.
  function getStrings() {
    strings ??= send(P.getStrings()).then(
      (reply) => (reply?.ok ? { lang: reply.lang, t: I18n.translator(reply.messages) } : fallback()),
      fallback,
    );
    return strings;
  }

  // -------------------------------------------------------------------- DOM

  const own = new WeakSet(); // the hosts of Miwake's in-page UI

  function el(tag, props = {}, children = []) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(props)) {
      if (v === undefined || v === null || v === false) continue;
      if (k === 'text') node.textContent = v;
      else node.setAttribute(k, v === true ? '' : v);
    }
    node.append(...children.filter((c) => c !== null && c !== undefined));
    return node;
  }

  // A message with some substitutions wrapped in <strong>.
  function rich(t, key, subs, strong = subs.map(() => true)) {
    return I18n.parts(t, key, subs).map((p) => {
      if (!('sub' in p)) return document.createTextNode(p.text);
      return strong[p.sub] ? el('strong', { text: subs[p.sub] }) : document.createTextNode(subs[p.sub]);
    });
  }

  // host "accounts.alibba.com", domain "alibba.com" -> "accounts." + <strong>alibba.com</strong>:
  // the part that says whose site it is, as the Alibaba security guide teaches.
  function emphasisedHost(host, domain, cls = 'site') {
    const span = el('span', { class: cls, dir: 'ltr' });
    if (host && domain && host.endsWith(domain) && host.length > domain.length) {
      span.append(host.slice(0, host.length - domain.length), el('strong', { text: domain }));
    } else if (host || domain) {
      span.append(el('strong', { text: host || domain }));
    }
    return span;
  }

  // Inside a closed shadow root page CSS cannot match Miwake's elements. What
  // the page could still do is style the host or let it inherit fonts and
  // colours: the :host rules reset all of that, and !important declarations
  // from inside a shadow tree beat the page's, even its inline !important
  // styles. Only px units: rem would follow the page's root font size.
  const HOST_CSS = `
:host {
  all: initial !important;
  display: block !important; position: fixed !important; inset: 0 auto auto 0 !important;
  width: 0 !important; height: 0 !important; overflow: visible !important; z-index: 2147483647 !important;
  visibility: visible !important; opacity: 1 !important; transform: none !important; filter: none !important;
  clip-path: none !important; pointer-events: none !important; contain: none !important;
}
* { box-sizing: border-box; }
.ui {
  font: 14px/1.6 system-ui, -apple-system, "Segoe UI", "Hiragino Sans", "Hiragino Kaku Gothic ProN",
    "Noto Sans JP", "Noto Sans CJK JP", "Yu Gothic", Meiryo, sans-serif;
  color: #1f2328; text-align: start; overflow-wrap: anywhere; line-break: strict;
  -webkit-font-smoothing: antialiased; letter-spacing: normal; text-transform: none;
}
.ui:lang(ja) { word-break: auto-phrase; }
strong { font-weight: 700; }
/* A domain is read whole: "ec-cube.net" never breaks at its hyphen. */
.site, strong { white-space: nowrap; }
.site { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "Noto Sans Mono CJK JP", monospace; }
button { font: inherit; }
button:focus-visible { outline: 3px solid #1a73e8; outline-offset: 2px; }
`;

  // A host element with a closed shadow root. The host is a plain <div> with no attributes: a
  // page looking for a mark of Miwake to hide or fight finds none (`name` says which UI for the
  // reader only). Constructed style sheets are not subject to the page's style-src CSP; a <style>
  // element is the fallback where they are missing.
  function shadowHost(name, css) {
    const host = document.createElement('div');
    const root = host.attachShadow({ mode: 'closed' });
    try {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(HOST_CSS + css);
      root.adoptedStyleSheets = [sheet];
    } catch {
      root.append(el('style', { text: HOST_CSS + css }));
    }
    own.add(host);
    return { host, root };
  }

  // Puts a host into the document (at the end of <html>, out of the page's layout). false while
  // the document has no <html> (document.open() emptied it): a host there would become the root
  // the page's next document.write() has to fit under.
  function attach(host) {
    if (!document.documentElement) return false;
    document.documentElement.append(host);
    return true;
  }

  // ------------------------------------------------------ document.open()

  // document.open() empties the document and drops every listener on it and on the window,
  // Miwake's too: they are added again as soon as the document's new root is seen. But what the
  // page writes into the new document runs first, and may add listeners of its own on the window
  // before Miwake's are back. While a script asks (the guard, on a danger page), Miwake then
  // writes the new document once more itself, its listeners added between its own
  // document.open() and the writing: the page's scripts run again and add theirs after Miwake's.
  // Listeners its first run added outside what it wrote are dropped: that much of the page breaks.
  const MAX_REWRITES = 8; // a page that rewrites itself each time it runs is let be after this
  const replacedListeners = [];
  const onDocumentReplaced = (fn) => replacedListeners.push(fn);
  const documentReplaced = () => {
    for (const fn of replacedListeners) guard(fn)();
  };
  let knownRoot = document.documentElement;
  let listenersFirst = false;
  let rewrites = 0;
  let rewriting = false;
  // The document was replaced by one with scripts before a script asked for its listeners first
  // (a clone written into an empty frame or a popup before its verdict came): its scripts'
  // listeners are ahead of Miwake's, so it is written again once a script asks.
  let replacedBehind = false;
  const keepListenersFirst = (wanted) => {
    listenersFirst = Boolean(wanted);
    const root = document.documentElement;
    if (listenersFirst && replacedBehind && root && rewrites < MAX_REWRITES) {
      replacedBehind = false;
      rewrites += 1;
      rewriteAfterListeners(root);
    }
  };
  // A document that cannot be written again (its document.open() replaced, in Firefox) keeps the
  // page's listeners ahead of Miwake's: whoever armed the guard is told (keystroke-guard.js).
  const refusedListeners = [];
  const onRewriteRefused = (fn) => refusedListeners.push(fn);
  function rewriteAfterListeners(root) {
    const writer = globalThis.MiwakePlatform.documentWriter(document);
    for (const child of [...root.children]) if (own.has(child)) child.remove(); // shown again by their owners
    const doctype = document.doctype ? `<!doctype ${document.doctype.name}>` : '';
    const markup = doctype + root.outerHTML;
    rewriting = true;
    try {
      try {
        writer.open();
      } catch {
        documentReplaced(); // Miwake's listeners back, behind the page's
        for (const fn of refusedListeners) guard(fn)();
        return;
      }
      documentReplaced();
      try {
        writer.write(markup);
      } catch {
        document.append(root); // a page whose policy refuses write(): its content back, its scripts not run again
      }
      writer.close();
    } finally {
      rewriting = false;
      knownRoot = document.documentElement;
    }
  }
  guard(() => new MutationObserver(guard(() => {
    const root = document.documentElement;
    if (rewriting || root === knownRoot) return;
    const replaced = knownRoot !== null; // not the parser's first root
    knownRoot = root;
    const scripted = root?.getElementsByTagName('script').length > 0;
    if (listenersFirst && scripted && rewrites < MAX_REWRITES) {
      rewrites += 1;
      rewriteAfterListeners(root);
    } else {
      replacedBehind ||= replaced && scripted;
      documentReplaced(); // adding a listener that is still there changes nothing
      if (replaced && scripted) watchWrittenDocument();
    }
  })).observe(document, { childList: true }))();

  // A document written by script (into an empty frame or a popup) that shows a credential field is
  // how clones hide from checks: its scripts' key listeners came before Miwake's, and keys typed
  // before its verdict would reach them. It is written again at once, Miwake's listeners first.
  // Written ad frames, without such a field, are left alone.
  const CREDENTIAL_FIELD = 'input[type="password" i], input[type="email" i], input[autocomplete~="username" i], input[autocomplete~="current-password" i]';
  const WATCH_WRITTEN_MS = 3000;
  function watchWrittenDocument() {
    const started = performance.now();
    const check = guard(() => {
      const root = document.documentElement;
      if (!replacedBehind || !root || performance.now() - started > WATCH_WRITTEN_MS) {
        watcher.disconnect();
        return;
      }
      if (!document.querySelector(CREDENTIAL_FIELD) || rewrites >= MAX_REWRITES) return;
      watcher.disconnect();
      replacedBehind = false;
      rewrites += 1;
      rewriteAfterListeners(root);
    });
    const watcher = new MutationObserver(check);
    watcher.observe(document, { childList: true, subtree: true });
    check();
  }

  // Did this event start inside Miwake's own UI?
  const isOwn = (event) => event.composedPath().some((node) => own.has(node));
  // The same for a listener on the window or document, where an event from inside a closed shadow
  // root is retargeted to its host: one lookup, cheap enough for every key the page gets.
  const isOwnTarget = (event) => own.has(event.target);

  // A page's shadow root, open or closed (content scripts may open closed ones); never Miwake's.
  const shadowOf = (el) => {
    if (!el || own.has(el)) return null;
    try {
      return el.shadowRoot ?? globalThis.MiwakePlatform.closedShadowRoot(el);
    } catch {
      return null; // not an element
    }
  };
  // The focused element inside `el`'s shadow roots, or `el` itself.
  const focusedWithin = (el) => {
    let inner = el;
    for (let root = shadowOf(inner); root?.activeElement; root = shadowOf(inner)) inner = root.activeElement;
    return inner;
  };
  // The element that really has the focus, through the page's shadow roots, closed ones too.
  const deepActive = () => focusedWithin(document.activeElement);
  // Where a focus or key event really is: seen from outside, an event from inside a closed shadow
  // root seems to come from its host.
  const eventTarget = (event) => focusedWithin(event.composedPath()[0]);

  Object.defineProperty(globalThis, 'MiwakeContent', {
    value: {
      P,
      I18n,
      guard,
      isTop,
      send,
      state,
      setVerdict,
      verdictUnavailable,
      expectVerdict,
      markContinued,
      onVerdict,
      warnsHere,
      siteOf,
      getStrings,
      el,
      rich,
      emphasisedHost,
      shadowHost,
      attach,
      onDocumentReplaced,
      onRewriteRefused,
      keepListenersFirst,
      isOwn,
      isOwnTarget,
      deepActive,
      eventTarget,
      // Filled in by the files that follow: warning, notice.
    },
    enumerable: false, writable: false, configurable: false,
  });
})();
