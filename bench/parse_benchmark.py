#!/usr/bin/env python3
"""Parse benchmark: Tidings against `xmllint --stream --noout` (libxml2's own streaming reader, the
limit of this stack) and Python feedparser, on the same corpus of realistic feeds, in one run.
Then one 100 MB feed through Tidings for time and peak memory.

Run it with `make bench-parse` (which builds a release binary and installs xmllint and feedparser
when missing). Everything it writes goes to .bench/ (ignored by git).

Throughput is the corpus size over the best wall time of 7 runs (the tools taking turns), each run
one process over all the files (so process start-up is counted once, for every tool). feedparser runs inside this Python
process, start-up excluded, once (it is slow). xmllint stops at the first error of a malformed file,
so the bar is judged on the well-formed part of the corpus, where every tool reads every byte; the
whole corpus is reported too.
"""
import glob
import os
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BENCH = os.path.join(ROOT, ".bench")
CORPUS = os.path.join(BENCH, "corpus")
BIG = os.path.join(BENCH, "feed-100mb.xml")
TIDINGS = os.path.join(ROOT, ".build", "release", "tidings")
RUNS = 7


def sh(args, **kwargs):
    return subprocess.run(args, check=True, **kwargs)


def prepare():
    os.makedirs(BENCH, exist_ok=True)
    if not os.path.isdir(CORPUS):
        sh([sys.executable, os.path.join(ROOT, "bench", "make_feed_corpus.py"), CORPUS])
    if not os.path.exists(BIG):
        sh([sys.executable, os.path.join(ROOT, "bench", "make_feed_corpus.py"), "--big", "100", BIG])
    with open(os.path.join(BENCH, "big.toml"), "w") as f:
        f.write("[parse]\nmax_document_bytes = 1073741824\n")


def timed(args):
    """Wall seconds, peak RSS (KB, from GNU time: a forked Python would count its own pages) and
    exit status of one run of a command."""
    start = time.perf_counter()
    process = subprocess.run(["/usr/bin/time", "-f", "%M"] + args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - start
    peak = int(process.stderr.strip().splitlines()[-1])
    return elapsed, peak, process.returncode


def best_times(*commands):
    """The fastest of RUNS wall times of each command, the commands taking turns (this machine is
    shared: the minimum is the steadiest estimate of what a command costs)."""
    best = [float("inf")] * len(commands)
    for _ in range(RUNS):
        for index, args in enumerate(commands):
            best[index] = min(best[index], timed(args)[0])
    return best


def feedparser_time(files):
    import feedparser
    blobs = [open(path, "rb").read() for path in files]
    start = time.perf_counter()
    for blob in blobs:
        feedparser.parse(blob)
    return time.perf_counter() - start


def size(files):
    return sum(os.path.getsize(path) for path in files)


def main():
    prepare()
    everything = sorted(glob.glob(os.path.join(CORPUS, "*")))
    well_formed = [path for path in everything if "sloppy" not in os.path.basename(path)]
    # Each tool's start-up: the same command on a one-entry feed.
    tiny = os.path.join(BENCH, "one-entry.xml")
    with open(tiny, "w") as f:
        f.write('<rss version="2.0"><channel><title>t</title><item><title>i</title></item></channel></rss>\n')
    tidings_startup, xmllint_startup = best_times([TIDINGS, "parse", "--summary", tiny], ["xmllint", "--stream", "--noout", tiny])

    rows = []
    for label, files in (("well-formed", well_formed), ("whole corpus", everything)):
        megabytes = size(files) / 1e6
        tidings, xmllint = best_times([TIDINGS, "parse", "--summary"] + files, ["xmllint", "--stream", "--noout"] + files)
        feedparser = feedparser_time(files)
        rows.append((label, len(files), megabytes, tidings, xmllint, feedparser))

    print("Wall time of one process over all the files, start-up included:")
    print()
    print("| corpus | files | MB | Tidings MB/s | xmllint --stream MB/s | feedparser MB/s | Tidings / xmllint | Tidings / feedparser |")
    print("|---|---|---|---|---|---|---|---|")
    for label, count, megabytes, tidings, xmllint, feedparser in rows:
        print("| %s | %d | %.1f | %.1f | %.1f | %.2f | %.2f | %.0f× |" % (
            label, count, megabytes, megabytes / tidings, megabytes / xmllint, megabytes / feedparser,
            xmllint / tidings, feedparser / tidings))
    print()
    print("Parse throughput, each tool's start-up (%.1f ms for Tidings, %.1f ms for xmllint) taken off:" % (
        tidings_startup * 1000, xmllint_startup * 1000))
    print()
    print("| corpus | Tidings MB/s | xmllint --stream MB/s | Tidings / xmllint | Tidings / feedparser |")
    print("|---|---|---|---|---|")
    for label, count, megabytes, tidings, xmllint, feedparser in rows:
        parse_tidings = tidings - tidings_startup
        parse_xmllint = xmllint - xmllint_startup
        print("| %s | %.1f | %.1f | %.2f | %.0f× |" % (
            label, megabytes / parse_tidings, megabytes / parse_xmllint, parse_xmllint / parse_tidings, feedparser / parse_tidings))

    big_mb = os.path.getsize(BIG) / 1e6
    runs, xmllint_runs = [], []
    for _ in range(3):
        runs.append(timed([TIDINGS, "--config", os.path.join(BENCH, "big.toml"), "parse", "--summary", BIG]))
        xmllint_runs.append(timed(["xmllint", "--stream", "--noout", BIG]))
    elapsed = min(run[0] for run in runs)
    peak = max(run[1] for run in runs) / 1024
    xmllint_big = (min(run[0] for run in xmllint_runs), max(run[1] for run in xmllint_runs))
    print()
    print("| %.0f MB feed | seconds | MB/s | peak memory (MB) |" % big_mb)
    print("|---|---|---|---|")
    print("| Tidings | %.2f | %.0f | %.1f |" % (elapsed, big_mb / elapsed, peak))
    print("| xmllint --stream | %.2f | %.0f | %.1f |" % (xmllint_big[0], big_mb / xmllint_big[0], xmllint_big[1] / 1024))
    failed = [run for run in runs if run[2] != 0]
    if failed:
        print("Tidings failed on the big feed", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
