// The store benchmark (`make bench-store`, docs/benchmarks.md): ingestion with every dedupe tier on,
// into archives of growing size, side by side with the raw limit (the same rows through one
// prepared statement in one transaction, no dedupe, no index beyond the primary key), and the size
// of the database per article. `tidings dump` is timed on the result by the Makefile target.
import Foundation
import GRDB
import TidingsCore
import TidingsStore

/// Deterministic article texts: three paragraphs of words drawn from a 5,000-word vocabulary, with
/// one article in twenty a lightly edited copy of an earlier one (so the near-duplicate tier works).
struct ArticleFactory {
    var state: UInt64 = 0x5eed
    var made: [String] = []

    mutating func next(below bound: Int) -> Int {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return Int((z ^ (z >> 31)) % UInt64(bound))
    }

    mutating func article(_ number: Int) -> CleanArticle {
        var text: String
        if number % 20 == 19, !made.isEmpty {
            let original = made[next(below: made.count)]
            text = "Updated: a copy desk changed this line.\n" + original
        } else {
            text = (0..<3).map { _ in (0..<40).map { _ in "w\(next(below: 5000))" }.joined(separator: " ") }.joined(separator: "\n")
            if made.count < 5000 { made.append(text) } else { made[next(below: made.count)] = text }
        }
        let url = "https://site\(number % 97).example/news/\(number)"
        return CleanArticle(
            entryKey: "e\(number)", guid: "e\(number)", url: url, canonicalURL: url, title: "Article \(number)",
            contentText: text, contentHTML: "<p>" + text.replacingOccurrences(of: "\n", with: "</p><p>") + "</p>",
            contentHash: ContentHash.hex(of: text))
    }
}

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

let arguments = CommandLine.arguments.dropFirst()
let folder = arguments.first ?? ".bench/store"
let sizes = arguments.dropFirst().compactMap(Int.init)
try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)

print("| archive | fill rate (articles/s) | ingest 5,000 more (articles/s) | per article (ms) | raw insert (rows/s) | ingest / raw | MB per 1,000 articles |")
print("|---|---|---|---|---|---|---|")
for size in sizes.isEmpty ? [10_000, 100_000] : Array(sizes) {
    let path = "\(folder)/archive-\(size).sqlite"
    for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    let store = try FeedStore(path: path)
    var factory = ArticleFactory()
    let batch = 500
    var feeds: [Int64] = []
    for index in 0..<20 { feeds.append(try store.addFeed(url: "https://feed\(index).example/rss").id) }
    func ingest(_ range: Range<Int>) throws {
        var start = range.lowerBound
        while start < range.upperBound {
            let end = min(range.upperBound, start + batch)
            let articles = (start..<end).map { factory.article($0) }
            let now = Date()
            _ = try store.ingest(
                feedID: feeds[(start / batch) % feeds.count], metadata: nil, articles: articles,
                fetch: FetchRecord(status: 200, etag: nil, lastModified: nil, bodyHash: nil, fetchedAt: now, nextPollAt: now))
            start = end
        }
    }
    let fill = try seconds { try ingest(0..<size) }
    let more = 5000
    let measured = try seconds { try ingest(size..<(size + more)) }

    // The raw limit: the same rows, one prepared statement, one transaction, no dedupe, no index
    // beyond the primary key.
    let rawPath = "\(folder)/raw-\(size).sqlite"
    for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: rawPath + suffix) }
    var rawFactory = ArticleFactory()
    let rawArticles = (0..<more).map { rawFactory.article(size + $0) }
    let raw = try DatabaseQueue(path: rawPath)
    try raw.write { db in
        try db.execute(sql: """
            CREATE TABLE articles (seq INTEGER PRIMARY KEY, feed_id INTEGER, entry_key TEXT, guid TEXT, url TEXT,
                canonical_url TEXT, title TEXT, author TEXT, published REAL, updated REAL, fetched REAL, summary TEXT,
                content_text TEXT, content_html TEXT, categories TEXT, enclosures TEXT, content_hash TEXT, duplicate_of INTEGER)
            """)
    }
    let rawSeconds = try seconds {
        try raw.write { db in
            let statement = try db.makeStatement(sql: """
                INSERT INTO articles (feed_id, entry_key, guid, url, canonical_url, title, author, published, updated,
                    fetched, summary, content_text, content_html, categories, enclosures, content_hash, duplicate_of)
                VALUES (?, ?, ?, ?, ?, ?, NULL, NULL, NULL, ?, NULL, ?, ?, '[]', '[]', ?, NULL)
                """)
            let now = Date().timeIntervalSince1970
            for article in rawArticles {
                try statement.execute(arguments: [
                    1, article.entryKey, article.guid, article.url, article.canonicalURL, article.title, now,
                    article.contentText, article.contentHTML, article.contentHash,
                ])
            }
        }
    }
    let attributes = try FileManager.default.attributesOfItem(atPath: path)
    let walSize = (try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int) ?? 0
    let bytes = (attributes[.size] as? Int ?? 0) + (walSize ?? 0)
    let ingestRate = Double(more) / measured
    let rawRate = Double(more) / rawSeconds
    print(String(
        format: "| %d | %.0f | %.0f | %.3f | %.0f | %.2f | %.2f |", size, Double(size) / fill, ingestRate,
        measured * 1000 / Double(more), rawRate, ingestRate / rawRate, Double(bytes) / 1e6 / Double(size + more) * 1000))
}
