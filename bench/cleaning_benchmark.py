#!/usr/bin/env python3
"""Text-cleaning quality: `tidings clean` on scraped article texts against what an editor keeps.

For every ARTICLE.txt in the set's folder (one block a line, as scraped) there is an
ARTICLE.expected.txt with the lines a person kept (bench/cleaning/README.md). Lines are compared
after Unicode NFC and whitespace collapsing (what the cleaner does to every line). Reported over all
lines of all articles:

- article lines kept (recall): gold lines found in the output;
- output that is article (precision): output lines that are gold lines;
- noise removed: lines of the input that are not article text and are not in the output;
- articles cleaned exactly: the output is the gold, line for line.

usage: cleaning_benchmark.py TIDINGS_BINARY ARTICLES_DIR [--verbose]
"""
import collections
import pathlib
import re
import subprocess
import sys
import unicodedata

SPACE = re.compile(r"\s+")


def normalize(line):
    return SPACE.sub(" ", unicodedata.normalize("NFC", line)).strip()


def lines(text):
    return [line for line in (normalize(raw) for raw in text.split("\n")) if line]


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    binary, folder = sys.argv[1], pathlib.Path(sys.argv[2])
    verbose = "--verbose" in sys.argv
    articles = sorted(p for p in folder.glob("*.txt") if not p.name.endswith(".expected.txt"))
    if not articles:
        sys.exit(f"no articles in {folder}")
    kept = gold_total = output_total = output_gold = 0
    noise_total = noise_removed = exact = 0
    for article in articles:
        raw = lines(article.read_text(encoding="utf-8"))
        gold = lines(article.with_name(article.stem + ".expected.txt").read_text(encoding="utf-8"))
        run = subprocess.run([binary, "clean", str(article)], capture_output=True, text=True)
        if run.returncode != 0:
            sys.exit(f"{article.name}: tidings clean failed: {run.stderr.strip()}")
        output = lines(run.stdout)
        gold_set, output_counts = set(gold), collections.Counter(output)
        found = sum((collections.Counter(gold) & output_counts).values())
        article_in_output = sum(count for line, count in output_counts.items() if line in gold_set)
        noise = {line for line in raw if line not in gold_set}
        removed = sum(1 for line in noise if line not in output_counts)
        kept += found
        gold_total += len(gold)
        output_total += len(output)
        output_gold += article_in_output
        noise_total += len(noise)
        noise_removed += removed
        exact += output == gold
        if verbose:
            print(f"{article.name:48} article kept {found}/{len(gold)}  noise removed {removed}/{len(noise)}"
                  + ("  exact" if output == gold else ""))
            for line in gold:
                if line not in output_counts:
                    print(f"    lost:  {line[:110]}")
            for line in output:
                if line not in gold_set:
                    print(f"    noise: {line[:110]}")
    recall = kept / max(gold_total, 1)
    precision = output_gold / max(output_total, 1)
    f1 = 0.0 if kept == 0 else 2 * precision * recall / (precision + recall)
    print(f"{len(articles)} articles: article lines kept {recall:.3f} ({kept}/{gold_total}), "
          f"output that is article {precision:.3f} ({output_gold}/{output_total}), line F1 {f1:.3f}; "
          f"noise removed {noise_removed / max(noise_total, 1):.3f} ({noise_removed}/{noise_total}); "
          f"articles cleaned exactly {exact}/{len(articles)}")


if __name__ == "__main__":
    main()
