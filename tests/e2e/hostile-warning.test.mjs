// Hostile pages against the warning and the keystroke guard (issue 16): credentials asked for in
// any disguise, keys and text reaching the page by side channels, and pages that fight the warning
// (covering it with their own top layer, rewriting themselves, looking for Miwake's marks). Each
// fixture carries the recorder (tests/fixtures/recorder.js); SECRET is typed with the real
// keyboard, and none of it may reach the page or its server on a danger tab. The controls show the
// same pages working, and typing reaching them, where Miwake has no reason to stop anything.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  badge, inContentScripts, inShadow, waitFor, waitForEntry, waitForNoUi, waitForUi, warningOnTop, withBrowserAndServer,
} from './harness.mjs';
import { SECRET, assertTabLeakedNothing, received } from './hostile.mjs';

const TEST = { timeout: 90_000 };
// What the controls type: not SECRET, so that what they send to /collect cannot fail the others.
const CONTROL = 'Jm4Yp8Ht';

describe('hostile pages against the warning', () => {
  let browser;
  let server;
  let opened = 0;

  withBrowserAndServer((b, s) => {
    browser = b;
    server = s;
  });

  // A tab on `fixture` at `host`, with its own URL; answers once the worker has judged it.
  async function open(fixture, host = 'alibba.com') {
    server.collected.length = 0; // what earlier tests' pages sent is theirs
    const url = `${server.url(host, `/${fixture}.html`)}?tab=${++opened}`;
    const page = await browser.context.newPage();
    await page.goto(url);
    const entry = await waitForEntry(browser, url);
    return { page, entry, url };
  }

  // A danger tab with its warning up, as it opens by itself.
  async function openDanger(fixture, host = 'alibba.com') {
    const tab = await open(fixture, host);
    assert.equal(tab.entry.report.verdict, 'danger');
    await waitFor(async () => (await badge(browser, tab.entry.tabId)).text === '!', { what: 'the "!" badge' });
    await waitForUi(tab.page, 'warning');
    return tab;
  }

  const warningOpen = (page) => inShadow(page, 'warning', (root) => root.querySelector('dialog')?.open === true);

  // Esc: "not now". The page is the user's again, and the guard still on.
  async function dismiss(page) {
    await page.keyboard.press('Escape');
    await waitForNoUi(page, 'warning');
  }

  // Whatever the warning did meanwhile, it is dismissed.
  async function dismissIfOpen(page) {
    if (await warningOpen(page)) await dismiss(page);
  }

  // A user's click at the centre of `selector` (Playwright's page.click checks that the element
  // gets the click, and on a danger page the page gets none).
  async function clickAt(page, selector) {
    const box = await page.locator(selector).boundingBox();
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  }

  const valuesSeen = (page) => received(page).then((got) => got?.values ?? []);

  // ------------------------------------------------------------------ credential fields in disguise

  it('keeps what the user enters from a danger page\'s credential fields in any disguise: masked by CSS, turned into a password field on focus, a text area, an editable element, a read-only field the page fills from its key listener, a keypad drawn with buttons', TEST, async () => {
    const { page } = await openDanger('hostile-warning-disguise');
    await dismiss(page);
    for (const selector of ['#masked', '#flip', '#note', '#rich']) {
      await clickAt(page, selector); // the warning opens for the field
      await waitForUi(page, 'warning');
      await dismiss(page); // the focus goes back to the field
      assert.equal(await page.evaluate(() => document.activeElement.id), selector.slice(1));
      await page.keyboard.type(SECRET);
      await waitForUi(page, 'warning');
      await dismiss(page);
    }
    // The page itself has the focus: its document listener fills #mirror.
    await page.evaluate(() => document.activeElement.blur());
    await page.keyboard.type(SECRET);
    await waitForUi(page, 'warning');
    assert.equal(await page.inputValue('#mirror'), '');
    assert.equal(await page.evaluate(() => document.getElementById('flip').type), 'password');
    await assertTabLeakedNothing(page, server);
    await page.close();

    // A code never typed but clicked, key by key, on buttons the page drew.
    const keypad = (await openDanger('hostile-warning-keypad')).page;
    await dismiss(keypad);
    const keys = await keypad.evaluate(() => Object.fromEntries([...document.querySelectorAll('#keypad button')].map((b) => {
      const r = b.getBoundingClientRect();
      return [b.dataset.key, { x: r.x + r.width / 2, y: r.y + r.height / 2 }];
    })));
    for (const key of SECRET) {
      await keypad.mouse.click(keys[key].x, keys[key].y);
      await waitForUi(keypad, 'warning'); // each click on the page brings the warning back
      await dismiss(keypad);
    }
    assert.equal(await keypad.inputValue('#code'), '');
    assert.ok(!server.collected.some((c) => c.query.startsWith('?via=keypad')), 'the page heard a click');
    await assertTabLeakedNothing(keypad, server);
    await keypad.close();
  });

  // ------------------------------------------------------------------------------- side channels

  it('keeps text that comes other than by a key press from a danger page: an IME\'s composition, a paste; and keys typed while the warning has the focus', TEST, async () => {
    // The clipboard holds the secret, copied elsewhere (a page the clipboard API is open to).
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const elsewhere = await browser.context.newPage();
    await elsewhere.goto(server.url('notes.example', '/plain.html').replace('http:', 'https:'));
    await elsewhere.evaluate((text) => navigator.clipboard.writeText(text), SECRET);
    await elsewhere.close();

    const { page } = await openDanger('hostile-warning-keys');
    // The warning opened with the focus on its first button: the user types on regardless.
    await page.keyboard.type(SECRET);
    assert.ok(await warningOpen(page));
    await dismiss(page);
    const cdp = await page.context().newCDPSession(page);
    for (const selector of ['#pw', '#note', '#rich']) {
      await clickAt(page, selector);
      await waitForUi(page, 'warning');
      await dismiss(page); // the focus is back in the field: the user composes there
      for (let n = 2; n <= SECRET.length; n += 2) {
        await cdp.send('Input.imeSetComposition', { text: SECRET.slice(0, n), selectionStart: n, selectionEnd: n });
      }
      await cdp.send('Input.insertText', { text: SECRET }); // the composition is committed
      await waitForUi(page, 'warning');
      await dismissIfOpen(page);
    }
    await cdp.detach();
    assert.equal(await page.inputValue('#pw'), '');
    assert.equal(await page.inputValue('#note'), '');
    assert.equal(await page.locator('#rich').textContent(), '');
    await assertTabLeakedNothing(page, server);
    for (const selector of ['#pw', '#note', '#rich']) {
      await page.locator(selector).focus();
      await waitForUi(page, 'warning');
      await dismiss(page);
      await page.keyboard.press('Control+V');
      await waitForUi(page, 'warning');
      await dismiss(page);
    }
    assert.equal(await page.inputValue('#note'), '');
    await assertTabLeakedNothing(page, server);
    await page.close();
  });

  // The verdict on a form the page draws late is held back on its way to the page, and let go
  // when the test says: what is typed meanwhile is typed while it is pending, for sure.
  async function holdVerdicts(page) {
    await inContentScripts(browser, page, () => {
      const send = chrome.runtime.sendMessage.bind(chrome.runtime);
      const held = [];
      globalThis.heldVerdicts = held;
      chrome.runtime.sendMessage = (message) => (message?.type === 'page-facts'
        ? new Promise((resolve) => held.push(() => send(message).then(resolve)))
        : send(message));
    });
  }
  const pendingWithFacts = (page) => inContentScripts(browser, page, () =>
    globalThis.MiwakeContent.state.phase === 'pending' && globalThis.heldVerdicts.length > 0);
  const letVerdictsGo = (page) => inContentScripts(browser, page, () => {
    for (const go of globalThis.heldVerdicts.splice(0)) go();
  });
  const verdictIs = (page, verdict) => inContentScripts(browser, page, (wanted) => {
    const { phase, report } = globalThis.MiwakeContent.state;
    return phase === 'known' && report?.verdict === wanted;
  }, verdict);

  it('holds keys typed into a text area while a late sign-in form is judged, and a key pressed then and let go after the danger verdict, from the page', TEST, async () => {
    const { page, entry } = await open('hostile-warning-pending', 'trade-notice.example');
    assert.equal(entry.report.verdict, 'ok'); // the address alone is fine; the form is not
    await holdVerdicts(page);
    await page.evaluate(() => showLogin());
    await waitFor(() => pendingWithFacts(page), { what: 'the form\'s verdict to be on its way' });
    await page.focus('#answers');
    await page.keyboard.type(SECRET.slice(0, -1));
    await page.keyboard.down(SECRET.at(-1)); // pressed while pending…
    await letVerdictsGo(page);
    await waitFor(() => verdictIs(page, 'danger'), { what: 'the danger verdict' });
    await page.keyboard.up(SECRET.at(-1)); // …let go once the page is known to be danger
    await waitForUi(page, 'warning');
    assert.equal(await page.inputValue('#answers'), '');
    await assertTabLeakedNothing(page, server);
    await page.close();
  });

  it('control: on the real site the keys held while the form was judged are typed into the text area', TEST, async () => {
    const { page } = await open('hostile-warning-pending', 'www.alibaba.com');
    await holdVerdicts(page);
    await page.evaluate(() => showLogin());
    await waitFor(() => pendingWithFacts(page), { what: 'the form\'s verdict to be on its way' });
    await page.focus('#answers');
    await page.keyboard.type(CONTROL);
    assert.equal(await page.inputValue('#answers'), '', 'held while pending');
    await letVerdictsGo(page);
    await waitFor(async () => (await page.inputValue('#answers')) === CONTROL, { what: 'the held keys typed in' });
    await page.close();
  });

  // ---------------------------------------------------------------------- fighting the warning

  it('leaves no mark in a danger page\'s DOM that says the warning is Miwake\'s', TEST, async () => {
    const { page } = await openDanger('hostile-warning-probe');
    const probe = await page.evaluate(() => probeForMiwake());
    assert.equal(probe.marked, 0);
    assert.deepEqual(probe.attributes, []);
    assert.ok(probe.tags.every((tag) => tag === 'div'), probe.tags.join());
    await page.locator('#pw').focus();
    await page.keyboard.type(SECRET);
    await assertTabLeakedNothing(page, server);
    await page.close();
  });

  for (const [how, cover] of [
    ['a popover', () => coverWithPopover()],
    ['a modal dialog', () => coverWithDialog()],
    ['a popover in a closed shadow root', () => coverFromShadowRoot()],
  ]) {
    it(`puts the warning back on top of ${how} a danger page shows over it; typing stays blocked`, TEST, async () => {
      const { page } = await openDanger('hostile-warning-cover');
      assert.ok(await warningOnTop(page));
      await page.evaluate(cover);
      await waitFor(() => warningOnTop(page), { what: 'the warning on top again' });
      await page.keyboard.type(SECRET);
      assert.ok(await warningOnTop(page));
      await assertTabLeakedNothing(page, server);
      await page.close();
    });
  }

  it('leaves fullscreen a danger page enters over the warning, and keeps the warning on top', TEST, async () => {
    const { page } = await openDanger('hostile-warning-cover');
    assert.equal(await page.evaluate(() => coverWithFullscreen()), true);
    await waitFor(async () => (await page.evaluate(() => document.fullscreenElement === null)) && warningOnTop(page),
      { what: 'fullscreen left and the warning on top' });
    await page.keyboard.type(SECRET);
    await assertTabLeakedNothing(page, server);
    await page.close();
  });

  it('shows the verdict where the page cannot reach when a danger page covers the warning again and again; typing stays blocked', TEST, async () => {
    const { page, entry } = await openDanger('hostile-warning-cover');
    await page.evaluate(() => keepCovering());
    // The toolbar popup, or where it cannot open, the same explanation as a tab for this tab.
    const shown = await waitFor(() => browser.worker().evaluate(async (tabId) => {
      const contexts = await chrome.runtime.getContexts({ contextTypes: ['POPUP', 'TAB'] });
      const tab = chrome.runtime.getURL(`popup.html?tab=${tabId}`);
      return contexts.find((c) => c.contextType === 'POPUP' || c.documentUrl === tab)?.contextType ?? null;
    }, entry.tabId), { what: 'the popup' });
    assert.ok(shown);
    await page.bringToFront();
    await page.locator('#pw').focus();
    await page.keyboard.type(SECRET);
    await assertTabLeakedNothing(page, server);
    await page.close();
  });

  it('opens the explanation as a tab next to a danger page that keeps covering the warning where the toolbar popup cannot open', TEST, async () => {
    // As in a browser with no focused window: the popup fails to open.
    await browser.worker().evaluate(() => {
      globalThis.openPopupAsItWas = chrome.action.openPopup;
      chrome.action.openPopup = () => Promise.reject(new Error('no active browser window'));
    });
    const { page, entry } = await openDanger('hostile-warning-cover');
    const explained = browser.context.waitForEvent('page', {
      predicate: (p) => p.url() === browser.extensionUrl(`popup.html?tab=${entry.tabId}`),
    });
    await page.evaluate(() => keepCovering());
    const popup = await explained;
    await popup.locator('#verdict[data-verdict="danger"]').waitFor();
    await popup.close();
    await page.close();
    await browser.worker().evaluate(() => {
      if (globalThis.openPopupAsItWas) chrome.action.openPopup = globalThis.openPopupAsItWas;
    });
  });

  it('gets its listeners back before anything a danger page writes after document.open(), and the warning with them', TEST, async () => {
    const { page } = await openDanger('hostile-warning-rewrite');
    await page.evaluate(() => rewrite());
    assert.equal(await page.title(), 'Sign in');
    await waitForUi(page, 'warning');
    await dismiss(page);
    for (const selector of ['#pw', '#note']) {
      await page.locator(selector).focus();
      await dismissIfOpen(page);
      await page.locator(selector).focus();
      await page.keyboard.type(SECRET);
      await waitForUi(page, 'warning');
      await dismiss(page);
    }
    assert.ok(await received(page), 'the rewritten page records');
    await assertTabLeakedNothing(page, server);
    await page.close();
  });

  // ------------------------------------------------------------------------------------ controls

  it('control: on an honest page the page\'s popover, modal dialog, fullscreen and document.write() work, and typing reaches it', TEST, async () => {
    const { page, entry } = await open('hostile-warning-cover', 'notes.example');
    assert.equal(entry.report.verdict, 'ok');
    await page.evaluate(() => coverWithPopover());
    await page.locator('#popover-pw').pressSequentially(CONTROL);
    await page.evaluate(() => {
      document.getElementById('popover').hidePopover();
      coverWithDialog();
    });
    await page.locator('#dialog-pw').pressSequentially(CONTROL.toLowerCase());
    await page.evaluate(() => document.getElementById('dialog').close());
    assert.equal(await page.evaluate(() => coverWithFullscreen()), true);
    assert.equal(await page.evaluate(() => document.fullscreenElement?.id), 'full');
    await page.locator('#full-pw').pressSequentially(CONTROL.toUpperCase());
    const values = await valuesSeen(page);
    for (const typed of [CONTROL, CONTROL.toLowerCase(), CONTROL.toUpperCase()]) assert.ok(values.includes(typed), typed);
    assert.equal(await page.evaluate(() => document.fullscreenElement?.id), 'full', 'still fullscreen');
    await page.close();

    const rewritten = await open('hostile-warning-rewrite', 'notes.example');
    await rewritten.page.evaluate(() => rewrite());
    await rewritten.page.locator('#pw').pressSequentially(CONTROL);
    await waitFor(async () => (await valuesSeen(rewritten.page)).includes(CONTROL), { what: 'the rewritten page reading the field' });
    await rewritten.page.close();
  });

  it('control: on an honest page the keypad and the disguised fields get what the user clicks and types', TEST, async () => {
    const { page } = await open('hostile-warning-keypad', 'notes.example');
    for (const key of 'ZqXv') await page.click(`[data-key="${key}"]`);
    assert.equal(await page.inputValue('#code'), 'ZqXv');
    await page.close();
    const fields = await open('hostile-warning-disguise', 'notes.example');
    await fields.page.locator('#note').pressSequentially(CONTROL);
    assert.equal(await fields.page.inputValue('#note'), CONTROL);
    assert.equal(await fields.page.inputValue('#mirror'), CONTROL);
    await fields.page.close();
  });
});
