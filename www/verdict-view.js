// What the address list and the mail report draw alike: a verdict's first line and its reasons.

// The first line of a verdict: a badge with the verdict in words, then `rest`.
export function verdictHead(words, ...rest) {
  const badge = document.createElement('span');
  badge.className = 'badge';
  badge.textContent = words;
  const head = document.createElement('div');
  head.className = 'head';
  head.append(badge, ...rest);
  return { head, badge };
}

// The core's reasons, each an item marked with its stable code.
export function reasonList(reasons) {
  const list = document.createElement('ul');
  for (const reason of reasons) {
    const item = document.createElement('li');
    item.dataset.code = reason.code;
    item.textContent = reason.message;
    list.append(item);
  }
  return list;
}
