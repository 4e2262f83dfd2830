// Login screens judged by what they show: one fixture page per scenario, served on made-up
// hostnames, against the real wasm core in a real Chromium.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  TIMEOUT, badge, hasUi, inContentScripts, storedEntry, waitFor, waitForEntry, waitForUi, withBrowserAndServer,
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
  ['an EC-CUBE admin login on a shop not registered', 'othershop.co.jp', 'ec-cube-admin.html', 'ok', ['unregistered-shop-admin'], 'EC-CUBE', ''],
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

  it('explains the imitation with the brand, the real domain and the signs found', TEST, async () => {
    const entry = await expectVerdict(SCENARIOS[0]);
    const reason = entry.report.reasons.find((r) => r.code === 'login-imitation');
    assert.match(reason.message, /Google/);
    assert.match(reason.message, /secure-docs-view\.com/);
    assert.match(reason.message, /identifierid/);
    assert.equal(entry.report.brandDomains[0], 'google.com');
  });

  it('asks "Is this your shop?" on an unregistered EC-CUBE admin login, and remembers the answer', TEST, async () => {
    const entry = await expectVerdict(SCENARIOS.find((s) => s[1] === 'othershop.co.jp'), { keepOpen: true });
    const popup = await browser.context.newPage();
    await popup.goto(browser.extensionUrl(`popup.html?tab=${entry.tabId}`));
    await popup.locator('#shop-offer').waitFor({ state: 'visible', timeout: TIMEOUT });
    assert.match(await popup.locator('#shop-offer-text').innerText(), /othershop\.co\.jp/);
    await popup.click('#shop-offer-yes');
    const shops = await waitFor(async () => {
      const stored = await browser.worker().evaluate(() => chrome.storage.sync.get('shops'));
      return stored.shops?.includes('othershop.co.jp') && stored.shops;
    }, { what: 'the shop in My shops' });
    assert.ok(shops.includes('othershop.co.jp'));
    await popup.locator('#shop-offer').waitFor({ state: 'hidden', timeout: TIMEOUT });
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
  });
});
