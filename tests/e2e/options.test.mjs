// The options page: my shops and trusted sites (checked and reduced to the
// registrable domain by the core), per-site decisions, language, hover
// checks, export and import, migration from the first version's settings,
// and everything surviving a browser restart.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TIMEOUT, getSettings, launch, setSettings, waitFor, waitForEntry, withBrowserAndServer } from './harness.mjs';

const TEST = { timeout: 90_000 };

describe('options', () => {
  let browser;
  let server;

  withBrowserAndServer((b, s) => {
    browser = b;
    server = s;
  });

  async function openOptions(b = browser) {
    const page = await b.context.newPage();
    await page.goto(b.extensionUrl('options.html'));
    await page.locator('#shops-list li').first().waitFor({ timeout: TIMEOUT });
    return page;
  }

  const saved = (page) => waitFor(async () => (await page.locator('#status').textContent()).trim().length > 0, { what: 'the saved status' });

  async function clearSettings(b = browser) {
    await b.worker().evaluate(() => chrome.storage.sync.clear());
  }

  it('adds a shop as its registrable domain, says which entries are not domains, and guards the shop at once', TEST, async () => {
    await clearSettings();
    const page = await openOptions();
    await page.locator('#shops-input').fill('https://www.MyShop.co.jp/admin, not a domain!, co.jp, 192.0.2.1');
    await page.locator('#shops-add button').click();
    await page.locator('#shops-list li[data-domain="myshop.co.jp"]').waitFor({ timeout: TIMEOUT });
    await saved(page);
    const feedback = await page.locator('#shops-feedback span').evaluateAll((spans) => spans.map((s) => [s.className, s.textContent]));
    assert.deepEqual(feedback, [
      ['bad', '“not a domain!” is not a domain name.'],
      ['bad', '“co.jp” is an ending shared by many sites, not one site\'s domain.'],
      ['bad', '“192.0.2.1” is an IP address. Enter a domain name.'],
      ['note', 'Added myshop.co.jp (the part of “https://www.MyShop.co.jp/admin” that names the site).'],
    ]);
    assert.equal(await page.locator('#shops-input').inputValue(), 'not a domain!, co.jp, 192.0.2.1');
    assert.deepEqual((await getSettings(browser)).shops, ['myshop.co.jp']);

    // The shop is protected right away: its .jp twin is flagged.
    const fake = await browser.context.newPage();
    const url = server.url('myshop.jp', '/login.html');
    await fake.goto(url);
    const entry = await waitForEntry(browser, url);
    assert.equal(entry.report.verdict, 'danger');
    assert.ok(entry.report.reasons.some((r) => r.code === 'shop-suffix-swap'), JSON.stringify(entry.report.reasons));
    await fake.close();

    await page.locator('#shops-list li[data-domain="myshop.co.jp"] button.remove').click();
    await page.locator('#shops-list li.empty').waitFor({ timeout: TIMEOUT });
    assert.deepEqual((await getSettings(browser)).shops, []);
    await page.close();
  });

  it('shows an empty list as a sentence, and after "Remove" puts the focus on the entry now in its place', TEST, async () => {
    await clearSettings();
    await setSettings(browser, { schema: 2, allowlist: ['one.example', 'two.example'] });
    const page = await openOptions();
    // Empty: plain text, not a bordered box one could take for a text field.
    const empty = await page.locator('#shops-list').evaluate((ul) => getComputedStyle(ul).borderTopStyle);
    assert.equal(empty, 'none');
    await page.locator('#allowlist-list li[data-domain="one.example"] button.remove').focus();
    await page.keyboard.press('Enter');
    await page.locator('#allowlist-list li[data-domain="one.example"]').waitFor({ state: 'detached', timeout: TIMEOUT });
    await waitFor(() => page.evaluate(() => document.activeElement?.closest('li')?.dataset.domain === 'two.example'),
      { what: 'the focus on the next entry\'s button' });
    await page.keyboard.press('Enter');
    await page.locator('#allowlist-list li.empty').waitFor({ timeout: TIMEOUT });
    await waitFor(() => page.evaluate(() => document.activeElement?.id === 'allowlist-input'), { what: 'the focus on the input' });
    await page.close();
  });

  it('brings settings saved by the first version up to date', TEST, async () => {
    await clearSettings();
    await setSettings(browser, { schema: 1, shops: ['old-shop.co.jp'], allowlist: ['example.org'] });
    const page = await openOptions();
    await page.locator('#shops-list li[data-domain="old-shop.co.jp"]').waitFor({ timeout: TIMEOUT });
    await page.locator('#allowlist-list li[data-domain="example.org"]').waitFor({ timeout: TIMEOUT });
    assert.equal(await page.locator('#lang').inputValue(), 'auto');
    assert.equal(await page.locator('#link-hover').isChecked(), true);
    await page.locator('#link-hover').uncheck();
    await waitFor(async () => (await getSettings(browser)).linkHover === false, { what: 'the change to be stored' });
    assert.deepEqual(await getSettings(browser), {
      schema: 2, shops: ['old-shop.co.jp'], allowlist: ['example.org'], continued: [], lang: 'auto', linkHover: false,
    });
    await page.close();
  });

  it('exports the settings as a JSON file and imports them back', TEST, async () => {
    await clearSettings();
    const settings = {
      schema: 2, shops: ['myshop.co.jp'], allowlist: ['example.org'], continued: [{ domain: 'alibba.com', at: 1700000000000 }], lang: 'ja', linkHover: true,
    };
    await setSettings(browser, settings);
    const page = await openOptions();
    await page.locator('#shops-list li[data-domain="myshop.co.jp"]').waitFor({ timeout: TIMEOUT });
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: TIMEOUT }), page.locator('#export').click()]);
    assert.match(download.suggestedFilename(), /^miwake-settings-\d{4}-\d{2}-\d{2}\.json$/);
    const file = JSON.parse(await readFile(await download.path(), 'utf8'));
    assert.equal(file.format, 'miwake-settings');
    assert.deepEqual({ ...file, format: undefined, exported: undefined }, { ...settings, format: undefined, exported: undefined });

    // Another file first: refused, nothing changes.
    await page.locator('#import-file').setInputFiles({ name: 'other.json', mimeType: 'application/json', buffer: Buffer.from('{"shops":["x.jp"]}') });
    await page.locator('#error').waitFor({ state: 'visible', timeout: TIMEOUT });
    assert.equal(await page.locator('#error').textContent(), 'このファイルは Miwake の設定ファイルではありません。');

    await clearSettings();
    await page.reload();
    await page.locator('#shops-list li.empty').waitFor({ timeout: TIMEOUT });
    const edited = { ...file, shops: [...file.shops, 'www.second-shop.jp', 'not a domain'] };
    await page.locator('#import-file').setInputFiles({ name: 'miwake.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(edited)) });
    await page.locator('#status', { hasText: /ショップ 2 件、信頼するサイト 1 件、サイトごとの選択 1 件/ }).waitFor({ timeout: TIMEOUT });
    await page.locator('#shops-list li[data-domain="second-shop.jp"]').waitFor({ timeout: TIMEOUT });
    assert.equal(await page.locator('html').getAttribute('lang'), 'ja');
    assert.deepEqual(await getSettings(browser), { ...settings, shops: ['myshop.co.jp', 'second-shop.jp'] });
    await page.close();
    await clearSettings();
  });

  it('drops imported shops that imitate a registered shop or a brand, as it refuses them typed', TEST, async () => {
    await clearSettings();
    await setSettings(browser, { schema: 2, shops: ['sakura-tea.co.jp'], allowlist: [], continued: [], lang: 'en', linkHover: true });
    const page = await openOptions();
    await page.locator('#shops-list li[data-domain="sakura-tea.co.jp"]').waitFor({ timeout: TIMEOUT });
    const file = {
      format: 'miwake-settings', schema: 2, lang: 'en', linkHover: true, allowlist: [], continued: [],
      shops: ['sakura-tea.co.jp', 'sakura-tea.jp', 'sakura-tea-admin.jp', 'alibaba-login.com', 'tea-house.jp'],
    };
    await page.locator('#import-file').setInputFiles({ name: 'miwake.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
    await page.locator('#shops-list li[data-domain="tea-house.jp"]').waitFor({ timeout: TIMEOUT });
    assert.deepEqual((await getSettings(browser)).shops, ['sakura-tea.co.jp', 'tea-house.jp']);
    assert.match(await page.locator('#status').textContent(), /3/);
    await page.close();
    await clearSettings();
  });

  it('keeps every setting across a browser restart', TEST, async () => {
    const profile = await mkdtemp(join(tmpdir(), 'miwake-profile-'));
    try {
      let b = await launch({ profile });
      let page = await openOptions(b);
      await page.locator('#shops-input').fill('myshop.co.jp');
      await page.locator('#shops-add button').click();
      await page.locator('#shops-list li[data-domain="myshop.co.jp"]').waitFor({ timeout: TIMEOUT });
      await page.locator('#allowlist-input').fill('example.org');
      await page.locator('#allowlist-add button').click();
      await page.locator('#allowlist-list li[data-domain="example.org"]').waitFor({ timeout: TIMEOUT });
      await page.locator('#link-hover').uncheck();
      await page.locator('#lang').selectOption('ja');
      await page.locator('h1', { hasText: 'Miwake の設定' }).waitFor({ timeout: TIMEOUT });
      await b.worker().evaluate(() => chrome.storage.sync.set({ continued: [{ domain: 'alibba.com', at: 1700000000000 }] }));
      await page.locator('#continued-list li[data-domain="alibba.com"]').waitFor({ timeout: TIMEOUT });
      await b.close();

      b = await launch({ profile });
      try {
        page = await openOptions(b);
        await page.locator('#shops-list li[data-domain="myshop.co.jp"]').waitFor({ timeout: TIMEOUT });
        assert.equal(await page.locator('h1').textContent(), 'Miwake の設定');
        assert.deepEqual(await page.locator('#allowlist-list li .domain').allTextContents(), ['example.org']);
        assert.deepEqual(await page.locator('#continued-list li .domain').allTextContents(), ['alibba.com']);
        assert.equal(await page.locator('#lang').inputValue(), 'ja');
        assert.equal(await page.locator('#link-hover').isChecked(), false);
        // And the restarted extension judges with them.
        const fake = await b.context.newPage();
        const url = server.url('myshop.jp', '/plain.html');
        await fake.goto(url);
        const entry = await waitForEntry(b, url);
        assert.ok(entry.report.reasons.some((r) => r.code === 'shop-suffix-swap'));
        assert.match(entry.report.reasons[0].message, /あなたのショップ myshop\.co\.jp/);
      } finally {
        await b.close();
      }
    } finally {
      await rm(profile, { recursive: true, force: true });
    }
  });
});
