// Which language the core should write its reason messages in. The core
// knows English and Japanese; every other UI language gets English, which is
// also the extension's default_locale, so core text and page text agree.
export function uiLang() {
  const ui = String(chrome.i18n.getUILanguage() || '').toLowerCase();
  return ui.startsWith('ja') ? 'ja' : 'en';
}
