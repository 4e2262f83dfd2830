// `web-ext lint` of the built Firefox add-on (the checks addons.mozilla.org runs on upload).
// Fails on any error or warning.
//
//   node scripts/lint-firefox.mjs DIR
import { execFileSync } from 'node:child_process';

const dir = process.argv[2];
if (!dir) throw new Error('usage: node scripts/lint-firefox.mjs DIR');

let output;
try {
  output = execFileSync('web-ext', ['lint', '--source-dir', dir, '--output', 'json', '--no-input'], { encoding: 'utf8' });
} catch (e) {
  output = e.stdout; // web-ext exits non-zero when it finds errors; the JSON says which
}
const report = JSON.parse(output);
const show = (m) => `${m.code} ${m.file ?? ''}${m.line ? `:${m.line}` : ''} ${m.message}`;
for (const m of report.errors) console.error(`error: ${show(m)}`);
for (const m of report.warnings) console.error(`warning: ${show(m)}`);
console.error(`web-ext lint: ${report.errors.length} errors, ${report.warnings.length} warnings, ${report.notices.length} notices`);
if (report.errors.length > 0 || report.warnings.length > 0) process.exit(1);
