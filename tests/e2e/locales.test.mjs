// The locale files agree with each other and with the code that uses them.
// No browser needed: this reads the extension source.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SOURCE = fileURLToPath(new URL('../../extension/', import.meta.url));
const LOCALES = ['en', 'ja'];

async function messages(locale) {
  return JSON.parse(await readFile(join(SOURCE, '_locales', locale, 'messages.json'), 'utf8'));
}

async function sourceFiles(dir = SOURCE) {
  const out = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!['_locales', 'wasm', 'icons'].includes(entry.name)) out.push(...await sourceFiles(path));
    } else if (['.js', '.html', '.json'].includes(extname(entry.name))) {
      out.push(path);
    }
  }
  return out;
}

// Every way the extension names a message: __MSG_x__ in the manifest and
// HTML, getMessage('x') in scripts or its shorthands t('x') and
// rich(t, 'x') / rich('x'), data-i18n="x" (and data-i18n-placeholder,
// data-i18n-label) in markup. Keys are always literals, so this finds them all.
const USES = [
  /__MSG_(\w+)__/g,
  /(?:getMessage|\bt)\(\s*['"](\w+)['"]/g,
  /\brich\(\s*(?:t,\s*)?['"](\w+)['"]/g,
  /data-i18n(?:-\w+)?="(\w+)"/g,
];

async function usedKeys() {
  const used = new Map(); // key -> first file using it
  for (const file of await sourceFiles()) {
    const text = await readFile(file, 'utf8');
    for (const pattern of USES) {
      for (const [, key] of text.matchAll(pattern)) if (!used.has(key)) used.set(key, file);
    }
  }
  return used;
}

const placeholderNames = (entry) => Object.keys(entry.placeholders ?? {}).map((k) => k.toLowerCase()).sort();
const placeholdersIn = (text) => [...text.matchAll(/\$(\w+)\$/g)].map((m) => m[1].toLowerCase()).sort();

describe('locales', () => {
  it('has the same keys in every locale', async () => {
    const [en, ...others] = await Promise.all(LOCALES.map(messages));
    for (const other of others) assert.deepEqual(Object.keys(other).sort(), Object.keys(en).sort());
  });

  it('has a non-empty message and matching placeholders for every key', async () => {
    const all = await Promise.all(LOCALES.map(messages));
    for (const key of Object.keys(all[0])) {
      const expected = placeholderNames(all[0][key]);
      for (const [i, locale] of all.entries()) {
        const entry = locale[key];
        assert.ok(/^[A-Za-z0-9_@]+$/.test(key), `${key}: Chrome allows only [A-Za-z0-9_@] in keys`);
        assert.equal(typeof entry.message, 'string', `${LOCALES[i]}/${key}`);
        assert.ok(entry.message.trim().length > 0, `${LOCALES[i]}/${key} is empty`);
        assert.deepEqual(placeholderNames(entry), expected, `${LOCALES[i]}/${key} placeholders`);
        assert.deepEqual([...new Set(placeholdersIn(entry.message))], expected, `${LOCALES[i]}/${key} uses its placeholders`);
      }
    }
  });

  it('defines every message the code uses, and the code uses every message', async () => {
    const en = await messages('en');
    const used = await usedKeys();
    for (const [key, file] of used) assert.ok(key in en, `${file} uses ${key}, which _locales/en lacks`);
    for (const key of Object.keys(en)) assert.ok(used.has(key), `${key} is defined but never used`);
  });

  it('keeps the store description within Chrome\'s 132 characters', async () => {
    for (const locale of LOCALES) {
      assert.ok((await messages(locale)).extDescription.message.length <= 132, locale);
    }
  });
});
