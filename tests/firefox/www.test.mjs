// The www page in Firefox: the same wasm checks pasted addresses and a pasted mail (the Chromium
// suite, www-page and www-mail, covers the rest, the network watch included).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { launchFirefox } from '../e2e/firefox.mjs';
import { waitFor } from '../e2e/harness.mjs';
import { startServer } from '../e2e/server.mjs';
import { startStaticServer } from '../../scripts/serve.mjs';

const TEST = { timeout: 90_000 };
const WWW = fileURLToPath(new URL('../../dist/www/', import.meta.url));
const MAIL = fileURLToPath(new URL('../mails/ec-cube-server-damaged-phish.eml', import.meta.url));

describe('the www page in Firefox', () => {
  let browser;
  let server;
  let www;

  before(async () => {
    server = await startServer();
    www = await startStaticServer(WWW);
    browser = await launchFirefox(server);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    www?.close();
  });

  it('checks the example addresses and a pasted mail with the wasm core', TEST, async () => {
    const tab = await browser.open(`http://127.0.0.1:${www.address().port}/`);
    const verdicts = await waitFor(() => browser.evaluate(tab, () => {
      const items = [...document.querySelectorAll('#results > li')];
      return items.length > 0 && items.map((li) => li.dataset.verdict);
    }), { what: 'the example addresses judged' });
    assert.deepEqual(verdicts, ['danger', 'ok', 'danger', 'danger', 'danger']);

    await browser.evaluate(tab, (source) => {
      const field = document.getElementById('mail');
      field.value = source;
      field.dispatchEvent(new Event('input', { bubbles: true }));
    }, readFileSync(MAIL, 'utf8'));
    const mail = await waitFor(() => browser.evaluate(tab, () => {
      const verdict = document.getElementById('mail-verdict');
      return verdict && {
        verdict: verdict.innerText,
        codes: [...document.querySelectorAll('#mail-result li[data-code]')].map((li) => li.dataset.code),
      };
    }), { what: 'the mail judged' });
    assert.equal(mail.verdict, 'Phishing: do not open its links');
    assert.ok(mail.codes.includes('sender-imitates-brand'), JSON.stringify(mail.codes));
    await browser.closeTab(tab);
  });
});
