// Stops the first keystroke. Registered at document_start, before any page
// script, these capture-phase listeners on window see every attempt to put
// something into the page (focus, key events, beforeinput, paste, drop, IME
// composition, clicks) before the page's own listeners do:
//
// - danger, not continued: the attempt is cancelled, the page never sees it,
//   and the warning dialog opens. Only "I understand the risk, continue"
//   (remembered per site, revocable in the options) lets typing through.
//   Characters are stopped wherever the focus is (a textarea, an editable
//   element, the page itself), not only in credential fields, and clicks on
//   the page are stopped too (a keypad drawn with buttons takes a PIN by clicks).
// - caution: nothing is stopped; a notice appears by the field.
// - verdict not known yet (the first few milliseconds): text is held back and
//   typed into the field once the verdict turns out not to be danger.
(() => {
  'use strict';

  const K = globalThis.MiwakeContent;
  if (!K || !K.warning) return;
  const { guard } = K;

  // ------------------------------------------------------- credential fields

  // Fields whose content is a secret or an identity: passwords, login names,
  // e-mail addresses, phone numbers, one-time codes, card numbers.
  const TEXT_TYPES = new Set(['', 'text', 'email', 'tel', 'number', 'password', 'search', 'url']);
  const AUTOCOMPLETE = /\b(username|email|current-password|new-password|one-time-code|tel|cc-number|cc-csc|cc-exp|cc-name)\b/i;
  const WORDS = /pass|pwd|user|login|log-in|signin|sign-in|e-?mail|account|member|card|cvv|cvc|otp|\bpin\b|\bid\b|_id\b|-id\b|パスワード|暗証|ログイン|メール|アカウント|会員|カード/i;

  function isCredentialField(node) {
    if (!(node instanceof HTMLInputElement)) return false;
    if (node.disabled || node.readOnly) return false;
    const type = (node.getAttribute('type') || '').toLowerCase();
    if (!TEXT_TYPES.has(type)) return false;
    if (type === 'password' || type === 'email' || type === 'tel') return true;
    if (AUTOCOMPLETE.test(node.getAttribute('autocomplete') || '')) return true;
    const described = [node.name, node.id, node.getAttribute('placeholder'), node.getAttribute('aria-label')].join(' ');
    if (WORDS.test(described)) return true;
    // Any text field of a form that also asks for a password.
    return Boolean(node.form?.querySelector('input[type="password" i]'));
  }

  // ------------------------------------------------------------ guard state

  const MAX_HELD = 256; // characters held back while the verdict is pending

  let armed = false; // danger and not continued: block every attempt
  let held = []; // [{ field, text }] typed while pending
  let replaying = false; // our own re-typing of held text must pass
  let warnedOnLoad = false; // the dialog opened by itself once in this document
  const contentAtFocus = new WeakMap(); // editable element -> its content when it got the focus

  // What an editable element holds: a field's value, an editable element's markup (compared)
  // with copies of its nodes (put back as nodes: no markup is parsed again).
  const contentOf = (node) => (node.isContentEditable ? node.innerHTML : node.value);
  const copyOfChildren = (node) => [...node.childNodes].map((child) => child.cloneNode(true));
  const remember = (node) => contentAtFocus.set(node, {
    content: contentOf(node),
    children: node.isContentEditable ? copyOfChildren(node) : null,
  });
  // Something got past the cancellable events (an IME's composition, autofill): put back what
  // the element held, before the page's listeners read it. Setting a field's value also ends the
  // composition.
  function restore(node) {
    const before = contentAtFocus.get(node) ?? { content: '', children: [] };
    if (contentOf(node) === before.content) return;
    if (node.isContentEditable) node.replaceChildren(...(before.children ?? []).map((child) => child.cloneNode(true)));
    else node.value = before.content;
  }

  // Armed: the listeners that only a danger page needs are added, and a document the page
  // rewrites is taken back (content-kit.js).
  function setArmed(value) {
    armed = value;
    K.keepListenersFirst(armed);
    listen();
  }

  // The page rewrote itself and cannot be written again with Miwake's listeners first (Firefox, a
  // page that replaced document.open()): its key listeners come first now, and a page that does
  // that is no place to type in. It is left, as with "Leave this page".
  K.onRewriteRefused(() => {
    if (armed) leave();
  });

  function leave() {
    // The worker takes the tab to a new tab page; without it, a blank page is still away.
    K.send(K.P.leavePage()).then((reply) => {
      if (!reply?.ok) location.replace('about:blank');
    }, () => location.replace('about:blank'));
  }

  K.onVerdict((s) => {
    if (s.phase === 'unknown') {
      setArmed(false);
      release(true);
      return;
    }
    const danger = s.report?.verdict === 'danger';
    setArmed(danger && !s.continued);
    release(!danger);
    // The site was trusted (or judged again) meanwhile: its warning has nothing left to say.
    if (!danger && K.warning?.isOpen()) K.warning.close('close');
    if (armed && K.warnsHere() && !warnedOnLoad) {
      warnedOnLoad = true;
      openWarning();
    }
  });

  // Held text goes into the field it was meant for, if that field still has the
  // focus; on a danger page it is dropped.
  function release(replay) {
    const pending = held;
    held = [];
    if (!replay) return;
    for (const { field, text } of pending) {
      if (K.deepActive() !== field || !field.isConnected) continue;
      replaying = true;
      try {
        document.execCommand('insertText', false, text);
      } finally {
        replaying = false;
      }
    }
  }

  // Opens the dialog once the event that asked for it is over: moving the
  // focus in the middle of an IME or text-insertion event leaves the field
  // unable to take input later.
  let opening = false;
  function openWarning() {
    if (opening || K.warning.isOpen() || !K.state.report) return;
    opening = true;
    setTimeout(guard(() => {
      opening = false;
      showWarning();
    }), 0);
  }

  function showWarning() {
    if (!armed || K.warning.isOpen() || !K.state.report) return;
    K.notice?.hide();
    K.warning.show(K.state.report, {
      onLeave: leave,
      onContinue: () => {
        setArmed(false);
        K.markContinued();
        K.send(K.P.continueSite(location.href));
      },
      // Esc: "not now". The guard stays on; the next attempt opens it again.
      onClose: () => {},
    });
  }

  // ---------------------------------------------------------------- events

  const isTextKey = (e) => e.key.length === 1 && !e.ctrlKey && !e.metaKey;
  const isKeyEvent = (e) => e.type === 'keydown' || e.type === 'keypress' || e.type === 'keyup';
  // Whether a key or input event carries text a page could read: a character key, or text put in.
  const carriesText = (e) => !isKeyEvent(e) || isTextKey(e);
  const isEditable = (node) => node instanceof HTMLTextAreaElement || node?.isContentEditable === true
    || (node instanceof HTMLInputElement && TEXT_TYPES.has((node.getAttribute('type') || '').toLowerCase()));
  const PASS_KEYS = new Set(['Tab', 'Escape', 'Shift', 'Control', 'Alt', 'Meta', 'CapsLock', 'AltGraph']);
  // What a click on the page is made of. Cancelled on a danger page: a keypad drawn with buttons
  // reads a PIN from clicks, and a link or button could send what is on the page away.
  const MOUSE_TYPES = ['pointerdown', 'mousedown', 'pointerup', 'mouseup', 'click', 'dblclick', 'auxclick'];
  // A touch listener that may cancel makes the browser wait for it before it scrolls: these are
  // listened to only on a danger page, while armed.
  const TOUCH_TYPES = ['touchstart', 'touchend'];
  const POINTER_TYPES = new Set([...MOUSE_TYPES, ...TOUCH_TYPES]);
  const PRESS_TYPES = new Set(['pointerdown', 'mousedown', 'touchstart']);

  // The text an event would put into the field, or null when it puts none.
  function textOf(event) {
    switch (event.type) {
      case 'keydown': return isTextKey(event) ? event.key : null;
      case 'beforeinput': return event.inputType.startsWith('insert') ? (event.data ?? '') : null;
      case 'paste': return event.clipboardData?.getData('text/plain') ?? '';
      case 'drop': return event.dataTransfer?.getData('text/plain') ?? '';
      default: return null;
    }
  }

  function stop(event) {
    if (event.cancelable) event.preventDefault();
    event.stopImmediatePropagation(); // the page's listeners (and key loggers) never see it
  }

  // Whether an event of this type can matter now: on an honest page (the
  // usual case) each keystroke costs one comparison.
  const mayMatter = (type) => armed
    || K.state.phase === 'pending'
    || (type === 'focusin' && K.state.report?.verdict === 'caution');

  const onEvent = guard((event) => {
    // Events the page makes itself carry nothing the user typed; letting them through leaves a
    // page that probes for Miwake with them nothing to see.
    if (!event.isTrusted) return;
    if (K.isOwnTarget(event)) {
      // Typed while Miwake's warning or notice has the focus (a password typed into the warning
      // by mistake): none of it is the page's to read. Not cancelled, so that Tab, Enter, Space
      // and Escape still work in the warning; clicks go on to its buttons.
      if (event.type !== 'focusin' && !POINTER_TYPES.has(event.type)) event.stopImmediatePropagation();
      return;
    }
    if (replaying || !mayMatter(event.type) || (!armed && POINTER_TYPES.has(event.type)) || K.isOwn(event)) return;
    const field = K.eventTarget(event);
    const credential = isCredentialField(field);

    if (armed) {
      // On a danger page a secret can be typed anywhere the page reads keys: a textarea, an
      // editable element, a keypad drawn with buttons, a field it fills from its own listener.
      // Any character is stopped, wherever the focus is; only focusing a field opens the warning.
      if (event.type === 'focusin') {
        if (credential || isEditable(field)) {
          remember(field);
          openWarning(); // ignored while it is open
        }
        return;
      }
      if (POINTER_TYPES.has(event.type)) {
        // A field still takes the focus from a click (and its focus opens the warning); the page
        // sees none of the click.
        if (credential || isEditable(field)) event.stopImmediatePropagation();
        else stop(event);
        if (PRESS_TYPES.has(event.type)) openWarning();
        return;
      }
      if (!credential && !carriesText(event)) return;
      if (isKeyEvent(event) && PASS_KEYS.has(event.key)) return;
      if (event.type === 'input' && (credential || isEditable(field))) restore(field);
      stop(event);
      openWarning();
      return;
    }

    // While the verdict is pending, text is held in a credential field; in the top page in any
    // editable element too (a secret asked for in a text area). A subframe asks for its verdict
    // only once it shows a credential field, so there only those hold text.
    const holds = credential || (K.isTop && isEditable(field));
    if (!holds) return;
    if (event.type === 'focusin' && credential) remember(field);

    if (K.state.phase === 'pending') {
      // The key's text is held from its keydown; its keypress and keyup carry the same key.
      if ((event.type === 'keypress' || event.type === 'keyup') && isTextKey(event)) {
        stop(event);
        return;
      }
      const text = textOf(event);
      if (text === null) return;
      stop(event);
      const total = held.reduce((n, h) => n + h.text.length, 0);
      if (total + text.length <= MAX_HELD) held.push({ field, text });
      return;
    }

    if (event.type === 'focusin' && credential && K.state.report?.verdict === 'caution' && K.warnsHere()) {
      K.notice?.offer(field, K.state.report);
    }
  });

  // keypress and keyup too: a page's key logger reads the key from any of the three; textInput
  // and every composition event carry the text an IME puts in.
  const TYPES = ['focusin', 'keydown', 'keypress', 'keyup', 'beforeinput', 'textInput', 'paste', 'drop',
    'compositionstart', 'compositionupdate', 'compositionend', 'input', ...MOUSE_TYPES];
  const listen = () => {
    for (const type of TYPES) addEventListener(type, onEvent, { capture: true });
    for (const type of TOUCH_TYPES) {
      if (armed) addEventListener(type, onEvent, { capture: true, passive: false });
      else removeEventListener(type, onEvent, { capture: true });
    }
  };
  listen();
  // document.open() drops every listener on the window: they are added again (content-kit.js).
  K.onDocumentReplaced(listen);
})();
