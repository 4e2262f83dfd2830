// The addresses a page's scripts name: phishing kits send what is typed by script (fetch, XHR, a
// beacon) to a collection service (a Telegram bot, a Discord webhook, a form-to-mail
// service) rather than through a form's action. page-signals.js sends these with the page's
// signals; the core knows which services collect credentials (brands.json) and judges them.
// Classic script, listed before page-signals.js; publishes globalThis.MiwakeScriptEndpoints in the
// extension's isolated world.
//
// Read: inline scripts' text (the usual kit) and script sources. Undone on the way: string
// concatenation of literals ('api.tele' + 'gram.org'), \x and \u escapes, and base64 literals (the
// usual light obfuscation). An address computed at run time or fetched later is not seen; see
// README for what blocks requests to the commonest services whatever the script does.
(() => {
  'use strict';

  if (globalThis.MiwakeScriptEndpoints) return;

  const CAPS = Object.freeze({ endpoints: 128, scriptText: 100_000, totalText: 400_000, base64: 64, url: 1024 });
  const URL_PATTERN = /(?:https?:)?\/\/[a-z0-9-]+(?:\.[a-z0-9-]+)+(?::\d{1,5})?(?:\/[^\s"'`<>\\)]*)?/gi;
  // A host written without a scheme, as a string literal ('api.telegram.org'), then joined to one.
  const HOST_LITERAL = /["'`]([a-z0-9-]+(?:\.[a-z0-9-]+)+(?:\/[^\s"'`<>\\]*)?)["'`]/gi;
  const JOINED_LITERALS = /(["'`])\s*\+\s*\1/g;
  const ESCAPE = /\\x([0-9a-f]{2})|\\u([0-9a-f]{4})|\\u\{([0-9a-f]{1,6})\}/gi;
  const BASE64_LITERAL = /["'`]([A-Za-z0-9+/]{16,}={0,2})["'`]/g;
  const TLD = /\.[a-z]{2,}(?:[:/]|$)/i;

  const seenScripts = new WeakMap(); // script element -> the addresses its text named

  function unescapeText(text) {
    return text.replace(ESCAPE, (all, x, u, braced) => {
      const code = parseInt(x ?? u ?? braced, 16);
      return code <= 0x10ffff ? String.fromCodePoint(code) : all;
    });
  }

  function addressesIn(text, base, out) {
    for (const match of text.matchAll(URL_PATTERN)) out.push(absolute(match[0], base));
    for (const match of text.matchAll(HOST_LITERAL)) {
      if (TLD.test(match[1])) out.push(absolute(`//${match[1]}`, base));
    }
  }

  function decodedBase64(text) {
    const decoded = [];
    for (const match of text.matchAll(BASE64_LITERAL)) {
      if (decoded.length >= CAPS.base64) break;
      try {
        const plain = atob(match[1]);
        if (/^[\x20-\x7e]+$/.test(plain)) decoded.push(plain);
      } catch {
        // not base64 after all
      }
    }
    return decoded;
  }

  function absolute(address, base) {
    try {
      return new URL(address, base).href.slice(0, CAPS.url);
    } catch {
      return '';
    }
  }

  function fromScriptText(script, base) {
    const cached = seenScripts.get(script);
    if (cached) return cached;
    const text = unescapeText(script.text.slice(0, CAPS.scriptText)).replace(JOINED_LITERALS, '');
    const found = [];
    addressesIn(text, base, found);
    for (const plain of decodedBase64(text)) addressesIn(plain, base, found);
    seenScripts.set(script, found);
    return found;
  }

  // One address per host and first two path segments (discord.com/api/webhooks), in page order.
  function collect(doc = document) {
    const base = doc.baseURI;
    const kept = new Map();
    let textLeft = CAPS.totalText;
    const keep = (address) => {
      if (!address || kept.size >= CAPS.endpoints) return;
      let key;
      try {
        const url = new URL(address);
        if (url.protocol !== 'https:' && url.protocol !== 'http:') return;
        key = `${url.host}/${url.pathname.split('/').slice(1, 3).join('/')}`;
      } catch {
        return;
      }
      if (!kept.has(key)) kept.set(key, address);
    };
    for (const script of doc.scripts) {
      if (script.src) {
        keep(script.src.slice(0, CAPS.url));
      } else if (textLeft > 0) {
        textLeft -= Math.min(script.text.length, CAPS.scriptText);
        for (const address of fromScriptText(script, base)) keep(address);
      }
    }
    return [...kept.values()];
  }

  Object.defineProperty(globalThis, 'MiwakeScriptEndpoints', {
    value: Object.freeze({ collect }),
    enumerable: false, writable: false, configurable: false,
  });
})();
