// Benchmark probe for the service worker, loaded only into the bench copy of the extension that
// scripts/bench-browser.mjs makes (its manifest names bench-worker.js, which imports this module
// first and then service-worker.js). It changes nothing the extension does; it records when the
// worker started its script, when the wasm core was fetched and instantiated, how long each call
// into it took, and when each message arrived and was answered, on globalThis.__miwakeBench.
const bench = { scriptStart: performance.now(), fetches: [], wasm: [], calls: {}, replies: [], memory: null };
globalThis.__miwakeBench = bench;

// The wasm file's fetch (the glue awaits it before compiling).
const fetchOriginal = globalThis.fetch;
globalThis.fetch = async function (...args) {
  const start = performance.now();
  const response = await fetchOriginal.apply(this, args);
  if (String(args[0]).endsWith('.wasm')) bench.fetches.push({ start, end: performance.now() });
  return response;
};

for (const name of ['instantiateStreaming', 'instantiate']) {
  const original = WebAssembly[name];
  WebAssembly[name] = async function (...args) {
    const start = performance.now();
    const result = await original.apply(this, args);
    bench.wasm.push({ name, start, end: performance.now() });
    const isInstance = result instanceof WebAssembly.Instance;
    const instance = isInstance ? result : result.instance;
    bench.memory = instance.exports.memory ?? bench.memory;
    // The exports object is frozen: hand the glue a copy whose functions are timed.
    const exports = {};
    for (const [key, value] of Object.entries(instance.exports)) {
      exports[key] = typeof value !== 'function' ? value : (...callArgs) => {
        const callStart = performance.now();
        try {
          return value(...callArgs);
        } finally {
          (bench.calls[key] ??= []).push({ start: callStart, duration: performance.now() - callStart });
        }
      };
    }
    const timedInstance = { exports };
    return isInstance ? timedInstance : { module: result.module, instance: timedInstance };
  };
}

const event = chrome.runtime.onMessage;
const addListener = event.addListener.bind(event);
event.addListener = (listener) => addListener((message, sender, sendResponse) => {
  const received = performance.now();
  return listener(message, sender, (reply) => {
    bench.replies.push({ type: message?.type, received, replied: performance.now() });
    sendResponse(reply);
  });
});
