// Hover-checks links. A link the pointer rests on, or the keyboard focuses,
// for a moment gets a small tooltip: where it really goes, with the part that
// says whose site it is (the registrable domain) in bold, and Miwake's
// verdict in words. Links whose text shows one address while they go to
// another are called out; shortened, javascript: and data: links explained.
//
// One delegated set of listeners for the whole page; nothing is done for a
// link until it is hovered; answers are cached per address and text.
(() => {
  'use strict';

  const K = globalThis.MiwakeContent;
  if (!K || K.linkHover) return;
  const { el, guard } = K;

  const DWELL_MS = 450; // how long the pointer or focus rests on a link before it is checked
  const CACHE_MAX = 300;
  const SCHEMES = new Set(['http:', 'https:', 'javascript:', 'data:']);

  const cache = new Map(); // `${href}\n${text}` -> Promise<reply>
  let target = null; // the link being rested on
  let timer = 0;
  let tip = null; // { host, box } once built
  let off = false; // the user turned hover checks off

  // --------------------------------------------------------------- links

  function linkOf(event) {
    const node = event.composedPath()[0];
    const link = node instanceof Element ? node.closest('a[href], area[href]') : null;
    return link && !K.isOwn(event) ? link : null;
  }

  // What the link shows: its text, else its label.
  function textOf(link) {
    const text = link instanceof HTMLAreaElement
      ? link.alt
      : link.textContent || link.getAttribute('aria-label') || link.title || '';
    return text.replace(/\s+/g, ' ').trim().slice(0, K.P.LIMITS.linkText);
  }

  // Worth a look: web, script and data links that leave this document.
  function worthChecking(link) {
    let url;
    try {
      url = new URL(link.href);
    } catch {
      return false;
    }
    if (!SCHEMES.has(url.protocol)) return false;
    if (url.protocol === 'http:' || url.protocol === 'https:') {
      const here = new URL(location.href);
      if (url.origin === here.origin && url.pathname === here.pathname && url.search === here.search) return false;
    }
    return true;
  }

  function ask(href, text) {
    const key = `${href}\n${text}`;
    if (!cache.has(key)) {
      const answer = K.send(K.P.checkLink(href, text)).then((reply) => {
        if (!reply?.ok) cache.delete(key); // try again next time
        return reply;
      });
      cache.set(key, answer);
      if (cache.size > CACHE_MAX) cache.delete(cache.keys().next().value);
    }
    return cache.get(key);
  }

  // ------------------------------------------------------------- resting

  function rest(link) {
    if (link === target) return;
    leave();
    if (off || !link || !worthChecking(link) || K.warning?.isOpen()) return;
    target = link;
    timer = setTimeout(guard(() => check(link)), DWELL_MS);
    listenWhileResting(true);
  }

  function leave() {
    clearTimeout(timer);
    timer = 0;
    target = null;
    hide();
    listenWhileResting(false);
  }

  async function check(link) {
    const href = link.href.slice(0, K.P.LIMITS.url);
    const [reply, strings] = await Promise.all([ask(href, textOf(link)), K.getStrings()]);
    if (link !== target || !reply?.ok) return;
    if (reply.linkHover === false) {
      off = true;
      return;
    }
    const report = reply.report;
    if (!report || !worthShowing(report)) return;
    show(link, report, strings);
  }

  // A link to another page of this same site, with nothing to say, stays quiet.
  function worthShowing(report) {
    if (report.verdict !== 'ok') return true;
    if (!report.domain) return false;
    return report.domain !== K.siteOf(K.state.report);
  }

  // -------------------------------------------------------------- tooltip

  const CAUTION_WORDS = {
    'url-shortener': 'tipHidden',
    'javascript-url': 'tipScript',
    'data-url': 'tipData',
    'link-text-mismatch': 'tipMismatch',
  };

  function headline(report, t) {
    const codes = (report.reasons ?? []).map((r) => r.code);
    if (report.verdict === 'danger') return report.brand ? t('tipNotBrand', [report.brand]) : t('tipDanger');
    if (report.verdict === 'caution') {
      const code = codes.find((c) => c in CAUTION_WORDS);
      switch (code && CAUTION_WORDS[code]) {
        case 'tipHidden': return t('tipHidden');
        case 'tipScript': return t('tipScript');
        case 'tipData': return t('tipData');
        case 'tipMismatch': return t('tipMismatch');
        default: return t('tipCaution');
      }
    }
    if (codes.includes('official-domain') && report.brand) return t('tipOfficial', [report.brand]);
    if (codes.includes('user-content-host') && report.brand) return t('tipUserContent', [report.brand]);
    if (codes.includes('own-shop')) return t('tipOwnShop');
    if (codes.includes('allowlisted')) return t('tipTrusted');
    return t('tipOk');
  }

  // The destination: host with the registrable domain in bold, then the path.
  function destination(report) {
    const p = el('p', { class: 'dest', dir: 'ltr' });
    let url = null;
    try {
      url = new URL(report.url);
    } catch {
      // shown as text below
    }
    if (url && (url.protocol === 'http:' || url.protocol === 'https:') && report.host) {
      const rest = `${url.pathname === '/' ? '' : url.pathname}${url.search}`;
      p.append(K.emphasisedHost(report.host, report.domain));
      if (rest) p.append(el('span', { class: 'path', text: rest.length > 60 ? `${rest.slice(0, 59)}…` : rest }));
    } else {
      const text = String(report.url ?? '');
      p.append(el('span', { class: 'site', text: text.length > 48 ? `${text.slice(0, 47)}…` : text }));
    }
    return p;
  }

  function show(link, report, { lang, t }) {
    if (!tip) tip = build();
    const { box } = tip;
    const worst = (report.reasons ?? []).filter((r) => r.level === report.verdict && typeof r.message === 'string');
    const said = (worst.length ? worst : (report.reasons ?? []).slice(0, 1)).slice(0, 2);
    box.setAttribute('lang', lang);
    box.dataset.verdict = report.verdict;
    const words = headline(report, t);
    const dest = destination(report);
    box.replaceChildren(
      el('p', { class: 'verdict' }, [el('span', { class: 'dot', 'aria-hidden': 'true' }), words]),
      dest,
      ...said.map((r) => el('p', { class: 'reason', text: r.message, 'data-code': r.code })),
    );
    if (!tip.host.isConnected) K.attach(tip.host);
    try {
      if (!box.matches(':popover-open')) box.showPopover();
    } catch {
      // no popover support: the fixed host still shows it
    }
    place(link, box);
    // A tooltip in a closed shadow root cannot be tied to the page's link (aria-describedby does
    // not reach into it, and an attribute on the link would tell the page Miwake is there): a
    // polite live region, filled once it is in the accessibility tree, has screen readers say it.
    const spoken = [words, dest.textContent, ...said.map((r) => r.message)].join('. ');
    requestAnimationFrame(() => {
      tip.live.textContent = spoken;
    });
  }

  function hide() {
    if (!tip?.host.isConnected) return;
    try {
      tip.box.hidePopover();
    } catch {
      // not open
    }
    tip.live.textContent = ''; // the next link's words are a change the screen reader says
    tip.host.remove();
  }

  // Under the link, or above it near the bottom of the window.
  function place(link, box) {
    const r = link.getClientRects()[0] ?? link.getBoundingClientRect();
    const width = Math.min(380, window.innerWidth - 16);
    box.style.setProperty('width', `${width}px`);
    const height = box.offsetHeight;
    let top = r.bottom + 6;
    if (top + height > window.innerHeight - 8 && r.top - height - 6 >= 8) top = r.top - height - 6;
    box.style.setProperty('left', `${Math.max(8, Math.min(r.left, window.innerWidth - width - 8))}px`);
    box.style.setProperty('top', `${Math.max(8, top)}px`);
  }

  function build() {
    const { host, root } = K.shadowHost('link-check', CSS);
    const box = el('div', { class: 'ui tip', role: 'tooltip', popover: 'manual' });
    const live = el('div', { class: 'live', role: 'status', 'aria-live': 'polite' });
    root.append(live, box);
    return { host, box, live };
  }

  const CSS = `
.live { position: fixed; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
.tip {
  position: fixed; inset: auto; margin: 0; padding: 10px 12px;
  border: 1px solid #d0d7de; border-radius: 10px; background: #ffffff; color: #1f2328;
  box-shadow: 0 8px 24px rgba(0, 0, 0, 0.18); font-size: 13px; line-height: 1.5;
  pointer-events: none; overflow: visible;
}
p { margin: 0; }
.verdict { display: flex; align-items: center; gap: 7px; font-weight: 700; font-size: 14px; }
.dot { flex: none; width: 10px; height: 10px; border-radius: 50%; background: #2e7d5b; }
[data-verdict="danger"] { border-color: #e8a5a5; border-top: 4px solid #c62828; }
[data-verdict="danger"] .verdict { color: #b3261e; }
[data-verdict="danger"] .dot { background: #c62828; }
[data-verdict="caution"] { border-top: 4px solid #f2a900; }
[data-verdict="caution"] .verdict { color: #7a4f00; }
[data-verdict="caution"] .dot { background: #f2a900; }
[data-verdict="ok"] .verdict { color: #1e6b4a; }
.dest { margin-top: 3px; font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 12.5px; color: #57606a; }
.dest strong { color: #1f2328; font-size: 13.5px; }
.reason { margin-top: 4px; }
@media (prefers-color-scheme: dark) {
  .tip { background: #202124; color: #e8eaed; border-color: #3c4043; }
  .dest { color: #a8b0b8; }
  .dest strong { color: #e8eaed; }
  [data-verdict="danger"] .verdict { color: #ff8a80; }
  [data-verdict="caution"] .verdict { color: #ffd166; }
  [data-verdict="ok"] .verdict { color: #7fd3a8; }
}
`;

  // ------------------------------------------------------------ listeners

  const onOver = guard((event) => rest(linkOf(event)));
  const onOut = guard((event) => {
    if (!target) return;
    const to = event.relatedTarget;
    if (to instanceof Node && target.contains(to)) return; // still inside the link
    leave();
  });

  addEventListener('mouseover', onOver, { capture: true, passive: true });
  addEventListener('mouseout', onOut, { capture: true, passive: true });
  addEventListener('focusin', onOver, { capture: true, passive: true });
  addEventListener('focusout', onOut, { capture: true, passive: true });

  // What ends a rest is listened for only while a link is rested on: no listener of Miwake's runs
  // on every key, click and scroll of every page.
  const onLeave = guard(() => leave());
  const onKey = guard((event) => {
    if (event.key === 'Escape') leave();
  });
  let resting = false;
  function listenWhileResting(on) {
    if (on === resting) return;
    resting = on;
    const change = on ? addEventListener : removeEventListener;
    const options = { capture: true, passive: true };
    change('pointerdown', onLeave, options);
    change('scroll', onLeave, options);
    change('keydown', onKey, options);
  }

  K.linkHover = { leave };
})();
