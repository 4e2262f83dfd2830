// The mail checker's part of the page: reads pasted or dropped mail source and shows the core's
// verdict on the mail and on each of its links. The mail never leaves the page.

import { reasonList, verdictHead } from './verdict-view.js';

const TEXT = {
  en: {
    mailHeading: 'Check a mail',
    mailIntro: 'Paste the whole source of a mail, headers and body (“Show original” in Gmail, “View source” elsewhere), or drop an .eml file here. The mail is read in this page only: nothing is sent anywhere.',
    mailLabel: 'Mail source',
    mailFile: 'Or choose an .eml file:',
    ok: 'The mail is what it says it is, as far as Miwake can tell',
    caution: 'Be careful with this mail',
    danger: 'Phishing: do not open its links',
    brand: 'Concerns:',
    links: 'Links in the mail',
    noLinks: 'No links.',
    shows: 'shows',
    linkOk: 'fine',
    linkCaution: 'check first',
    linkDanger: 'do not open',
  },
  ja: {
    mailHeading: 'メールを確認する',
    mailIntro: 'メールのソース全体（ヘッダーと本文。Gmail では「メッセージのソースを表示」）を貼り付けるか、.eml ファイルをここにドロップしてください。メールはこのページの中だけで読み取られ、どこにも送信されません。',
    mailLabel: 'メールのソース',
    mailFile: 'または .eml ファイルを選ぶ:',
    ok: 'Miwake が見る限り、名乗りどおりのメールです',
    caution: 'このメールには注意してください',
    danger: 'フィッシングです。リンクを開かないでください',
    brand: '関係するブランド:',
    links: 'メール内のリンク',
    noLinks: 'リンクはありません。',
    shows: '表示:',
    linkOk: '問題なし',
    linkCaution: '開く前に確認',
    linkDanger: '開かないでください',
  },
};

const LINK_LABEL = { ok: 'linkOk', caution: 'linkCaution', danger: 'linkDanger' };


function linkItem(link, t) {
  const item = document.createElement('li');
  item.dataset.verdict = link.verdict;
  const url = document.createElement('code');
  url.textContent = link.url;
  item.append(verdictHead(t[LINK_LABEL[link.verdict]], url).head);
  if (link.text) {
    const shown = document.createElement('p');
    shown.append(`${t.shows} `, Object.assign(document.createElement('q'), { textContent: link.text }));
    item.append(shown);
  }
  item.append(reasonList(link.reasons));
  return item;
}

// Renders `report` (the core's mail report) into `container` in language `lang`.
export function renderMail(container, report, lang) {
  const t = TEXT[lang];
  container.replaceChildren();
  if (!report) return;
  const box = document.createElement('div');
  box.dataset.verdict = report.verdict;
  const { head, badge } = verdictHead(t[report.verdict], ...(report.brand ? [`${t.brand} ${report.brand}`] : []));
  badge.id = 'mail-verdict';
  box.append(head, reasonList(report.reasons));
  const heading = document.createElement('h3');
  heading.textContent = t.links;
  const links = document.createElement('ol');
  links.id = 'mail-links';
  for (const link of report.links) links.append(linkItem(link, t));
  box.append(heading, report.links.length ? links : t.noLinks);
  container.append(box);
}

export function mailText(lang) {
  return TEXT[lang];
}
