#!/usr/bin/env python3
"""The loopback server of the fetch benchmark: serves the feeds `tidings-bench-feeds` wrote.

usage: feed_server.py FEED_DIR PORT_FILE cold|warm [PORT]

GET /feed/<n>.xml answers with <n>.xml, ETag "v0-<n>" and a fixed Last-Modified, and 304 to a
request that sends them back. In the warm round, one feed in ten (n % 10 == 0) has changed: it
answers <n>.v1.xml under a new ETag whatever the request sends. Listens on 127.0.0.1 on a port the
kernel picks (or on PORT, so that the warm round answers at the same URLs), written to PORT_FILE. Bodies go out with sendfile, so the server costs little CPU.
"""
import os
import socketserver
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

FEEDS, PORT_FILE, MODE = sys.argv[1], sys.argv[2], sys.argv[3]
PORT = int(sys.argv[4]) if len(sys.argv) > 4 else 0
STAMPS = {"v0": "Mon, 21 Sep 2026 13:00:00 GMT", "v1": "Mon, 21 Sep 2026 14:00:00 GMT"}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_GET(self):
        name = self.path.rsplit("/", 1)[-1]
        number = name[:-4] if name.endswith(".xml") else ""
        if not number.isdigit():
            self.send_error(404)
            return
        version = "v1" if MODE == "warm" and int(number) % 10 == 0 else "v0"
        path = os.path.join(FEEDS, number + (".v1.xml" if version == "v1" else ".xml"))
        etag = '"%s-%s"' % (version, number)
        if self.headers.get("If-None-Match") == etag or (
                self.headers.get("If-None-Match") is None and self.headers.get("If-Modified-Since") == STAMPS[version]):
            self.send_response(304)
            self.send_header("ETag", etag)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        try:
            f = open(path, "rb")
        except OSError:
            self.send_error(404)
            return
        with f:
            size = os.fstat(f.fileno()).st_size
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
            self.send_header("Content-Length", str(size))
            self.send_header("ETag", etag)
            self.send_header("Last-Modified", STAMPS[version])
            self.end_headers()
            self.wfile.flush()
            self.connection.sendfile(f)


class Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256


server = Server(("127.0.0.1", PORT), Handler)
with open(PORT_FILE + ".tmp", "w") as f:
    f.write(str(server.server_address[1]))
os.rename(PORT_FILE + ".tmp", PORT_FILE)
server.serve_forever()
