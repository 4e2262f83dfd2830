// A page opened as the browser starts (a link clicked in a mail program starts the browser with
// it) is judged at once. Chrome answers chrome.storage.managed only once it has loaded policy,
// seconds after it starts; the first verdict must not wait for that (it used to: about 2 s).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { launch, storedEntry, waitFor } from './harness.mjs';
import { startServer } from './server.mjs';

describe('at browser start', () => {
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

  it('judges the first page before Chrome has loaded policy', { timeout: 60_000 }, async () => {
    // Chrome's own answer for policy, asked for as the worker runs; the page is opened at once.
    await browser.worker().evaluate(() => {
      globalThis.policyAnsweredForTest = false;
      chrome.storage.managed.get(null).finally(() => {
        globalThis.policyAnsweredForTest = true;
      });
    });
    const page = await browser.context.newPage();
    const url = server.url('alibba.com', '/login.html');
    await page.goto(url);
    const entry = await waitFor(async () => {
      const got = await storedEntry(browser, url);
      return got && { ...got, policyAnswered: await browser.worker().evaluate(() => globalThis.policyAnsweredForTest) };
    }, { what: `the verdict for ${url}` });
    assert.equal(entry.report.verdict, 'danger');
    assert.equal(entry.policyAnswered, false, 'the verdict waited for Chrome to load policy');
    await page.close();
  });
});
