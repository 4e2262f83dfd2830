// What a frame without credential fields shows of whose site it claims to be: title, site name,
// headings, a sample of visible text, logos and icons, element ids, the body's id and classes.
// The worker asks for it (through content.js) when a form in another frame of the same tab needs
// judging: a clone may put the brand in one frame and the form in another. Classic script, listed
// before content.js; it publishes one frozen object, globalThis.MiwakeBrandSigns, in the
// extension's isolated world. Read on request only, never at load.
(() => {
  'use strict';

  if (globalThis.MiwakeBrandSigns) return;

  // The same caps as page-signals.js (the core applies them again).
  const CAPS = Object.freeze({ short: 256, url: 1024, text: 4000, headings: 16, images: 64, ids: 256 });
  const HIDDEN_TEXT_PARENTS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE']);
  const cut = (s, max) => String(s ?? '').slice(0, max);

  function visibleText(doc) {
    if (!doc.body) return '';
    let text = '';
    const walker = doc.createTreeWalker(doc.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node && text.length < CAPS.text; node = walker.nextNode()) {
      const piece = node.nodeValue.replace(/\s+/g, ' ').trim();
      if (piece && !HIDDEN_TEXT_PARENTS.has(node.parentNode?.nodeName)) text += `${piece} `;
    }
    return cut(text, CAPS.text);
  }

  function images(doc) {
    const list = [];
    const add = (src, alt) => {
      if ((src || alt) && list.length < CAPS.images) list.push({ src: cut(src, CAPS.url), alt: cut(alt, CAPS.short) });
    };
    for (const link of doc.querySelectorAll('link[rel~="icon" i], link[rel="stylesheet" i]')) add(link.href, '');
    for (const img of doc.images) add(img.currentSrc || img.src, img.alt);
    for (const svg of doc.querySelectorAll('svg[aria-label], svg title')) add('', svg.getAttribute?.('aria-label') ?? svg.textContent);
    return list;
  }

  function ids(doc) {
    const list = [];
    for (const el of doc.querySelectorAll('[id]')) {
      if (list.length >= CAPS.ids) break;
      list.push(cut(el.id, CAPS.short));
    }
    return list;
  }

  // Signals in the shape page-signals.js sends, with no fields and no forms.
  function collect(doc = document) {
    return {
      title: cut(doc.title, CAPS.short),
      siteName: cut(doc.querySelector('meta[property="og:site_name" i]')?.content, CAPS.short),
      headings: Array.from(doc.querySelectorAll('h1, h2, [role="heading"]'))
        .slice(0, CAPS.headings).map((h) => cut(h.textContent.replace(/\s+/g, ' ').trim(), CAPS.short)),
      text: visibleText(doc),
      images: images(doc),
      ids: ids(doc),
      fields: [],
      forms: [],
      bodyId: cut(doc.body?.id, CAPS.short),
      bodyClasses: cut(doc.body?.className, CAPS.short),
    };
  }

  Object.defineProperty(globalThis, 'MiwakeBrandSigns', {
    value: Object.freeze({ collect }),
    enumerable: false, writable: false, configurable: false,
  });
})();
