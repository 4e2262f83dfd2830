// Where a phishing page can be reported. Nothing here sends anything: the
// popup shows these as links, and a link opens (a mail draft or the
// organisation's own page) only when the user clicks it.
//
// The brands' report pages are also in the core's brand data
// (src/data/brands.json, `report`), which the wasm does not expose; these
// three are kept here, in one place.
export const DESTINATIONS = Object.freeze({
  // The Council of Anti-Phishing Japan takes reports by e-mail.
  antiphishing: 'info@antiphishing.jp',
  // Google Safe Browsing's form; ?url= fills in the address.
  safeBrowsing: 'https://safebrowsing.google.com/safebrowsing/report_phish/',
  // Alibaba.com's help page on phishing, which leads to its report form.
  alibaba: 'https://service.alibaba.com/buyer/faq_detail/20111445.htm',
});

const ALIBABA_BRANDS = new Set(['Alibaba.com', 'AliExpress']);

// The reasons as plain lines for a report's body.
const reasonLines = (report) => (report.reasons ?? [])
  .filter((r) => r.level !== 'ok' && typeof r.message === 'string')
  .map((r) => `- ${r.message}`)
  .join('\n');

// [{ id, label, href, hint }] for one flagged report, in the user's language.
export function reportLinks(report, { t, lang }) {
  if (!report?.url || report.verdict === 'ok') return [];
  const site = report.domain || report.host || report.url;
  const details = [report.brand ? t('reportMailBrand', [report.brand]) : '', reasonLines(report)]
    .filter(Boolean).join('\n');
  const mail = new URLSearchParams({
    subject: t('reportMailSubject', [site]),
    body: t('reportMailBody', [report.url, details]),
  }).toString().replace(/\+/g, '%20'); // mail clients read + literally
  const links = [
    {
      id: 'antiphishing',
      label: t('reportAntiphishing'),
      hint: DESTINATIONS.antiphishing,
      href: `mailto:${DESTINATIONS.antiphishing}?${mail}`,
    },
    {
      id: 'safe-browsing',
      label: t('reportSafeBrowsing'),
      hint: 'safebrowsing.google.com',
      href: `${DESTINATIONS.safeBrowsing}?${new URLSearchParams({ url: report.url, hl: lang })}`,
    },
  ];
  if (ALIBABA_BRANDS.has(report.brand)) {
    links.push({ id: 'alibaba', label: t('reportAlibaba'), hint: 'service.alibaba.com', href: DESTINATIONS.alibaba });
  }
  return links;
}
