// The popup, opened as an ordinary page with ?tab=<id>: what it explains, in
// both languages, the report helper and "trust this site".
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  TIMEOUT, badge, getSettings, setSettings, storedEntry, waitFor, waitForEntry, waitForNoUi, waitForUi, withBrowserAndServer,
} from './harness.mjs';

const TEST = { timeout: 60_000 };

describe('popup', () => {
  let browser;
  let server;

  withBrowserAndServer((b, s) => {
    browser = b;
    server = s;
  });

  // Each tab gets its own URL (the server ignores the query), so the entry
  // found is this tab's and never one of an earlier, closing tab.
  let opened = 0;
  // `settled` tells when the stored verdict is final: a page may be judged again when its form
  // changes or a form drawn late appears.
  async function openTab(address, settled = () => true) {
    const url = `${address}?tab-test=${++opened}`;
    const page = await browser.context.newPage();
    await page.goto(url);
    const entry = await waitFor(async () => {
      const got = await storedEntry(browser, url);
      return got && settled(got) && got;
    }, { what: `the worker's final verdict for ${url}` });
    return { page, entry };
  }
  const withCodes = (...codes) => (entry) => codes.every((c) => entry.report.reasons.some((r) => r.code === c));

  const badgeTitle = (tabId) => browser.worker().evaluate((id) => chrome.action.getTitle({ tabId: id }), tabId);

  async function popupFor(tabId) {
    const popup = await browser.context.newPage();
    await popup.goto(browser.extensionUrl(`popup.html?tab=${tabId}`));
    return popup;
  }

  it('shows a flagged tab as danger: brand, where you are, the differing letter, reasons, real domains, next steps', TEST, async () => {
    const { page, entry } = await openTab(server.url('alibba.com', '/login.html'), withCodes('login-imitation'));
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
    assert.equal(await popup.locator('#domain strong').textContent(), 'alibba.com');
    // alibba.com against alibaba.com: the "a" it lacks is marked in the real name.
    assert.equal(await popup.locator('#real').textContent(), 'alibaba.com');
    assert.deepEqual(await popup.locator('#real mark').allTextContents(), ['a']);
    assert.equal(await popup.locator('#real').evaluate((el) => el.innerHTML), 'alib<mark>a</mark>ba.com');
    assert.ok(await popup.locator('#diff-hint').isVisible());
    // The marked letter, for a screen reader: the reason that says which letter it is.
    assert.equal(await popup.locator('#real').getAttribute('aria-describedby'), 'diff-text');
    assert.match(await popup.locator('#diff-text').textContent(), /alibba\.com lacks the second “a” of alibaba\.com/);

    const real = await popup.locator('#brand-domains li').allTextContents();
    assert.ok(real.includes('alibaba.com'), real.join());
    const steps = await popup.locator('#next li').allTextContents();
    assert.equal(steps.length, 2);
    assert.match(steps[0], /alibaba\.com/);
    assert.ok((await popup.locator('#headline').textContent()).trim().length > 0);
    assert.ok((await popup.locator('#advice').textContent()).trim().length > 0);
    assert.match(await popup.locator('html').getAttribute('lang'), /^(en|ja)$/);
    await popup.close();
    await page.close();
  });

  it('explains a flagged tab in Japanese and in English, as chosen in the options', TEST, async () => {
    const { page, entry } = await openTab(server.url('alibba.com', '/login.html'), withCodes('login-imitation'));
    await setSettings(browser, { schema: 2, lang: 'ja' });
    const popup = await popupFor(entry.tabId);
    await popup.locator('#verdict[data-verdict="danger"]').waitFor({ timeout: TIMEOUT });
    assert.equal(await popup.locator('html').getAttribute('lang'), 'ja');
    assert.equal(await popup.locator('#headline').textContent(), '偽サイトの可能性が高いです');
    assert.equal(await popup.locator('#brand-label').textContent(), 'まねている相手');
    const ja = await popup.locator('#reasons li[data-code="lookalike-domain"]').textContent();
    assert.match(ja, /alibba\.com/);
    assert.match(ja, /ありません/); // the core's reason, in Japanese
    assert.match(await popup.locator('#next li').first().textContent(), /アドレスバーに alibaba\.com を/);
    assert.equal(await popup.locator('#report summary').textContent(), 'このページを報告する');

    await setSettings(browser, { lang: 'en' });
    await popup.reload();
    await popup.locator('#verdict[data-verdict="danger"]').waitFor({ timeout: TIMEOUT });
    assert.equal(await popup.locator('html').getAttribute('lang'), 'en');
    assert.equal(await popup.locator('#headline').textContent(), 'Likely a fake page');
    assert.equal(await popup.locator('#reasons li[data-code="lookalike-domain"]').textContent(),
      'alibba.com lacks the second “a” of alibaba.com. It is not one of the Alibaba.com domains Miwake knows.');
    assert.equal((await badgeTitle(entry.tabId)), 'Miwake: likely a fake page');
    await setSettings(browser, { lang: 'auto' });
    await popup.close();
    await page.close();
  });

  it('offers ways to report the page, prefilled, opened only on request', TEST, async () => {
    const { page, entry } = await openTab(server.url('alibba.com', '/login.html'), withCodes('login-imitation'));
    const popup = await popupFor(entry.tabId);
    await popup.locator('#verdict[data-verdict="danger"]').waitFor({ timeout: TIMEOUT });
    assert.equal(await popup.locator('#report').getAttribute('open'), null); // collapsed until asked
    const links = await popup.locator('#report-links a').evaluateAll((as) => as.map((a) => ({ id: a.dataset.id, href: a.href })));
    assert.deepEqual(links.map((l) => l.id), ['antiphishing', 'safe-browsing', 'alibaba']);
    const mail = new URL(links[0].href);
    assert.equal(`${mail.protocol}${mail.pathname}`, 'mailto:info@antiphishing.jp');
    assert.match(mail.searchParams.get('subject'), /alibba\.com/);
    assert.ok(mail.searchParams.get('body').includes(entry.url));
    const sb = new URL(links[1].href);
    assert.equal(sb.hostname, 'safebrowsing.google.com');
    assert.equal(sb.searchParams.get('url'), entry.url);
    assert.equal(new URL(links[2].href).hostname, 'service.alibaba.com');

    // A click opens the form in a new tab (every host leads to 127.0.0.1 in these tests).
    await popup.locator('#report summary').click();
    const [request] = await Promise.all([
      browser.context.waitForEvent('request', { predicate: (r) => r.url().startsWith(links[1].href), timeout: TIMEOUT }),
      popup.locator('#report-links a[data-id="safe-browsing"]').click(),
    ]);
    assert.equal(request.resourceType(), 'document');
    await request.frame().page().close();
    await popup.close();
    await page.close();
  });

  it('trusts a site on a false alarm, and undoes it', TEST, async () => {
    const { page, entry } = await openTab(server.url('bit.ly', '/plain.html'));
    const popup = await popupFor(entry.tabId);
    await popup.locator('#verdict[data-verdict="caution"]').waitFor({ timeout: TIMEOUT });
    await popup.locator('#trust').click();
    assert.match(await popup.locator('#trust-confirm-text').textContent(), /bit\.ly/);
    await popup.locator('#trust-yes').click();
    // A trusted site is not checked: the popup says so instead of "nothing suspicious".
    await popup.locator('#verdict[data-verdict="trusted"]').waitFor({ timeout: TIMEOUT });
    assert.equal(await popup.locator('#headline').textContent(), 'You trust this site');
    assert.ok(await popup.locator('#trusted').isVisible());
    assert.equal(await popup.locator('#reasons li[data-code="allowlisted"]').count(), 1);
    assert.deepEqual((await getSettings(browser)).allowlist, ['bit.ly']);
    await waitFor(async () => (await badge(browser, entry.tabId)).text === '', { what: 'the badge to clear' });

    await popup.locator('#trusted-undo').click();
    await popup.locator('#verdict[data-verdict="caution"]').waitFor({ timeout: TIMEOUT });
    // The undo button is gone; the focus goes to the trust button, not the body.
    await waitFor(() => popup.evaluate(() => document.activeElement?.id === 'trust'), { what: 'the focus on "Trust this site"' });
    assert.deepEqual((await getSettings(browser)).allowlist, []);
    await waitFor(async () => (await badge(browser, entry.tabId)).text === '?', { what: 'the "?" badge again' });
    // Only that tab's badge: the default for every other tab stays blank.
    assert.equal(await browser.worker().evaluate(() => chrome.action.getBadgeText({})), '');
    await popup.close();
    await page.close();
  });

  it('closes the warning in the tab once its site is trusted', TEST, async () => {
    const { page, entry } = await openTab(server.url('alibba.com', '/login.html'), withCodes('login-imitation'));
    await waitForUi(page, 'warning');
    const popup = await popupFor(entry.tabId);
    await popup.locator('#verdict[data-verdict="danger"]').waitFor({ timeout: TIMEOUT });
    await popup.locator('#trust').click();
    // Esc in the confirmation cancels it, as in any dialog.
    await popup.keyboard.press('Escape');
    await popup.locator('#trust-confirm').waitFor({ state: 'hidden', timeout: TIMEOUT });
    assert.equal(await popup.evaluate(() => document.activeElement?.id), 'trust');
    await popup.locator('#trust').click();
    await popup.locator('#trust-yes').click();
    await popup.locator('#verdict[data-verdict="trusted"]').waitFor({ timeout: TIMEOUT });
    await waitForNoUi(page, 'warning');
    await setSettings(browser, { allowlist: [] });
    await popup.close();
    await page.close();
  });

  it('puts what to do, reporting and trust first on a danger page, the details collapsed below', TEST, async () => {
    const { page, entry } = await openTab(server.url('alibba.com', '/login.html'), withCodes('login-imitation'));
    const popup = await popupFor(entry.tabId);
    await popup.locator('#verdict[data-verdict="danger"]').waitFor({ timeout: TIMEOUT });
    const order = await popup.evaluate(() => ['next-section', 'report-section', 'trust-section', 'details-section']
      .map((id) => document.getElementById(id))
      .map((el, i, all) => i === 0 || Boolean(all[i - 1].compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING)));
    assert.deepEqual(order, [true, true, true, true]);
    assert.equal(await popup.locator('#details-section').getAttribute('open'), null);
    // The strongest reason is said up front; its evidence list is not.
    assert.match(await popup.locator('#why').innerText(), /alibba\.com/);
    // In a 600 px window, the trust button is visible without scrolling.
    await popup.setViewportSize({ width: 380, height: 600 });
    const bottom = await popup.locator('#trust').evaluate((el) => el.getBoundingClientRect().bottom);
    assert.ok(bottom <= 600, `trust button at ${bottom}px`);
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
    const { page, entry } = await openTab(server.url('alibba.com', '/login.html'), withCodes('login-imitation'));
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

  it('re-judges open tabs when the allowlist changes', TEST, async () => {
    const { page, entry } = await openTab(server.url('bit.ly', '/plain.html'));
    const { url } = entry;
    assert.equal(entry.report.verdict, 'caution');
    await waitFor(async () => (await badge(browser, entry.tabId)).text === '?', { what: 'the "?" badge' });

    const options = await browser.context.newPage();
    await options.goto(browser.extensionUrl('options.html'));
    await options.locator('#allowlist-input').fill('bit.ly');
    await options.locator('#allowlist-add button').click();
    const after = await waitFor(async () => {
      const e = await waitForEntry(browser, url);
      return e.report.verdict === 'ok' && e;
    }, { what: 'the tab to be re-judged' });
    assert.ok(after.report.reasons.some((r) => r.code === 'allowlisted'));
    await waitFor(async () => (await badge(browser, entry.tabId)).text === '', { what: 'the badge to clear' });

    await options.locator('#allowlist-list li[data-domain="bit.ly"] button.remove').click();
    await waitFor(async () => (await waitForEntry(browser, url)).report.verdict === 'caution',
      { what: 'the allowlist entry to be gone' });
    await options.close();
    await page.close();
  });

  // Last in this file: afterwards Playwright's handle on the old worker is stale.
  it('keeps a tab\'s verdict after the service worker is stopped', TEST, async () => {
    const { page, entry } = await openTab(server.url('alibba.com', '/login.html'), withCodes('login-imitation'));
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
    // The fresh worker judged the tab again (another Detector build): that tab's badge, no other.
    assert.equal(await popup.evaluate(() => chrome.action.getBadgeText({})), '');
    await cdp.detach();
    await popup.close();
    await page.close();
  });
});
