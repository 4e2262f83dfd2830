// What the hostile-page suites share: a secret to type, and the check that none of it reached the
// page (its listeners, its fields, its form submissions) or the page's collection endpoint.
// Hostile fixtures carry `<!-- recorder -->` (tests/fixtures/recorder.js).
import assert from 'node:assert/strict';

// Letters rare enough in a fixture that any two of them side by side can only come from typing it.
export const SECRET = 'Zq9Xv7Wk';

const pieces = (secret) => {
  const out = [];
  for (let i = 0; i + 2 <= secret.length; i += 1) out.push(secret.slice(i, i + 2));
  return out;
};

// What one document's recorder received, or null when it has none (a frame gone, or not a fixture).
export function received(target) {
  return target.evaluate(() => window.received ?? null).catch(() => null);
}

// Fails when any character of `secret` reached a key or text listener of the document, or any two
// of its letters reached a field value, a form submission, or what the page sent to /collect.
export function assertNothingLeaked(got, collectedText, secret = SECRET, where = 'the page') {
  const chars = new Set(secret);
  if (got) {
    const keys = got.keys.filter((entry) => {
      const data = entry.split(':').slice(2).join(':');
      return [...data].some((c) => chars.has(c));
    });
    assert.deepEqual(keys, [], `${where}'s listeners received typed characters`);
    const text = [...got.values, ...got.submits].join('\n');
    for (const piece of pieces(secret)) assert.ok(!text.includes(piece), `${where} read "${piece}" from a field: ${text}`);
  }
  for (const piece of pieces(secret)) {
    assert.ok(!collectedText.includes(piece), `${where} sent "${piece}" to its server: ${collectedText.slice(0, 400)}`);
  }
}

// The check, over the page and every frame it has.
export async function assertTabLeakedNothing(page, server, secret = SECRET) {
  for (const frame of page.frames()) assertNothingLeaked(await received(frame), '', secret, frame.url());
  assertNothingLeaked(null, server.collectedText(), secret);
}
