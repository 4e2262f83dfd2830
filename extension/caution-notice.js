// The non-blocking notice on a "caution" page: when the user is about to fill
// in a credential field, a small note next to it says what Miwake noticed.
// It never takes the focus, never stops typing, and "Got it" hides it for the
// rest of this page. keystroke-guard.js decides when to offer it.
(() => {
  'use strict';

  const K = globalThis.MiwakeContent;
  if (!K || K.notice) return;
  const { el, guard } = K;

  let current = null; // { field, host, box } while shown
  let dismissed = false;

  async function offer(field, report) {
    if (dismissed || current?.field === field) return;
    const strings = await K.getStrings();
    if (dismissed || K.deepActive() !== field) return; // the user moved on meanwhile
    hide();
    const { host, box } = build(report, strings);
    current = { field, host, box };
    K.attach(host);
    try {
      box.showPopover(); // the top layer, without making the page inert
    } catch {
      // no popover support: the fixed host still shows it
    }
    place();
    field.addEventListener('blur', onBlur, { once: true });
    // Kept in place only while shown: no listener runs on every scroll of every page.
    addEventListener('scroll', onMove, { capture: true, passive: true });
    addEventListener('resize', onMove, { passive: true });
  }

  const onBlur = guard(() => hide());

  function hide() {
    if (!current) return;
    const { host, field } = current;
    current = null;
    field.removeEventListener('blur', onBlur);
    removeEventListener('scroll', onMove, { capture: true });
    removeEventListener('resize', onMove);
    host.remove();
  }

  // Below the field, or above it when there is no room below; kept inside the viewport.
  function place() {
    if (!current) return;
    const { field, box } = current;
    const r = field.getBoundingClientRect();
    const width = Math.min(360, window.innerWidth - 16);
    const height = box.offsetHeight || 96;
    let top = r.bottom + 8;
    if (top + height > window.innerHeight - 8 && r.top - height - 8 > 8) top = r.top - height - 8;
    const left = Math.max(8, Math.min(r.left, window.innerWidth - width - 8));
    box.style.setProperty('width', `${width}px`);
    box.style.setProperty('left', `${left}px`);
    box.style.setProperty('top', `${Math.max(8, top)}px`);
  }

  const onMove = guard(() => place());

  function build(report, { lang, t }) {
    const { host, root } = K.shadowHost('notice', CSS);
    const reason = (report.reasons ?? []).find((r) => r.level === 'caution' && typeof r.message === 'string');
    const dismiss = el('button', { type: 'button', class: 'dismiss', text: t('noticeDismiss') });
    const box = el('div', { class: 'ui box', lang, role: 'note', popover: 'manual' }, [
      // An admin login on a domain not among the user's shops: the calm words for a shop owner.
      el('p', { class: 'title', text: reason?.code === 'unregistered-shop-admin' ? t('noticeTitleShopAdmin') : t('noticeTitle') }),
      el('p', { class: 'where' }, K.rich(t, 'noticeWhere', [K.siteOf(report)])),
      reason ? el('p', { class: 'reason', text: reason.message, 'data-code': reason.code }) : null,
      el('div', { class: 'actions' }, [dismiss]),
    ]);
    // Clicking "Got it" must not take the focus from the field being filled in.
    dismiss.addEventListener('mousedown', (event) => event.preventDefault());
    dismiss.addEventListener('click', guard((event) => {
      if (!event.isTrusted) return;
      dismissed = true;
      hide();
    }));
    root.append(box);
    return { host, box };
  }

  const CSS = `
.box {
  position: fixed; inset: auto; margin: 0; padding: 12px 14px 10px;
  border: 1px solid #e3c46b; border-inline-start: 5px solid #f2a900; border-radius: 10px;
  background: #fffaf0; color: #3b2f12; box-shadow: 0 8px 24px rgba(0, 0, 0, 0.18);
  font-size: 13.5px; line-height: 1.55; pointer-events: auto; overflow: visible;
}
p { margin: 0; }
.title { font-weight: 700; color: #7a4f00; }
.where { margin-top: 2px; }
.where strong { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; }
.reason { margin-top: 4px; color: #5b4a1f; }
.actions { display: flex; justify-content: flex-end; margin-top: 6px; }
button.dismiss {
  padding: 3px 12px; border-radius: 6px; border: 1px solid #d8b75a; background: #ffffff; color: #5b4a1f;
  font-size: 13px; cursor: pointer;
}
@media (prefers-color-scheme: dark) {
  .box { background: #2e2718; color: #f3e6c4; border-color: #6b5625; border-inline-start-color: #f2a900; }
  .title { color: #ffd166; }
  .reason { color: #e2d3ad; }
  button.dismiss { background: #3a3020; color: #f3e6c4; border-color: #6b5625; }
}
`;

  K.notice = { offer, hide, isShown: () => current !== null };
})();
