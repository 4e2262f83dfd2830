// The www page's mail checker in real Chromium: paste a mail, drop a file, choose a file, read the
// verdicts, switch language, follow the browser's language, and watch the network: nothing but
// the page's own static files is ever requested.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { startStaticServer } from '../../scripts/serve.mjs';

const WWW = fileURLToPath(new URL('../../dist/www/', import.meta.url));
const MAILS = new URL('../mails/', import.meta.url);
let server;
let browser;
let origin;
const requests = [];

before(async () => {
  server = await startStaticServer(WWW);
  origin = `http://127.0.0.1:${server.address().port}`;
  browser = await chromium.launch({
    executablePath: process.env.MIWAKE_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
});

after(async () => {
  await browser?.close();
  await new Promise((done) => (server ? server.close(done) : done()));
});

async function openPage(locale) {
  const context = await browser.newContext({ locale });
  context.on('request', (request) => requests.push(request.url()));
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  await page.goto(`${origin}/`);
  await page.locator('#results > li').first().waitFor();
  return page;
}

const verdictBox = (page) => page.locator('#mail-result > div');

test('a pasted phishing mail is danger, with its reasons and its links judged', { timeout: 30_000 }, async () => {
  const page = await openPage('en-US');
  await page.fill('#mail', readFileSync(new URL('ec-cube-server-damaged-phish.eml', MAILS), 'utf8'));
  const box = verdictBox(page);
  await box.locator('li[data-code="sender-imitates-brand"]').waitFor();
  assert.equal(await box.getAttribute('data-verdict'), 'danger');
  assert.equal(await page.locator('#mail-verdict').innerText(), 'Phishing: do not open its links');
  assert.match(await box.locator('li[data-code="sender-imitates-brand"]').innerText(), /comes from server-notice\.xyz/);
  const link = page.locator('#mail-links > li').first();
  assert.equal(await link.getAttribute('data-verdict'), 'danger');
  assert.match(await link.innerText(), /ec-cube\.net\.verify-id\.xyz[\s\S]*https:\/\/www\.ec-cube\.net\/login/);

  // The switch re-judges the same mail in Japanese.
  await page.check('input[value="ja"]');
  await page.locator('#mail-verdict', { hasText: 'フィッシングです' }).waitFor();
  assert.match(await box.locator('li[data-code="generic-greeting"]').innerText(), /お客様各位/);
  assert.equal(await page.locator('#mail-heading').innerText(), 'メールを確認する');
  await page.context().close();
});

test('a chosen or dropped .eml is read in its own charset', { timeout: 30_000 }, async () => {
  const page = await openPage('en-US');
  // ISO-2022-JP, chosen with the file input.
  await page.setInputFiles('#mail-file', fileURLToPath(new URL('alibaba-order-iso2022jp.eml', MAILS)));
  await verdictBox(page).locator('li[data-code="sender-verified"]').waitFor();
  assert.equal(await verdictBox(page).getAttribute('data-verdict'), 'ok');
  assert.match(await verdictBox(page).innerText(), /Alibaba\.com/);

  // Shift_JIS, dropped on the mail section.
  const bytes = [...readFileSync(new URL('yahoo-japan-login-sjis.eml', MAILS))];
  await page.evaluate((data) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([new Uint8Array(data)], 'notice.eml', { type: 'message/rfc822' }));
    document.getElementById('mail-section').dispatchEvent(
      new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
  }, bytes);
  await verdictBox(page).locator('li[data-code="sender-verified"]', { hasText: 'yahoo.co.jp' }).waitFor();
  assert.match(await verdictBox(page).innerText(), /Yahoo! JAPAN/);
  assert.equal(await verdictBox(page).getAttribute('data-verdict'), 'ok');
  assert.match(await page.locator('#mail-links > li').first().innerText(), /ログイン履歴を確認/);

  // A paste that is not a mail gets a clear answer.
  await page.fill('#mail', 'only some words');
  await verdictBox(page).locator('li[data-code="mail-unreadable"]').waitFor();
  await page.context().close();
});

test('the page follows a Japanese browser', { timeout: 30_000 }, async () => {
  const page = await openPage('ja-JP');
  assert.equal(await page.isChecked('input[value="ja"]'), true);
  await page.fill('#mail', readFileSync(new URL('alibaba-member-suspended-phish.eml', MAILS), 'utf8'));
  await page.locator('#mail-verdict', { hasText: 'フィッシングです' }).waitFor();
  assert.match(await verdictBox(page).locator('li[data-code="sender-lookalike-domain"]').innerText(), /alibba\.com/);
  await page.context().close();
});

test('nothing but the page’s own files was requested', () => {
  assert.ok(requests.length > 0);
  const elsewhere = requests.filter((url) => !url.startsWith(`${origin}/`));
  assert.deepEqual(elsewhere, []);
  const files = new Set(requests.map((url) => new URL(url).pathname));
  assert.deepEqual([...files].sort(), ['/', '/app.js', '/mail-view.js', '/style.css', '/verdict-view.js', '/wasm/miwake.js', '/wasm/miwake_bg.wasm']);
});
