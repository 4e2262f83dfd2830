#!/usr/bin/env python3
"""Accuracy harness: recall on dnstwist permutations of the protected domains, and false positives
on Chromium's top-domains list, both through the real `miwake` CLI.

Usage: scripts/accuracy.py MIWAKE_BINARY   (run by ./build.sh accuracy)
"""
import json
import os
import subprocess
import sys
from collections import defaultdict

import dnstwist

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PROTECTED = ["alibaba.com", "aliexpress.com", "google.com", "ec-cube.net"]


def read_list(path):
    with open(os.path.join(ROOT, path), encoding="utf-8") as f:
        return [l.strip() for l in f if l.strip() and not l.startswith("#")]


def check(binary, domains, *flags):
    """One `miwake check --details` run over all domains; answers in input order."""
    out = subprocess.run(
        [binary, "check", "--details", *flags], input="\n".join(domains) + "\n",
        capture_output=True, text=True, check=True,
    ).stdout.splitlines()
    assert len(out) == len(domains), "the CLI must answer every line"
    return [json.loads(line) for line in out]


def main():
    binary = sys.argv[1]
    keywords = read_list("tests/accuracy/keywords.txt")
    tlds = read_list("tests/accuracy/tlds.txt")
    brands = json.load(open(os.path.join(ROOT, "src/data/brands.json"), encoding="utf-8"))
    owned = {d for b in brands["brands"] for d in b["domains"]}

    rows = []
    legit = []
    misses = []
    totals = defaultdict(lambda: [0, 0, 0])  # fuzzer -> [total, danger, flagged]
    for protected in PROTECTED:
        fuzz = dnstwist.Fuzzer(protected, dictionary=keywords, tld_dictionary=tlds)
        fuzz.generate()
        perms = sorted((p["fuzzer"], p["domain"]) for p in fuzz.domains if p["fuzzer"] != "*original")
        reports = check(binary, [d for _, d in perms])
        per = defaultdict(lambda: [0, 0, 0])
        for (fuzzer, domain), report in zip(perms, reports):
            codes = [r["code"] for r in report["reasons"]]
            # dnstwist's own "legit twins": permutations the brand really owns.
            if report["domain"] in owned or "official-domain" in codes:
                legit.append(f"{protected} {fuzzer}: {domain}")
                continue
            counts = per[fuzzer]
            counts[0] += 1
            counts[1] += report["verdict"] == "danger"
            counts[2] += report["verdict"] != "ok"
            if report["verdict"] == "ok":
                misses.append(f"{protected} {fuzzer}: {domain}")
        for fuzzer, counts in sorted(per.items()):
            rows.append((protected, fuzzer, *counts))
            for i in range(3):
                totals[fuzzer][i] += counts[i]

    print("## Recall on dnstwist permutations\n")
    print("| protected | fuzzer | permutations | danger | flagged (danger or caution) |")
    print("| --- | --- | ---: | ---: | ---: |")
    for protected, fuzzer, total, danger, flagged in rows:
        print(f"| {protected} | {fuzzer} | {total} | {pct(danger, total)} | {pct(flagged, total)} |")
    all_total = sum(t[0] for t in totals.values())
    all_danger = sum(t[1] for t in totals.values())
    all_flagged = sum(t[2] for t in totals.values())
    print(f"| **all** | | {all_total} | {pct(all_danger, all_total)} | {pct(all_flagged, all_total)} |")
    print("\n### Per fuzzer, all protected domains\n")
    print("| fuzzer | permutations | danger | flagged |")
    print("| --- | ---: | ---: | ---: |")
    for fuzzer, (total, danger, flagged) in sorted(totals.items()):
        print(f"| {fuzzer} | {total} | {pct(danger, total)} | {pct(flagged, total)} |")
    worst = min((t[2] / t[0], f) for f, t in totals.items() if t[0])
    print(f"\nLowest per-fuzzer recall (flagged): {worst[1]} {worst[0]:.1%}.")
    print(f"\nExcluded as the brand's own domains (dnstwist legit twins): {len(legit)}")
    for line in legit:
        print(f"- {line}")
    print(f"\nMissed ({len(misses)}):")
    for line in misses:
        print(f"- {line}")

    top = read_list("src/data/top-domains.txt")
    reports = check(binary, top)
    flagged = [(d, r) for d, r in zip(top, reports) if r["verdict"] != "ok"]
    print("\n## False positives on Chromium's top domains\n")
    print(f"{len(flagged)} of {len(top)} flagged ({pct(len(flagged), len(top))}):\n")
    print("| domain | verdict | reason | why it stands |")
    print("| --- | --- | --- | --- |")
    for domain, report in flagged:
        codes = ", ".join(r["code"] for r in report["reasons"])
        print(f"| {domain} | {report['verdict']} | {codes} | {JUSTIFIED.get(domain, 'UNJUSTIFIED')} |")
    unjustified = [d for d, _ in flagged if d not in JUSTIFIED]
    if unjustified:
        print(f"\nUnjustified false positives: {', '.join(unjustified)}")
        return 1
    return 0


# Top domains Miwake flags on purpose, and why.
JUSTIFIED = {
    "bitly.com": "a link shortener's own site: its links hide their destination",
    "t.co": "a link shortener: its links hide their destination",
    "mp3-youtube.download": "a third party's YouTube downloader, named after YouTube: a caution, "
                            "not a warning",
}


def pct(part, whole):
    return f"{part / whole:.1%}" if whole else "n/a"


if __name__ == "__main__":
    sys.exit(main())
