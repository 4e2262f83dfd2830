// One small driver interface over the two browsers Miwake ships for, so that a scenario is written
// once and run in both: Chromium through Playwright (harness.mjs), Firefox through WebDriver BiDi
// (firefox.mjs). A tab is whatever the driver uses for one (a Page, a BiDi context).
//
//   const browser = await openBrowser('chromium' | 'firefox', server)
//   browser.open(url) / extensionPage(path) / evaluate(tab, fn, arg) / inShadow(tab, ui, fn, arg)
//   browser.click(tab, selector) / clickAt(tab, x, y) / hover(tab, selector) / type(tab, text)
//   browser.pressEscape(tab) / openUrls() / frames(tab): the tab's frames, each usable as a tab
//   with evaluate() / pixel(tab, x, y): [r, g, b] as the screen shows it
//   browser.reload(tab) / closeTab(tab) / inExtension(fn, arg) / isBrowserOwnHost(host) / close()
import { firstPixel, inShadow, launch } from './harness.mjs';
import { launchFirefox } from './firefox.mjs';

export const BROWSER = process.env.MIWAKE_BROWSER ?? 'chromium';

export async function openBrowser(name, server) {
  if (name === 'firefox') return launchFirefox(server);
  if (name !== 'chromium') throw new Error(`no driver for ${name}`);
  const browser = await launch();
  const { context } = browser;
  return {
    name,
    origin: `chrome-extension://${browser.extensionId}`,
    isBrowserOwnHost: () => false, // started with --disable-background-networking
    inExtension: (fn, arg = null) => browser.worker().evaluate(fn, arg),
    async open(url) {
      const page = await context.newPage();
      await page.goto(url);
      return page;
    },
    async extensionPage(path) {
      const page = await context.newPage();
      await page.goto(browser.extensionUrl(path));
      return page;
    },
    evaluate: (page, fn, arg = null) => page.evaluate(fn, arg),
    inShadow: (page, name, fn, arg = null) => inShadow(page, name, fn, arg),
    click: (page, selector) => page.click(selector),
    clickAt: (page, x, y) => page.mouse.click(x, y),
    hover: (page, selector) => page.hover(selector),
    type: (page, text) => page.keyboard.type(text),
    pressEscape: (page) => page.keyboard.press('Escape'),
    openUrls: async () => context.pages().map((p) => p.url()),
    frames: async (page) => page.frames().filter((f) => f !== page.mainFrame()),
    pixel: async (page, x, y) => firstPixel(await page.screenshot({ clip: { x, y, width: 1, height: 1 }, animations: 'disabled' })),
    reload: (page) => page.reload(),
    closeTab: (page) => page.close(),
    close: () => browser.close(),
  };
}

// What the add-on stored for the tab showing `url`: { tabId, url, report } (storage.session is
// the same in both browsers).
export function storedEntry(browser, url) {
  return browser.inExtension(async (wanted) => {
    const all = await chrome.storage.session.get(null);
    for (const [key, value] of Object.entries(all)) {
      if (key.startsWith('tab:') && value.url === wanted) return { tabId: Number(key.slice(4)), ...value };
    }
    return null;
  }, url);
}

export function badgeText(browser, tabId) {
  return browser.inExtension((id) => chrome.action.getBadgeText({ tabId: id }), tabId);
}
