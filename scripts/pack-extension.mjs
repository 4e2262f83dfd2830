// Packs an assembled copy of extension/ (dist/extension) for loading, in place:
// - the content scripts the manifest lists become one minified classic script, content-scripts.js;
// - the service worker and the modules it imports become one minified module, service-worker.js.
// Chrome compiles content scripts again in every frame of every page load, and a woken worker
// loads its modules one by one: fewer, smaller files cost both less (figures in README). The
// sources stay small files with one job each; files only the bundles used are removed from the copy.
//
// The manifest is then written for the browser named (scripts/browser-manifest.mjs).
//
//   node scripts/pack-extension.mjs DIR chrome|firefox
import { build, transform } from 'esbuild';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { engineTarget, manifestFor } from './browser-manifest.mjs';

const [dir, browser] = process.argv.slice(2);
if (!dir || !browser) throw new Error('usage: node scripts/pack-extension.mjs DIR chrome|firefox');
const manifestPath = join(dir, 'manifest.json');
const source = JSON.parse(await readFile(manifestPath, 'utf8'));
const manifest = manifestFor(browser, source);
// Nothing newer than the oldest browser the manifest accepts.
const target = engineTarget(browser, source);

// Content scripts: classic scripts sharing one isolated world, each an IIFE, run in manifest
// order; one after another in a file, they run the same.
const bundled = new Set();
for (const [i, group] of manifest.content_scripts.entries()) {
  const sources = await Promise.all(group.js.map((file) => readFile(join(dir, file), 'utf8')));
  const { code } = await transform(sources.join('\n;\n'), { minify: true, target, legalComments: 'none' });
  const name = i === 0 ? 'content-scripts.js' : `content-scripts-${i}.js`;
  await writeFile(join(dir, name), code);
  for (const file of group.js) bundled.add(file);
  group.js = [name];
}

// The worker: one module, the wasm glue included. The glue finds the wasm file next to itself
// unless told where it is; detector.js tells it, so the bundle may live elsewhere.
const worker = source.background.service_worker;
const result = await build({
  entryPoints: [join(dir, worker)],
  bundle: true,
  format: 'esm',
  minify: true,
  target,
  legalComments: 'none',
  metafile: true,
  write: false,
});
const workerInputs = Object.keys(result.metafile.inputs).map((p) => relative(dir, p));
for (const file of workerInputs) bundled.add(file);
await writeFile(join(dir, worker), result.outputFiles[0].contents);

// Files the extension's pages still load stay; the rest of what went into a bundle goes.
const pages = await build({
  entryPoints: ['popup.js', 'options.js', 'welcome.js'].map((file) => join(dir, file)),
  bundle: true,
  format: 'esm',
  metafile: true,
  write: false,
  outdir: join(dir, '.pack'),
  logLevel: 'silent',
});
const kept = new Set(Object.keys(pages.metafile.inputs).map((p) => relative(dir, p)));
kept.add(worker);
for (const file of bundled) {
  if (!kept.has(file)) await rm(join(dir, file));
}
await writeFile(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
