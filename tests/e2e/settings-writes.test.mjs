// Settings writes in the real browser: changes made at the same moment, in one page or in
// several parts of the extension at once (options page, popup, service worker), are all kept.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SETTINGS_LOCK } from '../../extension/settings.js';
import { TIMEOUT, clickInShadow, getSettings, inShadow, waitFor, waitForEntry, withBrowserAndServer } from './harness.mjs';

const TEST = { timeout: 60_000 };

describe('settings writes', () => {
  let browser;
  let server;

  withBrowserAndServer((b, s) => {
    browser = b;
    server = s;
  });

  // An extension page with the settings module loaded: the same module instance its own script uses.
  async function openPage(path) {
    const page = await browser.context.newPage();
    await page.goto(browser.extensionUrl(path));
    await page.evaluate(async (url) => {
      window.settings = await import(url);
    }, browser.extensionUrl('settings.js'));
    return page;
  }

  const clear = () => browser.worker().evaluate(() => chrome.storage.sync.clear());
  const decisions = async () => ((await getSettings(browser)).continued ?? []).map((d) => d.domain);

  it('keeps every one of 20 changes made at once on one page', TEST, async () => {
    await clear();
    const page = await openPage('options.html');
    const sites = Array.from({ length: 20 }, (_, i) => `site-${i}.example`);
    const results = await page.evaluate((list) => Promise.all(list.map((site, i) => (
      window.settings.updateSettings((s) => window.settings.withContinued(s, site, i))
    ))).then((all) => all.map((s) => s.continued.length)), sites);
    assert.deepEqual(await decisions(), sites);
    // Each change was made on the result of the one before.
    assert.deepEqual(results, sites.map((_, i) => i + 1));
    await page.close();
  });

  it('keeps changes made in the options page, the popup and the service worker at the same moment', TEST, async () => {
    await clear();
    // A flagged page, its warning one click away from "continue" (which the worker saves).
    const url = server.url('alibba.com', '/login.html');
    const flagged = await browser.context.newPage();
    await flagged.goto(url);
    await waitForEntry(browser, url);
    await waitFor(() => inShadow(flagged, 'warning', (root) => root.querySelector('dialog')?.open), { what: 'the warning' });
    await clickInShadow(flagged, 'warning', 'button.risk');

    // The options page starts a change and holds it between its read and its write.
    const options = await openPage('options.html');
    await options.evaluate(() => {
      let release;
      const gate = new Promise((resolve) => {
        release = resolve;
      });
      window.held = { release, reading: false };
      window.held.done = window.settings.updateSettings(async (s) => {
        window.held.reading = true;
        await gate;
        return window.settings.withContinued(s, 'a.example', 1);
      });
    });
    await options.waitForFunction(() => window.held.reading, null, { timeout: TIMEOUT });

    // Meanwhile the popup makes a change, and the user continues on the flagged page.
    const popup = await openPage('popup.html');
    await popup.evaluate(() => {
      window.done = window.settings.updateSettings((s) => window.settings.withContinued(s, 'b.example', 2));
    });
    await clickInShadow(flagged, 'warning', 'button.confirm');

    // Both wait for the options page's write (the lock is the extension's, not one page's), or
    // they have written already, and the options page's write would undo theirs.
    const meanwhile = await waitFor(() => options.evaluate(async (name) => {
      const { pending } = await navigator.locks.query();
      if (pending.filter((l) => l.name === name).length === 2) return 'waiting';
      const { continued = [] } = await chrome.storage.sync.get('continued');
      return continued.length === 2 && 'written';
    }, SETTINGS_LOCK), { what: 'the popup\'s and the worker\'s writes' });
    assert.equal(meanwhile, 'waiting', 'the popup and the worker wrote while the options page was between its read and its write');
    assert.deepEqual(await decisions(), []);

    const first = await options.evaluate(() => {
      window.held.release();
      return window.held.done.then((s) => s.continued.map((d) => d.domain));
    });
    assert.deepEqual(first, ['a.example']);
    const second = await popup.evaluate(() => window.done.then((s) => s.continued.map((d) => d.domain)));
    assert.deepEqual(second, ['a.example', 'b.example']);
    const all = await waitFor(async () => {
      const got = await decisions();
      return got.length === 3 && got;
    }, { what: 'the three decisions stored' });
    assert.deepEqual(all.sort(), ['a.example', 'alibba.com', 'b.example']);
    for (const page of [options, popup, flagged]) await page.close();
  });
});
