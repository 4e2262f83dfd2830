// Miwake in Chromium: service-worker cold start, page cost, the hover round trip and memory.
// Prints JSON. Runs a bench copy of dist/extension whose manifest adds the probes in
// tests/e2e/bench-probe-*.js (they time, they change nothing), and a browser without the
// extension for the "off" baseline.
//
//   [MIWAKE_BENCH_EXTENSION=DIR] node scripts/bench-browser.mjs [--runs N] [--churn-ms N] [--corpus FILE] [--cold-only] [--timeline]
//
// Cold start: the worker is stopped (CDP ServiceWorker.stopAllWorkers), then a page load wakes
// it; the figures are on the worker's own clock, which starts when the worker does: script
// evaluated, wasm fetched + compiled + instantiated, first message in, first verdict out; the
// same for a worker that answers at once, the floor Chrome itself sets. Page cost: the
// main-thread time of every callback Miwake's content script ran (timers, observers, listeners,
// message replies) plus its first run, at load of a typical login page (a shop's own), of a login
// imitation (the warning opens at load) and over load plus constant DOM churn on a page with
// 10,000 links; long tasks counted in the page with and without Miwake; the same for a content
// script that only sends the page's address once (the floor). Hover: the content script's
// `check-link` round trip to the worker (what the link tooltip waits for once its dwell delay
// is over), against a round trip the worker refuses at once.
import { chromium } from 'playwright-core';
import { createServer } from 'node:http';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const RUNS = Number(opt('--runs', 9));
const CHURN_MS = Number(opt('--churn-ms', 3000));
const CORPUS = opt('--corpus', join(ROOT, 'target/bench/corpus.txt'));
const COLD_ONLY = args.includes('--cold-only'); // the worker's cold start alone, while working on it
const TIMELINE = args.includes('--timeline'); // each cold start's marks on the worker's clock, to stderr
const EXTENSION = process.env.MIWAKE_BENCH_EXTENSION ?? join(ROOT, 'dist/extension'); // another build, for A/B runs
const CHROMIUM = process.env.MIWAKE_CHROMIUM ?? '/usr/bin/chromium';
const TIMEOUT = 20_000;
// Page loads are cheap and a load's cost varies by a few ms on a busy machine: the login pages get
// more of them than the cold starts.
const PAGE_RUNS = 2 * RUNS + 1;

const median = (xs) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] : null);
const p95 = (xs) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))] : null);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function waitFor(probe, what) {
  const deadline = Date.now() + TIMEOUT;
  for (;;) {
    const value = await probe().catch(() => null);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

// --- pages

// A typical login page: a shop's own sign-in, which Miwake judges ok. The imitation page is an
// Alibaba.com sign-in copy on an unrelated domain: judged danger, the warning opens at load.
const LOGIN = readFileSync(join(ROOT, 'tests/fixtures/shop-login.html'), 'utf8');
const IMITATION = readFileSync(join(ROOT, 'tests/fixtures/login.html'), 'utf8');

// 10,000 links to real and lookalike sites, and a script that changes the DOM every frame:
// rows added and removed, attributes and text changed, for the churn period.
function heavyPage(urls) {
  const links = [];
  for (let i = 0; i < 10_000; i++) {
    const url = urls[i % urls.length].replace(/[<>"&]/g, '');
    links.push(`<li><a href="${url}">link ${i}</a></li>`);
  }
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Heavy page</title></head>
<body><h1>10,000 links and constant churn</h1><div id="live"></div><ul id="links">${links.join('')}</ul>
<script>
const live = document.getElementById('live');
const list = document.getElementById('links');
const until = performance.now() + Number(new URLSearchParams(location.search).get('churn') || 0);
let n = 0;
function churn() {
  for (let i = 0; i < 20; i++) {
    const row = document.createElement('div');
    row.textContent = 'update ' + (n++);
    row.setAttribute('data-n', String(n));
    live.append(row);
    if (live.childElementCount > 50) live.firstElementChild.remove();
  }
  const a = list.children[n % list.children.length].firstElementChild;
  a.setAttribute('title', 'seen ' + n);
  a.textContent = 'link ' + n;
  if (performance.now() < until) requestAnimationFrame(churn);
  else document.title = 'Heavy page: churn done';
}
requestAnimationFrame(churn);
</script></body></html>`;
}

// A news page framing FRAMES adverts, each from its own site (no forms in them), and the advert.
const FRAMES = 3;
const framedPage = (port) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>News</title></head>
<body><h1>Today's news</h1><p>An article with adverts beside it.</p>
${Array.from({ length: FRAMES }, (_, i) => `<iframe src="http://ads${i}.adnet${i}.example:${port}/advert.html" width="300" height="250"></iframe>`).join('\n')}
</body></html>`;
const ADVERT = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Advert</title></head>
<body><a href="https://shop.example/sale"><img alt="Sale" width="280" height="200"></a><p>Winter sale: 30% off.</p></body></html>`;

async function startServer(urls) {
  const heavy = heavyPage(urls);
  const server = createServer((req, res) => {
    const path = new URL(req.url, 'http://bench.invalid').pathname;
    const port = server.address().port;
    const body = path === '/login.html' ? LOGIN : path === '/imitation.html' ? IMITATION : path === '/heavy.html' ? heavy
      : path === '/framed.html' ? framedPage(port) : path === '/advert.html' ? ADVERT : null;
    if (!body) {
      res.writeHead(path === '/favicon.ico' ? 204 : 404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    url: (host, path) => `http://${host}:${port}${path}`,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(resolve);
    }),
  };
}

// --- browsers

// `floor`: the same extension with a worker that answers every message at once (no wasm, no
// storage): what Chrome itself takes to start a worker and hand it the page's message.
// `contentFloor`: that worker, and a content script that only sends the page's address once at
// DOMContentLoaded: the least any content script that judges a page at load costs it.
const FLOOR_WORKER = 'chrome.runtime.onMessage.addListener((message, sender, sendResponse) => { sendResponse(null); });\n';
const FLOOR_CONTENT = `document.addEventListener('DOMContentLoaded', () => {
  chrome.runtime.sendMessage({ type: 'bench-floor', url: location.href }).then(() => {});
}, { once: true });
`;
async function benchCopy({ floor = false, contentFloor = false } = {}) {
  for (const file of ['manifest.json', 'wasm/miwake_bg.wasm']) {
    if (!existsSync(join(EXTENSION, file))) throw new Error(`${join(EXTENSION, file)} is missing: run ./build.sh build first`);
  }
  const dir = await mkdtemp(join(tmpdir(), 'miwake-bench-ext-'));
  await cp(EXTENSION, dir, { recursive: true });
  for (const probe of ['bench-probe-worker.js', 'bench-probe-content.js', 'bench-probe-content-end.js']) {
    await cp(join(ROOT, 'tests/e2e', probe), join(dir, probe));
  }
  const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8'));
  if (floor || contentFloor) {
    await writeFile(join(dir, 'floor-worker.js'), FLOOR_WORKER);
    manifest.background.service_worker = 'floor-worker.js';
  }
  if (contentFloor) {
    await writeFile(join(dir, 'floor-content.js'), FLOOR_CONTENT);
    for (const script of manifest.content_scripts) script.js = ['floor-content.js'];
  }
  await writeFile(join(dir, 'bench-worker.js'),
    `import './bench-probe-worker.js';\nimport './${manifest.background.service_worker}';\n`);
  manifest.background.service_worker = 'bench-worker.js';
  for (const script of manifest.content_scripts) {
    script.js = ['bench-probe-content.js', ...script.js, 'bench-probe-content-end.js'];
  }
  await writeFile(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return dir;
}

async function launch(extensionDir) {
  const userDataDir = await mkdtemp(join(tmpdir(), 'miwake-bench-profile-'));
  const extensionArgs = extensionDir
    ? [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`]
    : [];
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    ignoreDefaultArgs: extensionDir ? ['--disable-extensions'] : [],
    args: [...extensionArgs, '--host-resolver-rules=MAP * 127.0.0.1', '--no-sandbox', '--disable-gpu',
      '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--enable-precise-memory-info'],
  });
  const page = context.pages()[0] ?? await context.newPage();
  const cdp = await context.newCDPSession(page);
  return {
    context,
    cdp,
    async close() {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

// CDP to the extension's service worker through the page session (Playwright opens sessions
// to pages only): attach, call, detach.
async function workerCall(cdp, method, params = {}) {
  const { targetInfos } = await cdp.send('Target.getTargets');
  const target = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith('chrome-extension://'));
  if (!target) return null;
  const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: target.targetId, flatten: false });
  const id = 1 + Math.floor(Math.random() * 1e9);
  const answer = new Promise((resolve) => {
    const onMessage = (event) => {
      if (event.sessionId !== sessionId) return;
      const message = JSON.parse(event.message);
      if (message.id !== id) return;
      cdp.off('Target.receivedMessageFromTarget', onMessage);
      resolve(message.result ?? { error: message.error });
    };
    cdp.on('Target.receivedMessageFromTarget', onMessage);
  });
  await cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) });
  const result = await answer;
  await cdp.send('Target.detachFromTarget', { sessionId }).catch(() => {});
  return result;
}

async function workerEval(cdp, expression) {
  const result = await workerCall(cdp, 'Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true });
  return result?.result?.value ?? null;
}

const WORKER_FIGURES = `(() => {
  const b = globalThis.__miwakeBench;
  if (!b || !b.replies.length) return null;
  const call = (name, n) => (b.calls[name] || [])[n] || null;
  // The page's checks: by address alone (check) or with its signals (checkPage, a login page).
  // The warm-up (detector.js, right after the first build) is a call of its own.
  const pageChecks = [...(b.calls.detector_check || []), ...(b.calls.detector_checkPage || [])]
    .sort((x, y) => x.start - y.start);
  return {
    scriptStart: b.scriptStart,
    wasmStart: b.wasm.length ? b.wasm[0].start : null,
    fetchStart: b.fetches.length ? b.fetches[0].start : null,
    fetchEnd: b.fetches.length ? b.fetches[0].end : null,
    wasmReady: b.wasm.length ? b.wasm[0].end : null,
    detectorNew: call('detector_new', 0),
    // The warm-up: detector.js runs it as the first Detector is built, before anyone can ask.
    warmUp: call('detector_warmUp', 0),
    firstCheck: pageChecks[0] || null,
    checks: pageChecks.length,
    lastCheck: pageChecks.at(-1) || null,
    firstReceived: b.replies[0].received,
    firstReplied: b.replies[0].replied,
    replies: b.replies,
    wasmMemory: b.memory ? b.memory.buffer.byteLength : null,
  };
})()`;

// One cold start's marks, in the order they happened (ms on the worker's clock).
function timeline(c) {
  const at = (x) => (typeof x === 'number' ? x.toFixed(1) : '-');
  const span = (s) => (s ? `${at(s.start)}+${at(s.duration)}` : '-');
  return [
    `script ${at(c.scriptStart)}`, `fetch ${at(c.fetchStart)}-${at(c.fetchEnd)}`, `wasm ready ${at(c.wasmReady)}`,
    `new ${span(c.detectorNew)}`, `warm-up ${span(c.warmUp)}`, `message ${at(c.firstReceived)}`,
    `check ${span(c.firstCheck)}`, `reply ${at(c.firstReplied)}`,
  ].join(' | ');
}

// The content probe's data, through DOM events (the page's world cannot see the extension's).
// `page` may be a frame: each frame has its own probe.
async function pageProbe(page, request) {
  return page.evaluate((detail) => new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no answer from the content probe')), 15000);
    window.addEventListener('miwake-bench-answer', (e) => {
      clearTimeout(timer);
      resolve(JSON.parse(e.detail));
    }, { once: true });
    window.dispatchEvent(new CustomEvent('miwake-bench-request', { detail }));
  }), JSON.stringify(request));
}

// Long tasks in the page, whoever caused them.
const LONG_TASKS = `window.__longTasks = [];
new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longTasks.push(e.duration); })
  .observe({ type: 'longtask', buffered: true });`;

// Miwake's cost in each advert frame of the framed page (frames run in their own processes, so
// this is not the top page's main thread), against the top frame's, and in how many frames the
// browser set up chrome.runtime.
async function framesRun(browser, url) {
  const page = await browser.context.newPage();
  await page.goto(url, { waitUntil: 'load' });
  await sleep(1000);
  const cost = ({ bench }) => bench.end - bench.start + bench.calls.reduce((a, c) => a + c.duration, 0);
  const top = await pageProbe(page, { data: true });
  const frames = [];
  for (const frame of page.frames().slice(1)) frames.push((await pageProbe(frame, { data: true })));
  await page.close();
  return {
    topMs: cost(top),
    frameMs: frames.map(cost),
    framesWithRuntime: frames.filter(({ bench }) => bench.bindings !== null).length,
    frames: frames.length,
  };
}

async function pageRun(browser, url, { waitMs, withProbe }) {
  const page = await browser.context.newPage();
  await page.addInitScript(LONG_TASKS);
  const cdp = await browser.context.newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.goto(url, { waitUntil: 'load' });
  await sleep(waitMs);
  let miwake = null;
  if (withProbe) {
    const { bench } = await pageProbe(page, { data: true });
    const callbacks = bench.calls.map((c) => c.duration);
    const byKind = {};
    for (const c of bench.calls) byKind[c.kind] = (byKind[c.kind] ?? 0) + c.duration;
    const firstRun = bench.end - bench.start;
    miwake = {
      totalMs: firstRun + callbacks.reduce((a, b) => a + b, 0),
      firstRunMs: firstRun,
      bindingsMs: bench.bindings,
      callbacks: callbacks.length,
      longestMs: Math.max(firstRun, ...callbacks),
      byKind,
      longTasks: [firstRun, ...callbacks].filter((d) => d >= 50).length,
      verdict: bench.verdict,
    };
  }
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const metric = (name) => metrics.find((m) => m.name === name)?.value ?? null;
  const longTasks = await page.evaluate(() => window.__longTasks.length);
  const figures = {
    miwake,
    taskMs: metric('TaskDuration') * 1000,
    scriptMs: metric('ScriptDuration') * 1000,
    heapBytes: metric('JSHeapUsedSize'),
    longTasks,
  };
  await page.close();
  return figures;
}

function summarise(runs) {
  const pick = (f) => runs.map(f).filter((x) => x !== null && x !== undefined);
  const stat = (f) => ({ median: median(pick(f)), p95: p95(pick(f)) });
  return {
    runs: runs.length,
    miwakeMs: runs[0].miwake ? stat((r) => r.miwake.totalMs) : null,
    miwakeFirstRunMs: runs[0].miwake ? stat((r) => r.miwake.firstRunMs) : null,
    miwakeBindingsMs: runs[0].miwake ? stat((r) => r.miwake.bindingsMs) : null,
    miwakeByKind: runs[0].miwake ? runs.at(-1).miwake.byKind : null,
    miwakeLongestMs: runs[0].miwake ? Math.max(...pick((r) => r.miwake.longestMs)) : null,
    miwakeLongTasks: runs[0].miwake ? pick((r) => r.miwake.longTasks).reduce((a, b) => a + b, 0) : null,
    miwakeCallbacks: runs[0].miwake ? stat((r) => r.miwake.callbacks) : null,
    verdicts: runs[0].miwake ? [...new Set(runs.map((r) => r.miwake.verdict))] : null,
    taskMs: stat((r) => r.taskMs),
    scriptMs: stat((r) => r.scriptMs),
    heapBytes: stat((r) => r.heapBytes),
    longTasks: pick((r) => r.longTasks).reduce((a, b) => a + b, 0),
  };
}

// Cold starts: stop the worker, wake it with a page load, read its clock (`figures`, evaluated
// in the worker). With `warm`, a second page with the worker awake gives the warm baseline.
async function coldStarts(browser, server, figuresExpression, warm) {
  // What is measured is a worker woken after being stopped idle, long after the browser started:
  // Chrome answers for policy (chrome.storage.managed) only seconds after it starts, and until then
  // a woken worker builds on its kept copy of the policy after a short wait (detector.js).
  await waitFor(() => workerEval(browser.cdp, 'chrome.storage.managed.get(null).then(() => true, () => true)'), 'Chrome to load policy');
  const cold = [];
  for (let i = 0; i < RUNS + 1; i++) {
    await browser.cdp.send('ServiceWorker.enable');
    await waitFor(async () => {
      await browser.cdp.send('ServiceWorker.stopAllWorkers');
      await sleep(200);
      return !(await browser.cdp.send('Target.getTargets')).targetInfos
        .some((t) => t.type === 'service_worker' && t.url.startsWith('chrome-extension://'));
    }, 'the worker to stop');
    const page = await browser.context.newPage();
    await page.goto(server.url(`cold${i}.example-shop.com`, '/login.html'));
    const figures = await waitFor(() => workerEval(browser.cdp, figuresExpression), 'the first verdict');
    if (warm) {
      const warmPage = await browser.context.newPage();
      await warmPage.goto(server.url(`warm${i}.example-shop.com`, '/login.html'));
      const after = await waitFor(async () => {
        const f = await workerEval(browser.cdp, figuresExpression);
        return f && f.replies.length > figures.replies.length && f;
      }, 'the warm verdict');
      const last = after.replies.at(-1);
      figures.warmVerdictMs = last.replied - last.received;
      figures.warmCheckMs = after.lastCheck.duration;
      await warmPage.close();
    }
    if (i > 0) cold.push(figures); // the first stop may catch the worker still installing
    await page.close();
  }
  return cold;
}

// The floor: a worker that answers at once, started and woken the same way.
async function floorColdStarts(server) {
  const dir = await benchCopy({ floor: true });
  const browser = await launch(dir);
  try {
    const cold = await coldStarts(browser, server, `(() => {
      const b = globalThis.__miwakeBench;
      return b && b.replies.length ? { scriptStart: b.scriptStart, firstReceived: b.replies[0].received, firstReplied: b.replies[0].replied, replies: b.replies } : null;
    })()`, false);
    const stat = (f) => ({ median: median(cold.map(f)), p95: p95(cold.map(f)) });
    return {
      runs: cold.length,
      scriptStartAtMs: stat((c) => c.scriptStart),
      firstMessageAtMs: stat((c) => c.firstReceived),
      firstReplyAtMs: stat((c) => c.firstReplied),
    };
  } finally {
    await browser.close();
    await rm(dir, { recursive: true, force: true });
  }
}

// The content-script floor on the login page: the probes around a script that sends one message
// at DOMContentLoaded, timed the same way as Miwake's.
async function contentFloorRuns(server) {
  const dir = await benchCopy({ contentFloor: true });
  const browser = await launch(dir);
  try {
    return summarise(await serial(PAGE_RUNS, () =>
      pageRun(browser, server.url('www.example-shop.com', '/login.html'), { waitMs: 1000, withProbe: true })));
  } finally {
    await browser.close();
    await rm(dir, { recursive: true, force: true });
  }
}

async function main() {
  const urls = readFileSync(CORPUS, 'utf8').split('\n').filter(Boolean);
  const server = await startServer(urls.filter((u) => u.startsWith('http')));
  const extensionDir = await benchCopy();
  const result = {};
  const on = await launch(extensionDir);
  try {
    const cold = await coldStarts(on, server, WORKER_FIGURES, true);
    const coldStat = (f) => ({ median: median(cold.map(f)), p95: p95(cold.map(f)) });
    if (TIMELINE) for (const c of cold) console.error(timeline(c));
    result.coldStart = {
      runs: cold.length,
      // On the worker's clock (0 = the worker started).
      firstVerdictAtMs: coldStat((c) => (c.firstCheck ? c.firstCheck.start + c.firstCheck.duration : c.firstReplied)),
      firstReplyAtMs: coldStat((c) => c.firstReplied),
      scriptStartAtMs: coldStat((c) => c.scriptStart),
      wasmReadyAtMs: coldStat((c) => c.wasmReady),
      firstMessageAtMs: coldStat((c) => c.firstReceived),
      // Durations.
      wasmLoadMs: coldStat((c) => c.wasmReady - c.wasmStart),
      fetchStartAtMs: coldStat((c) => c.fetchStart),
      wasmFetchMs: coldStat((c) => c.fetchEnd - c.fetchStart),
      detectorNewMs: coldStat((c) => c.detectorNew.duration),
      firstCheckMs: coldStat((c) => c.firstCheck?.duration ?? 0),
      warmUpMs: coldStat((c) => c.warmUp?.duration ?? 0),
      warmCheckMs: coldStat((c) => c.warmCheckMs),
      firstReplyMs: coldStat((c) => c.firstReplied - c.firstReceived),
      warmReplyMs: coldStat((c) => c.warmVerdictMs),
      wasmMemoryBytes: median(cold.map((c) => c.wasmMemory)),
    };

    if (!COLD_ONLY) await pagesHoverMemory(on, server, urls, result);
  } finally {
    await on.close();
  }
  result.coldStartFloor = await floorColdStarts(server);
  if (!COLD_ONLY) result.loginFloor = await contentFloorRuns(server);
  if (COLD_ONLY) {
    await server.close();
    await rm(extensionDir, { recursive: true, force: true });
    console.log(JSON.stringify(result));
    return;
  }

  const off = await launch(null);
  try {
    result.loginOff = summarise(await serial(PAGE_RUNS, () =>
      pageRun(off, server.url('www.example-shop.com', '/login.html'), { waitMs: 1000, withProbe: false })));
    result.heavyOff = summarise(await serial(Math.max(3, Math.ceil(RUNS / 2)), () =>
      pageRun(off, server.url('news.example-portal.com', `/heavy.html?churn=${CHURN_MS}`), { waitMs: CHURN_MS + 700, withProbe: false })));
  } finally {
    await off.close();
    await server.close();
    await rm(extensionDir, { recursive: true, force: true });
  }
  console.log(JSON.stringify(result));
}

// Page cost (login page, heavy page), the hover round trip and the worker's memory, with Miwake.
async function pagesHoverMemory(on, server, urls, result) {
  // Page cost with Miwake.
  result.loginOn = summarise(await serial(PAGE_RUNS, () =>
    pageRun(on, server.url('www.example-shop.com', '/login.html'), { waitMs: 1000, withProbe: true })));
  result.imitationOn = summarise(await serial(PAGE_RUNS, () =>
    pageRun(on, server.url('trade-notice.example', '/imitation.html'), { waitMs: 1000, withProbe: true })));
  result.heavyOn = summarise(await serial(Math.max(3, Math.ceil(RUNS / 2)), () =>
    pageRun(on, server.url('news.example-portal.com', `/heavy.html?churn=${CHURN_MS}`), { waitMs: CHURN_MS + 700, withProbe: true })));

  const framed = await serial(RUNS, () => framesRun(on, server.url('news.example-portal.com', '/framed.html')));
  const frameMs = framed.flatMap((r) => r.frameMs);
  result.framesOn = {
    runs: framed.length,
    perFrameMs: { median: median(frameMs), p95: p95(frameMs) },
    topMs: { median: median(framed.map((r) => r.topMs)), p95: p95(framed.map((r) => r.topMs)) },
    framesWithRuntime: framed.reduce((n, r) => n + r.framesWithRuntime, 0),
    frames: framed.reduce((n, r) => n + r.frames, 0),
  };

  // Hover, on the heavy page's links.
  const page = await on.context.newPage();
  await page.goto(server.url('news.example-portal.com', '/heavy.html?churn=0'));
  await sleep(500);
  const sample = urls.filter((_, i) => i % Math.ceil(urls.length / 300) === 0);
  const { hover } = await pageProbe(page, { hover: sample });
  result.hover = {
    urls: sample.length,
    checkMs: { median: median(hover.check), p95: p95(hover.check) },
    bareMs: { median: median(hover.bare), p95: p95(hover.bare) },
  };
  await page.close();

  // The worker's JS heap after a collection, and its wasm memory.
  await workerCall(on.cdp, 'HeapProfiler.collectGarbage');
  const heap = await workerCall(on.cdp, 'Runtime.getHeapUsage');
  result.workerMemory = {
    jsHeapUsedBytes: heap?.usedSize ?? null,
    wasmMemoryBytes: await workerEval(on.cdp, 'globalThis.__miwakeBench?.memory?.buffer.byteLength ?? null'),
  };
}

async function serial(n, run) {
  const out = [];
  for (let i = 0; i < n; i++) out.push(await run());
  return out;
}

await main();
