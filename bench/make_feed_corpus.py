#!/usr/bin/env python3
"""Writes a corpus of realistic feeds for the parse benchmark (deterministic: the same bytes every run).

The feeds look like what news sites and blogs serve: RSS 2.0 with content:encoded HTML in CDATA,
Dublin Core, Media RSS and tracking links; Atom 1.0 with escaped HTML content and xhtml summaries;
RSS 1.0 (RDF) with entity-escaped descriptions; a few with HTML named entities and bare ampersands.
Paragraphs come from the five seed articles in Tests/Fixtures/seeds.

usage: make_feed_corpus.py OUT_DIR            the corpus (about 30 MB in 48 files)
       make_feed_corpus.py --big MB OUT_FILE  one RSS 2.0 feed of about MB megabytes
"""
import glob
import os
import random
import sys
from html import escape

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PARAGRAPHS = []
for path in sorted(glob.glob(os.path.join(ROOT, "Tests/Fixtures/seeds/*.txt"))):
    with open(path, encoding="utf-8") as f:
        PARAGRAPHS += [line.strip() for line in f if len(line.split()) >= 8]
WORDS = " ".join(PARAGRAPHS).split()


def title(rng):
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(5, 12))).strip(".,")


def body_html(rng, paragraphs):
    parts = []
    for i in range(paragraphs):
        text = escape(rng.choice(PARAGRAPHS), quote=False)
        if i % 3 == 1:
            words = text.split(" ")
            k = rng.randint(0, max(0, len(words) - 3))
            words[k] = '<a href="https://news.example/story/%d?utm_source=rss&amp;utm_medium=feed">%s</a>' % (rng.randint(1, 10**6), words[k])
            text = " ".join(words)
        parts.append("<p>%s</p>" % text)
        if i == 1:
            parts.append('<figure><img src="/media/%d.jpg" alt="%s" width="800" height="450"/><figcaption>%s</figcaption></figure>'
                         % (rng.randint(1, 10**6), escape(title(rng)), escape(title(rng))))
    return "\n".join(parts)


def rfc822(rng):
    days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    return "%s, %02d %s 20%02d %02d:%02d:%02d %s" % (
        rng.choice(days), rng.randint(1, 28), rng.choice(months), rng.randint(15, 26), rng.randint(0, 23),
        rng.randint(0, 59), rng.randint(0, 59), rng.choice(["GMT", "+0000", "-0500", "+0200", "EST"]))


def iso(rng):
    return "20%02d-%02d-%02dT%02d:%02d:%02dZ" % (rng.randint(15, 26), rng.randint(1, 12), rng.randint(1, 28),
                                               rng.randint(0, 23), rng.randint(0, 59), rng.randint(0, 59))


def rss2(rng, items, sloppy=False):
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" '
           'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/" '
           'xmlns:atom="http://www.w3.org/2005/Atom">', "<channel>",
           "<title>%s</title>" % escape(title(rng)), "<link>https://news.example/</link>",
           '<atom:link href="https://news.example/feed.xml" rel="self" type="application/rss+xml"/>',
           "<description>%s</description>" % escape(title(rng)), "<language>en-us</language>",
           "<lastBuildDate>%s</lastBuildDate>" % rfc822(rng)]
    for n in range(items):
        slug = rng.randint(1, 10**9)
        item_title = escape(title(rng))
        if sloppy and n % 4 == 0:
            item_title += " &mdash; Q&A with &eacute;lite &amp; co"  # HTML entities and a bare ampersand
        out += ["<item>", "<title>%s</title>" % item_title,
                "<link>https://news.example/%d/story?utm_source=rss&amp;utm_campaign=feed</link>" % slug,
                '<guid isPermaLink="false">news-%d</guid>' % slug, "<pubDate>%s</pubDate>" % rfc822(rng),
                "<dc:creator>%s</dc:creator>" % escape(" ".join(rng.choice(WORDS) for _ in range(2))),
                "<category>%s</category>" % escape(rng.choice(WORDS)),
                "<category>%s</category>" % escape(rng.choice(WORDS)),
                "<description>%s</description>" % escape("<p>%s</p>" % escape(rng.choice(PARAGRAPHS), quote=False), quote=False),
                "<content:encoded><![CDATA[%s]]></content:encoded>" % body_html(rng, rng.randint(6, 14)),
                '<media:content url="https://cdn.news.example/%d.jpg" medium="image" width="1200" height="675"/>' % slug,
                '<media:thumbnail url="https://cdn.news.example/%d-thumb.jpg"/>' % slug, "</item>"]
    out += ["</channel>", "</rss>"]
    return "\n".join(out)


def atom(rng, entries):
    out = ['<?xml version="1.0" encoding="utf-8"?>',
           '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en" xml:base="https://blog.example/">',
           "<title>%s</title>" % escape(title(rng)), '<link href="https://blog.example/" rel="alternate"/>',
           '<link href="https://blog.example/atom.xml" rel="self"/>', "<id>tag:blog.example,2020:feed</id>",
           "<updated>%s</updated>" % iso(rng), "<author><name>%s</name></author>" % escape(rng.choice(WORDS))]
    for _ in range(entries):
        slug = rng.randint(1, 10**9)
        out += ["<entry>", '<title type="html">%s</title>' % escape(escape(title(rng))),
                '<link rel="alternate" type="text/html" href="posts/%d.html"/>' % slug,
                "<id>tag:blog.example,2020:%d</id>" % slug, "<published>%s</published>" % iso(rng),
                "<updated>%s</updated>" % iso(rng),
                '<summary type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>%s</p></div></summary>'
                % escape(rng.choice(PARAGRAPHS), quote=False),
                '<content type="html">%s</content>' % escape(body_html(rng, rng.randint(5, 12)), quote=False),
                '<category term="%s"/>' % escape(rng.choice(WORDS)), "</entry>"]
    out.append("</feed>")
    return "\n".join(out)


def rdf(rng, items):
    out = ['<?xml version="1.0" encoding="ISO-8859-1"?>',
           '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" '
           'xmlns:dc="http://purl.org/dc/elements/1.1/">',
           '<channel rdf:about="https://wire.example/"><title>%s</title><link>https://wire.example/</link>'
           "<description>%s</description></channel>" % (escape(title(rng)), escape(title(rng)))]
    for _ in range(items):
        slug = rng.randint(1, 10**9)
        out += ['<item rdf:about="https://wire.example/%d">' % slug, "<title>%s</title>" % escape(title(rng)),
                "<link>https://wire.example/%d</link>" % slug,
                "<description>%s</description>" % escape(body_html(rng, rng.randint(3, 8)), quote=False),
                "<dc:date>%s</dc:date>" % iso(rng), "<dc:subject>%s</dc:subject>" % escape(rng.choice(WORDS)), "</item>"]
    out.append("</rdf:RDF>")
    # Latin-1 as declared: characters outside it become references.
    return "\n".join(out).encode("iso-8859-1", "xmlcharrefreplace")


def corpus(directory):
    os.makedirs(directory, exist_ok=True)
    rng = random.Random(7)
    for n in range(48):
        kind = n % 4
        size = rng.choice([15, 30, 50, 100, 200])
        if kind == 0:
            data = rss2(rng, size).encode("utf-8")
            name = "rss2-%02d.xml" % n
        elif kind == 1:
            data = atom(rng, size).encode("utf-8")
            name = "atom-%02d.xml" % n
        elif kind == 2:
            data = rdf(rng, size)
            name = "rdf-%02d.rdf" % n
        else:
            data = rss2(rng, size, sloppy=True).encode("utf-8")
            name = "sloppy-%02d.xml" % n
        with open(os.path.join(directory, name), "wb") as f:
            f.write(data)


def big(megabytes, path):
    rng = random.Random(11)
    target = megabytes * 1_000_000
    with open(path, "w", encoding="utf-8") as f:
        head, tail = rss2(rng, 1).split("<item>", 1)
        f.write(head)
        written = len(head)
        while written < target:
            chunk = rss2(rng, 50).split("<item>", 1)[1].rsplit("</channel>", 1)[0]
            f.write("<item>" + chunk)
            written += len(chunk) + 6
        f.write("</channel>\n</rss>\n")


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--big":
        big(int(sys.argv[2]), sys.argv[3])
    elif len(sys.argv) == 2:
        corpus(sys.argv[1])
    else:
        sys.exit(__doc__)
