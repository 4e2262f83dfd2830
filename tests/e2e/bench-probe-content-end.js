// Listed after content.js in the bench copy of the extension: the first run of Miwake's content
// scripts ends here (see bench-probe-content.js).
if (globalThis.__miwakeBench) globalThis.__miwakeBench.end = performance.now();
