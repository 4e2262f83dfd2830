// The toolbar badge per tab: the verdict at a glance, in colour and a
// one-character sign, with a tooltip in words for people who cannot tell
// the colours apart. The page cannot touch it: whatever a page does to the
// in-page warning, the badge still tells the verdict.
const LOOK = {
  danger: { text: '!', background: '#C62828', color: '#FFFFFF', title: (t) => t('badgeTitleDanger') },
  caution: { text: '?', background: '#F2A900', color: '#1F1F1F', title: (t) => t('badgeTitleCaution') },
  ok: { text: '', background: '#2E7D5B', color: '#FFFFFF', title: (t) => t('badgeTitleOk') },
};

// `t` is the translator for the user's language (chrome.i18n by default).
export async function showVerdict(tabId, verdict, t = (key) => chrome.i18n.getMessage(key)) {
  const look = LOOK[verdict] ?? LOOK.ok;
  await Promise.all([
    chrome.action.setBadgeText({ tabId, text: look.text }),
    chrome.action.setBadgeBackgroundColor({ tabId, color: look.background }),
    chrome.action.setBadgeTextColor?.({ tabId, color: look.color }),
    chrome.action.setTitle({ tabId, title: look.title(t) }),
  ]);
}
