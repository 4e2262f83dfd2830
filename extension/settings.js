// The user's settings in chrome.storage.sync: one place that knows their
// shape, their defaults and how a typed list becomes a list of domains.

export const SCHEMA = 1;
export const MAX_ENTRIES = 100; // keeps each list well under sync's 8 KB per item

const DEFAULTS = Object.freeze({ schema: SCHEMA, shops: [], allowlist: [] });

const stringList = (x) =>
  Array.isArray(x) ? x.filter((s) => typeof s === 'string' && s.length > 0 && s.length <= 253) : [];

// Defaults are merged on read, so a fresh install and a damaged entry both
// come back in the current shape.
export async function readSettings() {
  const raw = await chrome.storage.sync.get(DEFAULTS);
  return {
    schema: SCHEMA,
    shops: stringList(raw.shops).slice(0, MAX_ENTRIES),
    allowlist: stringList(raw.allowlist).slice(0, MAX_ENTRIES),
  };
}

export async function writeSettings({ shops, allowlist }) {
  await chrome.storage.sync.set({ schema: SCHEMA, shops, allowlist });
}

// Which storage changes mean the detector must be rebuilt.
export const SETTINGS_KEYS = Object.freeze(Object.keys(DEFAULTS));

// "https://MyShop.co.jp/admin/" and "myshop.co.jp" mean the same shop: keep
// the host, lower-cased, once. Whether it is a valid domain is the core's
// call, not ours.
export function parseDomainList(text) {
  const seen = new Set();
  for (const line of String(text).split(/\r?\n/)) {
    const host = toHost(line.trim());
    if (host) seen.add(host);
  }
  return [...seen];
}

function toHost(entry) {
  if (!entry || entry.startsWith('#')) return '';
  let host = entry;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(entry)) {
    try { host = new URL(entry).hostname; } catch { return entry.toLowerCase(); }
  } else {
    host = entry.split(/[/?#]/, 1)[0];
  }
  return host.toLowerCase().replace(/\.$/, '');
}
