// The popup: asks the service worker for one tab's verdict and shows it.
// popup.html?tab=<id> shows a given tab (the tests open the popup as a page).
import './protocol.js';
import { localizePage, t } from './i18n-dom.js';

const { getTabVerdict } = globalThis.MiwakeProtocol;
const MAX_BRAND_DOMAINS = 6; // Google alone has ~200; the first few say enough

const $ = (id) => document.getElementById(id);

async function targetTabId() {
  const fromQuery = new URLSearchParams(location.search).get('tab');
  if (fromQuery !== null && /^\d+$/.test(fromQuery)) return Number(fromQuery);
  const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
  return tab?.id ?? null;
}

const WORDS = {
  danger: () => [t('verdictDanger'), t('adviceDanger')],
  caution: () => [t('verdictCaution'), t('adviceCaution')],
  ok: () => [t('verdictOk'), t('adviceOk')],
  unknown: () => [t('verdictUnknown'), t('adviceUnknown')],
};

function item(text, props = {}) {
  const li = document.createElement('li');
  li.textContent = text;
  for (const [k, v] of Object.entries(props)) li.setAttribute(k, v);
  return li;
}

function render(report, error) {
  const verdict = report && WORDS[report.verdict] ? report.verdict : 'unknown';
  const [headline, advice] = WORDS[verdict]();
  $('verdict').dataset.verdict = verdict;
  $('headline').textContent = headline;
  $('advice').textContent = error ? t('popupError', [error]) : advice;
  if (!report) return;

  const where = report.domain || report.host;
  $('brand').textContent = report.brand ?? '';
  $('brand-row').hidden = !report.brand;
  $('domain').textContent = where ?? '';
  $('domain-row').hidden = !where;
  $('facts').hidden = !report.brand && !where;

  const reasons = Array.isArray(report.reasons) ? report.reasons : [];
  $('reasons').replaceChildren(...reasons.map((r) => item(r.message, { 'data-code': r.code, 'data-level': r.level })));
  $('reasons-section').hidden = reasons.length === 0;

  const domains = Array.isArray(report.brandDomains) ? report.brandDomains : [];
  const shown = domains.slice(0, MAX_BRAND_DOMAINS).map((d) => item(d));
  if (domains.length > shown.length) shown.push(item(t('moreDomains', [String(domains.length - shown.length)]), { class: 'more' }));
  $('brand-domains').replaceChildren(...shown);
  $('brand-domains-heading').textContent = t('labelBrandDomains', [report.brand ?? '']);
  $('brand-domains-section').hidden = !report.brand || domains.length === 0;
}

async function main() {
  localizePage();
  render(null);
  $('open-options').addEventListener('click', () => chrome.runtime.openOptionsPage());
  try {
    const tabId = await targetTabId();
    if (tabId === null) return;
    const reply = await chrome.runtime.sendMessage(getTabVerdict(tabId));
    if (reply?.ok) render(reply.report);
    else render(null, reply?.error ?? 'no answer');
  } catch (e) {
    render(null, e instanceof Error ? e.message : String(e));
  }
}

main();
