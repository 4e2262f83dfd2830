// The extension's pure parts, without a browser: settings versions and
// migrations, the order of settings writes, the managed-storage schema, export and import, the string
// formatter, the domain diff, the report links, and the promise that the
// extension has no way to reach the network.
import { afterEach, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  SCHEMA, combine, exportDocument, importDocument, managedFrom, migrate, parseDomainList, policyWithin,
  samePolicy, updateSettings, withContinued, withListEntry, withoutContinued, hasContinued, writeSettings,
} from '../../extension/settings.js';
import { diffDomains, worthMarking } from '../../extension/domain-diff.js';
import { DESTINATIONS, reportLinks } from '../../extension/report-links.js';
import '../../extension/i18n.js';

const SOURCE = fileURLToPath(new URL('../../extension/', import.meta.url));
const json = async (path) => JSON.parse(await readFile(join(SOURCE, path), 'utf8'));
const I18n = globalThis.MiwakeI18n;

describe('settings', () => {
  it('migrates schema 1 (and unversioned) settings to the current schema', () => {
    const v1 = migrate({ schema: 1, shops: ['myshop.co.jp'], allowlist: ['example.org'] });
    assert.equal(SCHEMA, 2);
    assert.deepEqual(v1.settings, {
      schema: 2, shops: ['myshop.co.jp'], allowlist: ['example.org'], continued: [], lang: 'auto', linkHover: true,
    });
    assert.equal(v1.changed, true);
    const v0 = migrate({ shops: ['MyShop.co.jp', 'myshop.co.jp', 42] });
    assert.deepEqual(v0.settings.shops, ['myshop.co.jp']);
    assert.equal(migrate({}).changed, true); // a fresh install gets the current shape written
  });

  it('keeps current settings unchanged and repairs damaged values', () => {
    const current = {
      schema: 2, shops: [], allowlist: ['example.org'], continued: [{ domain: 'alibba.com', at: 5 }], lang: 'ja', linkHover: false,
    };
    assert.deepEqual(migrate(current), { settings: current, changed: false, newer: false });
    const damaged = migrate({ ...current, lang: 'fr', linkHover: 'yes', continued: [{ domain: 7 }, 'goog1e.com'] });
    assert.equal(damaged.settings.lang, 'auto');
    assert.equal(damaged.settings.linkHover, true);
    assert.deepEqual(damaged.settings.continued, [{ domain: 'goog1e.com', at: 0 }]);
    assert.equal(damaged.changed, true);
  });

  it('never writes back settings from a newer version', () => {
    const { changed, newer, settings } = migrate({ schema: 9, shops: ['a.jp'], allowlist: [], lang: 'en' });
    assert.equal(changed, false);
    assert.equal(newer, true);
    assert.deepEqual(settings.shops, ['a.jp']);
  });

  it('adds the organisation\'s entries to the user\'s, first and once', () => {
    const user = migrate({ schema: 2, shops: ['mine.jp', 'corp.co.jp'], allowlist: [] }).settings;
    const managed = managedFrom({ shops: ['corp.co.jp'], allowlist: ['intranet.example'], other: true });
    const all = combine(user, managed);
    assert.deepEqual(all.shops, ['corp.co.jp', 'mine.jp']);
    assert.deepEqual(all.allowlist, ['intranet.example']);
    assert.deepEqual(managedFrom(undefined), { shops: [], allowlist: [] });
  });

  it('records and revokes per-site decisions', () => {
    const base = migrate({ schema: 2 }).settings;
    const once = withContinued(base, 'alibba.com', 1000);
    assert.ok(hasContinued(once, 'alibba.com'));
    assert.equal(withContinued(once, 'alibba.com', 2000), once);
    assert.equal(hasContinued(withoutContinued(once, 'alibba.com'), 'alibba.com'), false);
  });

  it('exports a file that imports back to the same settings, and refuses others', () => {
    const settings = {
      schema: 2, shops: ['myshop.co.jp'], allowlist: ['example.org'], continued: [{ domain: 'alibba.com', at: 1 }], lang: 'ja', linkHover: false,
    };
    const doc = exportDocument(settings, new Date('2025-01-02T03:04:05Z'));
    assert.equal(doc.format, 'miwake-settings');
    assert.equal(doc.exported, '2025-01-02T03:04:05.000Z');
    assert.deepEqual(importDocument(JSON.parse(JSON.stringify(doc))), settings);
    assert.throws(() => importDocument({ shops: [] }), /not-miwake/);
    assert.throws(() => importDocument({ ...doc, schema: 3 }), /newer/);
    assert.deepEqual(importDocument({ format: 'miwake-settings', schema: 1, shops: ['a.jp'] }).shops, ['a.jp']);
  });

  it('splits typed entries, leaving what they mean as domains to the core', () => {
    assert.deepEqual(parseDomainList('a.jp\nb.jp, a.jp、c.jp\n\nnot a domain'), ['a.jp', 'b.jp', 'c.jp', 'not a domain']);
    assert.deepEqual(parseDomainList(' https://MyShop.co.jp/admin/ ;ｍｙｓｈｏｐ．ｊｐ：８０８０\n# comment'),
      ['https://MyShop.co.jp/admin/', 'myshop.jp:8080']);
  });
});

describe('settings writes', () => {
  // chrome.storage.sync as the writes see it: each get answers what was stored when it was
  // called, each set lands a turn of the event loop later, as Chrome's answers do. Unqueued
  // read-change-writes started together would all read the same and keep only the last write.
  let stored;
  let writes;
  beforeEach(() => {
    stored = {};
    writes = 0;
    const later = (fn) => new Promise((resolve) => {
      setImmediate(() => resolve(fn()));
    });
    const pick = (keys) => Object.fromEntries(
      (keys === null ? Object.keys(stored) : [keys].flat()).filter((k) => k in stored).map((k) => [k, structuredClone(stored[k])]),
    );
    globalThis.chrome = {
      storage: {
        sync: {
          get: (keys) => {
            const answer = pick(keys);
            return later(() => answer);
          },
          set: (items) => later(() => {
            writes += 1;
            Object.assign(stored, structuredClone(items));
          }),
        },
      },
    };
  });
  afterEach(() => {
    delete globalThis.chrome;
  });

  const sites = Array.from({ length: 20 }, (_, i) => `site-${i}.example`);

  it('keeps every one of 20 changes made at once, each made on the one before', async () => {
    const results = await Promise.all(sites.map((site) => updateSettings((s) => withListEntry(s, 'allowlist', site))));
    assert.deepEqual(stored.allowlist, sites);
    results.forEach((settings, i) => assert.deepEqual(settings.allowlist, sites.slice(0, i + 1)));
    assert.equal(writes, sites.length);
  });

  it('goes on with the next change after one that fails, and keeps what came before', async () => {
    const first = updateSettings((s) => withListEntry(s, 'shops', 'a.jp'));
    const failing = updateSettings(async () => {
      throw new Error('no');
    });
    const last = updateSettings((s) => withContinued(s, 'alibba.com', 1));
    await assert.rejects(failing, /no/);
    await Promise.all([first, last]);
    assert.deepEqual(stored.shops, ['a.jp']);
    assert.deepEqual(stored.continued, [{ domain: 'alibba.com', at: 1 }]);
  });

  it('puts an import in line with the changes around it', async () => {
    const before = updateSettings((s) => withListEntry(s, 'shops', 'old.jp'));
    const imported = writeSettings({ shops: ['imported.jp'], lang: 'ja' });
    const after = updateSettings((s) => withListEntry(s, 'shops', 'later.jp'));
    await Promise.all([before, imported, after]);
    assert.deepEqual(stored.shops, ['imported.jp', 'later.jp']);
    assert.equal(stored.lang, 'ja');
  });
});

describe('policy at start-up', () => {
  const kept = async () => managedFrom({ shops: ['kept.co.jp'] });
  const live = managedFrom({ shops: ['live.co.jp'] });
  // Chrome's answer, given when the test says.
  const answer = () => {
    let give;
    const promise = new Promise((resolve) => {
      give = resolve;
    });
    return { promise, give };
  };
  const settledYet = async (promise) => {
    let settled = false;
    promise.then(() => {
      settled = true;
    }, () => {});
    await new Promise(setImmediate); // every promise job queued so far has run
    return settled;
  };

  it('takes the kept policy when Chrome has not answered in time', async (t) => {
    t.mock.timers.enable({ apis: ['setTimeout'] });
    const reply = answer();
    const policy = policyWithin(reply.promise, kept, 20);
    t.mock.timers.tick(19);
    assert.equal(await settledYet(policy), false, 'the wait is not over at 19 ms');
    t.mock.timers.tick(1);
    assert.deepEqual((await policy).shops, ['kept.co.jp']);
    reply.give(live); // too late: the first verdict was built on the kept copy
    assert.deepEqual((await policy).shops, ['kept.co.jp']);
  });

  it('takes the live policy when Chrome has answered in time, and never reads the kept copy then', async (t) => {
    t.mock.timers.enable({ apis: ['setTimeout'] });
    const readKept = t.mock.fn(kept);
    const reply = answer();
    const policy = policyWithin(reply.promise, readKept, 200);
    t.mock.timers.tick(199);
    reply.give(live);
    assert.deepEqual((await policy).shops, ['live.co.jp']);
    t.mock.timers.tick(1_000); // the timer was cleared
    await new Promise(setImmediate);
    assert.equal(readKept.mock.callCount(), 0);
  });

  it('compares policies by what the detector is built from', () => {
    assert.equal(samePolicy({ shops: ['Corp.co.jp', 'corp.co.jp'] }, managedFrom({ shops: ['corp.co.jp'] })), true);
    assert.equal(samePolicy(undefined, { shops: [], allowlist: [] }), true);
    assert.equal(samePolicy({ allowlist: ['intranet.example'] }, {}), false);
  });
});

describe('managed storage', () => {
  it('ships a schema for shops and allowlist that the manifest names', async () => {
    const manifest = await json('manifest.json');
    assert.equal(manifest.storage?.managed_schema, 'managed-schema.json');
    const schema = await json(manifest.storage.managed_schema);
    assert.equal(schema.type, 'object');
    for (const key of ['shops', 'allowlist']) {
      assert.equal(schema.properties[key].type, 'array', key);
      assert.equal(schema.properties[key].items.type, 'string', key);
    }
  });
});

describe('strings', () => {
  it('formats messages as chrome.i18n does', () => {
    const entry = {
      message: 'Costs $$5 on $SITE$, not $Real$ ($missing$)',
      placeholders: { site: { content: '$1' }, real: { content: '$2' } },
    };
    assert.equal(I18n.format(entry, ['a.jp', 'b.jp']), 'Costs $5 on a.jp, not b.jp ()');
    assert.equal(I18n.format(entry, 'a.jp'), 'Costs $5 on a.jp, not  ()');
    // Substituted text is never read again for placeholders.
    assert.equal(I18n.format(entry, ['$REAL$', '$1']), 'Costs $5 on $REAL$, not $1 ()');
  });

  it('fills every placeholder of every message in both locales', async () => {
    for (const lang of I18n.LANGS) {
      const messages = await json(`_locales/${lang}/messages.json`);
      const t = I18n.translator(messages);
      for (const [key, entry] of Object.entries(messages)) {
        const examples = Object.values(entry.placeholders ?? {}).map((p) => p.example ?? 'x');
        const text = t(key, examples);
        assert.ok(text.length > 0, `${lang}/${key}`);
        assert.ok(!/\$[A-Za-z0-9_@]+\$/.test(text), `${lang}/${key} left a placeholder: ${text}`);
      }
    }
  });

  it('splits a message around its substitutions', () => {
    const t = I18n.translator({ m: { message: 'On $A$ not $B$.', placeholders: { a: { content: '$1' }, b: { content: '$2' } } } });
    assert.deepEqual(I18n.parts(t, 'm', ['x.jp', 'y.jp']), [{ text: 'On ' }, { sub: 0 }, { text: ' not ' }, { sub: 1 }, { text: '.' }]);
  });
});

describe('domain diff', () => {
  it('marks the missing letter of a lookalike', () => {
    const d = diffDomains('alibba.com', 'alibaba.com');
    assert.deepEqual(d.a, [{ text: 'alibba.com', diff: false }]);
    assert.deepEqual(d.b, [{ text: 'alib', diff: false }, { text: 'a', diff: true }, { text: 'ba.com', diff: false }]);
    assert.ok(worthMarking(d, 'alibba.com', 'alibaba.com'));
  });

  it('marks a Cyrillic letter as one character', () => {
    const d = diffDomains('аlibaba.com', 'alibaba.com'); // Cyrillic а
    assert.deepEqual(d.a[0], { text: 'а', diff: true });
    assert.equal(d.distance, 2);
  });

  it('does not mark unrelated names', () => {
    const d = diffDomains('verify-id.xyz', 'alibaba.com');
    assert.equal(worthMarking(d, 'verify-id.xyz', 'alibaba.com'), false);
  });
});

describe('report links', () => {
  const t = I18n.translator({
    reportAntiphishing: { message: 'Council' },
    reportSafeBrowsing: { message: 'Safe Browsing' },
    reportAlibaba: { message: 'Alibaba' },
    reportMailSubject: { message: 'Phishing: $S$', placeholders: { s: { content: '$1' } } },
    reportMailBody: { message: 'URL: $U$\n$D$', placeholders: { u: { content: '$1' }, d: { content: '$2' } } },
    reportMailBrand: { message: 'Imitates: $B$', placeholders: { b: { content: '$1' } } },
  });
  const flagged = {
    url: 'https://alibba.com/login?x=1&y=2', verdict: 'danger', brand: 'Alibaba.com', domain: 'alibba.com',
    reasons: [{ code: 'lookalike-domain', level: 'danger', message: 'alibba.com lacks an “a”.' }],
  };

  it('offers the council by mail, Safe Browsing, and Alibaba for Alibaba imitations', () => {
    const links = reportLinks(flagged, { t, lang: 'ja' });
    assert.deepEqual(links.map((l) => l.id), ['antiphishing', 'safe-browsing', 'alibaba']);
    const mail = new URL(links[0].href);
    assert.equal(mail.protocol, 'mailto:');
    assert.equal(mail.pathname, DESTINATIONS.antiphishing);
    assert.equal(mail.searchParams.get('subject'), 'Phishing: alibba.com');
    assert.equal(mail.searchParams.get('body'), 'URL: https://alibba.com/login?x=1&y=2\nImitates: Alibaba.com\n- alibba.com lacks an “a”.');
    assert.ok(!links[0].href.includes('+'), 'spaces are %20 for mail clients');
    const sb = new URL(links[1].href);
    assert.equal(`${sb.origin}${sb.pathname}`, DESTINATIONS.safeBrowsing);
    assert.equal(sb.searchParams.get('url'), flagged.url);
    assert.equal(sb.searchParams.get('hl'), 'ja');
    assert.equal(links[2].href, DESTINATIONS.alibaba);
  });

  it('leaves out Alibaba for other brands, and offers nothing for a page that is fine', () => {
    assert.deepEqual(reportLinks({ ...flagged, brand: 'Google' }, { t, lang: 'en' }).map((l) => l.id), ['antiphishing', 'safe-browsing']);
    assert.deepEqual(reportLinks({ ...flagged, verdict: 'ok' }, { t, lang: 'en' }), []);
  });
});

describe('no network', () => {
  async function sources(dir = SOURCE) {
    const out = [];
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!['_locales', 'icons', 'wasm'].includes(entry.name)) out.push(...await sources(path));
      } else if (['.js', '.html'].includes(extname(entry.name))) {
        out.push(path);
      }
    }
    return out;
  }

  it('asks for no host access and lets no page or site talk to the extension', async () => {
    const manifest = await json('manifest.json');
    assert.deepEqual(manifest.permissions, ['storage', 'declarativeNetRequest']);
    for (const key of ['host_permissions', 'optional_permissions', 'optional_host_permissions', 'externally_connectable', 'web_accessible_resources']) {
      assert.equal(manifest[key], undefined, key);
    }
    const csp = manifest.content_security_policy.extension_pages;
    assert.match(csp, /(^|;)\s*connect-src 'self'(;|$)/);
    assert.match(csp, /(^|;)\s*default-src 'self'(;|$)/);
  });

  it('only blocks with its request rules, and only requests to services brands.json names as collecting credentials', async () => {
    const rules = await json('collection-rules.json');
    const brands = JSON.parse(await readFile(new URL('../../src/data/brands.json', import.meta.url), 'utf8'));
    const hosts = brands.exfiltration_endpoints.map((e) => e.split('/')[0]);
    assert.ok(rules.length > 0);
    for (const rule of rules) {
      assert.deepEqual(rule.action, { type: 'block' });
      assert.equal(rule.condition.domainType, 'thirdParty', 'requests a page makes to another site only');
      // With no resourceTypes a rule matches every type but main_frame, in both browsers (Firefox
      // has types Chrome's list does not name, such as a beacon's).
      const types = rule.condition.resourceTypes;
      assert.ok(types === undefined || !types.includes('main_frame'), 'an address the user types is never blocked');
      const excluded = rule.condition.excludedResourceTypes;
      assert.ok(excluded === undefined || excluded.includes('main_frame'), 'a typed address stays excluded');
      const pattern = new RegExp(rule.condition.regexFilter);
      const named = hosts.filter((h) => ['/bot1/sendMessage', '/api/webhooks/1/x'].some((p) => pattern.test(`https://${h}${p}`)));
      assert.ok(named.length > 0, `rule ${rule.id} blocks a service brands.json does not name`);
    }
  });

  it('has no code that could send a request', async () => {
    const forbidden = /XMLHttpRequest|WebSocket|EventSource|sendBeacon|importScripts|RTCPeerConnection|WebTransport|new\s+Image\b/;
    for (const file of await sources()) {
      const text = await readFile(file, 'utf8');
      assert.ok(!forbidden.test(text), `${file}: ${text.match(forbidden)?.[0]}`);
      // The one fetch reads the extension's own locale files.
      for (const m of text.matchAll(/\bfetch\(([^)]*)\)/g)) {
        assert.ok(file.endsWith('i18n.js') && m[1] === 'url', `${file}: fetch(${m[1]})`);
      }
      // Web addresses are written out (outside comments) only where the user is offered them.
      const code = text.split('\n').filter((line) => !/^\s*(\/\/|\*)/.test(line)).join('\n');
      const address = code.match(/https?:\/\/[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}/i);
      assert.ok(!address || file.endsWith('report-links.js'), `${file} names ${address?.[0]}`);
    }
  });
});
