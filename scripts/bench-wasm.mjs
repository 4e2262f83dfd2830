// The wasm core in Node: start-up (compile, instantiate, first Detector, first check), each in a
// fresh process, and the warm cost per URL on the bench corpus through the same binding the
// extension calls (`Detector.check(url, lang)`, which answers the report as an object). Prints JSON.
//
//   node scripts/bench-wasm.mjs [--pkg DIR] [--corpus FILE] [--cold-runs N] [--rounds N]
//
// DIR holds wasm-bindgen's `--target web` output (miwake.js, miwake_bg.wasm): dist/pkg after
// `./build.sh build`.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const pkg = resolve(opt('--pkg', join(ROOT, 'dist/pkg')));
const corpusPath = resolve(opt('--corpus', join(ROOT, 'target/bench/corpus.txt')));
const coldRuns = Number(opt('--cold-runs', 15));
const rounds = Number(opt('--rounds', 9));

const now = () => Number(process.hrtime.bigint()) / 1e3; // µs
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))];

async function load() {
  // The glue asks whether `Response` and `Request` exist; in Node the first look loads its fetch
  // implementation (about 15 ms), which a browser does not pay. Looked at here, before the clock.
  void [globalThis.Response, globalThis.Request];
  const t0 = now();
  const bytes = readFileSync(join(pkg, 'miwake_bg.wasm'));
  const t1 = now();
  const module = await WebAssembly.compile(bytes);
  const t2 = now();
  const glue = await import(pathToFileURL(join(pkg, 'miwake.js')).href);
  const t3 = now();
  await glue.default({ module_or_path: module });
  const t4 = now();
  const detector = new glue.Detector();
  const t5 = now();
  detector.check('https://alibba.com/login', 'en');
  const t6 = now();
  return {
    glue,
    detector,
    times: { read: t1 - t0, compile: t2 - t1, glue: t3 - t2, instantiate: t4 - t3, detector: t5 - t4, firstCheck: t6 - t5, total: t6 - t0 },
    bytes: bytes.length,
  };
}

if (args.includes('--cold')) {
  // One cold start in this fresh process: a second check as its own warm baseline.
  const { detector, times } = await load();
  const t = now();
  detector.check('https://alibba.com/login', 'en');
  times.secondCheck = now() - t;
  process.stdout.write(JSON.stringify(times));
  process.exit(0);
}

const cold = [];
for (let i = 0; i < coldRuns; i++) {
  const out = execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--cold', '--pkg', pkg], { encoding: 'utf8' });
  cold.push(JSON.parse(out));
}
const coldMedian = {};
for (const key of Object.keys(cold[0])) coldMedian[key] = median(cold.map((c) => c[key]));

const { detector, bytes } = await load();
const urls = readFileSync(corpusPath, 'utf8').split('\n').filter(Boolean);
for (const url of urls) detector.check(url, 'en'); // warm-up round
const perUrl = urls.map(() => []);
for (let r = 0; r < rounds; r++) {
  urls.forEach((url, i) => {
    const t = now();
    detector.check(url, 'en');
    perUrl[i].push(now() - t);
  });
}
const perUrlMedian = perUrl.map(median);
const t = now();
for (const url of urls) detector.check(url, 'en');
const throughputUs = (now() - t) / urls.length;

const wasm = readFileSync(join(pkg, 'miwake_bg.wasm'));
console.log(JSON.stringify({
  pkg,
  wasmBytes: bytes,
  wasmGzipBytes: gzipSync(wasm, { level: 9 }).length,
  urls: urls.length,
  rounds,
  coldRuns,
  cold: coldMedian,
  check: { medianUs: median(perUrlMedian), p95Us: p95(perUrlMedian), meanUs: throughputUs },
}));
