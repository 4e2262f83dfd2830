// Marks where two domain names differ, character by character (by code
// point, so a Cyrillic "а" in place of a Latin "a" is one difference). The
// popup uses it to show what sets a lookalike apart from the real domain.

// Answers { a: [{ text, diff }], b: [{ text, diff }], distance }: runs of
// each string, diff true where the character is not part of what the two
// share (the longest common subsequence), and how many characters differ in
// all. Domains are at most 253 characters, so the table stays small.
export function diffDomains(first, second) {
  const a = [...String(first)];
  const b = [...String(second)];
  const rows = a.length + 1;
  const cols = b.length + 1;
  const lcs = new Uint16Array(rows * cols);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i * cols + j] = a[i] === b[j]
        ? lcs[(i + 1) * cols + j + 1] + 1
        : Math.max(lcs[(i + 1) * cols + j], lcs[i * cols + j + 1]);
    }
  }
  const inA = new Array(a.length).fill(true);
  const inB = new Array(b.length).fill(true);
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      inA[i++] = false;
      inB[j++] = false;
    } else if (lcs[(i + 1) * cols + j] >= lcs[i * cols + j + 1]) {
      i++;
    } else {
      j++;
    }
  }
  const runs = (chars, marks) => {
    const out = [];
    chars.forEach((ch, k) => {
      const last = out.at(-1);
      if (last && last.diff === marks[k]) last.text += ch;
      else out.push({ text: ch, diff: marks[k] });
    });
    return out;
  };
  const distance = inA.filter(Boolean).length + inB.filter(Boolean).length;
  return { a: runs(a, inA), b: runs(b, inB), distance };
}

// Close enough that marking the difference helps: a few characters in a
// name of some length. alibaba.com against verify-id.xyz is not a typo.
export const worthMarking = ({ distance }, first, second) =>
  distance > 0 && distance <= Math.max(2, Math.ceil(Math.max([...first].length, [...second].length) / 4));
