// The blocking warning on a flagged (danger) page: a modal <dialog> in the
// top layer, inside a closed shadow root, saying in one sentence what the
// page imitates and where the user really is. "Leave this page" is the
// primary action and has the focus; "I understand the risk, continue" is a
// deliberate second step. keystroke-guard.js decides when it appears.
(() => {
  'use strict';

  const K = globalThis.MiwakeContent;
  if (!K || K.warning) return;
  const { el, guard } = K;

  // A page that keeps removing the warning always gets it back: at once the first times, then at
  // most every RETRY_MS, so that a page removing it as fast as it can does not hold the tab busy.
  const QUICK_REATTACH = 20;
  const RETRY_MS = 250;
  // The same for a page that covers it with its own top layer (a popover, a modal dialog,
  // fullscreen): raised above at once the first QUICK_RAISES times; from then on the worker also
  // shows it where the page cannot reach (the toolbar popup), once per showing.
  const QUICK_RAISES = 3;
  // A cover no event announces (a dialog or popover in the page's shadow root) is also looked for.
  const LOOK_MS = 1000;

  let shown = null; // { report, host, dialog, handlers } while the warning is up
  let watcher = null; // notices the page removing or covering the warning

  // Shows the warning for `report`. handlers: onLeave(), onContinue(), onClose().
  async function show(report, handlers) {
    if (shown) return;
    const strings = await K.getStrings();
    if (shown) return; // shown meanwhile
    if (!document.documentElement) {
      document.addEventListener('readystatechange', guard(() => show(report, handlers)), { once: true });
      return;
    }
    shown = { report, strings, handlers, raises: 0, escalated: false, ...build(report, strings) };
    open();
    let reattached = 0;
    let retry = null;
    const reattach = guard(() => {
      retry = null;
      if (!shown || shown.host.isConnected || !document.documentElement) return;
      // A removed modal dialog cannot simply be shown again: build afresh.
      shown = { ...shown, ...build(shown.report, shown.strings) };
      open();
    });
    watcher = new MutationObserver(guard((records) => {
      if (!shown) return;
      if (shown.host.isConnected) {
        // A dialog of the page's opened (showModal() puts it in the top layer, over the warning).
        if (records.some((r) => r.target instanceof HTMLDialogElement && r.target.open)) keepOnTop(true);
        return;
      }
      if (reattached++ < QUICK_REATTACH) reattach();
      else retry ??= setTimeout(reattach, RETRY_MS);
    }));
    watcher.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['open'] });
    watchCovers(true);
  }

  function open() {
    const { host, dialog } = shown;
    if (!K.attach(host)) return; // document.open() emptied the document: back with its new <html>
    showOnTop(dialog);
    occlusion?.disconnect();
    occlusion = watchOcclusion(dialog);
    if (document.fullscreenElement) keepOnTop(true);
  }

  function showOnTop(dialog) {
    try {
      dialog.showModal(); // the top layer: above any z-index the page uses, and the page goes inert
    } catch {
      dialog.show(); // e.g. the document refuses modals: still visible, on the topmost z-index
    }
    const secondStep = dialog.querySelector('.step2:not([hidden])');
    // Without preventScroll a zoomed page opens the dialog scrolled down to the button, its
    // heading cut off; the buttons come right after the lead, so both stay in view.
    (secondStep ? secondStep.querySelector('.back') : dialog.querySelector('.leave'))?.focus({ preventScroll: true });
    dialog.scrollTop = 0;
  }

  // ------------------------------------------------------------ covering

  // Whether something of the page's is drawn over the warning: the topmost element at the centre
  // of the dialog and of each button the user may need is not Miwake's host. (A page element the
  // modal warning makes inert is not found this way, drawn on top or not: the events below say
  // when one goes into the top layer.)
  function covered() {
    const { host, dialog } = shown;
    if (!host.isConnected || !dialog.open) return false;
    for (const el of [dialog, ...dialog.querySelectorAll('button')]) {
      const r = el.getBoundingClientRect();
      const x = r.x + r.width / 2;
      const y = r.y + r.height / 2;
      if (!r.width || !r.height || x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) continue;
      if (document.elementFromPoint(x, y) !== host) return true;
    }
    return false;
  }

  // The browser's own word on whether the dialog is drawn with nothing over it (Intersection
  // Observer v2): it sees covers no event or hit test finds, such as a popover in the page's shadow
  // root, which the modal warning makes inert but not invisible.
  let occlusion = null;
  function watchOcclusion(dialog) {
    try {
      const observer = new IntersectionObserver(guard((entries) => {
        const entry = entries.at(-1);
        if (shown?.dialog === dialog && dialog.open && entry.intersectionRatio > 0 && entry.isVisible === false) keepOnTop(true);
      }), { trackVisibility: true, delay: 100, threshold: [0, 1] });
      observer.observe(dialog);
      return observer;
    } catch {
      return null; // no IntersectionObserver v2: the events and the looks still work
    }
  }

  let raiseTimer = null;
  // The page's top layer went over the warning (`surely`: an event said so): the warning goes back
  // on top, shown again, the newest in the top layer. Fullscreen, which can also paint a fake
  // browser, is left.
  function keepOnTop(surely = false) {
    if (!shown || raiseTimer || !shown.dialog.open) return;
    if (document.fullscreenElement) {
      document.exitFullscreen().catch(() => {});
      surely = true;
    }
    if (!surely && !covered()) return;
    shown.raises += 1;
    if (shown.raises <= QUICK_RAISES) {
      raise();
      return;
    }
    if (!shown.escalated) {
      shown.escalated = true;
      K.send({ type: K.P.TYPES.OPEN_WARNING });
    }
    raiseTimer = setTimeout(guard(() => {
      raiseTimer = null;
      if (shown?.dialog.open) raise();
    }), RETRY_MS);
  }

  // A popover or dialog of the page's opened, or fullscreen changed.
  const onTopLayerChange = guard((event) => {
    if (event.type === 'toggle' && (event.newState !== 'open' || event.target instanceof HTMLDetailsElement)) return;
    if (event.type === 'fullscreenchange' && !document.fullscreenElement) return; // left, by Miwake or the user
    keepOnTop(true);
  });
  const look = guard(() => keepOnTop());

  function raise() {
    const { dialog } = shown;
    dialog.close(); // its close event comes later and finds it open again: not the user's Esc
    showOnTop(dialog);
  }

  // The events that say the page's top layer changed; and a look every LOOK_MS for covers no
  // event reaches the window with.
  const COVER_EVENTS = ['toggle', 'fullscreenchange'];
  let looking = null;
  function watchCovers(on) {
    for (const type of COVER_EVENTS) {
      if (on) addEventListener(type, onTopLayerChange, { capture: true });
      else removeEventListener(type, onTopLayerChange, { capture: true });
    }
    clearInterval(looking);
    looking = on ? setInterval(look, LOOK_MS) : null;
  }
  // document.open() dropped the window's listeners.
  K.onDocumentReplaced(() => {
    if (shown) watchCovers(true);
  });

  // Closes the warning; `why` is 'leave', 'continue' or 'close' (Esc). The
  // handler runs first and `shown` is cleared last: closing a modal dialog
  // gives the focus back to the field it was opened from, and that focus is
  // not a new attempt to type.
  function close(why) {
    if (!shown) return;
    const closing = shown;
    watcher?.disconnect();
    watcher = null;
    watchCovers(false);
    occlusion?.disconnect();
    occlusion = null;
    clearTimeout(raiseTimer);
    raiseTimer = null;
    const { handlers } = closing;
    const handler = { leave: handlers.onLeave, continue: handlers.onContinue, close: handlers.onClose }[why];
    guard(() => handler?.())();
    if (closing.dialog.open) closing.dialog.close();
    refocus();
    shown = null;
    closing.host.remove();
  }

  // The dialog hands the focus back to the field it was opened from, but
  // Chrome leaves that field unable to take typing until it is focused
  // afresh; a blur and focus does that (while `shown` is still set, so the
  // guard does not take it for a new attempt).
  function refocus() {
    const back = K.deepActive();
    if (!(back instanceof HTMLInputElement || back instanceof HTMLTextAreaElement)) return;
    back.blur();
    back.focus({ preventScroll: true });
  }

  function build(report, { lang, t }) {
    const { host, root } = K.shadowHost('warning', CSS);
    const where = K.siteOf(report);
    const real = Array.isArray(report.brandDomains) && report.brandDomains.length ? report.brandDomains[0] : '';
    // A copy of the user's own shop names that shop as the real site, never the brand's domains.
    const lead = report.shop
      ? K.rich(t, 'warningLeadShop', [report.shop, where], [true, true])
      : report.brand && real
        ? K.rich(t, 'warningLeadBrand', [report.brand, where, real], [false, true, true])
        : K.rich(t, 'warningLeadNoBrand', [where]);
    const reasons = (Array.isArray(report.reasons) ? report.reasons : [])
      .filter((r) => r && r.level !== 'ok' && typeof r.message === 'string')
      .map((r) => el('li', { text: r.message, 'data-code': r.code }));

    const leave = el('button', { type: 'button', class: 'leave', text: t('warningLeave') });
    const risk = el('button', { type: 'button', class: 'risk', text: t('warningContinue'), 'aria-expanded': 'false' });
    const back = el('button', { type: 'button', class: 'back', text: t('warningContinueBack') });
    const confirm = el('button', { type: 'button', class: 'confirm', text: t('warningContinueConfirm', [where]) });
    const step2 = el('div', { class: 'step2', hidden: true }, [
      el('p', { class: 'explain', id: 'explain' }, K.rich(t, 'warningContinueExplain', [where])),
      el('div', { class: 'actions' }, [back, confirm]),
    ]);
    const step1 = el('div', { class: 'actions step1' }, [risk, leave]);

    const dialog = el('dialog', { class: 'ui', lang, 'aria-labelledby': 'title', 'aria-describedby': 'lead' }, [
      el('p', { class: 'label', text: t('warningLabel') }),
      el('h1', { id: 'title', text: t('warningTitle') }),
      el('p', { id: 'lead', class: 'lead' }, lead),
      el('p', { class: 'advice', text: t('warningAdvice') }),
      step1,
      step2,
      reasons.length ? el('h2', { text: t('warningReasonsHeading') }) : null,
      reasons.length ? el('ul', {}, reasons) : null,
    ]);

    // Only a real click counts: page scripts cannot reach into the closed
    // root, and a synthetic event must not choose for the user either.
    const onTrusted = (button, fn) => button.addEventListener('click', guard((event) => {
      if (event.isTrusted) fn();
    }));
    onTrusted(leave, () => close('leave'));
    onTrusted(risk, () => {
      step1.hidden = true;
      step2.hidden = false;
      risk.setAttribute('aria-expanded', 'true');
      back.focus();
    });
    onTrusted(back, () => {
      step2.hidden = true;
      step1.hidden = false;
      leave.focus();
    });
    onTrusted(confirm, () => close('continue'));
    // Esc closes a modal dialog: "not now". The guard stays on.
    dialog.addEventListener('close', guard(() => {
      if (shown?.dialog === dialog && !dialog.open) close('close');
    }));

    root.append(dialog);
    return { host, dialog };
  }

  const CSS = `
:host { width: 100vw !important; height: 100vh !important; }
dialog {
  width: min(520px, calc(100vw - 32px)); max-height: calc(100vh - 32px);
  overflow: auto; margin: auto; padding: 24px 24px 20px;
  border: 0; border-top: 6px solid #c62828; border-radius: 12px;
  background: #ffffff; color: #1f2328; box-shadow: 0 16px 48px rgba(0, 0, 0, 0.35);
  font-size: 15px; line-height: 1.65; pointer-events: auto;
}
dialog::backdrop { background: rgba(30, 16, 16, 0.62); }
[hidden] { display: none !important; }
.label { margin: 0 0 4px; font-size: 13px; font-weight: 600; color: #c62828; letter-spacing: 0.02em; }
h1 { margin: 0 0 12px; font-size: 21px; line-height: 1.4; font-weight: 700; }
h2 { margin: 16px 0 4px; font-size: 14px; font-weight: 600; color: #57606a; }
p { margin: 0; }
.lead strong { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 0.95em; }
ul { margin: 0; padding-inline-start: 20px; }
li { margin: 2px 0; }
.advice { margin-top: 16px; padding: 10px 12px; border-radius: 8px; background: #fdecea; color: #7f1d1d; font-weight: 600; }
.actions { display: flex; flex-wrap: wrap; gap: 8px 12px; margin-top: 16px; justify-content: flex-end; align-items: center; }
.explain { margin-top: 16px; color: #3d444d; }
button {
  font-size: 15px; line-height: 1.4; padding: 9px 18px; border-radius: 8px; cursor: pointer;
  border: 1px solid #c9ced6; background: #ffffff; color: #1f2328;
}
button.leave { border-color: #c62828; background: #c62828; color: #ffffff; font-weight: 600; }
button.risk {
  margin-inline-end: auto; padding: 9px 4px; border-color: transparent; background: none;
  color: #57606a; font-size: 13px; text-decoration: underline; text-underline-offset: 3px;
}
button.confirm { border-color: #c62828; color: #a11d1d; }
@media (prefers-color-scheme: dark) {
  dialog.ui { background: #202124; color: #e8eaed; } /* .ui alone sets the light text colour */
  .label { color: #ff8a80; }
  h2, button.risk { color: #a8b0b8; }
  .explain { color: #c9d1d9; }
  .advice { background: #3c1f1f; color: #ffd7d2; }
  button { background: #2b2c2f; color: #e8eaed; border-color: #5f6368; }
  button.risk { background: none; border-color: transparent; }
  button.confirm { color: #ff9e97; border-color: #ff8a80; }
}
`;

  K.warning = { show, close, isOpen: () => shown !== null };
})();
