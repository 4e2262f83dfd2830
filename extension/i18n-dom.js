// Fills an extension page's static text from _locales, in the language the
// user chose. Markup names the key in data-i18n so the HTML holds no
// user-visible words of its own. Call `await initStrings()` before `t`.
import './i18n.js';
import { readSettings } from './settings.js';

const I18n = globalThis.MiwakeI18n;

let current = { lang: I18n.browserLang(), t: I18n.translator(null) };

// (Re)reads the language setting; answers the language now in use.
export async function initStrings() {
  let setting = 'auto';
  try {
    setting = (await readSettings()).lang;
  } catch {
    // storage unreadable: the browser's language
  }
  try {
    current = await I18n.forSetting(setting);
  } catch {
    current = { lang: I18n.browserLang(), t: I18n.translator(null) };
  }
  return current.lang;
}

export const t = (key, subs) => current.t(key, subs);
export const pageLang = () => current.lang;

// Text with some substitutions wrapped: wrap(index, value) returns a node.
export function rich(key, subs, wrap) {
  return I18n.parts(current.t, key, subs).map((p) => ('sub' in p ? wrap(p.sub, subs[p.sub]) : document.createTextNode(p.text)));
}

export function localizePage(doc = document) {
  doc.documentElement.lang = current.lang;
  for (const el of doc.querySelectorAll('[data-i18n]')) {
    el.textContent = t(el.dataset.i18n);
  }
  for (const el of doc.querySelectorAll('[data-i18n-placeholder]')) {
    el.setAttribute('placeholder', t(el.dataset.i18nPlaceholder));
  }
  for (const el of doc.querySelectorAll('[data-i18n-label]')) {
    el.setAttribute('aria-label', t(el.dataset.i18nLabel));
  }
}
