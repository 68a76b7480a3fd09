#!/usr/bin/env python3
"""Main-article extraction quality: token F1 of `tidings clean --extract` against gold bodies.

For every PAGE.html in the set's folder there is a PAGE.txt with the article body as a person marked it
(bench/extraction/README.md). Tokens are lowercase runs of letters and digits; precision, recall and F1
are over the multiset of tokens, per page, then averaged over pages (as the public extraction
benchmarks do).

usage: extraction_benchmark.py TIDINGS_BINARY PAGES_DIR [--verbose]
"""
import collections
import pathlib
import re
import subprocess
import sys
import time

TOKEN = re.compile(r"\w+", re.UNICODE)


def tokens(text):
    return collections.Counter(t.lower() for t in TOKEN.findall(text))


def score(extracted, gold):
    got, want = tokens(extracted), tokens(gold)
    common = sum((got & want).values())
    precision = common / max(sum(got.values()), 1)
    recall = common / max(sum(want.values()), 1)
    f1 = 0.0 if common == 0 else 2 * precision * recall / (precision + recall)
    return precision, recall, f1


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    binary, folder = sys.argv[1], pathlib.Path(sys.argv[2])
    verbose = "--verbose" in sys.argv
    pages = sorted(folder.glob("*.html"))
    if not pages:
        sys.exit(f"no .html pages in {folder}")
    rows = []
    seconds = 0.0
    for page in pages:
        gold = page.with_suffix(".txt").read_text(encoding="utf-8")
        start = time.monotonic()
        run = subprocess.run([binary, "clean", "--extract", str(page)], capture_output=True, text=True)
        seconds += time.monotonic() - start
        extracted = run.stdout if run.returncode == 0 else ""
        p, r, f = score(extracted, gold)
        rows.append((page.name, p, r, f))
        if verbose:
            print(f"{page.name:45} P {p:.3f}  R {r:.3f}  F1 {f:.3f}")
    n = len(rows)
    mean = [sum(row[i] for row in rows) / n for i in (1, 2, 3)]
    print(f"{n} pages: precision {mean[0]:.3f}, recall {mean[1]:.3f}, F1 {mean[2]:.3f} "
          f"(median F1 {sorted(r[3] for r in rows)[n // 2]:.3f}, worst {min(r[3] for r in rows):.3f}); "
          f"{seconds:.2f} s including process start-up")


if __name__ == "__main__":
    main()
