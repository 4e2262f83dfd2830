// Which language the core writes its reason messages in, and the extension
// its own words: the user's choice in the options (日本語 / English), or the
// browser's UI language when they left it on "browser default". The core
// knows English and Japanese; every other UI language gets English, which is
// also the extension's default_locale, so core text and page text agree.
import './i18n.js';
import { readSettings } from './settings.js';

const { browserLang, resolve } = globalThis.MiwakeI18n;

// The browser's own language, whatever the setting says.
export const uiLang = browserLang;

let setting = null; // the stored lang setting, read once per change

// Resolves to { setting, lang }: setting is 'auto', 'en' or 'ja'; lang is 'en' or 'ja'.
export async function userLang() {
  if (setting === null) setting = readSettings().then((s) => s.lang, () => 'auto');
  const value = await setting;
  return { setting: value, lang: resolve(value) };
}

// The settings changed: read the language again next time.
export function forgetLang() {
  setting = null;
}
