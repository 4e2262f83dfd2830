// Pages that fight what Miwake reads of them: a brand's name in disguise (lookalike letters,
// invisible characters, fullwidth forms, split across elements, drawn by CSS, in labels), a
// sign-in form in a closed shadow root, signals flooded far past the size a message may carry.
// Each is judged `danger` on a host the address rules alone leave `ok` or `caution`, and nothing
// typed reaches it; the same disguise on the brand's own host, and an honest page naming the
// brand once, stay `ok`.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TIMEOUT, badge, inShadow, storedEntry, waitFor, waitForEntry, withBrowserAndServer } from './harness.mjs';
import { SECRET, assertTabLeakedNothing } from './hostile.mjs';

const TEST = { timeout: 90_000 };
const WARNING = '[data-miwake="warning"]';

describe('pages that fight the signals', () => {
  let browser;
  let server;
  withBrowserAndServer((b, s) => {
    browser = b;
    server = s;
  });

  // The worker's stored verdict for `url` once it is `verdict` (the first may come before the
  // form is there).
  const settled = (url, verdict) => waitFor(async () => {
    const entry = await storedEntry(browser, url);
    return entry?.report.verdict === verdict && entry;
  }, { what: `${verdict} for ${url}` });

  const dialogOpen = (page) => inShadow(page, 'warning', (root) => root.querySelector('dialog')?.open === true);

  // Miwake's warning opens by itself on a flagged page; Esc puts it away, so that what is typed
  // next goes to the page's field, where the guard must stop it.
  async function dismissWarning(page) {
    await waitFor(() => dialogOpen(page), { what: 'the warning dialog' });
    await page.keyboard.press('Escape');
    await page.locator(WARNING).waitFor({ state: 'detached', timeout: TIMEOUT });
  }

  // What the controls below type reaches the shared /collect log by design: each guarded page is
  // checked against what was collected since it opened.
  const forgetCollected = () => {
    server.collected.length = 0;
  };

  async function expectDanger(page, url, codes) {
    const entry = await settled(url, 'danger');
    const have = entry.report.reasons.map((r) => r.code);
    for (const code of codes) assert.ok(have.includes(code), `${code} in ${have}`);
    assert.equal((await badge(browser, entry.tabId)).text, '!');
    return entry;
  }

  // A Google sign-in imitation on a neutral host: danger, and what is typed into its password
  // field (#f2) reaches nothing.
  async function expectGoogleImitationHolds(fixture) {
    forgetCollected();
    const page = await browser.context.newPage();
    const url = server.url('docs-share-portal.example', fixture);
    await page.goto(url);
    const entry = await expectDanger(page, url, ['login-imitation']);
    assert.equal(entry.report.brand, 'Google');
    await dismissWarning(page);
    await page.locator('#f2').pressSequentially(SECRET);
    assert.equal(await page.inputValue('#f2'), '');
    await assertTabLeakedNothing(page, server);
    await page.close();
  }

  it('finds Google\'s name in disguise on a neutral host with generic field names: danger, and nothing typed leaks', TEST,
    () => expectGoogleImitationHolds('/hostile-disguise-google.html'));

  it('leaves the same disguised page alone on Google\'s own sign-in host', TEST, async () => {
    const page = await browser.context.newPage();
    await page.goto(server.url('accounts.google.com', '/hostile-disguise-google.html'));
    const url = page.url(); // HSTS-preloaded: upgraded to https:
    const entry = await waitForEntry(browser, url);
    assert.equal(entry.report.verdict, 'ok');
    assert.equal((await badge(browser, entry.tabId)).text, '');
    await page.locator('#f2').pressSequentially(SECRET);
    assert.equal(await page.inputValue('#f2'), SECRET);
    await page.close();
  });

  it('leaves an honest login naming Google once (Sign in with Google, in disguise) ok, typing untouched', TEST, async () => {
    const page = await browser.context.newPage();
    const url = server.url('tabiya-travel.example', '/hostile-disguise-honest.html');
    await page.goto(url);
    const entry = await waitForEntry(browser, url);
    assert.equal(entry.report.verdict, 'ok');
    assert.equal((await badge(browser, entry.tabId)).text, '');
    await page.locator('#password').pressSequentially(SECRET);
    assert.equal(await page.inputValue('#password'), SECRET);
    await page.close();
  });

  // The field is out of Playwright's locators too: the page's own handle on the root says where it
  // is, and a real click and real keys go there.
  async function typeIntoClosedRoot(page, selector) {
    const box = await page.evaluate((s) => {
      const r = window.loginRoot.querySelector(s).getBoundingClientRect();
      return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
    }, selector);
    await page.mouse.click(box.x, box.y);
    await page.keyboard.type(SECRET);
    return page.evaluate((s) => window.loginRoot.querySelector(s).value, selector);
  }

  // A root on a custom element is found by the page walk; one on a plain element when its field
  // gets the focus (the walk asks chrome.dom only about custom elements: the first call costs a
  // page 10 ms or more), what is typed meanwhile held for the verdict.
  for (const [what, query, foundBeforeFocus] of [
    ['on a custom element drawn as the page loads', '?host=custom', true],
    ['on a custom element drawn after the first verdict', '?host=custom&late', true],
    ['on a <div> drawn as the page loads', '', false],
    ['on a <div> drawn after the first verdict', '?late', false],
    ['attached after the first verdict to an element there all along', '?late=existing', false],
  ]) {
    it(`finds a sign-in form in a closed shadow root ${what}: danger, and nothing typed leaks`, TEST, async () => {
      forgetCollected();
      const page = await browser.context.newPage();
      const url = server.url('g00gle-docs.net', `/hostile-closed-shadow-login.html${query}`);
      await page.goto(url);
      if (query.includes('late')) {
        // The address alone says only caution; the form comes after that verdict.
        assert.equal((await waitForEntry(browser, url)).report.verdict, 'caution');
        await page.evaluate(() => window.lateStep());
      }
      if (!foundBeforeFocus) {
        // Focusing the field is what has it judged, and what is typed meanwhile is held for the
        // verdict.
        assert.equal(await typeIntoClosedRoot(page, '[name="p"]'), '');
        await expectDanger(page, url, ['credentials-on-brand-named-host']);
      } else {
        await expectDanger(page, url, ['credentials-on-brand-named-host']);
        await dismissWarning(page);
        assert.equal(await typeIntoClosedRoot(page, '[name="p"]'), '');
      }
      await assertTabLeakedNothing(page, server);
      await page.close();
    });
  }

  it('judges a page whose signals are flooded far past the message limit on what is kept: danger, and nothing typed leaks', TEST,
    () => expectGoogleImitationHolds('/hostile-flood-google.html'));
});
