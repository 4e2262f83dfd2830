// Registering shops from what the user typed (the welcome page, the popup): the worker says which
// entries are domains and their registrable form, the same check as the options page, and which
// imitate a shop already registered or a brand. Those are refused with the reason: registering a
// copy would make Miwake call the copy "yours" and the real shop a fake.
import './protocol.js';
import { MAX_ENTRIES, parseDomainList, updateSettings, withListEntry } from './settings.js';

const { normalizeDomains, settingsChanged } = globalThis.MiwakeProtocol;

// One line of feedback per typed entry that was not taken as it stood.
export function entryProblems(results, t) {
  return results.flatMap((r) => {
    if (!r.domain) {
      const key = { ip: 'domainIp', suffix: 'domainSuffix' }[r.error] ?? 'domainInvalid';
      return [{ kind: 'bad', text: t(key, [r.input]) }];
    }
    if (r.imitates) return [{ kind: 'bad', text: t('shopRefused', [r.domain, r.imitates]) }];
    if (r.domain !== r.input) return [{ kind: 'note', text: t('domainNormalised', [r.domain, r.input]) }];
    return [];
  });
}

// Adds the typed shops that pass; answers the domains added and the feedback lines.
export async function addShops(text, t) {
  const entries = parseDomainList(text);
  if (entries.length === 0) return { added: [], lines: [] };
  try {
    const reply = await chrome.runtime.sendMessage(normalizeDomains(entries));
    if (!reply?.ok) throw new Error(reply?.error ?? 'no answer');
    const lines = entryProblems(reply.results, t).map((l) => l.text);
    const good = [...new Set(reply.results.filter((r) => r.domain && !r.imitates).map((r) => r.domain))];
    if (good.length === 0) return { added: [], lines };
    let added = [];
    await updateSettings((s) => {
      added = good.filter((d) => !s.shops.includes(d)).slice(0, Math.max(0, MAX_ENTRIES - s.shops.length));
      return added.reduce((acc, d) => withListEntry(acc, 'shops', d), s);
    });
    await chrome.runtime.sendMessage(settingsChanged());
    return { added, lines: [...lines, t('shopAdded', [good.join(', ')])] };
  } catch (e) {
    return { added: [], lines: [t('saveRejected', [e instanceof Error ? e.message : String(e)])] };
  }
}
