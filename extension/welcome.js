// The welcome page, opened once on install: what the badge and the warning mean, how to pin the
// icon, and the shop owner's one step (her shop's domain, typed, checked like the options page).
// Skippable; the popup and the options page link here.
import { initStrings, localizePage, t } from './i18n-dom.js';
import { readSettings } from './settings.js';
import { addShops } from './shop-entry.js';

const $ = (id) => document.getElementById(id);

async function showShops() {
  const { shops } = await readSettings();
  $('shop-list').replaceChildren(...shops.map((d) => {
    const li = document.createElement('li');
    li.className = 'domain';
    li.dir = 'ltr';
    li.textContent = d;
    return li;
  }));
}

async function main() {
  await initStrings();
  localizePage();
  $('shop-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const { added, lines } = await addShops($('shop-input').value, t);
    $('shop-feedback').textContent = lines.join(' ');
    if (added.length) $('shop-input').value = '';
    await showShops();
  });
  // Skipping is closing: nothing is required here.
  $('close').addEventListener('click', async () => {
    const tab = await chrome.tabs.getCurrent().catch(() => null);
    if (tab?.id !== undefined) chrome.tabs.remove(tab.id).catch(() => window.close());
    else window.close();
  });
  await showShops().catch(() => {});
  for (const control of document.querySelectorAll('[data-until-ready]')) control.disabled = false;
}

main();
