// "Nothing leaves the machine": while Miwake judges pages, blocks typing,
// checks links, explains a verdict and saves settings, the only network
// traffic is the pages the test itself opens. Watched three ways: every
// request the browser reports (pages, frames, the service worker), every
// request that reached the fixture server, and the worker's own record of
// what it fetched.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { clickInShadow, hasUi, inShadow, launch, setSettings, TIMEOUT, waitFor, waitForEntry } from './harness.mjs';
import { startServer } from './server.mjs';

describe('privacy', () => {
  let browser;
  let server;
  const seen = [];

  before(async () => {
    server = await startServer();
    browser = await launch();
    browser.context.on('request', (r) => {
      seen.push({ url: r.url(), type: r.resourceType(), fromWorker: r.serviceWorker() !== null });
    });
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('sends no request of its own while it judges, blocks, checks links, explains and saves', { timeout: 120_000 }, async () => {
    const visited = new Set();
    const open = async (host, path) => {
      const url = server.url(host, path);
      visited.add(url);
      const page = await browser.context.newPage();
      await page.goto(url);
      return { page, entry: await waitForEntry(browser, url) };
    };

    // A flagged page: the warning, blocked typing, "continue", typing.
    const danger = await open('alibba.com', '/login.html');
    await waitFor(() => inShadow(danger.page, 'warning', (root) => root.querySelector('dialog').open), { what: 'the warning' });
    // Escape puts the warning away; pressed again if the warning was being raised again just then.
    const warningOpen = () => inShadow(danger.page, 'warning', (root) => root.querySelector('dialog')?.open === true);
    await waitFor(async () => {
      if (!(await warningOpen())) return true;
      await danger.page.keyboard.press('Escape');
      return false;
    }, { what: 'the warning put away' });
    await danger.page.click('#fm-login-password');
    await waitFor(() => inShadow(danger.page, 'warning', (root) => root.querySelector('dialog').open), { what: 'the warning' });
    await clickInShadow(danger.page, 'warning', 'button.risk');
    await clickInShadow(danger.page, 'warning', 'button.confirm');
    await danger.page.locator('#fm-login-password').pressSequentially('secret');

    // A caution page: the notice.
    const caution = await open('bit.ly', '/generic-login.html');
    await caution.page.click('#pass');
    await waitFor(() => hasUi(caution.page, 'notice'), { what: 'the notice' });

    // Links: lookalike, shortened, a text posing as a brand.
    const links = await open('news.example.test', '/links.html');
    for (const id of ['lookalike', 'short', 'poser']) {
      await links.page.mouse.move(0, 0);
      await links.page.hover(`#${id}`);
      await waitFor(() => inShadow(links.page, 'link-check', (root) => root.querySelector('.tip').matches(':popover-open')), { what: `the tooltip of #${id}` });
    }

    // The popup in Japanese (the worker reads its own locale file) and the options page.
    await setSettings(browser, { schema: 2, lang: 'ja' });
    const popup = await browser.context.newPage();
    await popup.goto(browser.extensionUrl(`popup.html?tab=${danger.entry.tabId}`));
    await popup.locator('#verdict[data-verdict="danger"]').waitFor({ timeout: TIMEOUT });
    await popup.locator('#report summary').click(); // shown, not followed
    const options = await browser.context.newPage();
    await options.goto(browser.extensionUrl('options.html'));
    await options.locator('#shops-input').fill('www.myshop.co.jp');
    await options.locator('#shops-add button').click();
    await options.locator('#shops-list li[data-domain="myshop.co.jp"]').waitFor({ timeout: TIMEOUT });
    await Promise.all([options.waitForEvent('download', { timeout: TIMEOUT }), options.locator('#export').click()]);
    await setSettings(browser, { lang: 'auto' });

    // 1. What the browser reports: extension files, and the pages opened above.
    const own = `chrome-extension://${browser.extensionId}/`;
    const allowed = (r) => r.url.startsWith(own)
      || r.url.startsWith(`blob:${own}`)
      || (!r.fromWorker && r.type === 'document' && visited.has(r.url))
      || (!r.fromWorker && new URL(r.url).pathname === '/favicon.ico' && new URL(r.url).port === String(server.port));
    assert.ok(seen.some((r) => r.type === 'document' && visited.has(r.url)), 'the watch sees page loads');
    assert.deepEqual(seen.filter((r) => !allowed(r)), []);

    // 2. What reached the fixture server: those pages and their icons, nothing else.
    const paths = new Set([...visited].map((u) => new URL(u).pathname));
    assert.deepEqual(server.requests.filter((r) => !paths.has(r.path) && r.path !== '/favicon.ico'), []);

    // 3. What the worker fetched, by its own account: only extension files.
    const fetched = await browser.worker().evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
    assert.deepEqual(fetched.filter((url) => !url.startsWith(own)), []);

    for (const page of [danger.page, caution.page, links.page, popup, options]) await page.close();
  });
});
