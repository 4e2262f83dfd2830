// Accessibility checks with axe-core (npm `axe-core`), for the e2e tests. Extension pages are
// checked where they are. Miwake's in-page UI lives in closed shadow roots, which axe cannot
// enter: its markup and style sheets are copied, as they are, into an open shadow root of a blank
// page with the same colour scheme, and checked there.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { inShadow } from './harness.mjs';

const AXE_SOURCE = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

// The violations that count: serious and critical ones. Each as "rule: target (summary)".
export async function seriousViolations(page, selector = null) {
  await page.evaluate(AXE_SOURCE); // evaluated by DevTools: the extension pages' CSP does not apply
  const result = await page.evaluate((sel) => globalThis.axe.run(sel ? { include: [[sel]] } : document, {
    resultTypes: ['violations'],
  }), selector);
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')} (${n.failureSummary?.split('\n').slice(0, 2).join(' ')})`));
}

// The markup and styles of Miwake's UI `name` in `page`, as drawn now.
function uiCopy(page, name) {
  return inShadow(page, name, (root) => ({
    html: root.innerHTML,
    css: [...root.adoptedStyleSheets].flatMap((s) => [...s.cssRules].map((r) => r.cssText)).join('\n'),
  }));
}

// Serious and critical violations of Miwake's UI `name` in `page`, checked in a copy (see above)
// drawn in `colorScheme`.
export async function uiViolations(context, page, name, colorScheme) {
  const copy = await uiCopy(page, name);
  if (!copy) throw new Error(`no ${name} UI to check`);
  const blank = await context.newPage();
  try {
    await blank.emulateMedia({ colorScheme });
    await blank.setContent('<!doctype html><html lang="en"><head><title>copy</title></head><body><main><div id="host"></div></main></body></html>');
    await blank.evaluate(({ html, css }) => {
      const root = document.getElementById('host').attachShadow({ mode: 'open' });
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
      root.adoptedStyleSheets = [sheet];
      root.innerHTML = html;
      // Shown as the page showed it: popovers open, the dialog open (not modal: no top layer here).
      for (const el of root.querySelectorAll('[popover]')) el.removeAttribute('popover');
    }, copy);
    return await seriousViolations(blank);
  } finally {
    await blank.close();
  }
}
