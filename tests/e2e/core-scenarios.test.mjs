// The core scenarios, written once and run in each browser Miwake ships for: in Chromium with the
// rest of the suite, in Firefox ESR with MIWAKE_BROWSER=firefox (./build.sh test runs both).
// A lookalike sign-in is warned about and typing is blocked; the brand's real host is left alone;
// the popup explains in English and Japanese; a hovered lookalike link shows where it goes;
// options persist and take effect; closed shadow roots, frames, caution notices and the blocking
// of collection services work; and none of it sends a request of its own.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BROWSER, badgeText, openBrowser, storedEntry } from './browsers.mjs';
import { waitFor } from './harness.mjs';
import { SECRET, assertNothingLeaked } from './hostile.mjs';
import { startServer } from './server.mjs';

const TEST = { timeout: 90_000 };
const PASSWORD = '#fm-login-password';


describe(`core scenarios in ${BROWSER}`, () => {
  let browser;
  let server;
  let opened = 0;
  const visited = new Set(); // every host the tests opened a page on

  before(async () => {
    server = await startServer();
    browser = await openBrowser(BROWSER, server);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  // A tab on `host`'s `fixture`, at an address of its own, and what Miwake stored for it.
  async function openTab(host, fixture) {
    const address = new URL(server.url(host, fixture));
    address.searchParams.set('scenario', ++opened);
    const url = address.href;
    visited.add(new URL(url).host);
    const tab = await browser.open(url);
    const entry = await waitFor(() => storedEntry(browser, url), { what: `the verdict for ${url}` });
    return { tab, entry };
  }

  const dialogOpen = (tab) => browser.inShadow(tab, 'warning', (root) => root.querySelector('dialog')?.open === true);
  // Escape, "not now": the page is the user's to look at, the guard stays on. Pressed again when
  // the warning was being raised again just then, as a user would. `gone()`: the page was left.
  const putAway = (tab, gone = async () => false) => waitFor(async () => {
    if ((await gone()) || !(await dialogOpen(tab))) return true;
    await browser.pressEscape(tab);
    return false;
  }, { what: 'the warning put away' });
  const fieldValue = (tab, selector) => browser.evaluate(tab, (s) => document.querySelector(s).value, selector);
  // What the fixture's own key logger saw typed, beyond focus.
  const pageSaw = (tab) => browser.evaluate(tab, () => window.seen.filter((e) => !e.startsWith('focus:')));

  async function popupFor(tabId) {
    const popup = await browser.extensionPage(`popup.html?tab=${tabId}`);
    await waitFor(() => browser.evaluate(popup, () => document.getElementById('verdict').dataset.verdict !== 'unknown'), { what: 'the popup\'s verdict' });
    return popup;
  }
  const popupReads = (popup) => browser.evaluate(popup, () => ({
    lang: document.documentElement.lang,
    verdict: document.getElementById('verdict').dataset.verdict,
    headline: document.getElementById('headline').textContent,
    domain: document.getElementById('domain').textContent,
    real: document.getElementById('real').textContent,
    reasons: [...document.querySelectorAll('#reasons li[data-code]')].map((li) => ({ code: li.dataset.code, text: li.textContent })),
    firstStep: document.querySelector('#next li')?.textContent ?? null,
  }));

  it('warns on a lookalike sign-in page and lets nothing typed reach its password field', TEST, async () => {
    const { tab, entry } = await openTab('alibba.com', '/login.html');
    assert.equal(entry.report.verdict, 'danger');
    assert.equal(entry.report.brand, 'Alibaba.com');
    assert.ok(entry.report.reasons.some((r) => r.code === 'lookalike-domain'), JSON.stringify(entry.report.reasons));
    assert.equal(await badgeText(browser, entry.tabId), '!');
    await waitFor(() => dialogOpen(tab), { what: 'the warning' });

    // The page moves the focus to its field (as kits do) and the user types.
    await browser.evaluate(tab, (s) => document.querySelector(s).focus(), PASSWORD);
    await browser.type(tab, 'hunter2');
    await waitFor(() => dialogOpen(tab), { what: 'the warning, still' });
    assert.equal(await fieldValue(tab, PASSWORD), '');
    assert.deepEqual(await pageSaw(tab), [], 'the page\'s own listeners saw nothing typed');
    await browser.closeTab(tab);
  });

  it('keeps typing from a lookalike that rewrites itself with document.open() after the warning', TEST, async () => {
    const { tab, entry } = await openTab('alibba.com', '/hostile-warning-rewrite.html');
    assert.equal(entry.report.verdict, 'danger');
    await waitFor(() => dialogOpen(tab), { what: 'the warning' });
    // The rewrite drops every listener on the document and its window, Miwake's included.
    await browser.evaluate(tab, () => rewrite());
    await waitFor(() => dialogOpen(tab), { what: 'the warning in the rewritten page' });
    await putAway(tab);
    await browser.evaluate(tab, () => document.getElementById('pw').focus());
    await browser.type(tab, SECRET);
    await waitFor(() => dialogOpen(tab), { what: 'the warning, back at the first key' });
    const got = await browser.evaluate(tab, () => window.received ?? null);
    assert.ok(got, 'the rewritten page records');
    assertNothingLeaked(got, server.collectedText());
    await browser.closeTab(tab);
  });

  // Types the secret into a flagged page's password field unless the page is gone: what a user
  // would do after putting the warning away. Answers whether the page was still there.
  async function typeIfStillThere(tab, url) {
    const gone = async () => !(await browser.openUrls()).includes(url);
    await waitFor(async () => (await gone()) || (await dialogOpen(tab)), { what: 'the warning, or the page gone' });
    if (await gone()) return false;
    await putAway(tab, gone);
    if (await gone()) return false;
    await browser.evaluate(tab, () => document.getElementById('pw').focus());
    await browser.type(tab, SECRET);
    const got = await browser.evaluate(tab, () => window.received ?? null).catch(() => null);
    assertNothingLeaked(got, server.collectedText());
    return true;
  }

  it('keeps typing from a lookalike that replaced document.open() before rewriting itself: held, or the page left', TEST, async () => {
    const { tab, entry } = await openTab('alibba.com', '/hostile-warning-rewrite.html?tamper');
    assert.equal(entry.report.verdict, 'danger');
    await waitFor(() => dialogOpen(tab), { what: 'the warning' });
    await browser.evaluate(tab, () => rewrite());
    // Chrome writes the page again with Miwake's listeners first; Firefox cannot (the page's own
    // document.open() is not the browser's), so it takes the tab to a new tab page.
    const stayed = await typeIfStillThere(tab, entry.url);
    assert.equal(stayed, browser.name === 'chromium', 'the page stays only where it can be written again');
    assertNothingLeaked(null, server.collectedText());
    if (stayed) await browser.closeTab(tab);
  });

  // Whether the user sees the warning: the pixel at the start of its "Leave this page" button is
  // the button's red (a page element drawn over it changes it, even one hit tests do not find).
  async function warningOnTop(tab) {
    const point = await browser.inShadow(tab, 'warning', (root) => {
      const leave = root.querySelector('dialog[open] button.leave');
      if (!leave?.checkVisibility()) return null;
      const r = leave.getBoundingClientRect();
      return { x: Math.floor(r.x + 6), y: Math.floor(r.y + r.height / 2) };
    });
    if (!point) return false;
    const [r, g, b] = await browser.pixel(tab, point.x, point.y);
    return r > 160 && g < 90 && b < 90; // #c62828
  }

  for (const [how, cover] of [
    ['a popover', () => coverWithPopover()],
    ['a modal dialog', () => coverWithDialog()],
  ]) {
    it(`puts the warning back on top of ${how} a flagged page shows over it`, TEST, async () => {
      const { tab } = await openTab('alibba.com', '/hostile-warning-cover.html');
      await waitFor(() => warningOnTop(tab), { what: 'the warning on top' });
      await browser.evaluate(tab, cover);
      await waitFor(() => warningOnTop(tab), { what: 'the warning on top again' });
      await browser.type(tab, SECRET);
      assert.ok(await warningOnTop(tab));
      assertNothingLeaked(await browser.evaluate(tab, () => window.received ?? null), server.collectedText());
      await browser.closeTab(tab);
    });
  }

  it('lets no click on a flagged page\'s keypad reach the page', TEST, async () => {
    const { tab } = await openTab('alibba.com', '/hostile-warning-keypad.html');
    await waitFor(() => dialogOpen(tab), { what: 'the warning' });
    await putAway(tab);
    const keys = await browser.evaluate(tab, () => Object.fromEntries([...document.querySelectorAll('#keypad button')].map((b) => {
      const r = b.getBoundingClientRect();
      return [b.textContent, { x: r.x + r.width / 2, y: r.y + r.height / 2 }];
    })));
    for (const key of 'ZqXv') {
      await browser.clickAt(tab, keys[key].x, keys[key].y);
      await waitFor(() => dialogOpen(tab), { what: 'the warning, back at the click' });
      await putAway(tab);
    }
    assert.equal(await fieldValue(tab, '#code'), '');
    assert.ok(!server.collected.some((c) => c.query.startsWith('?via=keypad')), 'the page heard a click');
    await browser.closeTab(tab);
  });

  it('takes the tab away from a flagged page with "Leave this page"', TEST, async () => {
    const { tab, entry } = await openTab('alibba.com', '/login.html');
    await waitFor(() => dialogOpen(tab), { what: 'the warning' });
    const box = await browser.inShadow(tab, 'warning', (root) => {
      const r = root.querySelector('dialog[open] button.leave').getBoundingClientRect();
      return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
    });
    await browser.clickAt(tab, box.x, box.y);
    await waitFor(async () => !(await browser.openUrls()).includes(entry.url), { what: 'the flagged page to be gone' });
  });

  it('holds keys typed into a sign-in form drawn after load until the form is judged, then drops them', TEST, async () => {
    // The address alone is fine; the form drawn later imitates Alibaba.com's sign-in.
    const { tab, entry } = await openTab('trade-notice.example', '/late-login.html');
    assert.equal(entry.report.verdict, 'ok');
    await browser.evaluate(tab, (s) => {
      showLogin();
      document.querySelector(s).focus();
    }, PASSWORD);
    await browser.type(tab, 'hunter2'); // at once, while the form is being judged
    await waitFor(() => dialogOpen(tab), { what: 'the warning' });
    assert.equal(await fieldValue(tab, PASSWORD), '');
    assert.deepEqual(await pageSaw(tab), [], 'the page\'s own listeners saw nothing typed');
    await browser.closeTab(tab);
  });

  it('leaves the brand\'s real sign-in page alone: no warning, and typing works', TEST, async () => {
    const { tab, entry } = await openTab('login.alibaba.com', '/login.html');
    assert.equal(entry.report.verdict, 'ok');
    assert.ok(entry.report.reasons.some((r) => r.code === 'official-domain'), JSON.stringify(entry.report.reasons));
    assert.equal(await badgeText(browser, entry.tabId), '');
    await browser.evaluate(tab, (s) => document.querySelector(s).focus(), PASSWORD);
    await browser.type(tab, 'hunter2');
    assert.equal(await fieldValue(tab, PASSWORD), 'hunter2');
    assert.equal(await browser.inShadow(tab, 'warning', () => true), null, 'no warning in the page');
    await browser.closeTab(tab);
  });

  it('explains a flagged page in its popup and its warning, in English and in Japanese', TEST, async () => {
    const { tab, entry } = await openTab('alibba.com', '/login.html');
    const popup = await popupFor(entry.tabId);
    const en = await popupReads(popup);
    assert.equal(en.verdict, 'danger');
    assert.equal(en.lang, 'en');
    assert.equal(en.headline, 'Likely a fake page');
    assert.equal(en.domain, 'alibba.com');
    assert.equal(en.real, 'alibaba.com');
    assert.deepEqual(en.reasons.map((r) => r.code), entry.report.reasons.map((r) => r.code));
    assert.equal(en.reasons.find((r) => r.code === 'lookalike-domain').text,
      'alibba.com lacks the second “a” of alibaba.com. It is not one of the Alibaba.com domains Miwake knows.');

    await browser.inExtension((s) => chrome.storage.sync.set(s), { schema: 2, lang: 'ja' });
    // A new language has every tab judged again (reasons are written in it): the popup waits.
    const shownIn = async (lang) => {
      await browser.reload(popup);
      const reads = await waitFor(async () => {
        const now = await popupReads(popup);
        return now.verdict !== 'unknown' && now;
      }, { what: 'the popup\'s answer' });
      return reads.lang === lang && reads.verdict === 'danger' && reads;
    };
    const ja = await waitFor(() => shownIn('ja'), { what: 'the popup in Japanese' });
    assert.equal(ja.headline, '偽サイトの可能性が高いです');
    assert.match(ja.reasons.find((r) => r.code === 'lookalike-domain').text, /alibba\.com.*ありません/);
    assert.match(ja.firstStep, /アドレスバーに alibaba\.com を/);
    // The warning in the page speaks the chosen language too.
    const another = await openTab('alibba.com', '/login.html');
    const title = await waitFor(() => browser.inShadow(another.tab, 'warning', (root) => root.querySelector('dialog[open] #title')?.textContent), { what: 'the warning' });
    assert.equal(title, '偽のログイン画面のおそれがあります');
    await browser.closeTab(another.tab);
    await browser.inExtension((s) => chrome.storage.sync.set(s), { lang: 'auto' });
    await waitFor(() => shownIn('en'), { what: 'the popup in English again' });
    await browser.closeTab(popup);
    await browser.closeTab(tab);
  });

  it('shows where a hovered lookalike link goes, its registrable domain in bold', TEST, async () => {
    const { tab } = await openTab('newsletter.example', '/links.html');
    await browser.hover(tab, '#lookalike');
    const tip = await waitFor(() => browser.inShadow(tab, 'link-check', (root) => {
      const box = root.querySelector('.tip');
      if (!box || !box.matches(':popover-open')) return null;
      return {
        verdict: box.dataset.verdict,
        headline: box.querySelector('.verdict').textContent,
        bold: box.querySelector('.dest strong')?.textContent ?? null,
        dest: box.querySelector('.dest').textContent,
        codes: [...box.querySelectorAll('.reason')].map((r) => r.dataset.code),
      };
    }), { what: 'the link check' });
    assert.equal(tip.verdict, 'danger');
    assert.equal(tip.headline, 'Not Alibaba.com');
    assert.equal(tip.bold, 'alibba.com');
    assert.match(tip.dest, /alibba\.com\/login/);
    assert.equal(tip.codes[0], 'lookalike-domain');
    await browser.closeTab(tab);
  });

  it('keeps a shop added in the options, and guards it at once', TEST, async () => {
    const options = await browser.extensionPage('options.html');
    await waitFor(() => browser.evaluate(options, () => document.querySelector('#shops-list li') !== null), { what: 'the shop list' });
    await browser.click(options, '#shops-input');
    await browser.type(options, 'https://www.sakura-tea.co.jp/admin');
    await browser.click(options, '#shops-add button');
    await waitFor(() => browser.evaluate(options, () => document.querySelector('#shops-list li[data-domain="sakura-tea.co.jp"]') !== null), { what: 'the shop in the list' });
    await browser.closeTab(options);

    const again = await browser.extensionPage('options.html');
    await waitFor(() => browser.evaluate(again, () => document.querySelector('#shops-list li[data-domain="sakura-tea.co.jp"]') !== null), { what: 'the shop after reopening' });
    assert.deepEqual((await browser.inExtension(() => chrome.storage.sync.get('shops'))).shops, ['sakura-tea.co.jp']);
    await browser.closeTab(again);

    const { tab, entry } = await openTab('sakura-tea.jp', '/shop-login.html');
    assert.equal(entry.report.verdict, 'danger');
    assert.ok(entry.report.reasons.some((r) => r.code === 'shop-suffix-swap'), JSON.stringify(entry.report.reasons));
    await browser.closeTab(tab);
  });

  it('finds a sign-in form in a closed shadow root, on a custom element at load and on a <div> when its field gets the focus', TEST, async () => {
    // On a custom element: found by the page walk, before anything is typed.
    const custom = await openTab('g00gle-docs.net', '/hostile-closed-shadow-login.html?host=custom');
    const codes = (entry) => entry.report.reasons.map((r) => r.code);
    const danger = (url) => waitFor(async () => {
      const entry = await storedEntry(browser, url);
      return entry?.report.verdict === 'danger' && entry;
    }, { what: `danger for ${url}` });
    assert.ok(codes(await danger(custom.entry.url)).includes('credentials-on-brand-named-host'));
    await browser.closeTab(custom.tab);

    // On a plain <div>: found when its field gets the focus; what is typed meanwhile is held.
    const plain = await openTab('g00gle-docs.net', '/hostile-closed-shadow-login.html');
    const box = await browser.evaluate(plain.tab, () => {
      const r = window.loginRoot.querySelector('[name="p"]').getBoundingClientRect();
      return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
    });
    await browser.clickAt(plain.tab, box.x, box.y);
    await browser.type(plain.tab, 'hunter2');
    assert.ok(codes(await danger(plain.entry.url)).includes('credentials-on-brand-named-host'));
    assert.equal(await browser.evaluate(plain.tab, () => window.loginRoot.querySelector('[name="p"]').value), '');
    await browser.closeTab(plain.tab);
  });

  it('judges a tab by a lookalike sign-in in a frame of another site', TEST, async () => {
    const framed = server.url('alibba.com', `/login.html?framed=${++opened}`);
    visited.add(new URL(framed).host);
    const { tab, entry } = await openTab('portal.example.test', `/frame-host.html?frame=${encodeURIComponent(framed)}`);
    await waitFor(async () => (await badgeText(browser, entry.tabId)) === '!', { what: 'the tab\'s badge to show the frame\'s danger' });
    const popup = await popupFor(entry.tabId);
    assert.equal((await popupReads(popup)).verdict, 'danger');
    await browser.closeTab(popup);
    await browser.closeTab(tab);
  });

  // Documents without an address of their own are judged at their writer's address.
  for (const [into, what] of Object.entries({
    blank: 'an about:blank frame with document.write',
    srcdoc: 'a srcdoc frame',
    blob: 'a blob: frame',
    data: 'a data: frame',
  })) {
    it(`judges a sign-in clone written into ${what}, and nothing typed into it leaks`, TEST, async () => {
      visited.add('www.gstatic.com'); // the clone's logo, which the page itself loads
      const { tab, entry } = await openTab('shared-docs-viewer.example', `/hostile-frame-written.html?into=${into}`);
      const [frame] = await waitFor(async () => {
        const frames = await browser.frames(tab);
        return frames.length > 0 && frames;
      }, { what: 'the clone\'s frame' });
      await waitFor(() => browser.evaluate(frame, () => document.getElementById('password') !== null), { what: 'the clone' });
      // Typed at once: held until the clone is judged, then dropped.
      await browser.evaluate(frame, () => document.getElementById('password').focus());
      await browser.type(tab, SECRET);
      await waitFor(async () => (await badgeText(browser, entry.tabId)) === '!', { what: 'the tab\'s badge to show the clone\'s danger' });
      await browser.evaluate(frame, () => document.getElementById('password')?.focus());
      await browser.type(tab, SECRET);
      const got = await browser.evaluate(frame, () => window.received ?? null);
      assert.ok(got, 'the clone records');
      assertNothingLeaked(got, server.collectedText());
      await browser.closeTab(tab);
    });
  }

  it('shows a notice by the field on a caution page, and lets typing through', TEST, async () => {
    const { tab, entry } = await openTab('bit.ly', '/generic-login.html');
    assert.equal(entry.report.verdict, 'caution');
    await browser.click(tab, '#pass');
    const notice = await waitFor(() => browser.inShadow(tab, 'notice', (root) => ({
      site: root.querySelector('.where strong')?.textContent,
      codes: [...root.querySelectorAll('[data-code]')].map((e) => e.dataset.code),
    })), { what: 'the notice' });
    assert.deepEqual(notice, { site: 'bit.ly', codes: ['url-shortener'] });
    await browser.type(tab, 'abc');
    assert.equal(await fieldValue(tab, '#pass'), 'abc');
    await browser.closeTab(tab);
  });

  it('blocks a page\'s requests to a collection service (Telegram\'s bot API), not to other hosts', TEST, async () => {
    const { tab } = await openTab('order-status.example', '/collection-requests.html');
    const base = (host) => `http://${host}:${server.port}`;
    visited.add(`api.telegram.org:${server.port}`); // asked for by the page, and must not arrive
    visited.add(`collector.example:${server.port}`);
    await browser.evaluate(tab, ([b, tag]) => window.sendAll(b, '/bot7012:AAF/sendMessage', tag), [base('api.telegram.org'), 'telegram']);
    await browser.evaluate(tab, ([b, tag]) => window.sendAll(b, '/collect', tag), [base('collector.example'), 'control']);
    await waitFor(() => server.collected.some((c) => c.query.includes('tag=control')), { what: 'the control requests' });
    assert.deepEqual(server.collected.filter((c) => c.query.includes('tag=telegram')), [], 'requests to the collection service arrived');
    await browser.closeTab(tab);
  });

  it('sent no request of its own: the server saw only the pages the tests opened', TEST, async () => {
    assert.ok(visited.size >= 6, 'the scenarios above ran');
    const others = server.requests.filter((r) => !visited.has(r.host) && !browser.isBrowserOwnHost(r.host));
    assert.deepEqual(others, [], 'requests to hosts no test opened');
  });
});
