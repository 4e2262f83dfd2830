// The standalone checker: the same wasm core as the extension, run in a plain page.
import init, { Detector, version } from './wasm/miwake.js';
import { mailText, renderMail } from './mail-view.js';
import { reasonList, verdictHead } from './verdict-view.js';

const TEXT = {
  en: {
    intro: 'Paste addresses, one per line, or a whole mail below. Miwake tells you whose site each one really is, and whether it imitates Google, Alibaba.com, EC-CUBE, Yahoo! JAPAN, Facebook or your shop. Everything runs in this page: nothing is sent anywhere.',
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
    intro: 'アドレスを1行に1つずつ、またはメール全体を下に貼り付けてください。Miwake が、それが本当は誰のサイトか、Google・Alibaba.com・EC-CUBE・Yahoo! JAPAN・Facebook・あなたのショップを装っていないかを判定します。処理はすべてこのページの中で行われ、どこにも送信されません。',
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
// The mail last pasted or dropped, as bytes: kept to judge again when the language or shops change.
let mailSource = null;

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
  const t = { ...TEXT[lang()], ...mailText(lang()) };
  document.documentElement.lang = lang();
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t[el.dataset.i18n];
  const results = $('results');
  results.replaceChildren();
  $('mail-result').replaceChildren();
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
    const address = document.createElement('code');
    address.textContent = url;
    item.append(verdictHead(t[report.verdict], address).head);
    if (report.host) {
      const site = document.createElement('p');
      site.append(`${t.site} `, hostView(report));
      item.append(site);
    }
    item.append(reasonList(report.reasons));
    results.append(item);
  }
  renderMail($('mail-result'), mailSource ? d.checkMail(mailSource, lang()) : null, lang());
}

function checkPastedMail() {
  const text = $('mail').value;
  mailSource = text.trim() ? new TextEncoder().encode(text) : null;
  render();
}

// A dropped or chosen file is judged from its bytes, so that its own charset (ISO-2022-JP,
// Shift_JIS) is read by the mail parser, not guessed by the browser.
async function checkMailFile(file) {
  if (!file) return;
  mailSource = new Uint8Array(await file.arrayBuffer());
  $('mail').value = '';
  render();
}

const mailSection = $('mail-section');
mailSection.addEventListener('dragover', (event) => {
  event.preventDefault();
  mailSection.classList.add('dragging');
});
mailSection.addEventListener('dragleave', () => mailSection.classList.remove('dragging'));
mailSection.addEventListener('drop', (event) => {
  event.preventDefault();
  mailSection.classList.remove('dragging');
  checkMailFile(event.dataTransfer?.files?.[0]);
});
$('mail').addEventListener('input', checkPastedMail);
$('mail-file').addEventListener('change', (event) => checkMailFile(event.target.files?.[0]));

await init();
$('version').textContent = `v${version()}`;
if (navigator.language?.startsWith('ja')) document.querySelector('input[value="ja"]').checked = true;
$('form').addEventListener('input', render);
render();
