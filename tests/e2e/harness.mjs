// Shared setup for the browser tests: start Chromium with the built
// extension, find its service worker, and read what the worker knows.
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';
import { startServer } from './server.mjs';
import { access, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateSync } from 'node:zlib';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const EXTENSION_DIR = resolve(process.env.MIWAKE_EXTENSION_DIR ?? join(ROOT, 'dist/extension'));
const CHROMIUM = process.env.MIWAKE_CHROMIUM ?? '/usr/bin/chromium';

export const TIMEOUT = 15_000; // per wait; each test has its own, larger timeout

// Starts Chromium with the extension on a fresh profile, or on `profile` (a
// directory the caller owns and removes) to test what survives a restart.
// `options` go to Playwright's launchPersistentContext (viewport, colour scheme).
export async function launch({ profile, options = {} } = {}) {
  for (const file of ['manifest.json', 'service-worker.js', 'content-scripts.js', 'wasm/miwake_bg.wasm']) {
    await access(join(EXTENSION_DIR, file)).catch(() => {
      throw new Error(`${join(EXTENSION_DIR, file)} is missing: run ./build.sh build first`);
    });
  }
  const userDataDir = profile ?? await mkdtemp(join(tmpdir(), 'miwake-e2e-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    ...options,
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
      if (!profile) await rm(userDataDir, { recursive: true, force: true });
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

// Miwake's in-page UI lives in closed shadow roots, out of the page's reach and out of
// Playwright's locators, on hosts that carry no mark a page could look for. DevTools still sees
// them: a host is an element whose shadow root is closed, and which UI it holds is told by what
// is inside (a warning's <dialog>, a notice's box, a link's tooltip).
const UI_CONTENT = {
  warning: (node) => node.nodeName === 'DIALOG',
  notice: (node) => hasClass(node, 'box'),
  'link-check': (node) => hasClass(node, 'tip'),
};

function hasClass(node, name) {
  const attrs = node.attributes ?? [];
  for (let i = 0; i < attrs.length; i += 2) {
    if (attrs[i] === 'class' && attrs[i + 1].split(/\s+/).includes(name)) return true;
  }
  return false;
}

const isUiHost = (name) => (node) => {
  const root = node.shadowRoots?.find((r) => r.shadowRootType === 'closed');
  return Boolean(root) && Boolean(findNode(root, UI_CONTENT[name]));
};

// A DevTools session for `target` (a Page, or a Frame: a frame of another site has a session of
// its own) and the document to search in it.
async function sessionFor(target) {
  const isPage = typeof target.mainFrame === 'function';
  const page = isPage ? target : target.page();
  if (!isPage) {
    try {
      return { cdp: await page.context().newCDPSession(target), documentUrl: null };
    } catch {
      // a frame of the same site: searched for in its page's document
    }
  }
  return { cdp: await page.context().newCDPSession(page), documentUrl: isPage ? null : target.url() };
}

// The backend node id of the host of Miwake's UI `name` in `target`, or null.
async function findUiHost(cdp, documentUrl, name) {
  const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
  const scope = documentUrl === null ? root : findNode(root, (n) => n.nodeName === '#document' && n.documentURL === documentUrl);
  const host = scope && findNode(scope, isUiHost(name), { frames: false });
  if (!host) return null;
  return { host: host.backendNodeId, root: host.shadowRoots.find((r) => r.shadowRootType === 'closed').backendNodeId };
}

// Runs `fn(root, arg)` on the shadow root of Miwake's UI `name` ('warning', 'notice',
// 'link-check') in `target` (a Page's top document, or a Frame), in the page's main world (the
// root's `host` is the host element), and answers its JSON-able result, or null when there is no
// such UI.
export async function inShadow(target, name, fn, arg = null) {
  const { cdp, documentUrl } = await sessionFor(target);
  try {
    const found = await findUiHost(cdp, documentUrl, name);
    if (!found) return null;
    const { object } = await cdp.send('DOM.resolveNode', { backendNodeId: found.root });
    const { result, exceptionDetails } = await cdp.send('Runtime.callFunctionOn', {
      objectId: object.objectId,
      functionDeclaration: `function (arg) { return (${fn})(this, arg); }`,
      arguments: [{ value: arg }],
      returnByValue: true,
    });
    if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
    return result.value ?? null;
  } finally {
    await cdp.detach().catch(() => {});
  }
}

// Whether Miwake's UI `name` is in `target`'s document at all.
export async function hasUi(target, name) {
  const { cdp, documentUrl } = await sessionFor(target);
  try {
    return (await findUiHost(cdp, documentUrl, name)) !== null;
  } finally {
    await cdp.detach().catch(() => {});
  }
}

// Whether the UI is drawn: its host in the document and its box (the root's last element) a
// visible, non-empty one.
const uiVisible = (target, name) => inShadow(target, name, (root) => {
  const ui = root.lastElementChild;
  if (!root.host.isConnected || !ui?.checkVisibility({ visibilityProperty: true, opacityProperty: true })) return false;
  const r = ui.getBoundingClientRect();
  return r.width > 0 && r.height > 0;
});

export const waitForUi = (target, name) => waitFor(() => uiVisible(target, name), { what: `Miwake's ${name} UI` });
export const waitForNoUi = (target, name) =>
  waitFor(async () => !(await hasUi(target, name)), { what: `Miwake's ${name} UI to go` });

// Whether the user sees the warning: the pixel at the start of its "Leave this page" button, as
// the screen shows it, is the button's red (a page element drawn over it, even one the modal
// warning makes inert and so hides from hit tests, changes it).
export async function warningOnTop(page) {
  const point = await inShadow(page, 'warning', (root) => {
    const leave = root.querySelector('dialog[open] button.leave');
    if (!leave?.checkVisibility()) return null;
    const r = leave.getBoundingClientRect();
    return { x: Math.floor(r.x + 6), y: Math.floor(r.y + r.height / 2) };
  });
  if (!point) return false;
  const png = await page.screenshot({ clip: { ...point, width: 1, height: 1 }, animations: 'disabled' });
  const [r, g, b] = firstPixel(png);
  return r > 160 && g < 90 && b < 90; // #c62828
}

// The first pixel of a PNG: with one pixel per row, every PNG filter leaves the bytes as they are.
export function firstPixel(png) {
  const chunks = [];
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at);
    const type = png.toString('ascii', at + 4, at + 8);
    if (type === 'IDAT') chunks.push(png.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const rows = inflateSync(Buffer.concat(chunks));
  return [rows[1], rows[2], rows[3]];
}

// Runs `fn(arg)` in the isolated world of Miwake's content scripts in `target` (a Page: its top
// frame; or a Frame) and answers its JSON-able result (awaited if it is a promise). There the
// test sees what the content scripts share (globalThis.MiwakeContent, MiwakePageSignals) and the
// globals they call, such as the clock they read: a test can read a frame's verdict state, or
// bring on what the scripts would otherwise do only after seconds.
export async function inContentScripts(browser, target, fn, arg = null) {
  const isPage = typeof target.mainFrame === 'function';
  const page = isPage ? target : target.page();
  let cdp;
  try {
    cdp = await page.context().newCDPSession(target); // a frame of another site has a session of its own
  } catch {
    cdp = await page.context().newCDPSession(page);
  }
  try {
    const { frameTree } = await cdp.send('Page.getFrameTree');
    const wanted = isPage ? null : target.url();
    const frameId = wanted === null ? frameTree.frame.id : findFrameId(frameTree, wanted);
    if (!frameId) throw new Error(`no frame at ${wanted}`);
    const contexts = [];
    cdp.on('Runtime.executionContextCreated', ({ context }) => contexts.push(context));
    await cdp.send('Runtime.enable'); // announces the contexts that exist already
    const world = contexts.find((c) => c.auxData?.frameId === frameId && c.auxData?.type === 'isolated'
      && c.origin === `chrome-extension://${browser.extensionId}`);
    if (!world) throw new Error('no content scripts in that frame');
    const { result, exceptionDetails } = await cdp.send('Runtime.callFunctionOn', {
      executionContextId: world.id,
      functionDeclaration: `${fn}`,
      arguments: [{ value: arg }],
      returnByValue: true,
      awaitPromise: true,
    });
    if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
    return result.value ?? null;
  } finally {
    await cdp.detach().catch(() => {});
  }
}

function findFrameId(tree, url) {
  if (tree.frame.url === url) return tree.frame.id;
  for (const child of tree.childFrames ?? []) {
    const found = findFrameId(child, url);
    if (found) return found;
  }
  return null;
}

// `frames`: whether to search the documents of frames too.
function findNode(node, test, { frames = true } = {}) {
  if (test(node)) return node;
  const inner = frames && node.contentDocument ? [node.contentDocument] : [];
  for (const child of [...(node.children ?? []), ...(node.shadowRoots ?? []), ...inner]) {
    const found = findNode(child, test, { frames });
    if (found) return found;
  }
  return null;
}

// Clicks an element inside Miwake's shadow UI the way a user does: a real
// mouse click at its centre (a trusted event).
export async function clickInShadow(page, name, selector) {
  const box = await waitFor(() => inShadow(page, name, (root, sel) => {
    const el = root.querySelector(sel);
    if (!el || el.closest('[hidden]')) return null;
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 ? { x: r.x + r.width / 2, y: r.y + r.height / 2 } : null;
  }, selector), { what: `${selector} in the ${name} UI` });
  await page.mouse.click(box.x, box.y);
}

// The text of Miwake's UI `name`, or null while it is not there.
export const shadowText = (page, name, selector = ':host > *') =>
  inShadow(page, name, (root, sel) => {
    const el = sel === ':host > *' ? root.lastElementChild : root.querySelector(sel);
    return el ? el.innerText ?? el.textContent : null;
  }, selector);

// Sets the user's settings directly in storage, as an earlier session would have.
export function setSettings(browser, settings) {
  return browser.worker().evaluate((s) => chrome.storage.sync.set(s), settings);
}

export function getSettings(browser) {
  return browser.worker().evaluate(() => chrome.storage.sync.get(null));
}

// The usual suite set-up: a fixture server and a browser with the extension before the suite,
// both closed after it. `use(browser, server)` receives them once started.
export function withBrowserAndServer(use) {
  let browser;
  let server;
  before(async () => {
    server = await startServer();
    browser = await launch();
    use(browser, server);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });
}
