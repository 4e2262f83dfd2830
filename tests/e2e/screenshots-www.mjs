// Takes the README's screenshots of the www page's mail checker (English and Japanese) in a real
// Chromium. Not a test (node --test skips it by its name); run it after ./build.sh build:
//
//   node tests/e2e/screenshots-www.mjs [output directory, default docs/screenshots]
import { mkdir } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startStaticServer } from '../../scripts/serve.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const OUT = resolve(process.argv[2] ?? join(ROOT, 'docs/screenshots'));
const MAIL = readFileSync(join(ROOT, 'tests/mails/ec-cube-server-damaged-phish.eml'), 'utf8');

const server = await startStaticServer(join(ROOT, 'dist/www'));
const browser = await chromium.launch({
  executablePath: process.env.MIWAKE_CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run'],
});
try {
  await mkdir(OUT, { recursive: true });
  for (const [lang, locale] of [['en', 'en-US'], ['ja', 'ja-JP']]) {
    const page = await browser.newPage({ locale, viewport: { width: 900, height: 900 }, colorScheme: 'light' });
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    await page.fill('#mail', MAIL);
    await page.locator('#mail-links > li').first().waitFor();
    const path = join(OUT, `www-mail-${lang}.png`);
    await page.locator('#mail-section').screenshot({ path });
    console.log(path);
    await page.close();
  }
} finally {
  await browser.close();
  server.close();
}
