// Hover checks: resting the pointer (or the keyboard focus) on a link shows
// where it really goes, its registrable domain in bold, and the verdict in
// words, in the language the user chose.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { inShadow, setSettings, waitFor, waitForEntry, waitForNoUi, withBrowserAndServer } from './harness.mjs';

const TEST = { timeout: 60_000 };

describe('link hover checks', () => {
  let browser;
  let server;
  let page;

  withBrowserAndServer((b, s) => {
    browser = b;
    server = s;
  });

  async function openLinks() {
    page?.close().catch(() => {});
    page = await browser.context.newPage();
    const url = server.url('news.example.test', '/links.html');
    await page.goto(url);
    await waitForEntry(browser, url);
    return page;
  }

  // What the tooltip says once it shows `link`'s check.
  const tooltip = () => inShadow(page, 'link-check', (root) => {
    const tip = root.querySelector('.tip');
    if (!tip || !tip.matches(':popover-open')) return null;
    return {
      verdict: tip.dataset.verdict,
      headline: tip.querySelector('.verdict').textContent,
      host: tip.querySelector('.dest .site')?.textContent ?? null,
      bold: tip.querySelector('.dest strong')?.textContent ?? null,
      dest: tip.querySelector('.dest').textContent,
      reasons: [...tip.querySelectorAll('.reason')].map((r) => ({ code: r.dataset.code, text: r.textContent })),
    };
  });

  async function hover(id, expectHeadline) {
    await page.mouse.move(0, 0);
    await waitForNoUi(page, 'link-check');
    await page.hover(`#${id}`);
    return waitFor(async () => {
      const tip = await tooltip();
      return tip && (!expectHeadline || tip.headline === expectHeadline) && tip;
    }, { what: `the tooltip for #${id}` });
  }

  it('explains a lookalike link: where it goes, its domain in bold, the verdict in words', TEST, async () => {
    await openLinks();
    const tip = await hover('lookalike', 'Not Alibaba.com');
    assert.equal(tip.verdict, 'danger');
    assert.equal(tip.host, 'alibba.com');
    assert.equal(tip.bold, 'alibba.com');
    assert.match(tip.dest, /alibba\.com\/login/);
    assert.equal(tip.reasons[0].code, 'lookalike-domain');
    assert.match(tip.reasons[0].text, /alibba\.com lacks the second “a” of alibaba\.com/);
  });

  it('says a link to the real site is the official one', TEST, async () => {
    const tip = await hover('real', 'Official Alibaba.com site');
    assert.equal(tip.verdict, 'ok');
    assert.equal(tip.host, 'www.alibaba.com');
    assert.equal(tip.bold, 'alibaba.com'); // the registrable domain, not the whole host
    assert.equal(tip.reasons[0].code, 'official-domain');
  });

  it('calls out link text that shows another address, shortened links and script links', TEST, async () => {
    const poser = await hover('poser', 'Not Alibaba.com');
    assert.equal(poser.bold, 'verify-account.example');
    assert.ok(poser.reasons.some((r) => r.code === 'link-text-poses-as-brand'), JSON.stringify(poser));

    const mismatch = await hover('mismatch', 'Goes somewhere other than it shows');
    assert.equal(mismatch.verdict, 'caution');
    assert.deepEqual(mismatch.reasons.map((r) => r.code), ['link-text-mismatch']);

    const short = await hover('short', 'Destination hidden');
    assert.deepEqual(short.reasons.map((r) => r.code), ['url-shortener']);

    const script = await hover('script', 'Runs a script');
    assert.deepEqual(script.reasons.map((r) => r.code), ['javascript-url']);
    assert.match(script.dest, /^javascript:/);
  });

  it('shows the check for a keyboard-focused link, and Esc or a pointer press hides it', TEST, async () => {
    await page.mouse.move(0, 0);
    await waitForNoUi(page, 'link-check');
    await page.focus('#lookalike');
    const tip = await waitFor(async () => (await tooltip())?.headline === 'Not Alibaba.com', { what: 'the tooltip on focus' });
    assert.ok(tip);
    await page.keyboard.press('Escape');
    await waitForNoUi(page, 'link-check');
    // A press of the pointer anywhere hides it too.
    await page.focus('#real');
    await waitFor(async () => (await tooltip())?.headline !== undefined, { what: 'the tooltip on the next focus' });
    await page.mouse.down();
    await page.mouse.up();
    await waitForNoUi(page, 'link-check');
  });

  it('speaks Japanese when the user chose it', TEST, async () => {
    await setSettings(browser, { schema: 2, lang: 'ja' });
    await openLinks();
    const tip = await hover('lookalike', 'Alibaba.com ではありません');
    assert.match(tip.reasons[0].text, /alibaba\.com/);
    assert.match(tip.reasons[0].text, /ありません/);
    const lang = await inShadow(page, 'link-check', (root) => root.querySelector('.tip').lang);
    assert.equal(lang, 'ja');
    await setSettings(browser, { lang: 'auto' });
  });
});
