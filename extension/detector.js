// Owns the wasm core inside the service worker: loads it once, builds the
// Detector from the user's settings, rebuilds it when they change, and judges
// URLs with whichever Detector is current.
import init, { Detector, normaliseDomain } from './wasm/miwake.js';
import {
  POLICY_WAIT_MS, effectiveSettings, keptManaged, policyWithin, readManaged, samePolicy,
} from './settings.js';

// The wasm core, fetched and compiled once when the worker starts; everyone
// who needs it awaits this promise. No top-level await: a module worker that
// awaits at top level has not registered its listeners yet when Chrome
// delivers the event that woke it.
// The file is named from here: the glue's default (next to the glue) is wrong once the worker
// is packed into one file (scripts/pack-extension.mjs).
const ready = init({ module_or_path: new URL('./wasm/miwake_bg.wasm', import.meta.url) });

let current = null; // { detector, error, id } — error is null when the settings were fully accepted

// Chrome answers chrome.storage.managed only once it has loaded policy, seconds after the browser
// starts, while the pages it opens wait for verdicts. A build waits for it at most POLICY_WAIT_MS,
// then uses the policy kept at the last read; if Chrome's answer turns out different, the Detector
// is built again and `onPolicyCorrected`'s listener told (the verdicts given meanwhile may be stale).
let policyCorrected = () => {};
export function onPolicyCorrected(listener) {
  policyCorrected = listener;
}

function readEffective() {
  const live = readManaged();
  const policy = policyWithin(live, keptManaged, POLICY_WAIT_MS);
  const settings = effectiveSettings(policy);
  settings.catch(() => {}); // a failure is reported by the build that awaits it
  return { settings, policy, live };
}

// The first build's settings are read while the wasm compiles, not after.
let firstSettings = readEffective();

// Builds run one after another so the last settings written always win.
let chain = build();

export function rebuild() {
  chain = chain.catch(() => {}).then(build);
  return chain;
}

// Resolves to the report object for one URL.
// A failed rebuild leaves the previous Detector in place; only a core that
// never loaded makes this throw.
export async function check(url, lang) {
  await chain.catch(() => {});
  if (!current) await chain; // rethrows why the core is missing
  return current.detector.check(url, lang);
}

// What the core reads as signals sent but unreadable: anything but an object.
const UNREADABLE_SIGNALS = 'unreadable';

// Judges a page from its URL and the signals its content script collected (null: no credential
// field). The core reads what it can of malformed signals; signals it cannot read at all are
// judged as such: the address's verdict with the reason that the sign-in form could not be read,
// never a bare `ok`.
export async function checkPage(url, signals, lang) {
  if (!signals) return check(url, lang);
  await chain.catch(() => {});
  if (!current) await chain;
  try {
    return current.detector.checkPage(url, signals, lang);
  } catch (e) {
    console.warn('Miwake: page signals refused:', e);
  }
  try {
    return current.detector.checkPage(url, UNREADABLE_SIGNALS, lang);
  } catch {
    return current.detector.check(url, lang);
  }
}

// The same for a link: its address and the text it shows.
export async function checkLink(href, text, lang) {
  await chain.catch(() => {});
  if (!current) await chain;
  return current.detector.checkLink(href, text, lang);
}

// What a typed entry means as a site's domain: `{ domain, error }`, error one of 'invalid', 'ip',
// 'suffix' (src/address.rs, registrable_entry).
export async function normalizeDomain(input) {
  await ready;
  return normaliseDomain(String(input ?? ''));
}

// Names the Detector in use (a random id per build), so a stored report can
// tell it was made by an older one, with other lists.
export async function detectorId() {
  await chain.catch(() => {});
  return current?.id ?? null;
}

async function build() {
  const { settings, policy, live } = firstSettings ?? readEffective();
  firstSettings = null;
  const [, effective] = await Promise.all([ready, settings]);
  const next = { ...fromSettings(effective), id: crypto.randomUUID() };
  const previous = current;
  current = next; // swapped synchronously: a check never sees a freed Detector
  if (previous) previous.detector.free();
  else warmUp(next.detector);
  Promise.all([policy, live]).then(([used, actual]) => {
    if (current !== next || samePolicy(used, actual)) return;
    rebuild().then(() => policyCorrected(), () => {});
  }).catch(() => {});
  return { error: next.error };
}

// V8 compiles each wasm function the first time it runs: the first check of a woken worker pays
// for compiling the checking code (4-7 ms for an address, 1-2 ms more for a login page's signals).
// Judging a made-up address and sign-in page right after the first build (`warmUp` in
// src/wasm.rs) pays that while the worker may still be waiting for the page that woke it; when the
// page's question is already waiting, it only moves that cost ahead of it.
function warmUp(detector) {
  try {
    detector.warmUp();
  } catch {
    // nothing to warm: the real check will say what is wrong
  }
}

const construct = (shops, allowlist) => new Detector({ shops, allowlist });
const messageOf = (e) => (e instanceof Error ? e.message : String(e));

// A bad entry must not switch protection off: when the core rejects the
// settings, keep the entries it accepts one by one and report the error.
function fromSettings({ shops, allowlist }) {
  try {
    return { detector: construct(shops, allowlist), error: null };
  } catch (e) {
    const accepted = (list, asShop) => list.filter((entry) => {
      try {
        construct(asShop ? [entry] : [], asShop ? [] : [entry]).free();
        return true;
      } catch {
        return false;
      }
    });
    let detector;
    try {
      detector = construct(accepted(shops, true), accepted(allowlist, false));
    } catch {
      detector = construct([], []);
    }
    return { detector, error: messageOf(e) };
  }
}
