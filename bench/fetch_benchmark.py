#!/usr/bin/env python3
"""Fetch benchmark: one full poll round over N feeds served from a loopback server, cold (every feed
new) and then warm (90% answer 304, one in ten has a new item), for Tidings, newsboat
(`newsboat -x reload`, Debian's package) and a plain Python poller (bench/python_poller.py:
fastfeedparser, 8 threads, sqlite3), in one run, on the same server and feeds.

Run it with `make bench-fetch` (FETCH_SIZES, default "1000 10000"; newsboat runs on the sizes in
NEWSBOAT_SIZES, default "1000", because it takes about a minute of CPU per 1,000 feeds). The feeds
(`tidings-bench-feeds`: about 260 KB each, 40 items of full HTML content, every text its own) are
written once to .bench/fetch/feeds/. Each tool's wall time, CPU seconds (user + system, from
/usr/bin/time) and peak memory are its own process's; the server runs in a process of its own.
"""
import os
import shutil
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORK = os.path.join(ROOT, ".bench", "fetch")
FEEDS = os.path.join(WORK, "feeds")
TIDINGS = os.path.join(ROOT, ".build", "release", "tidings")
GENERATOR = os.path.join(ROOT, ".build", "release", "tidings-bench-feeds")
PYTHON = os.path.join(ROOT, ".bench", "venv", "bin", "python")


def start_server(mode, port=0):
    port_file = os.path.join(WORK, "port")
    if os.path.exists(port_file):
        os.remove(port_file)
    server = subprocess.Popen([sys.executable, os.path.join(ROOT, "bench", "feed_server.py"), FEEDS, port_file, mode, str(port)])
    for _ in range(100):
        if os.path.exists(port_file):
            return server, int(open(port_file).read())
        time.sleep(0.1)
    server.kill()
    sys.exit("the feed server did not start")


def timed(args, log):
    """Runs args under /usr/bin/time; returns (wall s, CPU s, peak MB)."""
    stats = os.path.join(WORK, "time.txt")
    with open(log, "w") as out:
        status = subprocess.run(["/usr/bin/time", "-f", "%e %U %S %M", "-o", stats] + args, stdout=out,
                                stderr=subprocess.STDOUT, timeout=3600).returncode
    wall, user, system, peak_kb = open(stats).read().split()[-4:]
    return float(wall), float(user) + float(system), int(peak_kb) / 1024, status


def run_tool(tool, count, round_name, port):
    base = os.path.join(WORK, "%s-%d" % (tool, count))
    log = os.path.join(WORK, "%s-%d-%s.log" % (tool, count, round_name))
    if round_name == "cold":
        shutil.rmtree(base, ignore_errors=True)
        os.makedirs(base)
        with open(os.path.join(base, "urls"), "w") as f:
            f.write("".join("http://127.0.0.1:%d/feed/%d.xml\n" % (port, n) for n in range(count)))
    urls = os.path.join(base, "urls")
    if tool == "tidings":
        db = os.path.join(base, "tidings.sqlite")
        config = ["--config", os.path.join(base, "tidings.toml"), "--db", db]
        if round_name == "cold":
            with open(os.path.join(base, "tidings.toml"), "w") as f:
                # Every benchmark feed is on one loopback host: the per-host limit and spacing that
                # protect real servers would serialize the round.
                f.write('[poll]\nconcurrency = 32\n[fetch]\nper_host = 32\nhost_spacing = "0s"\n')
            # Subscribing is not timed.
            with open(os.path.join(base, "feeds.opml"), "w") as f:
                f.write('<opml version="2.0"><body>%s</body></opml>\n' % "".join(
                    '<outline type="rss" xmlUrl="%s"/>' % url.strip() for url in open(urls)))
            subprocess.run([TIDINGS] + config + ["import", os.path.join(base, "feeds.opml")], check=True,
                           stdout=subprocess.DEVNULL)
        return timed([TIDINGS] + config + ["poll"], log)
    if tool == "python":
        return timed([PYTHON, os.path.join(ROOT, "bench", "python_poller.py"), os.path.join(base, "python.sqlite"), urls], log)
    if tool == "newsboat":
        if round_name == "cold":
            with open(os.path.join(base, "config"), "w") as f:
                f.write("reload-threads 8\n")
        return timed(["env", "HOME=" + base, "newsboat", "-x", "reload", "-u", urls, "-c", os.path.join(base, "cache.db"),
                      "-C", os.path.join(base, "config")], log)
    raise ValueError(tool)


def main():
    sizes = [int(s) for s in (sys.argv[1:] or ["1000", "10000"])]
    newsboat_sizes = {int(s) for s in os.environ.get("NEWSBOAT_SIZES", "1000").split()}
    os.makedirs(WORK, exist_ok=True)
    subprocess.run([GENERATOR, FEEDS, str(max(sizes))], check=True)
    rows = []
    for count in sizes:
        tools = ["tidings", "python"] + (["newsboat"] if count in newsboat_sizes else [])
        port = 0
        for round_name in ["cold", "warm"]:
            server, port = start_server(round_name, port)
            try:
                for tool in tools:
                    wall, cpu, peak, status = run_tool(tool, count, round_name, port)
                    rows.append((tool, count, round_name, wall, cpu, peak, status))
                    print("| %s | %d | %s | %.2f | %.2f | %.0f | %.0f | %d |" % (
                        tool, count, round_name, wall, cpu, peak, count / wall, status), flush=True)
            finally:
                server.kill()
                server.wait()
    print()
    print("| tool | feeds | round | wall (s) | CPU (s) | peak (MB) | feeds/s | exit |")
    print("|---|---|---|---|---|---|---|---|")
    for tool, count, round_name, wall, cpu, peak, status in rows:
        print("| %s | %d | %s | %.2f | %.2f | %.0f | %.0f | %d |" % (tool, count, round_name, wall, cpu, peak, count / wall, status))
    # The polling issue's bars, as ratios: Tidings' CPU against the Python poller's (at most 0.5),
    # and its feeds per second against newsboat's (at least 10).
    by_key = {(tool, count, round_name): (wall, cpu) for tool, count, round_name, wall, cpu, _, _ in rows}
    print()
    for count in sizes:
        for round_name in ["cold", "warm"]:
            tidings = by_key.get(("tidings", count, round_name))
            python = by_key.get(("python", count, round_name))
            newsboat = by_key.get(("newsboat", count, round_name))
            if not tidings:
                continue
            line = "%d feeds %s: Tidings' CPU / Python's %.3f (bar: at most 0.5)" % (count, round_name, tidings[1] / python[1]) if python else ""
            if newsboat:
                line += ", Tidings' feeds/s / newsboat's %.1f" % (newsboat[0] / tidings[0])
            print(line)


if __name__ == "__main__":
    main()
