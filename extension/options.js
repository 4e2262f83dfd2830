// The options page: edits "My shops" and the allowlist. Saving writes
// chrome.storage.sync; the service worker rebuilds its Detector and this page
// asks it whether the core accepted the lists.
import './protocol.js';
import { localizePage, t } from './i18n-dom.js';
import { MAX_ENTRIES, parseDomainList, readSettings, writeSettings } from './settings.js';

const { settingsChanged } = globalThis.MiwakeProtocol;

const $ = (id) => document.getElementById(id);
const messageOf = (e) => (e instanceof Error ? e.message : String(e));

function say({ status = '', error = '' }) {
  $('status').textContent = status;
  $('error').textContent = error;
  $('error').hidden = !error;
}

function show({ shops, allowlist }) {
  $('shops').value = shops.join('\n');
  $('allowlist').value = allowlist.join('\n');
}

async function save(event) {
  event.preventDefault();
  say({});
  const shops = parseDomainList($('shops').value);
  const allowlist = parseDomainList($('allowlist').value);
  if (shops.length > MAX_ENTRIES || allowlist.length > MAX_ENTRIES) {
    say({ error: t('listTooLong', [String(MAX_ENTRIES)]) });
    return;
  }
  $('save').disabled = true;
  try {
    await writeSettings({ shops, allowlist });
    show({ shops, allowlist });
  } catch (e) {
    say({ error: t('saveFailed', [messageOf(e)]) });
    return;
  } finally {
    $('save').disabled = false;
  }
  try {
    const reply = await chrome.runtime.sendMessage(settingsChanged());
    if (reply?.ok) say({ status: t('savedStatus') });
    else say({ error: t('saveRejected', [reply?.error ?? '?']) });
  } catch (e) {
    say({ error: t('saveRejected', [messageOf(e)]) });
  }
}

async function main() {
  localizePage();
  $('settings').addEventListener('submit', save);
  try {
    show(await readSettings());
  } catch (e) {
    say({ error: messageOf(e) });
  }
}

main();
