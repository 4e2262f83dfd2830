// `web-ext lint` of the built Firefox add-on (the checks addons.mozilla.org runs on upload).
// Fails on any error, and on any warning not explained in EXPLAINED.
//
//   node scripts/lint-firefox.mjs DIR
import { execFileSync } from 'node:child_process';

const dir = process.argv[2];
if (!dir) throw new Error('usage: node scripts/lint-firefox.mjs DIR');

// Warnings that are the point of the code they flag.
const EXPLAINED = [
  {
    // content-kit.js writes a document the page replaced once more, with Miwake's listeners
    // added first (README, "What Miwake guarantees on a flagged page"); the markup is the page's own.
    why: 'the rewrite of a page-replaced document',
    test: (m) => m.file === 'content-scripts.js'
      && (m.code === 'NO_DOCUMENT_WRITE' || (m.code === 'UNSAFE_VAR_ASSIGNMENT' && /document\.write/.test(m.message))),
  },
];

let output;
try {
  output = execFileSync('web-ext', ['lint', '--source-dir', dir, '--output', 'json', '--no-input'], { encoding: 'utf8' });
} catch (e) {
  output = e.stdout; // web-ext exits non-zero when it finds errors; the JSON says which
}
const report = JSON.parse(output);
const show = (m) => `${m.code} ${m.file ?? ''}${m.line ? `:${m.line}` : ''} ${m.message}`;
for (const m of report.errors) console.error(`error: ${show(m)}`);
const unexplained = [];
for (const m of report.warnings) {
  const known = EXPLAINED.find((e) => e.test(m));
  console.error(`warning: ${show(m)}${known ? ` (expected: ${known.why})` : ''}`);
  if (!known) unexplained.push(m);
}
console.error(`web-ext lint: ${report.errors.length} errors, ${report.warnings.length} warnings `
  + `(${unexplained.length} unexplained), ${report.notices.length} notices`);
if (report.errors.length > 0 || unexplained.length > 0) process.exit(1);
