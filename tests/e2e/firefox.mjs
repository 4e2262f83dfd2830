// Firefox with the built add-on (dist/firefox), driven over WebDriver BiDi: the same small set of
// moves the cross-browser scenarios make in Chromium through Playwright (browsers.mjs).
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { plainValue, startFirefox } from './bidi.mjs';
import { firstPixel, waitFor } from './harness.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const FIREFOX_EXTENSION_DIR = resolve(process.env.MIWAKE_FIREFOX_EXTENSION_DIR ?? join(ROOT, 'dist/firefox'));
const FIREFOX = process.env.MIWAKE_FIREFOX ?? '/usr/bin/firefox-esr';
const ADDON_ID = 'miwake@miwake.invalid';
// Fixed, so the tests know the add-on's pages' addresses (Firefox picks a random one per profile).
const ADDON_UUID = '6d1f3c52-7a0e-4b8e-9c4d-2f5a8b1e0c93';
export const FIREFOX_ORIGIN = `moz-extension://${ADDON_UUID}`;

// Miwake's in-page UI sits in closed shadow roots on unmarked hosts; which UI a root holds is
// told by what is in it (as in harness.mjs for Chromium).
const UI_CONTENT = {
  warning: (node) => node.value?.localName === 'dialog',
  notice: (node) => hasClass(node, 'box'),
  'link-check': (node) => hasClass(node, 'tip'),
};

function hasClass(node, name) {
  return String(node.value?.attributes?.class ?? '').split(/\s+/).includes(name);
}

function findNode(node, test) {
  if (!node || node.type !== 'node') return null;
  if (test(node)) return node;
  for (const child of [...(node.value?.children ?? []), node.value?.shadowRoot].filter(Boolean)) {
    const found = findNode(child, test);
    if (found) return found;
  }
  return null;
}

// Starts Firefox ESR with the add-on installed as a temporary add-on (as about:debugging does),
// every request sent through the fixture server `server` as its proxy (Firefox has no
// host-resolver rule), on a fresh profile. `managed`: what an administrator sets for the add-on
// (storage.managed), given as Firefox reads it on Linux: a managed-storage manifest under the
// user's ~/.mozilla (here a home of the test's own).
export async function launchFirefox(server, { prefs = {}, managed = null } = {}) {
  const home = await mkdtemp(join(tmpdir(), 'miwake-firefox-'));
  const profile = join(home, 'profile');
  await mkdir(profile);
  if (managed) {
    const dir = join(home, '.mozilla', 'managed-storage');
    await mkdir(dir, { recursive: true });
    const manifest = { name: ADDON_ID, description: 'Miwake settings set by the administrator', type: 'storage', data: managed };
    await writeFile(join(dir, `${ADDON_ID}.json`), JSON.stringify(manifest));
  }
  const bidi = await startFirefox({
    executable: FIREFOX,
    profile,
    env: { HOME: home },
    prefs: {
      'network.proxy.type': 1,
      'network.proxy.http': '127.0.0.1',
      'network.proxy.http_port': server.port,
      'network.proxy.ssl': '127.0.0.1',
      'network.proxy.ssl_port': server.port,
      'network.proxy.no_proxies_on': '',
      'extensions.webextensions.uuids': JSON.stringify({ [ADDON_ID]: ADDON_UUID }),
      // The fixtures are plain http on the server's port, as in the Chromium tests.
      'dom.security.https_first': false,
      // Firefox's own background traffic, which would otherwise reach the proxy.
      'network.captive-portal-service.enabled': false,
      'network.connectivity-service.enabled': false,
      'browser.safebrowsing.malware.enabled': false,
      'browser.safebrowsing.phishing.enabled': false,
      'browser.safebrowsing.downloads.enabled': false,
      'browser.safebrowsing.provider.mozilla.updateURL': '',
      'network.dns.disablePrefetch': true,
      'network.prefetch-next': false,
      'network.http.speculative-parallel-limit': 0,
      'browser.urlbar.speculativeConnect.enabled': false,
      'browser.places.speculativeConnect.enabled': false,
      'security.OCSP.enabled': 0,
      // Media plug-ins (OpenH264, and Widevine from update.googleapis.com).
      'media.eme.enabled': false,
      'media.gmp-manager.url': '',
      'media.gmp-manager.updateEnabled': false,
      'media.gmp-provider.enabled': false,
      'media.gmp-gmpopenh264.enabled': false,
      'media.gmp-widevinecdm.enabled': false,
      'browser.newtabpage.enabled': false,
      'browser.startup.page': 0,
      'intl.locale.requested': 'en-US',
      'devtools.console.stdout.content': Boolean(process.env.MIWAKE_FIREFOX_LOG),
      ...prefs,
    },
  });
  const send = bidi.send;

  const contexts = async () => (await send('browsingContext.getTree', {})).contexts;

  // `fn(arg)` run in `context`'s page (or extension page) and its JSON-able result.
  const run = async (context, fn, arg = null, thisValue = null) => {
    const result = await send('script.callFunction', {
      functionDeclaration: `async function (json) { return JSON.stringify(await (${fn}).call(this, JSON.parse(json))) ?? 'null'; }`,
      target: { context },
      arguments: [{ type: 'string', value: JSON.stringify(arg) }],
      ...(thisValue ? { this: thisValue } : {}),
      awaitPromise: true,
    });
    return JSON.parse(plainValue(result));
  };

  await send('webExtension.install', { extensionData: { type: 'path', path: FIREFOX_EXTENSION_DIR } });
  // The welcome page the add-on opens at install is an extension page: the tests read the add-on's
  // storage and badge from there, as Chromium's tests do from its service worker.
  const welcome = await waitFor(async () => (await contexts()).find((c) => c.url === `${FIREFOX_ORIGIN}/welcome.html`)?.context, { what: 'the welcome page' });
  const inExtension = (fn, arg) => run(welcome, fn, arg);

  const element = async (context, selector) => {
    const result = await send('script.callFunction', {
      functionDeclaration: 'function (selector) { return document.querySelector(selector); }',
      target: { context },
      arguments: [{ type: 'string', value: selector }],
      awaitPromise: false,
    });
    if (result.type === 'exception' || result.result.type !== 'node') throw new Error(`no ${selector}`);
    return { sharedId: result.result.sharedId };
  };
  const pointerTo = (element) => ({ type: 'pointerMove', x: 0, y: 0, origin: { type: 'element', element } });

  return {
    name: 'firefox',
    origin: FIREFOX_ORIGIN,
    // Firefox's own services (Remote Settings polls even with every pref for it off); the add-on
    // has no reason to reach them, and the privacy test names every other host.
    isBrowserOwnHost: (host) => /(^|\.)(mozilla\.(com|net|org)|firefox\.com)(:\d+)?$/.test(host),
    inExtension,
    async open(url) {
      const { context } = await send('browsingContext.create', { type: 'tab' });
      await send('browsingContext.navigate', { context, url, wait: 'complete' });
      return context;
    },
    async extensionPage(path) {
      const url = `${FIREFOX_ORIGIN}/${path}`;
      await inExtension((u) => chrome.tabs.create({ url: u, active: true }).then(() => true), url);
      const context = await waitFor(async () => (await contexts()).find((c) => c.url === url)?.context, { what: url });
      await waitFor(() => run(context, () => document.readyState === 'complete'), { what: `${url} to load` });
      return context;
    },
    evaluate: run,
    async reload(context) {
      await send('browsingContext.reload', { context, wait: 'complete' });
    },
    async closeTab(context) {
      await send('browsingContext.close', { context }).catch(() => {});
    },
    // `fn(root, arg)` on the closed shadow root of Miwake's UI `name`, or null when none.
    async inShadow(context, name, fn, arg = null) {
      const result = await send('script.evaluate', {
        expression: 'document.documentElement',
        target: { context },
        awaitPromise: false,
        serializationOptions: { maxDomDepth: null, includeShadowTree: 'all' },
      });
      if (result.type === 'exception') return null;
      const host = findNode(result.result, (n) => n.value?.shadowRoot?.value?.mode === 'closed'
        && Boolean(findNode(n.value.shadowRoot, UI_CONTENT[name])));
      if (!host) return null;
      return run(context, `function (arg) { return (${fn})(this, arg); }`, arg, { sharedId: host.value.shadowRoot.sharedId });
    },
    async click(context, selector) {
      const target = await element(context, selector);
      await send('input.performActions', {
        context,
        actions: [{ type: 'pointer', id: 'mouse', actions: [pointerTo(target), { type: 'pointerDown', button: 0 }, { type: 'pointerUp', button: 0 }] }],
      });
    },
    async clickAt(context, x, y) {
      await send('input.performActions', {
        context,
        actions: [{ type: 'pointer', id: 'mouse', actions: [{ type: 'pointerMove', x: Math.round(x), y: Math.round(y) }, { type: 'pointerDown', button: 0 }, { type: 'pointerUp', button: 0 }] }],
      });
    },
    async hover(context, selector) {
      const target = await element(context, selector);
      await send('input.performActions', { context, actions: [{ type: 'pointer', id: 'mouse', actions: [pointerTo(target)] }] });
    },
    // Keys as a user types them, into whatever has the focus.
    async type(context, text) {
      const actions = [];
      for (const key of text) actions.push({ type: 'keyDown', value: key }, { type: 'keyUp', value: key });
      await send('input.performActions', { context, actions: [{ type: 'key', id: 'keyboard', actions }] });
      await send('input.releaseActions', { context });
    },
    async pixel(context, x, y) {
      const { data } = await send('browsingContext.captureScreenshot', {
        context,
        clip: { type: 'box', x, y, width: 1, height: 1 },
      });
      return firstPixel(Buffer.from(data, 'base64'));
    },
    // The frames in a tab, all depths: contexts of their own.
    async frames(context) {
      const [top] = (await send('browsingContext.getTree', { root: context })).contexts;
      const all = [];
      const walk = (c) => {
        for (const child of c.children ?? []) {
          all.push(child.context);
          walk(child);
        }
      };
      walk(top);
      return all;
    },
    // The address of every open tab.
    openUrls: async () => (await contexts()).map((c) => c.url),
    async pressEscape(context) {
      const escape = '\uE00C'; // WebDriver's key value for Escape
      await send('input.performActions', {
        context,
        actions: [{ type: 'key', id: 'keyboard', actions: [{ type: 'keyDown', value: escape }, { type: 'keyUp', value: escape }] }],
      });
      await send('input.releaseActions', { context });
    },
    async close() {
      await bidi.close();
      await rm(home, { recursive: true, force: true });
    },
  };
}
