// The options page: my shops, trusted sites, the per-site "continue"
// decisions, language, link hover checks, export and import. Every change is
// saved at once to chrome.storage.sync; the service worker rebuilds its
// Detector and this page asks it whether the core accepted the lists.
// Entries an organisation set through policy (chrome.storage.managed) are
// shown, marked, and cannot be removed here.
import './protocol.js';
import { initStrings, localizePage, pageLang, t } from './i18n-dom.js';
import {
  MAX_ENTRIES, POLICY_WAIT_MS, exportDocument, importDocument, keptManaged, parseDomainList, policyWithin, readManaged,
  readSettings, samePolicy, updateSettings,
  withListEntry, withoutContinued, withoutListEntry, writeSettings,
} from './settings.js';

const { normalizeDomains, settingsChanged } = globalThis.MiwakeProtocol;

const $ = (id) => document.getElementById(id);
const messageOf = (e) => (e instanceof Error ? e.message : String(e));

let view = { settings: null, managed: { shops: [], allowlist: [] } };

function node(tag, props = {}, children = []) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'text') el.textContent = v;
    else el.setAttribute(k, v);
  }
  el.append(...children);
  return el;
}

function say({ status = '', error = '' }) {
  $('status').textContent = status;
  $('error').textContent = error;
  $('error').hidden = !error;
}

function feedback(list, lines) {
  const box = $(`${list}-feedback`);
  box.replaceChildren(...lines.map((l) => node('span', { class: l.kind, text: l.text })));
  box.hidden = lines.length === 0;
}

// ------------------------------------------------------------------ render

const LISTS = ['shops', 'allowlist'];

// Redraws a list without dropping the focus to the body: a button that had it keeps it, and when
// its entry is gone (just removed), the button now in its place, the one before, or `fallback`.
function redraw(ul, items, fallback) {
  const active = document.activeElement;
  const buttons = () => [...ul.querySelectorAll('button')];
  const index = ul.contains(active) ? buttons().indexOf(active) : -1;
  ul.replaceChildren(...items);
  if (index < 0) return;
  const now = buttons();
  (now.find((b) => b.dataset.domain === active.dataset.domain) ?? now[index] ?? now[index - 1] ?? fallback)?.focus();
}

function renderList(list) {
  const managed = view.managed[list];
  const own = view.settings[list].filter((d) => !managed.includes(d));
  const items = [
    ...managed.map((domain) => node('li', { 'data-domain': domain, 'data-managed': 'true' }, [
      node('span', { class: 'domain', dir: 'ltr', text: domain }),
      node('span', { class: 'tag', text: t('managedTag') }),
    ])),
    ...own.map((domain) => node('li', { 'data-domain': domain }, [
      node('span', { class: 'domain', dir: 'ltr', text: domain }),
      node('button', {
        type: 'button', class: 'remove', 'data-list': list, 'data-domain': domain,
        'aria-label': t('removeLabel', [domain]), text: t('removeButton'),
      }),
    ])),
  ];
  redraw($(`${list}-list`), items.length ? items : [node('li', { class: 'empty', text: t('emptyList') })], $(`${list}-input`));
}

function renderDecisions() {
  const dates = new Intl.DateTimeFormat(pageLang(), { dateStyle: 'medium' });
  const items = view.settings.continued.map(({ domain, at }) => node('li', { 'data-domain': domain }, [
    node('span', { class: 'domain', dir: 'ltr', text: domain }),
    at ? node('span', { class: 'when', text: t('decisionSince', [dates.format(at)]) }) : '',
    node('button', {
      type: 'button', class: 'revoke', 'data-domain': domain,
      'aria-label': t('revokeLabel', [domain]), text: t('revokeButton'),
    }),
  ]));
  redraw($('continued-list'), items.length ? items : [node('li', { class: 'empty', text: t('emptyDecisions') })], $('lang'));
}

function render() {
  for (const list of LISTS) renderList(list);
  renderDecisions();
  $('lang').value = view.settings.lang;
  $('lang-auto').textContent = t('langAuto', [t(globalThis.MiwakeI18n.browserLang() === 'ja' ? 'langJa' : 'langEn')]);
  $('link-hover').checked = view.settings.linkHover;
}

// Chrome answers for policy only seconds after the browser starts: the entries it sets are shown
// from the copy kept at the last read until then.
async function reload() {
  const live = readManaged();
  const [settings, managed] = await Promise.all([readSettings(), policyWithin(live, keptManaged, POLICY_WAIT_MS)]);
  view = { settings, managed };
  render();
  const actual = await live;
  if (view.settings === settings && !samePolicy(actual, managed)) {
    view.managed = actual;
    render();
  }
}

// ------------------------------------------------------------------ saving

// Saves a change; then the worker says whether the core accepts the lists.
async function save(change, { rebuilds = true } = {}) {
  say({});
  try {
    view.settings = await updateSettings(change);
  } catch (e) {
    say({ error: t('saveFailed', [messageOf(e)]) });
    return false;
  }
  render();
  if (rebuilds) {
    try {
      const reply = await chrome.runtime.sendMessage(settingsChanged());
      if (!reply?.ok) {
        say({ error: t('saveRejected', [reply?.error ?? '?']) });
        return false;
      }
    } catch (e) {
      say({ error: t('saveRejected', [messageOf(e)]) });
      return false;
    }
  }
  say({ status: t('savedStatus') });
  return true;
}

// The worker's word on typed entries: { input, domain, error } each.
async function normalize(entries) {
  if (entries.length === 0) return [];
  const reply = await chrome.runtime.sendMessage(normalizeDomains(entries));
  if (!reply?.ok) throw new Error(reply?.error ?? 'no answer');
  return reply.results;
}

const PROBLEM = {
  invalid: (input) => t('domainInvalid', [input]),
  ip: (input) => t('domainIp', [input]),
  suffix: (input) => t('domainSuffix', [input]),
};

async function add(list, event) {
  event.preventDefault();
  const input = $(`${list}-input`);
  const entries = parseDomainList(input.value);
  if (entries.length === 0) return;
  let results;
  try {
    results = await normalize(entries);
  } catch (e) {
    say({ error: t('saveRejected', [messageOf(e)]) });
    return;
  }
  // A shop that imitates a registered shop (or a brand) is refused with the reason.
  const refused = (r) => list === 'shops' && Boolean(r.imitates);
  const good = results.filter((r) => r.domain && !refused(r));
  const bad = results.filter((r) => !r.domain || refused(r));
  const lines = [
    ...bad.map((r) => ({
      kind: 'bad',
      text: refused(r) ? t('shopRefused', [r.domain, r.imitates]) : (PROBLEM[r.error] ?? PROBLEM.invalid)(r.input),
    })),
    ...good.filter((r) => r.domain !== r.input).map((r) => ({ kind: 'note', text: t('domainNormalised', [r.domain, r.input]) })),
  ];
  const room = MAX_ENTRIES - view.settings[list].length;
  const fresh = [...new Set(good.map((r) => r.domain))].filter((d) => !view.settings[list].includes(d));
  if (fresh.length > room) {
    feedback(list, [{ kind: 'bad', text: t('listTooLong', [String(MAX_ENTRIES)]) }]);
    return;
  }
  feedback(list, lines);
  input.value = bad.map((r) => r.input).join(', '); // what is left to fix
  if (fresh.length) await save((s) => fresh.reduce((acc, d) => withListEntry(acc, list, d), s));
}

// ----------------------------------------------------------- export, import

function exportFile() {
  const doc = exportDocument(view.settings);
  const blob = new Blob([`${JSON.stringify(doc, null, 2)}\n`], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = node('a', { href: url, download: `miwake-settings-${doc.exported.slice(0, 10)}.json` });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  say({ status: t('exportDone') });
}

async function importFile(file) {
  say({});
  let imported;
  try {
    imported = importDocument(JSON.parse(await file.text()));
  } catch (e) {
    const code = e instanceof SyntaxError ? 'unreadable' : e.message;
    say({ error: { 'not-miwake': t('importNotMiwake'), newer: t('importNewer') }[code] ?? t('importUnreadable') });
    return;
  }
  // Imported lists pass the same check as typed entries: a shop that imitates a registered shop
  // or a brand is dropped, as it is refused when typed.
  let dropped = 0;
  try {
    for (const list of LISTS) {
      const results = await normalize(imported[list]);
      const kept = results.filter((r) => r.domain && !(list === 'shops' && r.imitates));
      dropped += results.length - kept.length;
      imported[list] = [...new Set(kept.map((r) => r.domain))];
    }
    view.settings = await writeSettings(imported);
    const reply = await chrome.runtime.sendMessage(settingsChanged());
    if (!reply?.ok) throw new Error(reply?.error ?? '?');
  } catch (e) {
    say({ error: t('saveRejected', [messageOf(e)]) });
    return;
  }
  await initStrings();
  localizePage();
  render();
  const counts = [imported.shops.length, imported.allowlist.length, imported.continued.length].map(String);
  say({ status: dropped ? `${t('importDone', counts)} ${t('importDropped', [String(dropped)])}` : t('importDone', counts) });
}

// ------------------------------------------------------------------- wiring

function wire() {
  for (const list of LISTS) {
    $(`${list}-add`).addEventListener('submit', (event) => add(list, event));
    // A pasted list keeps its entries apart (a one-line field would join the lines).
    $(`${list}-input`).addEventListener('paste', (event) => {
      const text = event.clipboardData?.getData('text/plain') ?? '';
      if (!/[\r\n]/.test(text)) return;
      event.preventDefault();
      document.execCommand('insertText', false, text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean).join(', '));
    });
    $(`${list}-list`).addEventListener('click', (event) => {
      const button = event.target.closest('button.remove');
      if (button) save((s) => withoutListEntry(s, list, button.dataset.domain));
    });
  }
  $('continued-list').addEventListener('click', (event) => {
    const button = event.target.closest('button.revoke');
    if (button) save((s) => withoutContinued(s, button.dataset.domain), { rebuilds: false });
  });
  $('lang').addEventListener('change', async () => {
    const lang = $('lang').value;
    if (await save((s) => ({ ...s, lang }), { rebuilds: false })) {
      await initStrings();
      localizePage();
      render();
      say({ status: t('savedStatus') });
    }
  });
  $('link-hover').addEventListener('change', () => {
    const linkHover = $('link-hover').checked;
    save((s) => ({ ...s, linkHover }), { rebuilds: false });
  });
  $('export').addEventListener('click', exportFile);
  $('import').addEventListener('click', () => $('import-file').click());
  $('import-file').addEventListener('change', async () => {
    const [file] = $('import-file').files;
    $('import-file').value = '';
    if (file) await importFile(file);
  });
  // Changes made elsewhere (the popup's "trust", a warning's "continue", another device).
  chrome.storage.onChanged.addListener((changes, area) => {
    if (area !== 'sync' && area !== 'managed') return;
    const words = 'lang' in changes ? initStrings().then(() => localizePage()) : Promise.resolve();
    words.then(reload).catch(() => {});
  });
}

// The controls come disabled (options.html) until their listeners are wired and the settings
// shown: an entry added before that would submit the form to nowhere and be lost.
async function main() {
  await initStrings();
  localizePage();
  wire();
  try {
    await reload();
  } catch (e) {
    say({ error: messageOf(e) });
  }
  for (const control of document.querySelectorAll('[data-until-ready]')) control.disabled = false;
}

main();
