// The keystroke guard: on a flagged page nothing typed reaches a credential
// field (or the page's own listeners) until the user deliberately continues;
// the choice is remembered per site and revocable; a caution page gets a
// notice by the field instead; an honest page is not slowed down.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  TIMEOUT, badge, clickInShadow, getSettings, hasUi, inShadow, setSettings, waitFor, waitForEntry, waitForNoUi, withBrowserAndServer,
} from './harness.mjs';

const TEST = { timeout: 90_000 };
const PASSWORD = '#fm-login-password';
const GENERIC_PASSWORD = '#pass'; // generic-login.html

describe('the keystroke guard', () => {
  let browser;
  let server;
  let opened = 0;

  withBrowserAndServer((b, s) => {
    browser = b;
    server = s;
  });

  // A tab on `host`'s login fixture, with its own URL so its stored verdict is its own.
  async function openLogin(host, fixture = '/login.html') {
    const url = `${server.url(host, fixture)}?guard=${++opened}`;
    const page = await browser.context.newPage();
    await page.goto(url);
    const entry = await waitForEntry(browser, url);
    return { page, entry };
  }

  const dialogOpen = (page) => inShadow(page, 'warning', (root) => root.querySelector('dialog')?.open === true);
  const waitForWarning = (page) => waitFor(() => dialogOpen(page), { what: 'the warning dialog' });
  const waitForNoWarning = (page) => waitForNoUi(page, 'warning');
  // What the page's own listeners saw of the password field, beyond focus.
  const pageSaw = (page) => page.evaluate(() => window.seen.filter((e) => !e.startsWith('focus:')));

  it('holds keys typed into a login form drawn after load until that form is judged', TEST, async () => {
    // The address alone is fine; the form drawn later imitates Alibaba.com's sign-in.
    const { page, entry } = await openLogin('trade-notice.example', '/late-login.html');
    assert.equal(entry.report.verdict, 'ok');
    await page.evaluate(() => showLogin());
    await page.locator(PASSWORD).pressSequentially('hunter2'); // focus and type at once
    await waitForWarning(page);
    assert.equal(await page.inputValue(PASSWORD), '');
    // Held keys are the page's to see neither as they go down nor as they come up.
    assert.deepEqual(await pageSaw(page), [], 'the page\'s own listeners saw nothing typed');
    await page.close();
  });

  it('holds keys typed into a form in a shadow root attached long after load to an element that was there all along', TEST, async () => {
    // The page's own DOM does not change, so nothing prompts another look at it: the focus landing
    // in a shadow root not seen before does. The root is attached once the page as loaded has been
    // judged (its first search is done).
    const url = `${server.url('doc-view-late-root.example', '/hidden-google-signin.html')}?trick=attach-later&guard=${++opened}`;
    const page = await browser.context.newPage();
    await page.goto(url);
    await waitForEntry(browser, url);
    await page.evaluate(() => lateStep());
    const field = page.locator('[name="pw"]'); // Playwright's CSS goes into open shadow roots
    await field.waitFor({ timeout: TIMEOUT });
    await field.pressSequentially('hunter2');
    await waitForWarning(page);
    assert.equal(await field.inputValue(), '');
    await page.close();
  });

  it('leaves the page\'s own synthetic events alone, so probing with them reveals nothing', TEST, async () => {
    const { page, entry } = await openLogin('alibba.com');
    assert.equal(entry.report.verdict, 'danger');
    await waitForWarning(page);
    await page.keyboard.press('Escape');
    await waitForNoWarning(page);
    const reached = await page.evaluate(() => {
      const field = document.getElementById('fm-login-password');
      const got = [];
      for (const type of ['keydown', 'keyup', 'beforeinput', 'input']) {
        field.addEventListener(type, () => got.push(type), { once: true });
        const Event = type.startsWith('key') ? KeyboardEvent : InputEvent;
        field.dispatchEvent(new Event(type, { key: 'a', data: 'a', inputType: 'insertText', bubbles: true, cancelable: true }));
      }
      return got;
    });
    assert.deepEqual(reached, ['keydown', 'keyup', 'beforeinput', 'input']);
    assert.ok(!(await dialogOpen(page)), 'no warning for what the page did itself');
    // What the user types is still stopped.
    await page.click(PASSWORD);
    await waitForWarning(page);
    await page.close();
  });

  it('keeps typed keys out of a danger page\'s password field until the user continues, and remembers the choice', TEST, async () => {
    const { page, entry } = await openLogin('alibba.com');
    assert.equal(entry.report.verdict, 'danger');
    await waitForWarning(page); // it opens by itself on a flagged page
    await page.keyboard.press('Escape');
    await waitForNoWarning(page);

    // Clicking into the field: the warning is back before a key is pressed.
    await page.click(PASSWORD);
    await waitForWarning(page);
    await page.keyboard.type('hunter2');
    assert.equal(await page.inputValue(PASSWORD), '');

    // Esc hands the focus back to the field; the next key is stopped too.
    await page.keyboard.press('Escape');
    await waitForNoWarning(page);
    assert.equal(await page.evaluate(() => document.activeElement.id), 'fm-login-password');
    await page.keyboard.type('x');
    await waitForWarning(page);
    await page.keyboard.press('Escape');
    await waitForNoWarning(page);

    // Text put in without a key (paste-like insertion) is stopped as well.
    await page.keyboard.insertText('pasted secret');
    await waitForWarning(page);
    assert.equal(await page.inputValue(PASSWORD), '');
    assert.deepEqual(await pageSaw(page), [], 'the page\'s own listeners saw nothing typed');
    assert.equal((await badge(browser, entry.tabId)).text, '!');

    // Nor does a character typed anywhere else the page could read it: a textarea, an editable
    // element, the page itself (a keypad drawn with buttons reads keys from the document).
    await page.keyboard.press('Escape');
    await waitForNoWarning(page);
    await page.evaluate(() => {
      const note = Object.assign(document.createElement('textarea'), { id: 'note' });
      const pad = Object.assign(document.createElement('div'), { id: 'pad', contentEditable: 'true' });
      document.body.prepend(note, pad);
    });
    for (const target of ['#note', '#pad', 'h1, p, footer']) {
      await page.locator(target).first().click();
      if (await dialogOpen(page)) {
        await page.keyboard.press('Escape');
        await waitForNoWarning(page);
      }
      await page.locator(target).first().focus().catch(() => {});
      await page.keyboard.type('s3cret');
      await waitForWarning(page);
      await page.keyboard.press('Escape');
      await waitForNoWarning(page);
    }
    assert.equal(await page.inputValue('#note'), '');
    assert.equal(await page.locator('#pad').textContent(), '');
    assert.deepEqual(await pageSaw(page), [], 'the page saw no character typed outside the field either');
    await page.click(PASSWORD); // the warning again, for the next step
    await waitForWarning(page);

    // "I understand the risk, continue" is a deliberate second step.
    await clickInShadow(page, 'warning', 'button.risk');
    const step = await inShadow(page, 'warning', (root) => root.querySelector('.step2 .explain').textContent);
    assert.match(step, /alibba\.com/);
    await clickInShadow(page, 'warning', 'button.confirm');
    await waitForNoWarning(page);
    await page.locator(PASSWORD).pressSequentially('hunter2');
    assert.equal(await page.inputValue(PASSWORD), 'hunter2');
    assert.ok((await pageSaw(page)).includes('keydown:fm-login-password'));

    // Remembered for the site, and the badge still warns.
    const stored = await waitFor(async () => {
      const s = await getSettings(browser);
      return s.continued?.some((d) => d.domain === 'alibba.com') && s;
    }, { what: 'the decision to be stored' });
    assert.equal(stored.schema, 2);
    assert.equal((await badge(browser, entry.tabId)).text, '!');
    await page.close();

    // Another page of the same site: no dialog, typing goes through, badge still "!".
    const again = await openLogin('alibba.com');
    await again.page.locator(PASSWORD).pressSequentially('abc');
    await waitFor(async () => (await again.page.inputValue(PASSWORD)) === 'abc', { what: 'the typed text' });
    assert.equal(await hasUi(again.page, 'warning'), false);
    assert.equal((await badge(browser, again.entry.tabId)).text, '!');
    await again.page.close();
  });

  it('stops the user again once the decision is revoked in the options', TEST, async () => {
    await setSettings(browser, { schema: 2, continued: [{ domain: 'alibba.com', at: Date.now() }] });
    const options = await browser.context.newPage();
    await options.goto(browser.extensionUrl('options.html'));
    const row = options.locator('#continued-list li[data-domain="alibba.com"]');
    await row.waitFor({ timeout: TIMEOUT });
    await row.locator('button.revoke').click();
    await row.waitFor({ state: 'detached', timeout: TIMEOUT });
    assert.deepEqual((await getSettings(browser)).continued, []);
    await options.close();

    const { page } = await openLogin('alibba.com');
    await waitForWarning(page);
    await page.close();
  });

  it('shows a dismissible notice by the login field on a caution page, and lets typing through', TEST, async () => {
    // A login page that imitates no brand (the Alibaba fixture would be danger anywhere but
    // Alibaba's own domains, for what it shows), behind a shortener: caution.
    const { page, entry } = await openLogin('bit.ly', '/generic-login.html');
    assert.equal(entry.report.verdict, 'caution');
    await page.click(GENERIC_PASSWORD);
    const notice = await waitFor(() => inShadow(page, 'notice', (root) => ({
      text: root.querySelector('.box').innerText,
      site: root.querySelector('.where strong')?.textContent,
      codes: [...root.querySelectorAll('[data-code]')].map((e) => e.dataset.code),
    })), { what: 'the notice' });
    assert.equal(notice.site, 'bit.ly');
    assert.deepEqual(notice.codes, ['url-shortener']);

    // Nothing is stopped, and the field keeps the focus.
    await page.keyboard.type('abc');
    assert.equal(await page.inputValue(GENERIC_PASSWORD), 'abc');
    assert.equal(await hasUi(page, 'warning'), false);

    await clickInShadow(page, 'notice', 'button.dismiss');
    await waitForNoUi(page, 'notice');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'pass');
    await page.locator('#user').focus();
    await page.locator(GENERIC_PASSWORD).focus();
    assert.equal(await hasUi(page, 'notice'), false); // dismissed for this page
    await page.close();
  });

  it('lets typing straight through on the real site', TEST, async () => {
    const page = await browser.context.newPage();
    const url = `${server.url('www.alibaba.com', '/login.html')}?guard=${++opened}`;
    await page.goto(url);
    // Typed at once, possibly before the verdict: nothing may be lost.
    await page.locator(PASSWORD).pressSequentially('correct horse');
    await waitFor(async () => (await page.inputValue(PASSWORD)) === 'correct horse', { what: 'every typed key' });
    const entry = await waitForEntry(browser, url);
    assert.equal(entry.report.verdict, 'ok');
    assert.equal(await hasUi(page, 'warning'), false);
    await page.close();
  });
});
