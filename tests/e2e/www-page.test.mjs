// The standalone www/ page runs the same wasm core and explains each address.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startStaticServer } from '../../scripts/serve.mjs';

const WWW = fileURLToPath(new URL('../../dist/www/', import.meta.url));
let server;
let browser;
let page;

before(async () => {
  server = await startStaticServer(WWW);
  browser = await chromium.launch({
    executablePath: process.env.MIWAKE_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
  page = await browser.newPage({ locale: 'en-US' });
  await page.goto(`http://127.0.0.1:${server.address().port}/`);
});

after(async () => {
  await browser?.close();
  await new Promise((done) => (server ? server.close(done) : done()));
});

test('judges the sample addresses with reasons', { timeout: 30_000 }, async () => {
  const items = page.locator('#results > li');
  await items.first().waitFor();
  const verdicts = await items.evaluateAll((els) => els.map((el) => el.dataset.verdict));
  assert.deepEqual(verdicts, ['danger', 'ok', 'danger', 'danger', 'danger']);
  const first = await items.first().innerText();
  assert.match(first, /alibba\.com lacks the second “a” of alibaba\.com/);
  // The registrable domain is the emphasised part of the host.
  assert.equal(await items.nth(2).locator('.host strong').innerText(), 'verify-id.xyz');
});

test('rechecks as the user types, in Japanese, and shows invalid shops as an error', { timeout: 30_000 }, async () => {
  await page.fill('#urls', 'https://xxxx.jp/administrator/login');
  await page.check('input[value="ja"]');
  const item = page.locator('#results > li').first();
  await item.locator('li[data-code="shop-suffix-swap"]').waitFor();
  assert.match(await item.innerText(), /あなたのショップ xxxx\.co\.jp/);
  await page.fill('#shops', 'not a domain!');
  await page.locator('#error').waitFor({ state: 'visible' });
  assert.match(await page.locator('#error').innerText(), /not a domain/);
});

test('judges an address as it judges Chrome’s own reading of it, on the whole bench corpus', { timeout: 60_000 }, async () => {
  // The core reads plain http(s) addresses without asking the browser's parser (they are their
  // own serialisation); this holds it to Chrome's parser on 8,000 real and lookalike addresses.
  const dir = mkdtempSync(join(tmpdir(), 'miwake-corpus-'));
  const corpus = join(dir, 'corpus.txt');
  execFileSync(process.execPath, [fileURLToPath(new URL('../../scripts/bench-corpus.mjs', import.meta.url)), corpus], { stdio: 'ignore' });
  const urls = readFileSync(corpus, 'utf8').split('\n').filter(Boolean);
  rmSync(dir, { recursive: true, force: true });
  assert.ok(urls.length > 8_000);
  const differing = await page.evaluate(async (list) => {
    const wasm = await import('./wasm/miwake.js');
    await wasm.default();
    const detector = new wasm.Detector('');
    const judged = (url) => {
      const report = JSON.parse(detector.check(url, 'en'));
      delete report.url;
      return JSON.stringify(report);
    };
    const readable = list.filter((url) => URL.canParse(url));
    return { readable: readable.length, differing: readable.filter((url) => judged(url) !== judged(new URL(url).href)) };
  }, urls);
  assert.ok(differing.readable > 8_000, `${differing.readable} readable`);
  assert.deepEqual(differing.differing, []);
});

test('warms up both kinds of check a woken worker is first asked for', { timeout: 30_000 }, async () => {
  // The extension's worker calls warmUp() right after its first Detector is built; 2 means the
  // made-up sign-in page's signals were accepted, so the page-check code is compiled too.
  const ran = await page.evaluate(async () => {
    const wasm = await import('./wasm/miwake.js');
    await wasm.default();
    return new wasm.Detector('').warmUp();
  });
  assert.equal(ran, 2);
});
