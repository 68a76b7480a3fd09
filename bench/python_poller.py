#!/usr/bin/env python3
"""The fetch benchmark's yardstick: a plain Python poller, the way one is usually written.

usage: python_poller.py DB URLS_FILE

Polls every URL once with 8 threads: a conditional GET (the ETag and Last-Modified stored from the
last poll), fastfeedparser on a 200, every entry inserted into SQLite (one row per guid, replaced
when seen again), the validators stored. No dedupe across feeds, no cleaning, no politeness.
"""
import sqlite3
import sys
import threading
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import fastfeedparser

db_path, urls_file = sys.argv[1], sys.argv[2]
urls = [line.strip() for line in open(urls_file) if line.strip()]
db = sqlite3.connect(db_path, check_same_thread=False)
db.execute("PRAGMA journal_mode=WAL")
db.execute("PRAGMA synchronous=NORMAL")
db.execute("CREATE TABLE IF NOT EXISTS feeds (url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT)")
db.execute("""CREATE TABLE IF NOT EXISTS entries (guid TEXT PRIMARY KEY, feed TEXT, title TEXT, link TEXT,
              published TEXT, summary TEXT, content TEXT)""")
db.commit()
lock = threading.Lock()
validators = {url: (etag, modified) for url, etag, modified in db.execute("SELECT url, etag, last_modified FROM feeds")}
counts = {"200": 0, "304": 0, "error": 0, "entries": 0}


def poll(url):
    etag, modified = validators.get(url, (None, None))
    request = urllib.request.Request(url, headers={"User-Agent": "python-poller/1"})
    if etag:
        request.add_header("If-None-Match", etag)
    if modified:
        request.add_header("If-Modified-Since", modified)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            body = response.read()
            etag, modified = response.headers.get("ETag"), response.headers.get("Last-Modified")
    except urllib.error.HTTPError as error:
        with lock:
            counts["304" if error.code == 304 else "error"] += 1
        return
    except Exception:
        with lock:
            counts["error"] += 1
        return
    feed = fastfeedparser.parse(body)
    rows = []
    for entry in feed.entries:
        content = entry.get("content")
        if isinstance(content, list):
            content = content[0].get("value") if content else None
        rows.append((entry.get("id") or entry.get("link"), url, entry.get("title"), entry.get("link"),
                     entry.get("published"), entry.get("description"), content))
    with lock:
        db.executemany("INSERT OR REPLACE INTO entries VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
        db.execute("INSERT OR REPLACE INTO feeds VALUES (?, ?, ?)", (url, etag, modified))
        db.commit()
        counts["200"] += 1
        counts["entries"] += len(rows)


with ThreadPoolExecutor(max_workers=8) as pool:
    list(pool.map(poll, urls))
print(counts, file=sys.stderr)
