// Strings in the language the user chose. chrome.i18n is the source and the
// default, but it always follows the browser's UI language; when the user
// picks 日本語 or English in the options, the same _locales/<lang>/messages.json
// is read and formatted here the way chrome.i18n.getMessage would.
//
// A classic script like protocol.js: content scripts load it from the
// manifest, modules import it for its side effect. It publishes one frozen
// object on globalThis.MiwakeI18n.
(() => {
  'use strict';

  if (globalThis.MiwakeI18n) return;

  const LANGS = Object.freeze(['en', 'ja']); // the locales Miwake ships, and the core's languages
  const SETTINGS = Object.freeze(['auto', ...LANGS]); // "auto" follows the browser

  // The browser's UI language reduced to one Miwake ships; anything else is
  // English, which is also default_locale, so chrome.i18n agrees.
  const browserLang = () => {
    let ui = '';
    try {
      ui = String(chrome.i18n.getUILanguage() || '');
    } catch {
      // not in an extension context (unit tests)
    }
    return ui.toLowerCase().startsWith('ja') ? 'ja' : 'en';
  };

  // The language to use for a setting ('auto', 'en' or 'ja').
  const resolve = (setting) => (LANGS.includes(setting) ? setting : browserLang());

  // Chrome's rules: $NAME$ in the message names a placeholder (any case), the
  // placeholder's content may hold $1…$9 for the substitutions, and $$ is a
  // dollar sign. One pass, so substituted text is never read again.
  function format(entry, subs) {
    if (!entry || typeof entry.message !== 'string') return '';
    const list = subs === undefined || subs === null ? [] : (Array.isArray(subs) ? subs : [subs]).map(String);
    const placeholders = new Map(
      Object.entries(entry.placeholders ?? {}).map(([name, p]) => [name.toLowerCase(), String(p?.content ?? '')]),
    );
    const fill = (content) => content.replace(/\$\$|\$([1-9])/g, (m, n) => (m === '$$' ? '$' : list[n - 1] ?? ''));
    return entry.message.replace(/\$\$|\$([A-Za-z0-9_@]+)\$/g, (m, name) => {
      if (m === '$$') return '$';
      const content = placeholders.get(name.toLowerCase());
      return content === undefined ? '' : fill(content);
    });
  }

  // A translator: t(key, subs). With a messages table (a parsed
  // messages.json) it formats from the table; without one it is
  // chrome.i18n.getMessage.
  function translator(messages) {
    if (messages && typeof messages === 'object') {
      return (key, subs) => format(messages[key], subs);
    }
    return (key, subs) => chrome.i18n.getMessage(key, subs);
  }

  // Reads one of the extension's own locale files. Extension pages and the
  // service worker only: it is a chrome-extension:// read, never the network.
  const cache = new Map();
  function loadMessages(lang) {
    if (!LANGS.includes(lang)) return Promise.reject(new Error(`no locale ${lang}`));
    if (!cache.has(lang)) {
      const url = chrome.runtime.getURL(`_locales/${lang}/messages.json`);
      const loading = fetch(url).then((r) => {
        if (!r.ok) throw new Error(`${url}: ${r.status}`);
        return r.json();
      });
      loading.catch(() => cache.delete(lang));
      cache.set(lang, loading);
    }
    return cache.get(lang);
  }

  // For a setting: { lang, t }. "auto" uses chrome.i18n itself.
  async function forSetting(setting) {
    const lang = resolve(setting);
    if (!LANGS.includes(setting)) return { lang, t: translator(null) };
    return { lang, t: translator(await loadMessages(lang)) };
  }

  // Splits a formatted message around its substitutions so callers can wrap
  // them (a domain in <strong>, say) without putting markup in the locale
  // files. Answers [{ text } | { sub: index }] in reading order.
  function parts(t, key, subs) {
    const marks = subs.map((_, i) => `\u0001${i}\u0002`);
    const text = t(key, marks);
    const out = [];
    let last = 0;
    for (const m of text.matchAll(/\u0001(\d+)\u0002/g)) {
      if (m.index > last) out.push({ text: text.slice(last, m.index) });
      out.push({ sub: Number(m[1]) });
      last = m.index + m[0].length;
    }
    if (last < text.length) out.push({ text: text.slice(last) });
    return out;
  }

  Object.defineProperty(globalThis, 'MiwakeI18n', {
    value: Object.freeze({ LANGS, SETTINGS, browserLang, resolve, format, translator, loadMessages, forSetting, parts }),
    enumerable: false, writable: false, configurable: false,
  });
})();
