// Whole-process throughput of `miwake check` on a large URL list, against a JavaScript detector
// reading the same list in the same run: MetaMask's eth-phishing-detect (npm devDependency), run
// by Node on each line's hostname. Both are timed as whole processes, start-up included, reading
// the list from a file on standard input and writing one line per URL to /dev/null; the runs
// alternate, and the figures are medians. Prints JSON (stdout) and a summary (stderr).
//
//   node scripts/bench-cli-throughput.mjs [--corpus FILE] [--min-lines N] [--runs N] [--miwake BIN]
//
// FILE is the bench corpus (default target/bench/corpus.txt, written by scripts/bench-corpus.mjs
// when missing); it is repeated into target/bench/cli-list.txt until that has at least N lines
// (default 200,000). BIN defaults to target/release/miwake (`./build.sh build`).
//
//   node scripts/bench-cli-throughput.mjs --eth-check < LIST
//
// is the JavaScript side: each line's hostname (a bare host read as http://, as miwake does)
// through eth-phishing-detect's default export, one JSON line per URL on stdout, and a count of
// lines and flagged hosts on stderr.
import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const args = process.argv.slice(2);

if (args.includes('--eth-check')) {
  ethCheck();
} else {
  bench();
}

function ethCheck() {
  // Loading the module builds its detector from the bundled lists: part of the start-up timed.
  const checkDomain = createRequire(import.meta.url)('eth-phishing-detect');
  const hostname = (line) => {
    const text = line.trim();
    if (!text) return null;
    try {
      return new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`).hostname || null;
    } catch {
      return null;
    }
  };
  const lines = readFileSync(0, 'utf8').split('\n');
  if (lines.at(-1) === '') lines.pop();
  let out = '';
  let flagged = 0;
  for (const raw of lines) {
    const url = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const host = hostname(url);
    const phishing = host ? checkDomain(host) : false;
    if (phishing) flagged++;
    out += `${JSON.stringify({ url, host, phishing })}\n`;
    if (out.length >= 1 << 16) {
      process.stdout.write(out);
      out = '';
    }
  }
  process.stdout.write(out);
  process.stderr.write(`${JSON.stringify({ lines: lines.length, flagged })}\n`);
}

function bench() {
  const opt = (name, fallback) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : fallback;
  };
  const corpusPath = resolve(opt('--corpus', join(ROOT, 'target/bench/corpus.txt')));
  const minLines = Number(opt('--min-lines', 200_000));
  // eth-phishing-detect takes most of a minute on the list (it scans its block list for each host).
  const runs = Number(opt('--runs', 5));
  const miwake = resolve(opt('--miwake', join(ROOT, 'target/release/miwake')));
  const say = (s) => process.stderr.write(`${s}\n`);

  if (!existsSync(miwake)) throw new Error(`${miwake} is missing: run ./build.sh build first`);
  if (!existsSync(corpusPath)) {
    execFileSync(process.execPath, [join(ROOT, 'scripts/bench-corpus.mjs'), corpusPath], { stdio: 'inherit' });
  }
  const corpus = readFileSync(corpusPath, 'utf8').split('\n').filter(Boolean);
  const copies = Math.ceil(minLines / corpus.length);
  const listPath = join(ROOT, 'target/bench/cli-list.txt');
  mkdirSync(dirname(listPath), { recursive: true });
  writeFileSync(listPath, `${Array.from({ length: copies }, () => corpus.join('\n')).join('\n')}\n`);
  const urls = corpus.length * copies;

  const commands = {
    miwake: [miwake, ['check']],
    eth: [process.execPath, [fileURLToPath(import.meta.url), '--eth-check']],
  };
  // One process reading the list from a file on stdin; stdout to /dev/null unless captured.
  const run = (name, capture = false, list = listPath) => {
    const [file, argv] = commands[name];
    const stdin = openSync(list, 'r');
    const stdout = capture ? 'pipe' : openSync('/dev/null', 'w');
    try {
      const start = process.hrtime.bigint();
      const result = spawnSync(file, argv, { stdio: [stdin, stdout, 'pipe'], maxBuffer: 1 << 30 });
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      if (result.status !== 0) throw new Error(`${name} failed (${result.status}): ${result.stderr}`);
      return { seconds, stdout: result.stdout, stderr: result.stderr.toString('utf8') };
    } finally {
      closeSync(stdin);
      if (!capture) closeSync(stdout);
    }
  };

  // An untimed run of miwake, captured: warms the page cache and checks one answer per URL.
  // eth-phishing-detect's side counts its own lines (on stderr) in every timed run.
  const flagged = {};
  const answers = run('miwake', true).stdout.toString('utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
  if (answers.length !== urls) throw new Error(`miwake answered ${answers.length} lines for ${urls} URLs`);
  flagged.miwake = answers.filter((a) => a.verdict !== 'ok').length;

  const seconds = { miwake: [], eth: [] };
  for (let i = 0; i < runs; i++) {
    // Alternating, so a slower moment of the shared machine falls on both.
    for (const name of i % 2 ? ['eth', 'miwake'] : ['miwake', 'eth']) {
      const timed = run(name);
      seconds[name].push(timed.seconds);
      if (name === 'eth') {
        const counted = JSON.parse(timed.stderr.trim().split('\n').at(-1));
        if (counted.lines !== urls) throw new Error(`eth-phishing-detect read ${counted.lines} lines for ${urls} URLs`);
        flagged.eth = counted.flagged;
      }
    }
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  // Start-up alone: the same command on an empty list.
  const emptyPath = join(ROOT, 'target/bench/cli-empty.txt');
  writeFileSync(emptyPath, '');
  const startup = (name) => median(Array.from({ length: 5 }, () => run(name, false, emptyPath).seconds));
  const figures = (name) => {
    const s = median(seconds[name]);
    return {
      startupSeconds: startup(name),
      medianSeconds: s,
      urlsPerSecond: urls / s,
      slowestUrlsPerSecond: urls / Math.max(...seconds[name]),
      runsSeconds: seconds[name],
      flaggedOfList: flagged[name],
    };
  };
  const ethPackage = JSON.parse(readFileSync(createRequire(import.meta.url).resolve('eth-phishing-detect/package.json'), 'utf8'));
  const result = {
    urls,
    corpusUrls: corpus.length,
    copies,
    runs,
    node: process.version,
    ethPhishingDetect: ethPackage.version,
    miwake: figures('miwake'),
    eth: figures('eth'),
  };
  result.ratio = result.miwake.urlsPerSecond / result.eth.urlsPerSecond;
  const rate = (x) => Math.round(x).toLocaleString('en');
  say(`CLI throughput on ${urls.toLocaleString('en')} URLs (${copies} × the corpus), median of ${runs} whole-process runs each:`);
  const ms = (x) => (x * 1000).toFixed(1);
  say(`  miwake check          ${rate(result.miwake.urlsPerSecond)} URLs/s (${result.miwake.medianSeconds.toFixed(3)} s; empty list ${ms(result.miwake.startupSeconds)} ms)`);
  say(`  eth-phishing-detect   ${rate(result.eth.urlsPerSecond)} URLs/s (${result.eth.medianSeconds.toFixed(3)} s; empty list ${ms(result.eth.startupSeconds)} ms; Node ${process.version})`);
  say(`  miwake / eth-phishing-detect: ${result.ratio.toFixed(2)}×`);
  console.log(JSON.stringify(result, null, 2));
}
