#!/usr/bin/env python3
"""Accuracy harness, through the real `miwake` CLI: recall on dnstwist permutations of the protected
domains and of a sample shop, and false positives on Chromium's top-domains list and on the 49,994
most popular domains of the Tranco list.

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
# A shop as a user registers it (options page): its permutations are judged with it registered.
SAMPLE_SHOP = "sakura-tea.co.jp"


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

    rows, legit, misses, totals = [], [], [], defaultdict(lambda: [0, 0, 0])
    for protected in PROTECTED:
        permutations(binary, protected, keywords, tlds, owned, [], rows, legit, misses, totals)
    recall_tables("Recall on dnstwist permutations", rows, totals)
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

    shop_rows, shop_legit, shop_misses, shop_totals = [], [], [], defaultdict(lambda: [0, 0, 0])
    permutations(binary, SAMPLE_SHOP, keywords, tlds, {SAMPLE_SHOP}, ["--shop", SAMPLE_SHOP],
                 shop_rows, shop_legit, shop_misses, shop_totals)
    print()
    recall_tables(f"Recall on dnstwist permutations of a registered shop ({SAMPLE_SHOP})",
                  shop_rows, shop_totals)
    print(f"\nMissed ({len(shop_misses)}):")
    for line in shop_misses:
        print(f"- {line}")

    popular_ok = popular_domains(binary)
    return 0 if popular_ok and not unjustified else 1


def permutations(binary, protected, keywords, tlds, owned, flags, rows, legit, misses, totals):
    """Judges every dnstwist permutation of `protected`, adding to the tables (fuzzer -> [total,
    danger, flagged])."""
    fuzz = dnstwist.Fuzzer(protected, dictionary=keywords, tld_dictionary=tlds)
    fuzz.generate()
    perms = sorted((p["fuzzer"], p["domain"]) for p in fuzz.domains if p["fuzzer"] != "*original")
    reports = check(binary, [d for _, d in perms], *flags)
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


def recall_tables(title, rows, totals):
    print(f"## {title}\n")
    print("| protected | fuzzer | permutations | danger | flagged (danger or caution) |")
    print("| --- | --- | ---: | ---: | ---: |")
    for protected, fuzzer, total, danger, flagged in rows:
        print(f"| {protected} | {fuzzer} | {total} | {pct(danger, total)} | {pct(flagged, total)} |")
    all_total = sum(t[0] for t in totals.values())
    all_danger = sum(t[1] for t in totals.values())
    all_flagged = sum(t[2] for t in totals.values())
    print(f"| **all** | | {all_total} | {pct(all_danger, all_total)} | {pct(all_flagged, all_total)} |")


def popular_domains(binary):
    """The Tranco top 50,000 as benign input: no `danger` but the typo domains listed below, and
    every `caution` of a kind justified below. Answers whether that holds."""
    domains = read_list("tests/accuracy/popular-domains.txt")
    reports = check(binary, domains)
    danger = [(d, r) for d, r in zip(domains, reports) if r["verdict"] == "danger"]
    caution = [(d, r) for d, r in zip(domains, reports) if r["verdict"] == "caution"]
    print(f"\n## False positives on the {len(domains):,} most popular domains (Tranco)\n")
    print(f"danger: {len(danger)} ({pct(len(danger), len(domains))}), "
          f"caution: {len(caution)} ({pct(len(caution), len(domains))})\n")
    print("| domain | verdict | reason | why it stands |")
    print("| --- | --- | --- | --- |")
    ok = True
    for domain, report in danger + caution:
        codes = [r["code"] for r in report["reasons"] if r["level"] != "ok"]
        if report["verdict"] == "danger":
            why = TYPO_DOMAINS.get(domain)
        else:
            why = next((CAUTION_KINDS[c] for c in codes if c in CAUTION_KINDS), None)
        ok &= why is not None
        print(f"| {domain} | {report['verdict']} | {', '.join(codes)} | {why or 'UNJUSTIFIED'} |")
    return ok


# Top domains Miwake flags on purpose, and why.
JUSTIFIED = {
    "bitly.com": "a link shortener's own site: its links hide their destination",
    "t.co": "a link shortener: its links hide their destination",
    "mp3-youtube.download": "a third party's YouTube downloader, named after YouTube: a caution, "
                            "not a warning",
}


# Popular domains flagged `danger` on purpose: typo domains of a brand with traffic of their own,
# which no published list of the brand's domains names.
TYPO_DOMAINS = {
    "googl.com": "google.com with its last letter dropped; no Google source lists it",
    "googll.store": "google with its last letter replaced, under .store",
    "go0gles.cc": "google spelled with a zero, under .cc",
}

# Kinds of `caution` a popular site may get, and why each stands.
CAUTION_KINDS = {
    "url-shortener": "a link shortener: its links hide their destination",
    "brand-name-in-domain": "a site named after a brand that is not one of the brand's domains",
    "brand-name-in-subdomain": "a brand's name as a subdomain of another site",
    "similar-name": "a name close to a brand's that does not read like it: a site of its own, "
                    "but no place to sign in to the brand",
}


def pct(part, whole):
    return f"{part / whole:.1%}" if whole else "n/a"


if __name__ == "__main__":
    sys.exit(main())
