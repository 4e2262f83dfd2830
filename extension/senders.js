// Who may send which message. Web pages cannot reach the worker at all (no
// externally_connectable, no web_accessible_resources); these checks keep
// each kind of message to the part of the extension meant to send it.

const ownExtension = (sender) => Boolean(sender) && sender.id === chrome.runtime.id;

// The extension's own pages (popup, options). A popup opened as an ordinary
// tab (as the tests do) has sender.tab, so the URL decides, not the tab.
export function isExtensionPage(sender) {
  return ownExtension(sender)
    && typeof sender.url === 'string'
    && sender.url.startsWith(chrome.runtime.getURL(''));
}

// A content script running in a web page in one of this browser's tabs.
export function isContentScript(sender) {
  return ownExtension(sender)
    && !isExtensionPage(sender)
    && Number.isSafeInteger(sender.tab?.id) && sender.tab.id >= 0
    && Number.isSafeInteger(sender.frameId);
}
