// What an organisation sets for Miwake in Firefox: storage.managed, which Firefox reads from a
// managed-storage manifest (or from enterprise policies' "3rdparty" section). Chromium reads
// policy only from system folders, so there this is covered by extension-units.test.mjs.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { storedEntry } from '../e2e/browsers.mjs';
import { launchFirefox } from '../e2e/firefox.mjs';
import { waitFor } from '../e2e/harness.mjs';
import { startServer } from '../e2e/server.mjs';

const TEST = { timeout: 90_000 };

describe('managed presets in Firefox', () => {
  let browser;
  let server;

  before(async () => {
    server = await startServer();
    browser = await launchFirefox(server, { managed: { shops: ['corp-shop.co.jp'], allowlist: ['intranet.example'] } });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  async function verdictOf(host, fixture) {
    const url = server.url(host, fixture);
    const tab = await browser.open(url);
    const entry = await waitFor(() => storedEntry(browser, url), { what: `the verdict for ${url}` });
    await browser.closeTab(tab);
    return entry.report;
  }

  it('guards a shop the policy names, and trusts a site it allows', TEST, async () => {
    const fake = await verdictOf('corp-shop.jp', '/shop-login.html');
    assert.equal(fake.verdict, 'danger');
    assert.ok(fake.reasons.some((r) => r.code === 'shop-suffix-swap'), JSON.stringify(fake.reasons));
    const allowed = await verdictOf('intranet.example', '/generic-login.html');
    assert.ok(allowed.reasons.some((r) => r.code === 'allowlisted'), JSON.stringify(allowed.reasons));
  });

  it('shows the policy\'s entries in the options as set by the organisation, and keeps them out of the user\'s own', TEST, async () => {
    const options = await browser.extensionPage('options.html');
    const shown = await waitFor(() => browser.evaluate(options, () => {
      const item = document.querySelector('#shops-list li[data-domain="corp-shop.co.jp"]');
      return item && { text: item.textContent, removable: item.querySelector('button.remove') !== null };
    }), { what: 'the managed shop in the options' });
    assert.equal(shown.removable, false, 'an organisation\'s entry cannot be removed by the user');
    const { shops = [] } = await browser.inExtension(() => chrome.storage.sync.get('shops'));
    assert.deepEqual(shops, [], 'the policy is not copied into the user\'s settings');
    await browser.closeTab(options);
  });
});
