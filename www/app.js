// The standalone checker: the same wasm core as the extension, run in a plain page.
import init, { Detector, version } from './wasm/miwake.js';

const TEXT = {
  en: {
    intro: 'Paste addresses, one per line. Miwake tells you whose site each one really is, and whether it imitates Google, Alibaba.com or EC-CUBE. Everything runs in this page: nothing is sent anywhere.',
    urlsLabel: 'Addresses',
    shopsLabel: 'My shops (one domain per line, optional)',
    langLabel: 'Language',
    core: 'Detection core',
    ok: 'No sign of imitation',
    caution: 'Be careful',
    danger: 'Imitation: do not sign in',
    site: 'Real site:',
  },
  ja: {
    intro: 'アドレスを1行に1つずつ貼り付けてください。Miwake が、それが本当は誰のサイトか、Google・Alibaba.com・EC-CUBE を装っていないかを判定します。処理はすべてこのページの中で行われ、どこにも送信されません。',
    urlsLabel: 'アドレス',
    shopsLabel: '自分のショップ（1行に1ドメイン、任意）',
    langLabel: '言語',
    core: '判定エンジン',
    ok: 'なりすましの兆候はありません',
    caution: '注意してください',
    danger: 'なりすましです。ログインしないでください',
    site: '実際のサイト:',
  },
};

const $ = (id) => document.getElementById(id);
let detector = null;
let detectorShops = null;

function lang() {
  return document.querySelector('input[name="lang"]:checked')?.value === 'ja' ? 'ja' : 'en';
}

function lines(text) {
  return text.split('\n').map((l) => l.trim()).filter(Boolean);
}

// The detector is rebuilt only when the shops change: building validates them.
function currentDetector() {
  const shops = lines($('shops').value);
  const key = JSON.stringify(shops);
  if (key !== detectorShops) {
    detector?.free();
    detector = null;
    detectorShops = key;
    detector = new Detector({ shops, allowlist: [] });
  }
  return detector;
}

// The host with its registrable domain in bold: the part that says whose site it is.
function hostView(report) {
  const span = document.createElement('span');
  span.className = 'host';
  const host = report.host ?? '';
  const domain = report.domain ?? '';
  const head = domain && host.endsWith(domain) ? host.slice(0, host.length - domain.length) : host;
  span.append(head);
  if (head !== host) {
    const strong = document.createElement('strong');
    strong.textContent = domain;
    span.append(strong);
  }
  return span;
}

function render() {
  const t = TEXT[lang()];
  document.documentElement.lang = lang();
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t[el.dataset.i18n];
  const results = $('results');
  results.replaceChildren();
  let d;
  try {
    d = currentDetector();
    $('error').hidden = true;
  } catch (error) {
    $('error').textContent = String(error.message ?? error);
    $('error').hidden = false;
    return;
  }
  for (const url of lines($('urls').value)) {
    const report = d.check(url, lang());
    const item = document.createElement('li');
    item.dataset.verdict = report.verdict;
    const head = document.createElement('div');
    head.className = 'head';
    const badge = document.createElement('span');
    badge.className = 'badge';
    badge.textContent = t[report.verdict];
    const address = document.createElement('code');
    address.textContent = url;
    head.append(badge, address);
    item.append(head);
    if (report.host) {
      const site = document.createElement('p');
      site.append(`${t.site} `, hostView(report));
      item.append(site);
    }
    const reasons = document.createElement('ul');
    for (const reason of report.reasons) {
      const li = document.createElement('li');
      li.dataset.code = reason.code;
      li.textContent = reason.message;
      reasons.append(li);
    }
    item.append(reasons);
    results.append(item);
  }
}

await init();
$('version').textContent = `v${version()}`;
if (navigator.language?.startsWith('ja')) document.querySelector('input[value="ja"]').checked = true;
$('form').addEventListener('input', render);
render();
