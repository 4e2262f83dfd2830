// Login screens judged by what they show: one fixture page per scenario, served on made-up
// hostnames, against the real wasm core in a real Chromium.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  TIMEOUT, badge, hasUi, inContentScripts, shadowText, storedEntry, waitFor, waitForEntry, waitForUi, withBrowserAndServer,
} from './harness.mjs';

const TEST = { timeout: 60_000 };

// Staged fixtures take their late step (the form drawn, the field retyped: lateStep()) when the test
// calls it, never on a timer. "After load" and "long after load" are once the page as loaded has
// been judged: the content scripts' first search of it is done, and found no form.
async function afterFirstVerdict(browser, page, url) {
  const first = await waitForEntry(browser, url);
  assert.notEqual(first.report.verdict, 'danger', 'judged before its late step');
  await page.evaluate(() => lateStep());
}

// On the page that changes every frame, "long after load" is also once its changes have outrun what
// the content scripts read one by one (they want no more of the tree observer's records): only
// their whole-page search, at most every 5 s, can find the host then. Instead of waiting up to 5 s
// for it, their clock is moved on 5 s once the host is there: their next look (the page keeps
// changing) is due for it.
async function afterOverflow(browser, page, url) {
  const first = await waitForEntry(browser, url);
  assert.notEqual(first.report.verdict, 'danger', 'judged before its late step');
  await waitFor(() => inContentScripts(browser, page, () => !globalThis.MiwakePageSignals.wantsRecords()),
    { what: 'more changes than the content scripts read one by one' });
  await page.evaluate(() => lateStep());
  await inContentScripts(browser, page, () => {
    const real = performance.now.bind(performance);
    performance.now = () => real() + 5_000;
  });
}

const SCENARIOS = [
  // [what, host, fixture, verdict, codes that must be among the reasons, brand, badge text, how a
  //  staged fixture's late step is taken]
  ['a Google sign-in copy on an unrelated domain', 'secure-docs-view.com', 'google-signin.html', 'danger', ['login-imitation'], 'Google', '!'],
  ['the same page on accounts.google.com', 'accounts.google.com', 'google-signin.html', 'ok', ['official-domain'], 'Google', ''],
  ['a Google sign-in drawn by script, posting to Telegram', 'doc-share-view.com', 'late-google-signin.html', 'danger', ['login-imitation', 'credentials-to-exfiltration-service'], 'Google', '!', afterFirstVerdict],
  ['a Google sign-in in a shadow root drawn after load', 'doc-view-shadow.example', 'hidden-google-signin.html?trick=shadow', 'danger', ['login-imitation'], 'Google', '!'],
  ['a Google sign-in in a shadow root on a host added at the end of a changing page long after load', 'doc-view-churn.example', 'hidden-google-signin.html?trick=churn-late-host', 'danger', ['login-imitation'], 'Google', '!', afterFirstVerdict],
  ['a Google sign-in in a shadow root on a host added long after load to a page that changes every frame', 'doc-view-storm.example', 'hidden-google-signin.html?trick=storm-late-host', 'danger', ['login-imitation'], 'Google', '!', afterOverflow],
  ['a Google sign-in in a shadow root of a custom element defined long after load on a changing page', 'doc-view-upgrade.example', 'hidden-google-signin.html?trick=churn-upgrade', 'danger', ['login-imitation'], 'Google', '!', afterFirstVerdict],
  ['a Google sign-in whose password is a text input with -webkit-text-security', 'doc-view-masked.example', 'hidden-google-signin.html?trick=text-security', 'danger', ['login-imitation'], 'Google', '!'],
  ['a Google sign-in whose text input becomes a password field later', 'doc-view-retyped.example', 'hidden-google-signin.html?trick=type-change', 'danger', ['login-imitation'], 'Google', '!', afterFirstVerdict],
  ['an Alibaba sign-in copy on an unrelated domain', 'trade-notice.example', 'login.html', 'danger', ['login-imitation'], 'Alibaba.com', '!'],
  ['a Yahoo! JAPAN sign-in copy', 'id-support-center.example', 'yahoo-login.html', 'danger', ['login-imitation'], 'Yahoo! JAPAN', '!'],
  ['a Facebook sign-in copy posting elsewhere', 'social-check.example', 'facebook-login.html', 'danger', ['login-imitation', 'credentials-posted-elsewhere'], 'Facebook', '!'],
  ['a password form on Google Sites', 'sites.google.com', 'sites-password.html', 'danger', ['credentials-on-user-content'], 'Google', '!'],
  ['a Google sign-in screen at its account-name step, published on Google Sites', 'sites.google.com', 'google-signin.html', 'danger', ['credentials-on-user-content'], 'Google', '!'],
  ['an EC-CUBE admin login on a shop not registered', 'othershop.co.jp', 'ec-cube-admin.html', 'caution', ['unregistered-shop-admin'], 'EC-CUBE', '?'],
  ['an EC-CUBE admin login posting to Telegram', 'shop-maintenance.example', 'ec-cube-admin.html?action=https://api.telegram.org/bot000:fixture/sendMessage', 'danger', ['shop-admin-imitation', 'credentials-to-exfiltration-service'], 'EC-CUBE', '!'],
  ['a site with "Sign in with Google" beside its own form', 'tabiya-travel.example', 'sign-in-with-google.html', 'ok', [], null, ''],
  ['an article about Alibaba phishing', 'security-blog.example', 'article-alibaba.html', 'ok', [], null, ''],
  ['a generic login page', 'intranet.example-corp.example', 'generic-login.html', 'ok', [], null, ''],
  ['the same generic login page on a domain named after Google', 'google-drive-share.example', 'generic-login.html', 'danger', ['credentials-on-brand-named-host', 'brand-name-in-domain'], 'Google', '!'],
  ['a shop\'s own sign-in page (the bench\'s typical login page)', 'www.example-shop.com', 'shop-login.html', 'ok', [], null, ''],
];

const SHOP_SCENARIOS = [
  ['an EC-CUBE admin login on the user\'s own shop', 'xxxx.co.jp', 'ec-cube-admin.html', 'ok', ['own-shop'], null, ''],
  ['an EC-CUBE admin login on a lookalike of the user\'s shop', 'xxxx.jp', 'ec-cube-admin.html', 'danger', ['shop-suffix-swap', 'shop-admin-imitation'], 'EC-CUBE', '!'],
];

describe('login-screen imitation', () => {
  let browser;
  let server;

  withBrowserAndServer((b, s) => {
    browser = b;
    server = s;
  });

  // Opens the page, takes its late step if it has one, and waits until the worker's stored verdict
  // has every expected code (the first report may come before the form exists); then checks
  // verdict, brand, badge and warning.
  async function expectVerdict([what, host, fixture, verdict, codes, brand, badgeText, stage], { keepOpen = false } = {}) {
    const page = await browser.context.newPage();
    await page.goto(server.url(host, `/${fixture}`));
    const url = page.url(); // HSTS-preloaded hosts (google.com) were upgraded to https:
    if (stage) await stage(browser, page, url);
    const entry = await waitFor(async () => {
      const got = await storedEntry(browser, url);
      const have = got?.report.reasons.map((r) => r.code) ?? [];
      const settled = got && got.report.verdict === verdict && codes.every((c) => have.includes(c));
      return settled && got;
    }, { what: `${verdict} ${codes.join('+')} for ${what}` });
    if (brand) assert.equal(entry.report.brand, brand, what);
    const shown = await waitFor(async () => {
      const b = await badge(browser, entry.tabId);
      return b.text === badgeText && b;
    }, { what: `badge "${badgeText}" for ${what}` });
    assert.equal(shown.text, badgeText);
    if (verdict === 'danger') {
      await waitForUi(page, 'warning');
    } else {
      assert.equal(await hasUi(page, 'warning'), false, what);
    }
    if (!keepOpen) await page.close();
    return { ...entry, page };
  }

  for (const scenario of SCENARIOS) {
    it(`${scenario[0]}: ${scenario[3]}`, TEST, () => expectVerdict(scenario));
  }

  it('keeps a shadow root found past the first 3,000 elements through the whole-page searches that come later', TEST, async () => {
    // The changing page is searched whole again every 10 s; that capped walk does not reach the host.
    const { page, url } = await expectVerdict(
      ['late host', 'doc-view-churn-kept.example', 'hidden-google-signin.html?trick=churn-late-host', 'danger', ['login-imitation'], 'Google', '!', afterFirstVerdict],
      { keepOpen: true },
    );
    // Instead of waiting 10 s, the content scripts' clock is moved on 10 s: their next look (the
    // page changes every 100 ms) is due for the whole-page search. Each such walk is noted: it is
    // the one tree walk that starts at the document element (page-signals.js).
    await inContentScripts(browser, page, () => {
      const real = performance.now.bind(performance);
      performance.now = () => real() + 10_000;
      const walks = [];
      globalThis.wholePageWalks = walks;
      const createTreeWalker = Document.prototype.createTreeWalker;
      Document.prototype.createTreeWalker = function (root, ...rest) {
        if (root === this.documentElement) walks.push(root);
        return createTreeWalker.call(this, root, ...rest);
      };
    });
    await waitFor(() => inContentScripts(browser, page, () => globalThis.wholePageWalks.length > 0), { what: 'a whole-page search' });
    // What that look found, and so what it reported (nothing new): the field in the kept root.
    const seen = await inContentScripts(browser, page, () => ({
      fields: globalThis.MiwakePageSignals.collect({ walkShadows: false }).signals?.fields.map((f) => `${f.type}:${f.name}`),
      verdict: globalThis.MiwakeContent.state.report?.verdict,
    }));
    assert.deepEqual(seen, { fields: ['password:pw'], verdict: 'danger' });
    assert.equal((await storedEntry(browser, url)).report.verdict, 'danger');
    await page.close();
  });

  it('judges a sign-in copy and opens the warning while the rest of the page is still on its way', TEST, async () => {
    // The server stops after the form and sends the rest only when told: no DOMContentLoaded until
    // then. The first report waits for it, or for the look the parser's changes arm, whichever
    // comes first.
    const page = await browser.context.newPage();
    const url = server.url('trade-stall.example', '/login.html?stall=hold');
    await page.goto(url, { waitUntil: 'commit' });
    await waitForUi(page, 'warning');
    assert.equal(await page.evaluate(() => document.readyState), 'loading');
    const entry = await waitForEntry(browser, url);
    assert.equal(entry.report.verdict, 'danger');
    assert.ok(entry.report.reasons.some((r) => r.code === 'login-imitation'));
    server.release();
    await page.waitForFunction(() => document.readyState === 'complete', null, { timeout: TIMEOUT });
    await page.close();
  });

  it('explains the imitation in plain words, with the signs found kept apart as details', TEST, async () => {
    const entry = await expectVerdict(SCENARIOS[0]);
    const reason = entry.report.reasons.find((r) => r.code === 'login-imitation');
    assert.match(reason.message, /Google/);
    assert.match(reason.message, /secure-docs-view\.com/);
    assert.doesNotMatch(reason.message, /identifierid/);
    assert.match(reason.details, /identifierid/);
    assert.equal(entry.report.brandDomains[0], 'google.com');
  });

  it('calls an unregistered EC-CUBE admin login a caution, notes it by the field, and never offers the page\'s own domain as a shop', TEST, async () => {
    const entry = await expectVerdict(SCENARIOS.find((s) => s[1] === 'othershop.co.jp'), { keepOpen: true });
    // The calm notice by the login field.
    await entry.page.focus('input[type=password]');
    await waitForUi(entry.page, 'notice');
    const notice = await shadowText(entry.page, 'notice');
    assert.match(notice, /An admin login on a domain you have not registered/);
    assert.match(notice, /own bookmark/);
    const popup = await browser.context.newPage();
    await popup.goto(browser.extensionUrl(`popup.html?tab=${entry.tabId}`));
    await popup.locator('#shop-entry').waitFor({ state: 'visible', timeout: TIMEOUT });
    assert.equal(await popup.locator('#verdict').getAttribute('data-verdict'), 'caution');
    assert.equal(await popup.locator('#shop-entry-input').inputValue(), '', 'the field starts empty');
    assert.doesNotMatch(await popup.locator('#shop-entry').innerText(), /othershop\.co\.jp/);
    assert.equal(await popup.getByRole('button', { name: /othershop/ }).count(), 0);
    // Typing the domain registers it.
    await popup.fill('#shop-entry-input', 'https://www.othershop.co.jp/admin');
    await popup.click('#shop-entry-form button[type=submit]');
    await waitFor(async () => {
      const stored = await browser.worker().evaluate(() => chrome.storage.sync.get('shops'));
      return stored.shops?.includes('othershop.co.jp');
    }, { what: 'the typed shop in My shops' });
    await popup.close();
    await entry.page.close();
    await browser.worker().evaluate(() => chrome.storage.sync.set({ shops: [] }));
  });

  describe('with a registered shop', () => {
    before(async () => {
      await browser.worker().evaluate(() => chrome.storage.sync.set({ schema: 1, shops: ['xxxx.co.jp'], allowlist: [] }));
      // The worker rebuilds its detector on the change; judge a shop page until it knows the shop.
      await waitFor(async () => {
        const reply = await browser.worker().evaluate(async () => {
          const all = await chrome.storage.sync.get(null);
          return all.shops;
        });
        return Array.isArray(reply) && reply.includes('xxxx.co.jp');
      }, { what: 'the shop setting' });
    });

    for (const scenario of SHOP_SCENARIOS) {
      it(`${scenario[0]}: ${scenario[3]}`, TEST, () => expectVerdict(scenario));
    }

    it('names the user\'s shop, not EC-CUBE\'s domains, as the real site of a copy of her admin login', TEST, async () => {
      const entry = await expectVerdict(SHOP_SCENARIOS[1], { keepOpen: true });
      assert.equal(entry.report.shop, 'xxxx.co.jp');
      assert.deepEqual(entry.report.brandDomains, ['xxxx.co.jp']);
      const lead = await shadowText(entry.page, 'warning', '#lead');
      assert.match(lead, /your shop xxxx\.co\.jp/);
      assert.doesNotMatch(lead, /ec-cube/i);
      const popup = await browser.context.newPage();
      await popup.goto(browser.extensionUrl(`popup.html?tab=${entry.tabId}`));
      await popup.locator('#real-row').waitFor({ state: 'visible', timeout: TIMEOUT });
      assert.equal(await popup.locator('#real').innerText(), 'xxxx.co.jp');
      assert.match(await popup.locator('#next').innerText(), /type xxxx\.co\.jp/);
      assert.doesNotMatch(await popup.locator('main').innerText(), /ec-cube\.net/);
      await popup.close();
      await entry.page.close();
    });

    it('refuses to register a domain that imitates the registered shop, and says why', TEST, async () => {
      for (const where of ['options.html', 'welcome.html']) {
        const page = await browser.context.newPage();
        await page.goto(browser.extensionUrl(where));
        const [input, submit, feedback] = where === 'options.html'
          ? ['#shops-input', '#shops-add button[type=submit]', '#shops-feedback']
          : ['#shop-input', '#shop-form button[type=submit]', '#shop-feedback'];
        await page.locator(`${submit}:not([disabled])`).waitFor({ timeout: TIMEOUT });
        await page.fill(input, 'xxxx.jp');
        await page.click(submit);
        await page.locator(feedback).filter({ hasText: 'xxxx.jp was not added' }).waitFor({ timeout: TIMEOUT });
        assert.match(await page.locator(feedback).innerText(), /your shop xxxx\.co\.jp/);
        const { shops } = await browser.worker().evaluate(() => chrome.storage.sync.get('shops'));
        assert.deepEqual(shops, ['xxxx.co.jp'], where);
        await page.close();
      }
    });
  });
});
