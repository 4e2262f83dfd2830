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

  // At most one look at the DOM per THROTTLE_MS, however busy the page is; while the page keeps
  // changing without touching its fields, forms, frames or title, the looks space out to
  // THROTTLE_MAX_MS. Focusing a field always looks at once, so the verdict is current before typing.
  const THROTTLE_MS = 300;
  const THROTTLE_MAX_MS = 1200;
  let throttle = THROTTLE_MS;
  const SHADOW_WALK_MS = 1000; // how often a changing page with no password field is searched for shadow roots
  let lastSent = '';
  let lastFieldKey = '';
  let lastOutline = '';
  let formAttributesChanged = false;
  let lastShadowWalk = -Infinity;
  let lastPasswordField = false;
  // Until the page has been drawn, no field's style is read: that would make the browser compute
  // the page's styles early, for Miwake (-webkit-text-security is only known from the style).
  let stylesReady = false;
  // Subframes (ads, widgets, embeds: most frames) keep silent until they show a credential field
  // or one of their inputs gets the focus: only then is there a form to judge (the worker judges it
  // with what the top page shows), and a first message costs a frame 1-2 ms (the browser's messaging
  // set up in the frame, the send, the reply) and the worker a check. The price: a cross-site frame
  // that only shows a brand's logo is never read.
  let silent = !isTop;

  const currentUrl = () => location.href.slice(0, P.LIMITS.url);
  // Live collections: reading their length costs no script work, so a page whose churn leaves its
  // fields, forms, frames and title alone is not read again.
  const inputs = document.getElementsByTagName('input');
  // Through the inputs themselves: most pages have a few, and a selector would visit every element.
  const hasPasswordField = () => {
    for (let i = 0; i < inputs.length; i += 1) if (inputs[i].type === 'password') return true;
    return false;
  };
  // Each tag count walks the whole document again after any change (0.1-0.2 ms on a 20,000-element
  // page, at every look): forms are counted only when there are inputs (a form without one holds no
  // credential field), frames through the window's count of child frames, which costs nothing.
  const outline = () => {
    const n = inputs.length;
    return `${currentUrl()}\n${document.title}\n${n}/${n && document.forms.length}/${window.length}`;
  };

  // Builds the page facts and sends them when they changed since the last
  // send (or always, when forced: a page shown again from prerender or the
  // back/forward cache needs its badge painted again).
  function report(force) {
    const now = performance.now();
    const current = outline();
    const changed = force || formAttributesChanged || current !== lastOutline;
    const walkDue = now - lastShadowWalk >= SHADOW_WALK_MS;
    // Forms hidden in shadow roots do not show in the outline; pages without a password field
    // in the light DOM are searched for them now and then. The page changed but was searched
    // only just now: search it again when the time comes.
    if (!changed && !walkDue) {
      if (!lastPasswordField) arm(lastShadowWalk + SHADOW_WALK_MS - now);
      return false;
    }
    const passwordField = hasPasswordField();
    lastPasswordField = passwordField;
    const walkShadows = !passwordField && walkDue;
    if (!changed && !walkShadows) return false;
    lastOutline = current;
    formAttributesChanged = false;
    if (walkShadows) lastShadowWalk = now;
    // Before the body is parsed there is nothing to search (at document_start, in every frame); the
    // next search comes as if this one was made.
    const search = walkShadows && (document.body !== null || document.readyState !== 'loading');
    const { signals, signature } = globalThis.MiwakePageSignals?.collect({ walkShadows: search, readStyles: stylesReady })
      ?? { signals: null, signature: '' };
    // A whole-page search starts tracking what is added from here on: the tree observer, let go
    // while a look was due, must be listening again before anything else is added.
    if (search && wantsRecords()) observeTree();
    const facts = P.pageFacts({
      url: currentUrl(),
      isTopFrame: isTop,
      title: document.title,
      hasPasswordField: passwordField,
      signals,
    });
    if (silent) {
      if (!signals) return changed;
      silent = false;
      K.expectVerdict(true); // the wait begun at document_start is for an answer never asked for
    }
    const key = `${facts.url}\n${facts.hasPasswordField}\n${signature}`;
    if (!force && key === lastSent) return changed;
    lastSent = key;
    // New or changed credential fields: what is typed into them waits for their verdict (a title
    // change alone, common in web apps, holds nothing back).
    const fieldKey = signals ? JSON.stringify([signals.fields, signals.forms.map((f) => f.action)]) : '';
    if (signals && fieldKey !== lastFieldKey) K.expectVerdict();
    lastFieldKey = fieldKey;
    answerPings();
    send(facts).then(guard((reply) => onReply(reply, facts)));
    return true;
  }

  function onReply(reply, facts) {
    if (!reply || reply.ok !== true || !reply.report) {
      K.verdictUnavailable(); // nothing stays held back waiting for an answer that will not come
      return;
    }
    if (currentUrl() !== facts.url) return; // the page moved on; a newer answer is coming
    K.setVerdict(reply.report, { continued: reply.continued === true, hasPasswordField: facts.hasPasswordField });
  }

  // The worker asks whether this document is still the one it judged (it cannot read tab URLs
  // itself), what this page shows of whose site it is (a form in another frame of the tab is judged
  // with it), and tells it the tab's verdict when another frame changed it. Only the extension can
  // send these. Listened for from this frame's first report: a frame that never reports was never
  // judged, and never pays for setting up chrome.runtime.
  let answeringPings = false;
  const answerPings = guard(() => {
    if (answeringPings) return;
    answeringPings = true;
    chrome.runtime.onMessage.addListener(guard((message, sender, sendResponse) => {
      if (sender.id !== chrome.runtime.id || !P.isMessage(message)) return;
      if (message.type === P.TYPES.PING) sendResponse(P.ok(null));
      if (message.type === P.TYPES.GET_SIGNS) sendResponse(P.ok(null, { signals: globalThis.MiwakePageSignals?.brandSigns() ?? null }));
      if (message.type === P.TYPES.TAB_VERDICT) {
        // A choice to continue made here holds whatever the worker says next.
        const continued = message.continued || K.state.continued;
        K.setVerdict(message.report, { continued, hasPasswordField: K.state.hasPasswordField });
      }
    }));
  });

  const onMaybeChanged = guard(() => report(false));
  const onShownAgain = guard((event) => {
    if (event.type !== 'pageshow' || event.persisted) report(true);
  });

  // Single-page apps change the URL without loading a new document.
  if (globalThis.navigation && typeof navigation.addEventListener === 'function') {
    navigation.addEventListener('currententrychange', onMaybeChanged);
  }
  // Listeners on the window and document, registered again when the document is reopened (below).
  function listen() {
    addEventListener('popstate', onMaybeChanged);
    addEventListener('hashchange', onMaybeChanged);
    addEventListener('pageshow', onShownAgain);
    addEventListener('focusin', onFocusIn, { capture: true, passive: true });
    document.addEventListener('prerenderingchange', onShownAgain);
  }
  document.addEventListener('DOMContentLoaded', onMaybeChanged, { once: true });

  // Once the page is drawn, styles cost nothing more to read: text inputs that hide what is typed
  // like a password field are looked for then (when there is no password field already).
  const onDrawn = guard(() => {
    stylesReady = true;
    if (!hasPasswordField() && Array.prototype.some.call(inputs, (input) => input.type === 'text')) {
      formAttributesChanged = true;
      report(false);
    }
  });
  const afterDrawn = () => {
    if (document.visibilityState === 'visible') requestAnimationFrame(() => setTimeout(onDrawn));
    else setTimeout(onDrawn);
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', afterDrawn, { once: true });
  else afterDrawn();

  // Login forms are often drawn by scripts after load. A mutation batch only arms a timer, and
  // when it fires, report() reads the DOM only if the outline or a form attribute changed.
  let timer = 0;
  function arm(delay = throttle) {
    if (!timer) {
      timer = setTimeout(guard(() => {
        timer = 0;
        observeTree();
        throttle = report(false) ? THROTTLE_MS : Math.min(throttle * 2, THROTTLE_MAX_MS);
      }), delay);
    }
  }
  // A look still waiting for its timer is taken now when an input gets the focus; so is one when
  // the input is in an open shadow root not found yet (attached to an element long after it was
  // added: the searches do not walk the whole page every time), or in a frame still silent.
  const onFocusIn = guard((event) => {
    const input = K.eventTarget(event);
    if (input?.localName !== 'input') return;
    const root = input.getRootNode();
    const newRoot = root instanceof ShadowRoot && globalThis.MiwakePageSignals?.addShadowRoot(root);
    const firstWord = silent; // a silent frame asks now: what is typed next waits for the answer
    if (!timer && !newRoot && !firstWord) return;
    clearTimeout(timer);
    timer = 0;
    observeTree();
    if (newRoot) formAttributesChanged = true;
    if (firstWord) {
      silent = false;
      K.expectVerdict(true);
    }
    report(firstWord);
  });
  listen();

  // document.open() (a page writing a clone into an empty frame, a popup, or over itself) erases
  // every listener on the window and the document, Miwake's as well (HTML's document open steps);
  // the document's children change, which this observer, watching nothing else, sees at once. The
  // same listeners added again are the same registrations: a false alarm adds nothing.
  new MutationObserver(guard(() => {
    listen();
    K.listenAgain?.();
  })).observe(document, { childList: true });
  // The added elements are where new shadow roots are searched for (page-signals.js).
  const noteAdded = globalThis.MiwakePageSignals?.noteAdded ?? (() => {});
  const wantsRecords = globalThis.MiwakePageSignals?.wantsRecords ?? (() => false);
  // With a look already due and no use for the records, the observer is let go until that look: a
  // page that changes every frame would otherwise call it every frame.
  let observingTree = false;
  const treeObserver = new MutationObserver((records) => {
    noteAdded(records);
    arm();
    if (timer && !wantsRecords()) {
      treeObserver.disconnect();
      observingTree = false;
    }
  });
  function observeTree() {
    if (observingTree) return;
    treeObserver.observe(document, { childList: true, subtree: true });
    observingTree = true;
  }
  // A field turned into a password field, a form's action set late: a second observer, filtered by
  // the browser to these attributes, so that the tree observer never has to look at its records.
  const attributeObserver = new MutationObserver(() => {
    formAttributesChanged = true;
    arm();
  });
  guard(() => {
    observeTree();
    attributeObserver.observe(document, {
      attributes: true, subtree: true, attributeFilter: ['type', 'action', 'name', 'id', 'autocomplete'],
    });
  })();

  // The first report waits for the document to be parsed: DOMContentLoaded, or the look that
  // arm() sets up, whichever comes first (a page whose parsing stalls is still judged). One message
  // then carries the address and the form together, where a report at document_start and another at
  // DOMContentLoaded cost the page two (each about 1 ms). Until the answer, what is typed into a
  // credential field is held back (content-kit.js), as it was before the first answer anyway.
  if (document.readyState === 'loading') guard(arm)();
  else guard(report)(false);
})();
