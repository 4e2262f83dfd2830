// The popup, opened as an ordinary page with ?tab=<id>, and the options page.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { badge, launch, TIMEOUT, waitFor, waitForEntry } from './harness.mjs';
import { startServer } from './server.mjs';

const TEST = { timeout: 60_000 };

describe('popup and options', () => {
  let browser;
  let server;

  before(async () => {
    server = await startServer();
    browser = await launch();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  // Each tab gets its own URL (the server ignores the query), so the entry
  // found is this tab's and never one of an earlier, closing tab.
  let opened = 0;
  async function openTab(address) {
    const url = `${address}?tab-test=${++opened}`;
    const page = await browser.context.newPage();
    await page.goto(url);
    const entry = await waitForEntry(browser, url);
    return { page, entry };
  }

  async function popupFor(tabId) {
    const popup = await browser.context.newPage();
    await popup.goto(browser.extensionUrl(`popup.html?tab=${tabId}`));
    return popup;
  }

  it('shows a flagged tab as danger, with its reasons and the real domains', TEST, async () => {
    const { page, entry } = await openTab(server.url('alibba.com', '/login.html'));
    const popup = await popupFor(entry.tabId);
    await popup.locator('#verdict[data-verdict="danger"]').waitFor({ timeout: TIMEOUT });

    const codes = await popup.locator('#reasons li[data-code]').evaluateAll((lis) => lis.map((li) => li.dataset.code));
    assert.ok(codes.length > 0);
    assert.deepEqual(codes, entry.report.reasons.map((r) => r.code));
    assert.ok(codes.includes('lookalike-domain'), codes.join());
    const texts = await popup.locator('#reasons li').allTextContents();
    assert.ok(texts.every((t) => t.trim().length > 0));

    assert.equal(await popup.locator('#brand').textContent(), 'Alibaba.com');
    assert.equal(await popup.locator('#domain').textContent(), 'alibba.com');
    const real = await popup.locator('#brand-domains li').allTextContents();
    assert.ok(real.includes('alibaba.com'), real.join());
    assert.ok((await popup.locator('#headline').textContent()).trim().length > 0);
    assert.ok((await popup.locator('#advice').textContent()).trim().length > 0);
    assert.match(await popup.locator('html').getAttribute('lang'), /^(en|ja)$/);
    await popup.close();
    await page.close();
  });

  it('shows the real site as ok', TEST, async () => {
    const { page, entry } = await openTab(server.url('www.alibaba.com', '/login.html'));
    const popup = await popupFor(entry.tabId);
    await popup.locator('#verdict[data-verdict="ok"]').waitFor({ timeout: TIMEOUT });
    assert.equal(await popup.locator('#reasons li[data-code="official-domain"]').count(), 1);
    await popup.close();
    await page.close();
  });

  it('says "not checked" for a tab it knows nothing about', TEST, async () => {
    const popup = await popupFor(987654);
    await popup.locator('#verdict[data-verdict="unknown"]').waitFor({ timeout: TIMEOUT });
    assert.equal(await popup.locator('#reasons li').count(), 0);
    await popup.close();
  });

  it('forgets a tab that moved on to a page it does not check', TEST, async () => {
    const { page, entry } = await openTab(server.url('alibba.com', '/login.html'));
    await page.goto('about:blank');
    const popup = await popupFor(entry.tabId);
    await popup.locator('#verdict[data-verdict="unknown"]').waitFor({ timeout: TIMEOUT });
    assert.equal((await badge(browser, entry.tabId)).text, ''); // Chrome resets tab badges on navigation
    await popup.close();
    await page.close();
  });

  it('forgets a closed tab', TEST, async () => {
    const { page, entry } = await openTab(server.url('bit.ly', '/plain.html'));
    await page.close();
    await waitFor(async () => {
      const all = await browser.worker().evaluate(() => chrome.storage.session.get(null));
      return !(`tab:${entry.tabId}` in all);
    }, { what: 'the closed tab to be forgotten' });
  });

  it('saves settings, and shows the core\'s error for a shop that is not a domain', TEST, async () => {
    const options = await browser.context.newPage();
    await options.goto(browser.extensionUrl('options.html'));
    await options.locator('#shops').fill('not a domain!\nhttps://MyShop.co.jp/admin/');
    await options.locator('#save').click();
    await options.locator('#error').waitFor({ state: 'visible', timeout: TIMEOUT });
    assert.ok((await options.locator('#error').textContent()).trim().length > 0);

    await options.locator('#shops').fill('myshop.co.jp');
    await options.locator('#allowlist').fill('example.org');
    await options.locator('#save').click();
    await waitFor(async () => (await options.locator('#status').textContent()).trim().length > 0,
      { what: 'the saved status' });
    assert.equal(await options.locator('#error').isVisible(), false);
    const stored = await browser.worker().evaluate(() => chrome.storage.sync.get(null));
    assert.deepEqual(stored, { schema: 1, shops: ['myshop.co.jp'], allowlist: ['example.org'] });
    await options.close();
  });

  it('re-judges open tabs when the allowlist changes', TEST, async () => {
    const { page, entry } = await openTab(server.url('bit.ly', '/plain.html'));
    const { url } = entry;
    assert.equal(entry.report.verdict, 'caution');
    await waitFor(async () => (await badge(browser, entry.tabId)).text === '?', { what: 'the "?" badge' });

    const options = await browser.context.newPage();
    await options.goto(browser.extensionUrl('options.html'));
    await options.locator('#allowlist').fill('bit.ly');
    await options.locator('#save').click();
    const after = await waitFor(async () => {
      const e = await waitForEntry(browser, url);
      return e.report.verdict === 'ok' && e;
    }, { what: 'the tab to be re-judged' });
    assert.ok(after.report.reasons.some((r) => r.code === 'allowlisted'));
    await waitFor(async () => (await badge(browser, entry.tabId)).text === '', { what: 'the badge to clear' });

    await options.locator('#allowlist').fill('');
    await options.locator('#save').click();
    await waitFor(async () => (await waitForEntry(browser, url)).report.verdict === 'caution',
      { what: 'the allowlist entry to be gone' });
    await options.close();
    await page.close();
  });

  // Last in this file: afterwards Playwright's handle on the old worker is stale.
  it('keeps a tab\'s verdict after the service worker is stopped', TEST, async () => {
    const { page, entry } = await openTab(server.url('alibba.com', '/login.html'));
    const popup = await popupFor(entry.tabId);
    await popup.locator('#verdict[data-verdict="danger"]').waitFor({ timeout: TIMEOUT });

    // Stop the extension's worker, as Chrome does after 30 s idle.
    const cdp = await browser.context.newCDPSession(popup);
    const statuses = [];
    cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
      for (const v of versions) if (v.scriptURL.endsWith('/service-worker.js')) statuses.push(v.runningStatus);
    });
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await waitFor(() => statuses.includes('stopped'), { what: 'the worker to stop' });

    // The popup's question wakes a fresh worker, which has only chrome.storage to go on.
    await popup.reload();
    await popup.locator('#verdict[data-verdict="danger"]').waitFor({ timeout: TIMEOUT });
    assert.equal(statuses.at(-1), 'running');
    assert.equal(await popup.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), entry.tabId), '!');
    await cdp.detach();
    await popup.close();
    await page.close();
  });
});
