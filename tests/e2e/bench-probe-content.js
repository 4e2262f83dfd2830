// Benchmark probe for the content script, loaded only into the bench copy of the extension
// (listed before protocol.js and content.js; bench-probe-content-end.js is listed after them). In
// the content scripts' isolated world it times every callback Miwake's content script registers
// (timers, mutation observers, event listeners, message replies) and its first run, and answers
// the page's `miwake-bench-request` events: the page cannot see this world, but DOM events cross
// it, with string details.
(() => {
  const bench = { start: performance.now(), end: 0, bindings: null, calls: [], hover: null };
  globalThis.__miwakeBench = bench;

  const timed = (kind, fn) => (typeof fn !== 'function' ? fn : function (...args) {
    const start = performance.now();
    try {
      return fn.apply(this, args);
    } finally {
      bench.calls.push({ kind, start, duration: performance.now() - start });
    }
  });

  const setTimeoutOriginal = globalThis.setTimeout;
  globalThis.setTimeout = (fn, ...rest) => setTimeoutOriginal(timed('timer', fn), ...rest);
  const MutationObserverOriginal = globalThis.MutationObserver;
  globalThis.MutationObserver = class extends MutationObserverOriginal {
    constructor(callback) {
      super(timed('mutation-observer', callback));
    }
  };
  const addEventListenerOriginal = EventTarget.prototype.addEventListener;
  EventTarget.prototype.addEventListener = function (type, listener, options) {
    return addEventListenerOriginal.call(this, type, timed(`event:${type}`, listener), options);
  };
  // `.catch()` and `.finally()` go through `then` too, and return new promises: those are timed
  // the same way, so a handler chained after them (content-kit's send) is counted.
  const timedPromise = (promise) => {
    const then = promise.then.bind(promise);
    promise.then = (onFulfilled, onRejected) =>
      timedPromise(then(timed('reply', onFulfilled), timed('reply', onRejected)));
    return promise;
  };
  // The first touch of `chrome.runtime` in a frame makes the browser set up the extension API
  // bindings: a content script pays it when it first messages its worker or listens to it (a frame
  // that does neither never does). So the probe does not touch it itself: `chrome` is swapped for
  // a proxy that, at the content scripts' first `chrome.runtime`, records how long the setup took
  // and wraps `sendMessage` so that the reply handler, which runs in a promise reaction, is timed
  // through the promise the send returns.
  const chromeOriginal = globalThis.chrome;
  let runtime = null;
  let sendMessageOriginal = null;
  const runtimeWrapped = () => {
    if (runtime) return runtime;
    const start = performance.now();
    runtime = chromeOriginal.runtime;
    bench.bindings = performance.now() - start;
    sendMessageOriginal = runtime.sendMessage.bind(runtime);
    runtime.sendMessage = (...args) => timedPromise(sendMessageOriginal(...args));
    return runtime;
  };
  globalThis.chrome = new Proxy(chromeOriginal, {
    get: (target, key) => (key === 'runtime' ? runtimeWrapped() : Reflect.get(target, key)),
  });

  // Hover: the round trip the link tooltip waits for once its dwell delay is over (`check-link`
  // where the protocol has it, else `check-url`), against a message the worker refuses at once
  // (messaging alone). Drawing the tooltip is not included.
  async function hover(urls) {
    const P = globalThis.MiwakeProtocol;
    runtimeWrapped();
    const roundTrip = async (message) => {
      const start = performance.now();
      await sendMessageOriginal(message);
      return performance.now() - start;
    };
    const check = [];
    const bare = [];
    for (const url of urls) {
      bare.push(await roundTrip({ type: 'bench-noop' }));
      check.push(await roundTrip(P.checkLink ? P.checkLink(url, `link to ${url}`) : P.checkUrl(url)));
    }
    return { check, bare };
  }

  addEventListenerOriginal.call(window, 'miwake-bench-request', async (event) => {
    const request = JSON.parse(event.detail);
    const answer = request.hover ? { hover: await hover(request.hover) } : { bench };
    window.dispatchEvent(new CustomEvent('miwake-bench-answer', { detail: JSON.stringify(answer) }));
  });
})();
