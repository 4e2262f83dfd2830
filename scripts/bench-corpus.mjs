// Writes the benchmark corpus: one URL a line, half real sites (Chromium's top-domains list, as the
// core embeds it) and half lookalikes of the protected names (every kind of edit the rules know,
// homoglyphs, lure words, embedded domains, free hosting, user info, IP hosts, shorteners).
// Deterministic: the same data files give the same corpus, in the same order (real and lookalike
// interleaved, so no run of one kind warms a cache for the next).
//
//   node scripts/bench-corpus.mjs [OUT]     (default: target/bench/corpus.txt)
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const out = process.argv[2] ?? join(ROOT, 'target/bench/corpus.txt');

const top = readFileSync(join(ROOT, 'src/data/top-domains.txt'), 'utf8')
  .split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
const brands = JSON.parse(readFileSync(join(ROOT, 'src/data/brands.json'), 'utf8'));

// xorshift32: reproducible choices without a dependency.
let seed = 0x6d697761;
const rand = () => {
  seed ^= seed << 13; seed >>>= 0;
  seed ^= seed >>> 17;
  seed ^= seed << 5; seed >>>= 0;
  return seed / 0x100000000;
};
const pick = (xs) => xs[Math.floor(rand() * xs.length)];

const PATHS = ['/', '/login', '/signin?next=%2Faccount', '/account/security', '/index.html', '/wp-admin/', '/a/b/c?x=1#top'];
const realUrl = (domain, i) => {
  const host = i % 3 === 0 ? `www.${domain}` : domain;
  return `${i % 5 === 0 ? 'http' : 'https'}://${host}${PATHS[i % PATHS.length]}`;
};

const SUFFIXES = ['com', 'net', 'co.jp', 'jp', 'xyz', 'top', 'shop', 'info', 'com.cn', 'online'];
const HOSTING = ['web.app', 'github.io', 'pages.dev', 'netlify.app', 'vercel.app', 'firebaseapp.com'];
const HOMOGLYPHS = { a: ['а', 'ạ', 'à'], e: ['е', 'ė'], o: ['о', '0', 'ο', 'ö'], i: ['і', '1', 'ı'], l: ['1', 'ӏ', 'I'],
  c: ['с'], p: ['р'], x: ['х'], y: ['у'], g: ['q', 'ɡ'], m: ['rn'], w: ['vv'], b: ['ь', 'lb'], d: ['cl'] };
const KEYS = 'abcdefghijklmnopqrstuvwxyz0123456789';

function edits(label) {
  const out = new Set();
  for (let i = 0; i < label.length; i++) {
    out.add(label.slice(0, i) + label.slice(i + 1)); // omission
    out.add(label.slice(0, i) + label[i] + label.slice(i)); // repetition
    out.add(label.slice(0, i) + pick([...KEYS]) + label.slice(i + 1)); // replacement
    out.add(label.slice(0, i) + pick([...KEYS]) + label.slice(i)); // insertion
    if (i + 1 < label.length) out.add(label.slice(0, i) + label[i + 1] + label[i] + label.slice(i + 2)); // transposition
    if (i > 0) out.add(`${label.slice(0, i)}-${label.slice(i)}`); // hyphenation
    for (const glyph of HOMOGLYPHS[label[i]] ?? []) out.add(label.slice(0, i) + glyph + label.slice(i + 1));
  }
  out.delete(label);
  return [...out];
}

function lookalikes() {
  const out = [];
  const lures = brands.lure_words.filter((w) => /^[a-z-]+$/.test(w));
  for (const brand of brands.brands) {
    for (const label of brand.lookalike_labels) {
      const genuine = brand.domains.find((d) => d.split('.')[0] === label) ?? brand.domains[0];
      for (const variant of edits(label)) {
        out.push(`https://${variant}.${pick(SUFFIXES)}${pick(PATHS)}`);
        out.push(`https://www.${variant}.${pick(SUFFIXES)}${pick(PATHS)}`);
      }
      for (const suffix of SUFFIXES) out.push(`https://${label}.${suffix}/login`); // suffix swaps
      for (const lure of lures) {
        out.push(`https://${label}-${lure}.${pick(SUFFIXES)}/`);
        out.push(`https://${lure}-${label}.${pick(SUFFIXES)}/signin`);
      }
      for (const host of HOSTING) out.push(`https://${label}-${pick(lures)}.${host}/`);
      out.push(`https://${genuine}.verify-${pick(lures)}.xyz/login`);
      out.push(`https://accounts-${genuine.replaceAll('.', '-')}.example/`);
      out.push(`https://${genuine}@login-${pick(lures)}.top/`);
      out.push(`http://203.0.113.${Math.floor(rand() * 250)}/${genuine}/login`);
      out.push(`https://${label.slice(0, Math.ceil(label.length / 2))}.${label.slice(Math.ceil(label.length / 2))}.com/`);
    }
  }
  for (const shortener of brands.url_shorteners) out.push(`https://${shortener}/${Math.floor(rand() * 1e6).toString(36)}`);
  out.push('data:text/html,<h1>x</h1>', 'javascript:alert(1)', 'about:blank', 'not a url at all');
  return out;
}

const fakes = lookalikes();
const real = top.map(realUrl);
const corpus = [];
for (let i = 0; i < Math.max(real.length, fakes.length); i++) {
  if (i < real.length) corpus.push(real[i]);
  if (i < fakes.length) corpus.push(fakes[i]);
}
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${corpus.join('\n')}\n`);
console.error(`bench corpus: ${corpus.length} URLs (${real.length} real, ${fakes.length} lookalike) -> ${out}`);
