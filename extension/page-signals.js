// Collects what a page shows that tells one brand's login screen from another: title, site name,
// headings, a sample of visible text, logos and icons, element ids, and every credential field
// with its form. Classic script, listed before content.js; it publishes one frozen object,
// globalThis.MiwakePageSignals, in the extension's isolated world (pages cannot see it).
//
// Work is bounded: every list is read up to the caps below (the core applies the same caps again),
// and content.js calls collect() only when the page's fields, forms, frames or title changed.
(() => {
  'use strict';

  if (globalThis.MiwakePageSignals) return;

  const CAPS = Object.freeze({
    short: 256, url: 1024, text: 4000, headings: 16, images: 64, ids: 256, labels: 64, fields: 64, forms: 32,
    hidden: 32, frames: 8, shadowScan: 3000, inputs: 500, styled: 300,
  });

  // Inputs that take a secret or an account name.
  const FIELD_SELECTOR = [
    'input[type="password" i]', 'input[type="email" i]',
    'input[autocomplete~="username" i]', 'input[autocomplete~="email" i]',
    'input[autocomplete~="current-password" i]',
    'input:is([type="text" i], :not([type]), [type="tel" i]):is([name*="user" i], [name*="login" i], [name*="mail" i], [name*="account" i], [name*="handle" i], [name*="ident" i], [id*="user" i], [id*="login" i], [id*="mail" i], [id*="account" i], [id*="handle" i], [id*="ident" i])',
  ].join(',');
  const TEXT_INPUT = 'input:is([type="text" i], :not([type]))';

  const cut = (s, max) => String(s ?? '').slice(0, max);

  // An element's shadow root, open or closed: content scripts may reach closed ones (platform.js),
  // and phishing kits hide forms in them. In Chrome the first call in a page costs it 10 ms or
  // more (the heavy bench page's DOMContentLoaded: 2.8 ms without, 16.1 ms with one call on an
  // empty <div>), so walks make it only for custom elements showing
  // nothing of their own; a closed root on a plain element is found when one of its fields gets
  // the focus (content.js), and what is typed there waits for the verdict.
  const mayHideRoot = (el) => el.localName.includes('-') && el.firstElementChild === null;
  const shadowRootOf = (el) => el.shadowRoot
    ?? (mayHideRoot(el) ? globalThis.MiwakePlatform.closedShadowRoot(el) : null) ?? null;

  // Shadow roots, open and closed (phishing kits hide forms in them). Finding them takes a walk over elements;
  // on a page that changes a little, only what was added since the last search is walked: content.js
  // hands over its tree observer's records (noteAdded). The whole page is walked (up to
  // CAPS.shadowScan elements) at the first search once the page is parsed (the parser's own
  // additions are not tracked: too many), every FULL_WALK_MS (a shadow root attached late to an
  // element that was there already), and, when more than RECORDS_MAX records came since the last
  // search, at most every OVERFLOW_WALK_MS: on a page that never stops changing, reading every
  // record would cost more than the walk (about 1 us a record against 0.2-0.3 us an element), and
  // a walk every search was most of what Miwake cost such a page (1.3-4.5 ms a walk). Until that
  // walk, records are not read at all (wantsRecords), and a field focused in a root not found yet
  // is reported at once (addShadowRoot).
  const RECORDS_MAX = 128;
  const ADDED_MAX = 512;
  const FULL_WALK_MS = 10_000;
  const OVERFLOW_WALK_MS = 5_000;
  const CUSTOM_MAX = 256;
  const knownShadowRoots = new Set();
  let added = new Set(); // subtrees to walk at the next search; null: too many, walk everything next
  let recordsLeft = RECORDS_MAX;
  let lastAdded = []; // the previous search's, walked once more (a root attached just after)
  let tracking = false; // changes are tracked from the first full walk after parsing
  let lastFullWalk = -Infinity;
  // Custom elements without a shadow root yet: one defined later (customElements.define) usually
  // attaches its root on upgrade, long after it was added. Re-checked at every search.
  const customHosts = new Set();

  function noteAdded(records) {
    if (!tracking || added === null) return;
    recordsLeft -= records.length;
    if (recordsLeft < 0) {
      added = null;
      return;
    }
    for (let i = 0; i < records.length; i += 1) {
      const nodes = records[i].addedNodes;
      for (let j = 0; j < nodes.length; j += 1) {
        if (nodes[j].nodeType === 1) added.add(nodes[j]);
      }
    }
    if (added.size > ADDED_MAX) added = null;
  }

  // Walks `top` and its descendants, at most `budget` elements, noting custom elements without a
  // root yet; answers how many were looked at.
  function walk(doc, top, budget) {
    const walker = doc.createTreeWalker(top, NodeFilter.SHOW_ELEMENT);
    let n = 0;
    for (let el = top; el && n < budget; el = walker.nextNode()) {
      const root = shadowRootOf(el);
      if (root) {
        if (knownShadowRoots.size < CAPS.shadowScan) knownShadowRoots.add(root);
      } else if (customHosts.size < CUSTOM_MAX && el.localName.includes('-')) {
        customHosts.add(el);
      }
      n += 1;
    }
    return n;
  }

  // Whether content.js should hand over its tree observer's records (false: they would be dropped).
  const wantsRecords = () => tracking && added !== null;

  function searchShadowRoots(doc) {
    const now = performance.now();
    const sinceFullWalk = now - lastFullWalk;
    const overflowed = added === null;
    if (tracking && overflowed && sinceFullWalk < OVERFLOW_WALK_MS) {
      recheckCustomHosts();
      return; // added nodes are unknown until the whole page is walked again
    }
    const list = overflowed ? null : [...added];
    added = new Set();
    recordsLeft = RECORDS_MAX;
    if (!tracking || list === null || sinceFullWalk >= FULL_WALK_MS) {
      // Roots found before are kept while their host is in the document: the walk is capped, and
      // the root of a focused input may not be found by any walk.
      if (doc.documentElement) walk(doc, doc.documentElement, CAPS.shadowScan);
      lastFullWalk = now;
      tracking = doc.readyState !== 'loading';
      lastAdded = [];
    } else {
      let budget = CAPS.shadowScan;
      for (const el of lastAdded.concat(list)) {
        if (budget <= 0) {
          added.add(el); // the rest at the next search
        } else if (el.isConnected) {
          budget -= walk(doc, el, budget);
        }
      }
      lastAdded = list;
    }
    recheckCustomHosts();
  }

  function recheckCustomHosts() {
    for (const el of customHosts) {
      const root = shadowRootOf(el);
      if (root) knownShadowRoots.add(root);
      if (root || !el.isConnected) customHosts.delete(el);
    }
  }

  // A shadow root met otherwise (an input in it got the focus): answers whether it is new.
  function addShadowRoot(root) {
    if (knownShadowRoots.has(root)) return false;
    knownShadowRoots.add(root);
    return true;
  }

  // The documents to look in: this one, its same-origin frames, and shadow roots.
  function roots(doc, walkShadows) {
    const found = [doc];
    // No child frames (the window's count costs nothing): the tag lists are not walked for them.
    const frames = doc.defaultView?.length === 0 ? []
      : [...doc.getElementsByTagName('iframe'), ...doc.getElementsByTagName('frame')];
    for (const frame of frames.slice(0, CAPS.frames)) {
      try {
        if (frame.contentDocument) found.push(frame.contentDocument);
      } catch {
        // cross-origin: that frame's own content script reports it
      }
    }
    if (walkShadows) searchShadowRoots(doc);
    for (const root of knownShadowRoots) {
      if (root.host.isConnected) found.push(root);
      else knownShadowRoots.delete(root);
    }
    return found;
  }

  // Every input is looked at once (a plain tag query, which the browser answers from its tag
  // lists; a selector list would make it match every element of the page).
  function credentialFields(all, readStyles) {
    const fields = [];
    let looked = 0;
    for (const root of all) {
      // A document's tag list is the same cached collection content.js reads its outline from.
      const inputs = root.getElementsByTagName ? root.getElementsByTagName('input') : root.querySelectorAll('input');
      for (const input of inputs) {
        if (fields.length >= CAPS.fields || (looked += 1) > CAPS.inputs) return fields;
        if (input.matches(FIELD_SELECTOR)) {
          fields.push(input);
        } else if (input.matches(TEXT_INPUT)) {
          // -webkit-text-security, or a label asking for a password, makes a text input a password field.
          if ((readStyles && hidesText(input)) || labelledSecret(input)) fields.push(input);
        }
      }
    }
    return fields;
  }

  // Form builders (Google Forms and the like) cannot make a password input, so kits label a text
  // input "password" instead.
  const SECRET_WORDS = /password|passwd|passcode|パスワード|暗証番号|pin\b/i;

  function labelledSecret(input) {
    const labels = Array.from(input.labels ?? [], (l) => l.textContent).join(' ');
    const nearby = input.closest('[role="listitem"], fieldset, label')?.textContent ?? '';
    const said = `${input.placeholder ?? ''} ${input.getAttribute('aria-label') ?? ''} ${labels} ${nearby.slice(0, 200)}`;
    return SECRET_WORDS.test(said);
  }

  function hidesText(input) {
    const style = input.ownerDocument.defaultView?.getComputedStyle(input);
    const value = style?.getPropertyValue('-webkit-text-security');
    return Boolean(value) && value !== 'none';
  }

  // Text in these is not shown. Checked in the loop, for non-blank text only: a filter would be a
  // call from the browser into this script for every text node.
  const HIDDEN_TEXT_PARENTS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE']);

  function visibleText(doc) {
    const body = doc.body;
    if (!body) return '';
    let text = '';
    const walker = doc.createTreeWalker(body, NodeFilter.SHOW_TEXT);
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
    for (const img of doc.images) add(img.currentSrc || img.src, img.alt || img.title);
    for (const svg of doc.querySelectorAll('svg[aria-label], svg title')) {
      add('', svg.getAttribute?.('aria-label') ?? svg.textContent);
    }
    return list;
  }

  // What the page says besides its text, where a brand's name hides from a text search: accessible
  // names and titles, the labels and placeholders of the credential fields, SVG text, the text of
  // shadow roots holding those fields, and text drawn by CSS (::before, ::after), read once styles
  // are (`readStyles`).
  function labels(doc, all, inputs, readStyles) {
    const list = [];
    const add = (text) => {
      const piece = cut(String(text ?? '').replace(/\s+/g, ' ').trim(), CAPS.short);
      if (piece && list.length < CAPS.labels && !list.includes(piece)) list.push(piece);
    };
    for (const input of inputs) {
      add(input.placeholder);
      add(input.getAttribute('aria-label'));
      for (const label of input.labels ?? []) add(label.textContent);
    }
    const fieldRoots = new Set(inputs.map((input) => input.getRootNode()));
    for (const root of all) {
      // Shadow roots without a field (Miwake's own UI among them) say nothing of the form.
      if (root.nodeType !== Node.DOCUMENT_NODE && !fieldRoots.has(root)) continue;
      for (const el of root.querySelectorAll('[aria-label], [title], svg text')) {
        if (list.length >= CAPS.labels) return list;
        add(el.getAttribute('aria-label') || el.getAttribute('title') || el.textContent);
      }
      // The document's text is the text sample; a shadow root's is not in it.
      if (root.nodeType !== Node.DOCUMENT_NODE) {
        const walker = doc.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node && list.length < CAPS.labels; node = walker.nextNode()) {
          if (!HIDDEN_TEXT_PARENTS.has(node.parentNode?.nodeName)) add(node.nodeValue);
        }
      }
    }
    if (readStyles && doc.body) {
      // The page's first elements (a logo, a heading), then the fields' forms: CAPS.styled elements
      // in all (a style read costs about a microsecond), half of them kept for the forms.
      let budget = CAPS.styled - generatedText(doc, doc.body, add, CAPS.styled / 2);
      for (const form of new Set(inputs.map((input) => input.form).filter(Boolean))) {
        budget -= generatedText(doc, form, add, budget);
      }
    }
    return list;
  }

  // Strings CSS puts into ::before and ::after (`content: "Goo" "gle"`, `content: attr(data-x)`) in
  // `top`'s first `budget` descendants; answers how many were looked at.
  function generatedText(doc, top, add, budget) {
    const view = doc.defaultView;
    if (!view) return 0;
    const walker = doc.createTreeWalker(top, NodeFilter.SHOW_ELEMENT);
    let n = 0;
    for (let el = walker.nextNode(); el && n < budget; el = walker.nextNode(), n += 1) {
      for (const pseudo of ['::before', '::after']) {
        const content = view.getComputedStyle(el, pseudo).getPropertyValue('content');
        if (!content || content === 'none' || content === 'normal') continue;
        const strings = Array.from(content.matchAll(/"((?:[^"\\]|\\.)*)"|attr\(\s*([\w-]+)\s*\)/g),
          (m) => (m[2] ? el.getAttribute(m[2]) ?? '' : m[1].replace(/\\(.)/g, '$1')));
        add(strings.join(''));
      }
    }
    return n;
  }

  // Everything the core reads, with a short signature that changes when the login form does.
  // `walkShadows` looks for new shadow roots too (searchShadowRoots);
  // `readStyles` reads the computed style of text inputs (-webkit-text-security).
  function collect({ doc = document, walkShadows = true, readStyles = true } = {}) {
    const all = roots(doc, walkShadows);
    const inputs = credentialFields(all, readStyles);
    if (inputs.length === 0) return { signals: null, signature: '' };
    const forms = [];
    const formIndex = (form) => {
      if (!form) return null;
      let i = forms.indexOf(form);
      if (i < 0 && forms.length < CAPS.forms) i = forms.push(form) - 1;
      return i < 0 ? null : i;
    };
    const fields = inputs.map((input) => ({
      type: cut(input.type, CAPS.short),
      id: cut(input.id, CAPS.short),
      name: cut(input.name, CAPS.short),
      autocomplete: cut(input.getAttribute('autocomplete'), CAPS.short),
      textSecurity: readStyles && input.type.toLowerCase() !== 'password' && hidesText(input),
      labelledSecret: input.type.toLowerCase() !== 'password' && labelledSecret(input),
      form: formIndex(input.form),
    }));
    const signals = {
      ...brandSigns(doc, all),
      labels: labels(doc, all, inputs, readStyles),
      fields,
      forms: forms.map((form) => ({
        // form.action is the browser's absolute URL ('' never: it falls back to the page URL).
        action: cut(form.getAttribute('action') === null ? '' : form.action, CAPS.url),
        method: cut(form.method, CAPS.short),
        hiddenNames: Array.from(form.querySelectorAll('input[type="hidden" i]'))
          .slice(0, CAPS.hidden).map((i) => cut(i.name, CAPS.short)),
      })),
      scriptEndpoints: globalThis.MiwakeScriptEndpoints?.collect(doc) ?? [],
    };
    const signature = [
      signals.title,
      ...fields.map((f) => `${f.type}#${f.id}.${f.name}@${f.form}${f.textSecurity ? '*' : ''}${f.labelledSecret ? '?' : ''}`),
      ...signals.forms.map((f) => f.action),
      signals.scriptEndpoints.length,
    ].join('|');
    return { signals, signature };
  }

  // What a page shows of whose site it claims to be, in the shape of collect()'s signals with no
  // fields and no forms; ids are read in `all` (the document, its same-origin frames and shadow
  // roots). On its own, for a page without credential fields, the worker asks for it (content.js)
  // when a form in another frame of the tab needs judging: a clone may put the brand in one frame
  // and the form in another. Read on request only, never at load.
  function brandSigns(doc = document, all = [doc]) {
    const ids = [];
    for (const root of all) {
      for (const el of root.querySelectorAll('[id]')) {
        if (ids.length >= CAPS.ids) break;
        ids.push(cut(el.id, CAPS.short));
      }
    }
    return {
      title: cut(doc.title, CAPS.short),
      siteName: cut(doc.querySelector('meta[property="og:site_name" i]')?.content, CAPS.short),
      headings: Array.from(doc.querySelectorAll('h1, h2, [role="heading"]'))
        .slice(0, CAPS.headings).map((h) => cut(h.textContent.replace(/\s+/g, ' ').trim(), CAPS.short)),
      text: visibleText(doc),
      images: images(doc),
      ids,
      fields: [],
      forms: [],
      bodyId: cut(doc.body?.id, CAPS.short),
      bodyClasses: cut(doc.body?.className, CAPS.short),
    };
  }

  Object.defineProperty(globalThis, 'MiwakePageSignals', {
    value: Object.freeze({ collect, brandSigns, noteAdded, wantsRecords, addShadowRoot, CAPS }),
    enumerable: false, writable: false, configurable: false,
  });
})();
