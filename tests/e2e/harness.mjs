// Shared setup for the browser tests: start Chromium with the built
// extension, find its service worker, and read what the worker knows.
import { chromium } from 'playwright-core';
import { access, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const EXTENSION_DIR = resolve(process.env.MIWAKE_EXTENSION_DIR ?? join(ROOT, 'dist/extension'));
const CHROMIUM = process.env.MIWAKE_CHROMIUM ?? '/usr/bin/chromium';

export const TIMEOUT = 15_000; // per wait; each test has its own, larger timeout

export async function launch() {
  for (const file of ['manifest.json', 'wasm/miwake.js', 'wasm/miwake_bg.wasm']) {
    await access(join(EXTENSION_DIR, file)).catch(() => {
      throw new Error(`${join(EXTENSION_DIR, file)} is missing: run ./build.sh build first`);
    });
  }
  const userDataDir = await mkdtemp(join(tmpdir(), 'miwake-e2e-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    // The fixture server's TLS side is self-signed (HSTS-preloaded hosts are upgraded to https).
    ignoreHTTPSErrors: true,
    // Playwright passes --disable-extensions by default, which would win.
    ignoreDefaultArgs: ['--disable-extensions'],
    args: [
      `--disable-extensions-except=${EXTENSION_DIR}`,
      `--load-extension=${EXTENSION_DIR}`,
      '--host-resolver-rules=MAP * 127.0.0.1',
      '--ignore-certificate-errors',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const isOurs = (w) => w.url().startsWith('chrome-extension://') && w.url().endsWith('/service-worker.js');
  const first = context.serviceWorkers().find(isOurs)
    ?? await context.waitForEvent('serviceworker', { predicate: isOurs, timeout: TIMEOUT });
  const extensionId = new URL(first.url()).host;
  return {
    context,
    extensionId,
    // The worker may be stopped and started again; always use the newest.
    worker: () => context.serviceWorkers().filter(isOurs).at(-1) ?? first,
    extensionUrl: (path) => `chrome-extension://${extensionId}/${path}`,
    async close() {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

// Polls `probe` until it returns something truthy; that value is returned.
// This is how the tests wait: on a condition, with a deadline.
export async function waitFor(probe, { timeout = TIMEOUT, interval = 50, what = 'condition' } = {}) {
  const deadline = Date.now() + timeout;
  let lastError;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}${lastError ? `: ${lastError.message}` : ''}`);
    }
    await new Promise((r) => setTimeout(r, interval));
  }
}

// What the worker stored for the tab showing `url`: { tabId, url, report }.
export function storedEntry(browser, url) {
  return browser.worker().evaluate(async (wanted) => {
    const all = await chrome.storage.session.get(null);
    for (const [key, value] of Object.entries(all)) {
      if (key.startsWith('tab:') && value.url === wanted) return { tabId: Number(key.slice(4)), ...value };
    }
    return null;
  }, url);
}

export const waitForEntry = (browser, url) =>
  waitFor(() => storedEntry(browser, url), { what: `the worker's verdict for ${url}` });

export function badge(browser, tabId) {
  return browser.worker().evaluate(async (id) => ({
    text: await chrome.action.getBadgeText({ tabId: id }),
    color: await chrome.action.getBadgeBackgroundColor({ tabId: id }),
  }), tabId);
}
