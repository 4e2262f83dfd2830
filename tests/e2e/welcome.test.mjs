// The first day: installing Miwake opens the welcome page, which asks a shop owner for her shop's
// domain (typed, checked like the options page), can be skipped, and is reachable later.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TIMEOUT, getSettings, setSettings, waitFor, withBrowserAndServer } from './harness.mjs';

const TEST = { timeout: 60_000 };

describe('welcome page', () => {
  let browser;

  withBrowserAndServer((b) => {
    browser = b;
  });

  const welcomeTab = () => browser.context.pages().find((p) => p.url() === browser.extensionUrl('welcome.html'));

  it('opens on install, says what the badge means and how to pin the icon, and registers a typed shop', TEST, async () => {
    const page = await waitFor(welcomeTab, { what: 'the welcome page opened on install' });
    await page.locator('#shop-form button[type=submit]:not([disabled])').waitFor({ timeout: TIMEOUT });
    const text = await page.locator('main').innerText();
    assert.match(text, /Red “!”/);
    assert.match(text, /Amber “\?”/);
    assert.match(text, /puzzle-piece icon/);
    assert.match(text, /Do you run an EC-CUBE shop\?/);
    // Normalised as in the options page: the registrable domain is kept, and the user is told.
    await page.fill('#shop-input', 'https://www.sakura-tea.co.jp/admin');
    await page.click('#shop-form button[type=submit]');
    await page.locator('#shop-list li').filter({ hasText: 'sakura-tea.co.jp' }).waitFor({ timeout: TIMEOUT });
    assert.match(await page.locator('#shop-feedback').innerText(), /Added sakura-tea\.co\.jp/);
    assert.deepEqual((await getSettings(browser)).shops, ['sakura-tea.co.jp']);
    assert.equal(await page.inputValue('#shop-input'), '');
    // Not a domain: said, nothing stored.
    await page.fill('#shop-input', 'not a shop!');
    await page.click('#shop-form button[type=submit]');
    await page.locator('#shop-feedback').filter({ hasText: 'is not a domain name' }).waitFor({ timeout: TIMEOUT });
    assert.deepEqual((await getSettings(browser)).shops, ['sakura-tea.co.jp']);
    // "Done" skips or ends it: the tab closes.
    await Promise.all([page.waitForEvent('close', { timeout: TIMEOUT }), page.click('#close')]);
    await setSettings(browser, { shops: [] });
  });

  it('reads in Japanese when the user chose it', TEST, async () => {
    await setSettings(browser, { schema: 2, lang: 'ja' });
    const page = await browser.context.newPage();
    await page.goto(browser.extensionUrl('welcome.html'));
    await page.locator('h1').filter({ hasText: 'Miwake へようこそ' }).waitFor({ timeout: TIMEOUT });
    assert.equal(await page.locator('html').getAttribute('lang'), 'ja');
    assert.match(await page.locator('main').innerText(), /EC-CUBE のショップを運営していますか？/);
    await setSettings(browser, { lang: 'auto' });
    await page.close();
  });

  it('is reachable later from the popup and from the options page', TEST, async () => {
    const popup = await browser.context.newPage();
    await popup.goto(browser.extensionUrl('popup.html'));
    const [opened] = await Promise.all([
      browser.context.waitForEvent('page', { timeout: TIMEOUT }),
      popup.click('#open-welcome'),
    ]);
    await opened.waitForURL(browser.extensionUrl('welcome.html'), { timeout: TIMEOUT });
    await opened.close();
    await popup.close();
    const options = await browser.context.newPage();
    await options.goto(browser.extensionUrl('options.html'));
    await options.click('.welcome-link a');
    await options.waitForURL(browser.extensionUrl('welcome.html'), { timeout: TIMEOUT });
    await options.close();
  });
});
