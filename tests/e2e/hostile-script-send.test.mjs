// Kits that send what is typed by script (fetch, sendBeacon, an image) to a collection service
// rather than through a form: the page is judged on the services its scripts name, and requests
// from pages to the commonest services (Telegram's bot API, Discord webhooks) are blocked by the
// extension's declarativeNetRequest rules whatever the page's verdict.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { badge, waitFor, waitForEntry, withBrowserAndServer } from './harness.mjs';
import { SECRET, assertTabLeakedNothing } from './hostile.mjs';

const TEST = { timeout: 90_000 };

describe('credentials sent by script', () => {
  let browser;
  let server;
  withBrowserAndServer((b, s) => {
    browser = b;
    server = s;
  });

  it('flags a sign-in page whose script names a Telegram bot, and nothing typed reaches it', TEST, async () => {
    const url = server.url('mailbox-quota-center.example', '/hostile-script-send.html');
    const page = await browser.context.newPage();
    await page.goto(url);
    const entry = await waitForEntry(browser, url);
    assert.equal(entry.report.verdict, 'danger');
    assert.ok(entry.report.reasons.some((r) => r.code === 'script-sends-to-exfiltration-service'
      && /api\.telegram\.org|discord\.com/.test(r.message)), JSON.stringify(entry.report.reasons));
    await waitFor(async () => (await badge(browser, entry.tabId)).text === '!', { what: 'the danger badge' });
    await page.locator('#password').pressSequentially(SECRET);
    await page.evaluate(() => window.sendNow());
    await assertTabLeakedNothing(page, server);
    await page.close();
  });

  it('blocks page requests to a Telegram bot and a Discord webhook, and leaves other hosts and typed addresses alone', TEST, async () => {
    const url = server.url('order-status.example', '/collection-requests.html');
    const page = await browser.context.newPage();
    await page.goto(url);
    const entry = await waitForEntry(browser, url).catch(() => null);
    assert.notEqual(entry?.report?.verdict, 'danger');
    const base = (host) => `http://${host}:${server.port}`;
    await page.evaluate(([b, tag]) => window.sendAll(b, '/bot7012:AAF/sendMessage', tag), [base('api.telegram.org'), 'telegram']);
    await page.evaluate(([b, tag]) => window.sendAll(b, '/api/webhooks/1/abc', tag), [base('discord.com'), 'discord']);
    await page.evaluate(([b, tag]) => window.sendAll(b, '/api/v10/webhooks/1/abc', tag), [base('ptb.discord.com'), 'discord-v10']);
    // The control: the same requests to a host no rule names arrive, all four kinds.
    await page.evaluate(([b, tag]) => window.sendAll(b, '/collect', tag), [base('collector.example'), 'control']);
    await waitFor(() => server.collected.filter((c) => c.query.includes('tag=control')).length >= 4,
      { what: 'the control requests' });
    const blocked = server.collected.filter((c) => /tag=(telegram|discord)/.test(c.query));
    assert.deepEqual(blocked, [], 'requests to collection services reached the server');
    // Typing the bot API's address in the address bar is the user's own doing: not blocked.
    const typed = await browser.context.newPage();
    // (The endpoint answers 204, which ends a navigation as "aborted": what matters is that it arrived.)
    await typed.goto(`${base('api.telegram.org')}/bot7012:AAF/getMe?tag=typed`).catch(() => {});
    assert.ok(server.collected.some((c) => c.query.includes('tag=typed')), 'a navigation the user made was blocked');
    await typed.close();
    await page.close();
  });
});
