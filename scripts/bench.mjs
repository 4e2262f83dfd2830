// `./build.sh bench`: every performance budget of Miwake measured on this machine, one table.
// Expects `./build.sh build` to have run (dist/pkg, dist/extension, target/release/miwake), and the
// npm dev tools (eth-phishing-detect, the JavaScript detector the CLI's throughput is compared with).
// Writes target/bench/results.json and prints the table as Markdown. Never fails on a figure:
// budgets are reported, not asserted.
//
//   node scripts/bench.mjs [--quick]     (--quick: fewer rounds and browser runs)
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const quick = process.argv.includes('--quick');
const CORPUS = join(ROOT, 'target/bench/corpus.txt');
const say = (s) => process.stderr.write(`\x1b[1m==> ${s}\x1b[0m\n`);
const node = (script, args = []) => JSON.parse(execFileSync(process.execPath, [join(ROOT, 'scripts', script), ...args],
  { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 26 }));

say('bench corpus');
execFileSync(process.execPath, [join(ROOT, 'scripts/bench-corpus.mjs'), CORPUS], { stdio: 'inherit' });
const corpusSize = readFileSync(CORPUS, 'utf8').split('\n').filter(Boolean).length;

say('core, native (cargo bench --bench budgets)');
const native = JSON.parse(execFileSync('cargo', ['bench', '--quiet', '--bench', 'budgets', '--', CORPUS],
  { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim().split('\n').at(-1));

// Whole runs of the release CLI with `args` (and `input` on standard input): median and worst seconds.
function timeCli(args, input = null) {
  const runs = [];
  for (let i = 0; i < (quick ? 3 : 7); i++) {
    const start = process.hrtime.bigint();
    const run = spawnSync(join(ROOT, 'target/release/miwake'), args, { input, maxBuffer: 1 << 28 });
    runs.push(Number(process.hrtime.bigint() - start) / 1e9);
    if (run.status !== 0) throw new Error(`miwake ${args.join(' ')} failed: ${run.stderr}`);
  }
  runs.sort((a, b) => a - b);
  return { seconds: runs[Math.floor(runs.length / 2)], worst: runs.at(-1) };
}

say('CLI end to end (target/release/miwake check < corpus)');
const cli = timeCli(['check'], readFileSync(CORPUS));

say('CLI: `miwake mail` on 10 MB mails, against a small mail (the process and the Detector)');
const mailFile = (name, contentType, filler) => {
  const head = `From: "Alibaba.com" <service@alibba.com>\r\nSubject: notice\r\nContent-Type: ${contentType}; charset=utf-8\r\n\r\nhttps://alibba.com/login\r\n`;
  const body = filler ? filler.repeat(Math.ceil((10 * 1024 * 1024) / filler.length)) : '';
  const path = join(ROOT, 'target/bench', name);
  writeFileSync(path, head + body);
  return path;
};
const mail = {
  small: timeCli(['mail', mailFile('mail-small.eml', 'text/plain', '')]),
  plain: timeCli(['mail', mailFile('mail-10mb-plain.eml', 'text/plain', 'line of text with https://example.com/a link\r\n')]),
  html: timeCli(['mail', mailFile('mail-10mb-nested-html.eml', 'text/html', '<div><a href="https://example.com/">x</a><p>text')]),
};

say('CLI throughput against eth-phishing-detect (whole processes on the same list of 200,000+ URLs)');
const cliThroughput = node('bench-cli-throughput.mjs', ['--corpus', CORPUS, ...(quick ? ['--runs', '3'] : [])]);

say('core in wasm, Node');
const wasm = node('bench-wasm.mjs', ['--corpus', CORPUS, ...(quick ? ['--cold-runs', '5', '--rounds', '3'] : [])]);
const wasmFile = readFileSync(join(ROOT, 'dist/pkg/miwake_bg.wasm'));
// gzip -9, as `./build.sh build` reports it (Node's zlib at level 9 gives a slightly larger file).
const gzip = spawnSync('gzip', ['-9', '-c'], { input: wasmFile, maxBuffer: 1 << 26 });
const gzipped = (bytes) => {
  const out = spawnSync('gzip', ['-9', '-c'], { input: bytes, maxBuffer: 1 << 26 });
  return out.status === 0 ? out.stdout.length : gzipSync(bytes, { level: 9 }).length;
};
const size = { raw: wasmFile.length, gzip: gzip.status === 0 ? gzip.stdout.length : gzipSync(wasmFile, { level: 9 }).length };
// The www page's module carries the mail checker too (cargo feature `mail`); it has no budget.
const wwwWasmFile = readFileSync(join(ROOT, 'dist/pkg-www/miwake_bg.wasm'));
size.www = { raw: wwwWasmFile.length, gzip: gzipped(wwwWasmFile) };

say('Chromium: cold start, page cost, hover, memory');
const browser = node('bench-browser.mjs', ['--corpus', CORPUS, ...(quick ? ['--runs', '3', '--churn-ms', '2000'] : [])]);

const results = { date: new Date().toISOString(), corpus: corpusSize, native, cli, mail, cliThroughput, wasm, size, browser };
writeFileSync(join(ROOT, 'target/bench/results.json'), `${JSON.stringify(results, null, 2)}\n`);

// --- the table

const f = (x, digits = 2) => (x === null || x === undefined || Number.isNaN(x) ? '–' : Number(x).toFixed(digits));
const ratio = (a, b) => (a && b ? `${(a / b).toFixed(2)}×` : '–');
const meets = (value, budget) => (value === null || value === undefined ? '–' : value <= budget ? 'met' : 'not met');
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const rows = [];
const row = (what, unit, median, p95, baseline, ratioText, budget, status) =>
  rows.push(`| ${what} | ${unit} | ${median} | ${p95} | ${baseline} | ${ratioText} | ${budget} | ${status} |`);

const n = native;
row('Core, native: check per URL (mixed corpus)', 'µs', f(n.check.median_us), f(n.check.p95_us),
  `first check ${f(n.first_check_us, 1)} µs`, ratio(n.first_check_us, n.check.median_us), '< 2 µs median', meets(n.check.median_us, 2));
row('Core, native: check + report as JSON text (the CLI’s work per line)', 'µs', f(n.check_report.median_us), f(n.check_report.p95_us),
  'check alone', ratio(n.check_report.median_us, n.check.median_us), '', '');
row('Core, native: Detector::new', 'µs', f(n.warm_detector_us, 0), '–', `first in process ${f(n.first_detector_us, 0)} µs`,
  ratio(n.first_detector_us, n.warm_detector_us), '', '');
const cliPerUrl = (cli.seconds * 1e6) / corpusSize;
row('CLI end to end: `miwake check` < corpus', 'µs/URL', f(cliPerUrl), f((cli.worst * 1e6) / corpusSize),
  `core check + report ${f(n.check_report.mean_us)} µs (mean)`, ratio(cliPerUrl, n.check_report.mean_us),
  `${Math.round(corpusSize / cli.seconds).toLocaleString('en')} URLs/s`, '');
for (const [name, what] of [['plain', '10 MB of plain text'], ['html', '10 MB of unclosed, nested HTML']]) {
  row(`CLI: \`miwake mail\` on a mail with ${what} (whole process)`, 's', f(mail[name].seconds, 2), f(mail[name].worst, 2),
    `a small mail ${f(mail.small.seconds, 3)} s`, ratio(mail[name].seconds, mail.small.seconds), '', '');
}
const t = cliThroughput;
const perSecond = (x) => Math.round(x).toLocaleString('en');
row(`CLI throughput: \`miwake check\` < ${t.urls.toLocaleString('en')} URLs (the corpus ×${t.copies}), whole process`, 'URLs/s',
  perSecond(t.miwake.urlsPerSecond), '–',
  `eth-phishing-detect ${t.ethPhishingDetect} (Node ${t.node}) on each line's hostname, same list, whole process: ${perSecond(t.eth.urlsPerSecond)} URLs/s; start-up (empty list) ${f(t.miwake.startupSeconds * 1000, 1)} / ${f(t.eth.startupSeconds * 1000, 1)} ms; medians of ${t.runs} alternating runs`,
  ratio(t.miwake.urlsPerSecond, t.eth.urlsPerSecond), 'ahead of eth-phishing-detect', t.ratio > 1 ? 'met' : 'not met');
const w = wasm;
row('Core, wasm in Node: check per URL (binding, report as a JS object)', 'µs', f(w.check.medianUs), f(w.check.p95Us),
  `native check + report ${f(n.check_report.median_us)} µs`, ratio(w.check.medianUs, n.check_report.median_us), '< 5 µs median', meets(w.check.medianUs, 5));
row('Core, wasm in Node: cold start (read, compile, instantiate, Detector, first check)', 'ms', f(w.cold.total / 1000), '–',
  `compile ${f(w.cold.compile / 1000)}, instantiate ${f(w.cold.instantiate / 1000)}, Detector ${f(w.cold.detector / 1000)}, first check ${f(w.cold.firstCheck / 1000)} ms`,
  `first/second check ${ratio(w.cold.firstCheck, w.cold.secondCheck)}`, '', '');
row('wasm size (wasm-opt output, gzip -9)', 'KB', kb(size.gzip), '–', `raw ${kb(size.raw)}`, ratio(size.gzip, size.raw), '≤ 400 KB gzipped', meets(size.gzip, 400 * 1024));
row('wasm size of www/ (with the mail checker), gzip -9', 'KB', kb(size.www.gzip), '–', `raw ${kb(size.www.raw)}`, ratio(size.www.gzip, size.www.raw), '', '');
const c = browser.coldStart;
const floor = browser.coldStartFloor;
row('Service worker cold start: worker start → first verdict', 'ms', f(c.firstVerdictAtMs.median, 1), f(c.firstVerdictAtMs.p95, 1),
  `a worker answering at once (Chrome's start and message delivery alone): script at ${f(floor.scriptStartAtMs.median, 1)}, reply at ${f(floor.firstReplyAtMs.median, 1)} ms. Miwake: script at ${f(c.scriptStartAtMs.median, 1)}, wasm fetch from ${f(c.fetchStartAtMs.median, 1)} (${f(c.wasmFetchMs.median, 1)}), wasm ready at ${f(c.wasmReadyAtMs.median, 1)} (compile + instantiate ${f(c.wasmLoadMs.median, 1)}), Detector ${f(c.detectorNewMs.median, 1)}, warm-up (an address and a sign-in page) ${f(c.warmUpMs.median, 1)}, page's message at ${f(c.firstMessageAtMs.median, 1)}, its check ${f(c.firstCheckMs.median, 2)} ms (warm ${f(c.warmCheckMs.median, 2)})`,
  ratio(c.firstVerdictAtMs.median, floor.firstReplyAtMs.median), '< 20 ms', meets(c.firstVerdictAtMs.median, 20));
row('Service worker: first reply to the page (verdict + tab state + badge)', 'ms', f(c.firstReplyAtMs.median, 1), f(c.firstReplyAtMs.p95, 1),
  `warm reply ${f(c.warmReplyMs.median, 1)} ms`, ratio(c.firstReplyMs.median, c.warmReplyMs.median), '', '');
const b = browser;
const verdicts = (figures) => (figures.verdicts ?? []).join('/') || '–';
row(`Page cost, typical login page (a shop's own, verdict ${verdicts(b.loginOn)}), at load (Miwake callbacks + first run)`, 'ms', f(b.loginOn.miwakeMs.median), f(b.loginOn.miwakeMs.p95),
  `a content script that only sends the address once at DOMContentLoaded, timed the same way: ${f(b.loginFloor.miwakeMs.median)} ms (p95 ${f(b.loginFloor.miwakeMs.p95)})`,
  ratio(b.loginOn.miwakeMs.median, b.loginFloor.miwakeMs.median), '< 1 ms', meets(b.loginOn.miwakeMs.median, 1));
row('… the whole page\'s main thread, with / without Miwake', 'ms', f(b.loginOn.taskMs.median, 1), f(b.loginOn.taskMs.p95, 1),
  `without ${f(b.loginOff.taskMs.median, 1)} ms`, ratio(b.loginOn.taskMs.median, b.loginOff.taskMs.median), '', '');
row('… of which the content scripts\' first run (at document_start)', 'ms', f(b.loginOn.miwakeFirstRunMs.median), f(b.loginOn.miwakeFirstRunMs.p95),
  `browser setting up chrome.runtime in the frame ${f(b.loginOn.miwakeBindingsMs.median)} ms`, ratio(b.loginOn.miwakeFirstRunMs.median, b.loginOn.miwakeMs.median), '', '');
row(`Page cost, login imitation (verdict ${verdicts(b.imitationOn)}: the warning opens at load)`, 'ms', f(b.imitationOn.miwakeMs.median), f(b.imitationOn.miwakeMs.p95),
  'the typical login page', ratio(b.imitationOn.miwakeMs.median, b.loginOn.miwakeMs.median), '', '');
row(`Page cost, 10,000 links + DOM churn (load + churn)`, 'ms', f(b.heavyOn.miwakeMs.median), f(b.heavyOn.miwakeMs.p95),
  `page main thread with Miwake ${f(b.heavyOn.taskMs.median, 0)} / without ${f(b.heavyOff.taskMs.median, 0)} ms`,
  ratio(b.heavyOn.taskMs.median, b.heavyOff.taskMs.median), '< 5 ms', meets(b.heavyOn.miwakeMs.median, 5));
row(`Page cost in an advert frame without a form (3 cross-site frames; each frame's own process)`, 'ms', f(b.framesOn.perFrameMs.median), f(b.framesOn.perFrameMs.p95),
  `the top frame, which reports at once, ${f(b.framesOn.topMs.median)} ms; chrome.runtime set up in ${b.framesOn.framesWithRuntime} of ${b.framesOn.frames} frames`,
  ratio(b.framesOn.perFrameMs.median, b.framesOn.topMs.median), '', '');
const miwakeLongTasks = b.loginOn.miwakeLongTasks + b.imitationOn.miwakeLongTasks + b.heavyOn.miwakeLongTasks;
row('Long tasks caused by Miwake (callbacks ≥ 50 ms, all runs)', 'count', `${miwakeLongTasks}`, '–',
  `longest Miwake callback ${f(Math.max(b.loginOn.miwakeLongestMs, b.imitationOn.miwakeLongestMs, b.heavyOn.miwakeLongestMs), 1)} ms; page long tasks (login, heavy) with/without: ${b.heavyOn.longTasks + b.loginOn.longTasks}/${b.heavyOff.longTasks + b.loginOff.longTasks}`,
  '–', '0', miwakeLongTasks === 0 ? 'met' : 'not met');
row('Hover: `check-link` round trip the tooltip waits for after its dwell (drawing not included)', 'ms', f(b.hover.checkMs.median), f(b.hover.checkMs.p95),
  `bare message round trip ${f(b.hover.bareMs.median)} ms`, ratio(b.hover.checkMs.median, b.hover.bareMs.median), '< 5 ms p95', meets(b.hover.checkMs.p95, 5));
row('Memory: service worker JS heap / wasm memory', 'KB', `${kb(b.workerMemory.jsHeapUsedBytes)} / ${kb(b.workerMemory.wasmMemoryBytes)}`, '–', '', '', '', '');
row('Memory: page JS heap, heavy page (with / without Miwake)', 'KB', kb(b.heavyOn.heapBytes.median), '–',
  `without ${kb(b.heavyOff.heapBytes.median)}`, ratio(b.heavyOn.heapBytes.median, b.heavyOff.heapBytes.median), '', '');

const table = [
  `Measured ${results.date.slice(0, 10)} on this machine (${process.platform}, ${(await import('node:os')).cpus().length} cores); corpus ${corpusSize.toLocaleString('en')} URLs.`,
  '',
  '| figure | unit | median | p95 | baseline (same run) | ratio | budget | |',
  '| --- | --- | ---: | ---: | --- | ---: | --- | --- |',
  ...rows,
].join('\n');
writeFileSync(join(ROOT, 'target/bench/table.md'), `${table}\n`);
console.log(table);
