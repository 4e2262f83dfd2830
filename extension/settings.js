// The user's settings in chrome.storage.sync, and an organisation's presets in
// chrome.storage.managed: one place that knows their shape, their defaults,
// their versions and how a typed entry becomes a domain.
//
// Stored in sync, one item per key (each item stays under sync's 8 KB):
//   schema     2
//   shops      ["myshop.co.jp", …]          the user's EC-CUBE shops
//   allowlist  ["example.org", …]           sites never warned about ("Trust this site")
//   continued  [{ domain, at }, …]          flagged sites where the user chose "continue":
//                                           no blocking dialog there, the badge still warns
//   lang       "auto" | "en" | "ja"         "auto" follows the browser
//   linkHover  true | false                 check links on hover
// Managed (set by an organisation's policy, read-only here): shops, allowlist.
//
// No top-level use of `chrome`: the pure parts are unit-tested under Node.

export const SCHEMA = 2;
export const MAX_ENTRIES = 100; // per list: keeps each item well under sync's 8 KB
export const LANG_SETTINGS = Object.freeze(['auto', 'ja', 'en']);

const DEFAULTS = Object.freeze({
  schema: SCHEMA, shops: [], allowlist: [], continued: [], lang: 'auto', linkHover: true,
});
const FIELDS = Object.freeze(Object.keys(DEFAULTS));

// Which storage keys mean the detector must be rebuilt, and which mean open
// tabs must be judged again (their reasons are written in the language).
export const SETTINGS_KEYS = Object.freeze(['schema', 'shops', 'allowlist']);
export const REJUDGE_KEYS = Object.freeze([...SETTINGS_KEYS, 'lang']);

const MAX_DOMAIN = 253;

const isObject = (x) => typeof x === 'object' && x !== null && !Array.isArray(x);
const uniq = (list) => [...new Set(list)];

const domainList = (x) => uniq(
  (Array.isArray(x) ? x : [])
    .filter((s) => typeof s === 'string')
    .map((s) => s.trim().toLowerCase())
    .filter((s) => s.length > 0 && s.length <= MAX_DOMAIN),
).slice(0, MAX_ENTRIES);

const decisionList = (x) => {
  const seen = new Set();
  const out = [];
  for (const d of Array.isArray(x) ? x : []) {
    // Schema 2 writes objects; a bare string is accepted for hand-written imports.
    const entry = typeof d === 'string' ? { domain: d, at: 0 } : d;
    if (!isObject(entry) || typeof entry.domain !== 'string') continue;
    const domain = entry.domain.trim().toLowerCase();
    if (!domain || domain.length > MAX_DOMAIN || seen.has(domain)) continue;
    seen.add(domain);
    out.push({ domain, at: Number.isSafeInteger(entry.at) && entry.at >= 0 ? entry.at : 0 });
  }
  return out.slice(0, MAX_ENTRIES);
};

// Any stored or imported object, of any schema, in the current shape.
// Answers { settings, changed }: changed is true when writing `settings` back
// would alter storage (an older schema, or damaged values). A schema newer
// than this code knows is read as far as it can be and never written back.
export function migrate(raw) {
  const from = isObject(raw) && Number.isSafeInteger(raw.schema) ? raw.schema : (isObject(raw) && (raw.shops || raw.allowlist) ? 1 : 0);
  const input = isObject(raw) ? raw : {};
  // Schema 1 (and the unversioned 0): { shops, allowlist } only. Schema 2
  // added continued, lang and linkHover; their defaults are the old behaviour.
  const settings = {
    schema: SCHEMA,
    shops: domainList(input.shops),
    allowlist: domainList(input.allowlist),
    continued: from >= 2 ? decisionList(input.continued) : [],
    lang: from >= 2 && LANG_SETTINGS.includes(input.lang) ? input.lang : 'auto',
    linkHover: from >= 2 && typeof input.linkHover === 'boolean' ? input.linkHover : true,
  };
  if (from > SCHEMA) return { settings, changed: false, newer: true };
  const changed = FIELDS.some((k) => JSON.stringify(input[k]) !== JSON.stringify(settings[k]));
  return { settings, changed, newer: false };
}

// What an organisation set through policy (chrome.storage.managed, see
// managed-schema.json). Missing or malformed policy is no policy.
export function managedFrom(raw) {
  const input = isObject(raw) ? raw : {};
  return { shops: domainList(input.shops), allowlist: domainList(input.allowlist) };
}

// The lists the detector uses: the organisation's entries first, then the
// user's own.
export function combine(user, managed) {
  return {
    ...user,
    shops: uniq([...managed.shops, ...user.shops]),
    allowlist: uniq([...managed.allowlist, ...user.allowlist]),
    managed,
  };
}

export async function readSettings() {
  const raw = await chrome.storage.sync.get(FIELDS);
  return migrate(raw).settings;
}

// Chrome answers chrome.storage.managed only once it has loaded policy: about 3 s after the
// browser starts (measured with Debian's chromium), while the pages it opens already wait for
// verdicts. Each answer is kept in storage.local, so that a worker can start from the copy.
const KEPT_POLICY = 'managedPolicy';
// How long a reader waits for Chrome before taking the kept copy; once policy is loaded, Chrome
// answers in 4-16 ms (measured in a woken worker).
export const POLICY_WAIT_MS = 25;

export async function readManaged() {
  let raw;
  try {
    raw = await chrome.storage.managed.get(null);
  } catch {
    raw = null; // no managed storage on this platform or build
  }
  const managed = managedFrom(raw);
  keepPolicy(managed).catch(() => {});
  return managed;
}

async function keepPolicy(managed) {
  const { [KEPT_POLICY]: kept } = await chrome.storage.local.get(KEPT_POLICY);
  if (!samePolicy(managedFrom(kept), managed)) await chrome.storage.local.set({ [KEPT_POLICY]: managed });
}

// The policy as last read (none before the first read).
export async function keptManaged() {
  try {
    return managedFrom((await chrome.storage.local.get(KEPT_POLICY))[KEPT_POLICY]);
  } catch {
    return managedFrom(null);
  }
}

export const samePolicy = (a, b) => JSON.stringify(managedFrom(a)) === JSON.stringify(managedFrom(b));

// `live` if it settles within `waitMs`, else `kept()`: what a first verdict may be built on
// without waiting for Chrome to load policy.
export function policyWithin(live, kept, waitMs) {
  let timer;
  const late = new Promise((resolve) => {
    timer = setTimeout(resolve, waitMs);
  }).then(kept);
  return Promise.race([live.finally(() => clearTimeout(timer)), late]);
}

// The user's settings with the organisation's entries added: what the
// detector is built from. `managed` says which entries the user cannot remove.
export async function effectiveSettings(managed = readManaged()) {
  const [user, policy] = await Promise.all([readSettings(), managed]);
  return combine(user, policy);
}

// Every write of the user's settings goes through `serialised`, so that no change is lost to
// another made at the same moment (two quick clicks, the popup's "trust" while a warning's
// "continue" is being saved):
// - one promise chain per context (page or worker): a write starts once the previous one made
//   here has finished, and reads what that one wrote;
// - inside it, the Web Lock SETTINGS_LOCK, which the options page, the popup and the service
//   worker share (locks are per origin, and they are all the extension's): a write made in
//   another context cannot fall between this one's read and its write either.
// Re-reading just before writing would only narrow that gap; the lock closes it. Not routed
// through the worker instead: a change is a function, which a message cannot carry, and every
// kind of change would need a message of its own. Where there are no Web Locks (the unit tests
// under Node) the chain alone orders the writes.
// A `change` must not itself write settings: it would wait for its own turn.
export const SETTINGS_LOCK = 'miwake-settings';
let lastWrite = Promise.resolve();

function serialised(write) {
  const locked = () => (globalThis.navigator?.locks ? navigator.locks.request(SETTINGS_LOCK, write) : write());
  const result = lastWrite.then(locked);
  lastWrite = result.catch(() => {}); // a failed write does not stop the ones after it
  return result;
}

export function writeSettings(settings) {
  return serialised(async () => {
    const { settings: clean } = migrate({ ...settings, schema: SCHEMA });
    await chrome.storage.sync.set(clean);
    return clean;
  });
}

// Read, change, write, in turn with every other write (see serialised). `change` gets a copy
// and returns the new settings (or a promise of them). Only the items that changed are
// written, so a change to another item synced from another device meanwhile (no lock reaches
// there) is kept; settings stored by an older version are written whole, in the current shape.
export function updateSettings(change) {
  return serialised(async () => {
    const { settings: current, changed: stale } = migrate(await chrome.storage.sync.get(FIELDS));
    const { settings: next } = migrate({ ...(await change(structuredClone(current))), schema: SCHEMA });
    const changed = stale ? next : Object.fromEntries(
      FIELDS.filter((k) => JSON.stringify(current[k]) !== JSON.stringify(next[k])).map((k) => [k, next[k]]),
    );
    if (Object.keys(changed).length) await chrome.storage.sync.set({ ...changed, schema: SCHEMA });
    return next;
  });
}

// Brings storage written by an older version up to date (on install and
// update). A newer schema is left alone.
export function migrateStored() {
  return serialised(async () => {
    const raw = await chrome.storage.sync.get(null);
    const { settings, changed } = migrate(raw);
    if (changed) await chrome.storage.sync.set(settings);
    return settings;
  });
}

// --- per-site decisions

export const hasContinued = (settings, domain) => Boolean(domain) && settings.continued.some((d) => d.domain === domain);

export function withContinued(settings, domain, at = Date.now()) {
  if (!domain || hasContinued(settings, domain)) return settings;
  return { ...settings, continued: [...settings.continued, { domain, at }].slice(-MAX_ENTRIES) };
}

export const withoutContinued = (settings, domain) => ({
  ...settings, continued: settings.continued.filter((d) => d.domain !== domain),
});

export const withListEntry = (settings, list, domain) => (
  settings[list].includes(domain) ? settings : { ...settings, [list]: [...settings[list], domain] }
);

export const withoutListEntry = (settings, list, domain) => ({
  ...settings, [list]: settings[list].filter((d) => d !== domain),
});

// --- export and import

export const EXPORT_FORMAT = 'miwake-settings';

export function exportDocument(settings, now = new Date()) {
  const { settings: clean } = migrate(settings);
  return { format: EXPORT_FORMAT, exported: now.toISOString(), ...clean };
}

// A parsed export file in, settings out; throws an Error whose message is a
// short code for the options page to put in words.
export function importDocument(doc) {
  if (!isObject(doc) || doc.format !== EXPORT_FORMAT) throw new Error('not-miwake');
  if (Number.isSafeInteger(doc.schema) && doc.schema > SCHEMA) throw new Error('newer');
  const { format, exported, ...rest } = doc;
  return migrate({ schema: 1, ...rest }).settings;
}

// --- typed entries

// Several entries typed or pasted at once: one per line, or separated by
// commas (a space inside an entry is the entry's problem, reported as such).
// Each is kept as typed, in NFKC (full-width ／ and ： become / and :); what
// it means as a domain ("https://MyShop.co.jp/admin/" is myshop.co.jp) is
// the core's call: normaliseDomain, through the normalize-domains message.
// Lines starting with # are comments.
export function parseDomainList(text) {
  const seen = new Set();
  for (const piece of String(text ?? '').split(/[\r\n,、，;]+/)) {
    const entry = piece.trim().normalize('NFKC');
    if (entry && !entry.startsWith('#')) seen.add(entry);
  }
  return [...seen];
}
