#!/usr/bin/env python3
"""Writes every report a `miwake` CLI gives on a fixed corpus, so that two builds can be compared
line by line (`diff` the two outputs) before a change to the core lands.

The corpus: the bench corpus (scripts/bench-corpus.mjs), Chromium's top domains bare and as sign-in
addresses, the 50,000 popular domains of ../shared/data when present, and dnstwist's permutations
of the protected domains and of a sample shop, in punycode and in Unicode. Each input is judged
three ways: with no settings, with a shop, and with a shop and an allowlist entry.

Usage: PYTHONPATH=.tools/py scripts/verdict-corpus.py MIWAKE_BINARY OUT
"""
import os
import subprocess
import sys

import dnstwist

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PROTECTED = ["alibaba.com", "aliexpress.com", "google.com", "ec-cube.net", "sakura-tea.co.jp"]
CONTEXTS = [[], ["--shop", "sakura-tea.co.jp"], ["--shop", "sakura-tea.co.jp", "--allow", "alibba.com"]]


def read_list(path):
    with open(path, encoding="utf-8") as f:
        return [l.strip() for l in f if l.strip() and not l.startswith("#")]


def inputs():
    corpus = os.path.join(ROOT, "target/bench/corpus.txt")
    subprocess.run(["node", os.path.join(ROOT, "scripts/bench-corpus.mjs"), corpus], check=True)
    lines = read_list(corpus)
    top = read_list(os.path.join(ROOT, "src/data/top-domains.txt"))
    lines += top + [f"https://{d}/login" for d in top]
    popular = os.path.join(ROOT, "../shared/data/popular-domains.txt")
    if os.path.exists(popular):
        lines += [f"https://{d}/" for d in read_list(popular)]
    keywords = read_list(os.path.join(ROOT, "tests/accuracy/keywords.txt"))
    tlds = read_list(os.path.join(ROOT, "tests/accuracy/tlds.txt"))
    for protected in PROTECTED:
        fuzz = dnstwist.Fuzzer(protected, dictionary=keywords, tld_dictionary=tlds)
        fuzz.generate()
        for perm in sorted(p["domain"] for p in fuzz.domains):
            lines.append(perm)
            try:
                unicode = perm.encode("ascii").decode("idna")
            except UnicodeError:
                continue
            if unicode != perm:
                lines.append(f"https://{unicode}/login")
    return lines


def main():
    binary, out = sys.argv[1], sys.argv[2]
    text = "\n".join(inputs()) + "\n"
    with open(out, "w", encoding="utf-8") as f:
        for flags in CONTEXTS:
            result = subprocess.run([binary, "check", "--details", *flags], input=text,
                                    capture_output=True, text=True, check=True)
            f.write(f"# context: {' '.join(flags) or 'none'}\n")
            f.write(result.stdout)
    print(f"{out}: {text.count(chr(10))} inputs x {len(CONTEXTS)} contexts")


if __name__ == "__main__":
    main()
