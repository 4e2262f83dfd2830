// Listed after content.js in the bench copy of the extension: the first run of Miwake's content
// scripts ends here (see bench-probe-content.js).
// The verdict this frame got, so that the bench can tell which page it measured.
if (globalThis.__miwakeBench) {
  globalThis.__miwakeBench.verdict = null;
  globalThis.MiwakeContent?.onVerdict((state) => {
    globalThis.__miwakeBench.verdict = state.report?.verdict ?? state.phase;
  });
  globalThis.__miwakeBench.end = performance.now();
}
