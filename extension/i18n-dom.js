// Fills an extension page's static text from _locales. Markup names the key
// in data-i18n so the HTML holds no user-visible words of its own.
import { uiLang } from './lang.js';

export const t = (key, subs) => chrome.i18n.getMessage(key, subs);

export function localizePage(doc = document) {
  doc.documentElement.lang = uiLang();
  for (const el of doc.querySelectorAll('[data-i18n]')) {
    el.textContent = t(el.dataset.i18n);
  }
}
