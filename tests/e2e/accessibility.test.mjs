// Every surface, in English and Japanese, light and dark: axe-core finds no serious or critical
// violation (contrast included) in the warning, the notice, the link tooltip, the popup, the
// options page and the welcome page. Also the warning at 200% zoom, and the tooltip's words in a
// live region.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  TIMEOUT, inShadow, setSettings, storedEntry, waitFor, waitForEntry, waitForUi, withBrowserAndServer,
} from './harness.mjs';
import { seriousViolations, uiViolations } from './axe.mjs';

const TEST = { timeout: 120_000 };

describe('accessibility', () => {
  let browser;
  let server;

  withBrowserAndServer((b, s) => {
    browser = b;
    server = s;
  });

  let opened = 0;
  async function open(host, path, colorScheme) {
    const page = await browser.context.newPage();
    await page.emulateMedia({ colorScheme });
    const url = server.url(host, `${path}?a11y=${++opened}`);
    await page.goto(url);
    const entry = await waitForEntry(browser, url);
    return { page, entry, url };
  }

  for (const lang of ['en', 'ja']) {
    for (const colorScheme of ['light', 'dark']) {
      it(`has no serious violation on any surface in ${lang}, ${colorScheme}`, TEST, async () => {
        await setSettings(browser, { schema: 2, lang, shops: [], allowlist: [] });
        const found = {};

        // The warning, on a lookalike's sign-in copy.
        const danger = await open('alibba.com', '/login.html', colorScheme);
        await waitForUi(danger.page, 'warning');
        found.warning = await uiViolations(browser.context, danger.page, 'warning', colorScheme);

        // The popup for that tab.
        await waitFor(async () => (await storedEntry(browser, danger.url))?.report.reasons.some((r) => r.code === 'login-imitation'),
          { what: 'the sign-in copy judged' });
        const popup = await browser.context.newPage();
        await popup.emulateMedia({ colorScheme });
        await popup.goto(browser.extensionUrl(`popup.html?tab=${danger.entry.tabId}`));
        await popup.locator('#verdict[data-verdict="danger"]').waitFor({ timeout: TIMEOUT });
        await popup.evaluate(() => { for (const d of document.querySelectorAll('details')) d.open = true; }); // the details count too
        found.popup = await seriousViolations(popup);
        await popup.close();
        await danger.page.close();

        // The notice, by the field of an admin login on a domain not registered.
        const caution = await open('othershop.co.jp', '/ec-cube-admin.html', colorScheme);
        await caution.page.focus('#password');
        await waitForUi(caution.page, 'notice');
        found.notice = await uiViolations(browser.context, caution.page, 'notice', colorScheme);
        await caution.page.close();

        // The link tooltip.
        const links = await open('news.example.test', '/links.html', colorScheme);
        await links.page.hover('#lookalike');
        await waitForUi(links.page, 'link-check');
        found.tooltip = await uiViolations(browser.context, links.page, 'link-check', colorScheme);
        await links.page.close();

        // The options and welcome pages.
        for (const name of ['options', 'welcome']) {
          const page = await browser.context.newPage();
          await page.emulateMedia({ colorScheme });
          await page.goto(browser.extensionUrl(`${name}.html`));
          await page.locator('[data-until-ready]:not([disabled])').first().waitFor({ timeout: TIMEOUT });
          found[name] = await seriousViolations(page);
          await page.close();
        }

        for (const [surface, violations] of Object.entries(found)) {
          assert.deepEqual(violations, [], `${surface} in ${lang}, ${colorScheme}`);
        }
      });
    }
  }

  it('keeps the warning\'s heading and "Leave this page" in view at 200% zoom', TEST, async () => {
    await setSettings(browser, { lang: 'ja' });
    const page = await browser.context.newPage();
    // 200% zoom of a 1280 x 720 window: 640 x 360 CSS pixels.
    await page.setViewportSize({ width: 640, height: 360 });
    const url = server.url('alibba.com', `/login.html?zoom=${++opened}`);
    await page.goto(url);
    await waitForUi(page, 'warning');
    const seen = await waitFor(() => inShadow(page, 'warning', (root) => {
      const inView = (el) => {
        const r = el.getBoundingClientRect();
        return r.top >= 0 && r.bottom <= innerHeight && r.height > 0;
      };
      const dialog = root.querySelector('dialog');
      const leave = root.querySelector('button.leave');
      if (root.activeElement !== leave) return null;
      return { title: inView(root.querySelector('h1')), leave: inView(leave), scrolled: dialog.scrollTop };
    }), { what: 'the warning with the focus on "Leave this page"' });
    assert.deepEqual(seen, { title: true, leave: true, scrolled: 0 });
    await setSettings(browser, { lang: 'auto' });
    await page.close();
  });

  it('never breaks a domain at its hyphen in the warning or the popup', TEST, async () => {
    await setSettings(browser, { lang: 'ja' });
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 360, height: 640 });
    const url = server.url('secure-docs-view.com', `/google-signin.html?hyphen=${++opened}`);
    await page.goto(url);
    await waitForUi(page, 'warning');
    const lines = await waitFor(() => inShadow(page, 'warning', (root) => {
      const names = [...root.querySelectorAll('#lead strong')];
      return names.length ? names.map((s) => [s.textContent, s.getClientRects().length]) : null;
    }), { what: 'the domains in the warning' });
    assert.ok(lines.some(([name]) => name.includes('-')), JSON.stringify(lines));
    for (const [name, count] of lines) assert.equal(count, 1, `${name} drawn on ${count} lines`);
    const entry = await waitFor(async () => {
      const got = await storedEntry(browser, url);
      return got?.report.reasons.some((r) => r.code === 'login-imitation') && got;
    }, { what: 'the sign-in copy judged' });
    const popup = await browser.context.newPage();
    await popup.goto(browser.extensionUrl(`popup.html?tab=${entry.tabId}`));
    await popup.locator('#verdict[data-verdict="danger"]').waitFor({ timeout: TIMEOUT });
    const strong = popup.locator('#domain strong');
    assert.equal(await strong.textContent(), 'secure-docs-view.com');
    assert.equal(await strong.evaluate((el) => el.getClientRects().length), 1);
    await setSettings(browser, { lang: 'auto' });
    await popup.close();
    await page.close();
  });

  it('says the link tooltip\'s words in a polite live region', TEST, async () => {
    await setSettings(browser, { lang: 'en' });
    const { page } = await open('news.example.test', '/links.html', 'light');
    await page.hover('#lookalike');
    const live = await waitFor(() => inShadow(page, 'link-check', (root) => {
      const region = root.querySelector('[role=status][aria-live=polite]');
      return region?.textContent || null;
    }), { what: 'the tooltip\'s words in its live region' });
    assert.match(live, /Not Alibaba\.com/);
    assert.match(live, /alibba\.com/);
    await setSettings(browser, { lang: 'auto' });
    await page.close();
  });
});
