// A brand's own sign-in look published where anyone can publish on the brand's domains (Google
// Sites, Cloud Storage, Alibaba Cloud OSS): never "official", danger, and nothing typed leaks.
// The same screen on the brand's real sign-in host is left alone.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { badge, waitFor, waitForEntry, waitForNoUi, waitForUi, withBrowserAndServer } from './harness.mjs';
import { SECRET, assertTabLeakedNothing } from './hostile.mjs';

const TEST = { timeout: 90_000 };

describe('brand-hosted user content', () => {
  let browser;
  let server;
  withBrowserAndServer((b, s) => {
    browser = b;
    server = s;
  });

  for (const host of ['sites.google.com', 'storage.googleapis.com', 'bucket.oss-cn-hangzhou.aliyuncs.com']) {
    it(`a sign-in page on ${host} is danger, and nothing typed reaches it`, TEST, async () => {
      const url = server.url(host, '/hostile-user-content.html');
      const page = await browser.context.newPage();
      await page.goto(url);
      const entry = await waitFor(async () => {
        const e = await waitForEntry(browser, page.url());
        return e.report.verdict === 'danger' ? e : null;
      }, { what: `danger for ${host}` });
      assert.ok(!entry.report.reasons.some((r) => r.code === 'official-domain'), 'never official');
      assert.ok(entry.report.reasons.some((r) => ['credentials-on-user-content', 'login-imitation'].includes(r.code)),
        JSON.stringify(entry.report.reasons.map((r) => r.code)));
      await waitFor(async () => (await badge(browser, entry.tabId)).text === '!', { what: 'the danger badge' });
      // The warning is put away as a user would; the field is then clicked and typed into.
      await waitForUi(page, 'warning');
      await page.keyboard.press('Escape');
      await waitForNoUi(page, 'warning');
      await page.locator('#password').click();
      await page.keyboard.type(SECRET);
      assert.equal(await page.inputValue('#password'), '');
      await assertTabLeakedNothing(page, server);
      await page.close();
    });
  }

  it('the same screen on accounts.google.com is left alone: typing reaches it', TEST, async () => {
    const url = server.url('accounts.google.com', '/hostile-user-content.html');
    const page = await browser.context.newPage();
    await page.goto(url);
    const entry = await waitForEntry(browser, page.url());
    assert.equal(entry.report.verdict, 'ok');
    await page.locator('#password').pressSequentially(SECRET);
    assert.equal(await page.inputValue('#password'), SECRET);
    await page.close();
  });
});
