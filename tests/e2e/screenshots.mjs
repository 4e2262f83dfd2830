// Takes the README's screenshots from the built extension, in a real
// Chromium: the warning (also in dark mode), the caution notices, the link
// tooltip, the popup in English, Japanese and dark mode, the welcome page and
// the options page. Not a test (node --test skips
// it by its name); run it after ./build.sh build:
//
//   node tests/e2e/screenshots.mjs [output directory, default docs/screenshots]
//
// Japanese text needs a CJK font on the machine (Debian: fonts-noto-cjk).
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inShadow, launch, setSettings, waitFor, waitForEntry } from './harness.mjs';
import { startServer } from './server.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const OUT = resolve(process.argv[2] ?? join(ROOT, 'docs/screenshots'));

const server = await startServer();
const browser = await launch({ options: { viewport: { width: 1100, height: 720 }, colorScheme: 'light', locale: 'en-US' } });
const shots = [];

async function shot(page, name, options = {}) {
  const path = join(OUT, `${name}.png`);
  await page.screenshot({ path, ...options });
  shots.push(path);
}

async function open(host, path) {
  const url = server.url(host, path);
  const page = await browser.context.newPage();
  await page.goto(url);
  return { page, entry: await waitForEntry(browser, url) };
}

const dialogOpen = (page) => waitFor(() => inShadow(page, 'warning', (root) => root.querySelector('dialog')?.open), { what: 'the warning' });

try {
  await mkdir(OUT, { recursive: true });

  // The warning, in English and in Japanese.
  for (const lang of ['en', 'ja']) {
    await setSettings(browser, { schema: 2, lang });
    const { page } = await open('alibba.com', `/login.html?shot=${lang}`);
    await dialogOpen(page);
    await shot(page, `warning-${lang}`);
    await page.close();
  }
  // The warning in dark mode.
  {
    await setSettings(browser, { lang: 'en' });
    const page = await browser.context.newPage();
    await page.emulateMedia({ colorScheme: 'dark' });
    const url = server.url('alibba.com', '/login.html?shot=dark');
    await page.goto(url);
    await waitForEntry(browser, url);
    await dialogOpen(page);
    await shot(page, 'warning-en-dark');
    await page.close();
  }

  // The calm notice by the login field of an EC-CUBE admin on a domain not registered, in Japanese.
  {
    await setSettings(browser, { lang: 'ja' });
    const { page } = await open('othershop.co.jp', '/ec-cube-admin.html?shot=notice');
    await page.click('#password');
    await waitFor(() => inShadow(page, 'notice', (root) => root.querySelector('.box')?.matches(':popover-open')), { what: 'the notice' });
    const box = await page.locator('#password').boundingBox();
    await shot(page, 'notice-shop-ja', { clip: { x: Math.max(0, box.x - 40), y: Math.max(0, box.y - 120), width: 560, height: 380 } });
    await page.close();
  }
  await setSettings(browser, { lang: 'en' });

  // The caution notice by a login field (a shortener's domain).
  {
    const { page } = await open('bit.ly', '/generic-login.html?shot=notice');
    await page.click('#pass');
    await waitFor(() => inShadow(page, 'notice', (root) => root.querySelector('.box')?.matches(':popover-open')), { what: 'the notice' });
    await shot(page, 'notice-en', { clip: { x: 260, y: 160, width: 580, height: 380 } });
    await page.close();
  }

  // The link tooltip on a lookalike link.
  {
    const { page } = await open('news.example.test', '/links.html');
    await page.hover('#lookalike');
    await waitFor(() => inShadow(page, 'link-check', (root) => root.querySelector('.tip')?.matches(':popover-open')), { what: 'the tooltip' });
    const box = await page.locator('#lookalike').boundingBox();
    await shot(page, 'tooltip-en', { clip: { x: box.x - 40, y: box.y - 60, width: 520, height: 220 } });
    await page.close();
  }

  // The popup for a flagged tab, in English and Japanese, with the report helper open.
  const flagged = await open('alibba.com', '/login.html?shot=popup');
  for (const lang of ['en', 'ja']) {
    await setSettings(browser, { lang });
    const popup = await browser.context.newPage();
    await popup.setViewportSize({ width: 380, height: 600 });
    await popup.goto(browser.extensionUrl(`popup.html?tab=${flagged.entry.tabId}`));
    await popup.locator('#verdict[data-verdict="danger"]').waitFor();
    await popup.locator('#report').evaluate((details) => { details.open = true; });
    await shot(popup, `popup-${lang}`, { fullPage: true });
    await popup.close();
  }

  // The popup in dark mode.
  {
    const popup = await browser.context.newPage();
    await popup.emulateMedia({ colorScheme: 'dark' });
    await popup.setViewportSize({ width: 380, height: 600 });
    await popup.goto(browser.extensionUrl(`popup.html?tab=${flagged.entry.tabId}`));
    await popup.locator('#verdict[data-verdict="danger"]').waitFor();
    await shot(popup, 'popup-en-dark', { fullPage: true });
    await popup.close();
  }

  // The welcome page opened on install, in English and Japanese.
  for (const lang of ['en', 'ja']) {
    await setSettings(browser, { lang, shops: [] });
    const welcome = await browser.context.newPage();
    await welcome.setViewportSize({ width: 900, height: 720 });
    await welcome.goto(browser.extensionUrl('welcome.html'));
    await welcome.locator('#shop-form button:not([disabled])').waitFor();
    await shot(welcome, `welcome-${lang}`, { fullPage: true });
    await welcome.close();
  }

  // The options page, with a shop, a trusted site and a decision.
  await setSettings(browser, {
    lang: 'en', shops: ['myshop.co.jp'], allowlist: ['intranet.example.org'],
    continued: [{ domain: 'alibba.com', at: Date.parse('2025-06-01T09:00:00Z') }],
  });
  const options = await browser.context.newPage();
  await options.setViewportSize({ width: 900, height: 720 });
  await options.goto(browser.extensionUrl('options.html'));
  await options.locator('#shops-list li[data-domain="myshop.co.jp"]').waitFor();
  await shot(options, 'options-en', { fullPage: true });
  await options.close();

  for (const path of shots) console.log(path);
} finally {
  await browser.close();
  await server.close();
}
