// The hostile suites' own control: on a page Miwake has no reason to guard, what the user types
// does reach the recorder (tests/fixtures/recorder.js) and the page's collection endpoint, so the
// suites' "nothing leaked" checks can fail.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { waitFor, waitForEntry, withBrowserAndServer } from './harness.mjs';
import { SECRET, assertTabLeakedNothing } from './hostile.mjs';

describe('the hostile-page recorder', () => {
  let browser;
  let server;
  withBrowserAndServer((b, s) => {
    browser = b;
    server = s;
  });

  it('records what is typed on an honest page, in every kind of field, and sends it', { timeout: 60_000 }, async () => {
    const url = server.url('notes.example', '/hostile-control.html');
    const page = await browser.context.newPage();
    await page.goto(url);
    const entry = await waitForEntry(browser, url);
    assert.equal(entry.report.verdict, 'ok');
    for (const selector of ['#note', '#long-note', '#rich-note']) {
      await page.locator(selector).pressSequentially(SECRET);
      assert.ok((await page.evaluate(() => window.received.values)).includes(SECRET), selector);
      if (selector === '#note') {
        // The page sends on a timer: the first field keeps the text until each way has carried it.
        for (const via of ['fetch', 'xhr', 'beacon']) {
          await waitFor(() => server.collected.some((c) => c.query === `?via=${via}` && c.body.includes(SECRET)),
            { what: `the page sending what was typed by ${via}` });
        }
      }
      await page.evaluate((s) => { document.querySelector(s)[s === '#rich-note' ? 'textContent' : 'value'] = ''; window.received.values.length = 0; }, selector);
    }
    const got = await page.evaluate(() => window.received);
    for (const where of ['window', 'document', 'field']) {
      for (const type of ['keydown', 'keypress', 'keyup', 'input']) {
        assert.ok(got.keys.some((k) => k.startsWith(`${where}:${type}:`)), `${where} ${type}`);
      }
    }
    await assert.rejects(assertTabLeakedNothing(page, server));
    await page.close();
  });
});
