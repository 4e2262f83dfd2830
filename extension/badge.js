// The toolbar badge per tab: the verdict at a glance, in colour and a
// one-character sign, with a tooltip in words for people who cannot tell
// the colours apart.
const LOOK = {
  danger: { text: '!', background: '#C62828', color: '#FFFFFF', title: () => chrome.i18n.getMessage('badgeTitleDanger') },
  caution: { text: '?', background: '#F2A900', color: '#1F1F1F', title: () => chrome.i18n.getMessage('badgeTitleCaution') },
  ok: { text: '', background: '#2E7D5B', color: '#FFFFFF', title: () => chrome.i18n.getMessage('badgeTitleOk') },
};

export async function showVerdict(tabId, verdict) {
  const look = LOOK[verdict] ?? LOOK.ok;
  await Promise.all([
    chrome.action.setBadgeText({ tabId, text: look.text }),
    chrome.action.setBadgeBackgroundColor({ tabId, color: look.background }),
    chrome.action.setBadgeTextColor?.({ tabId, color: look.color }),
    chrome.action.setTitle({ tabId, title: look.title() }),
  ]);
}
