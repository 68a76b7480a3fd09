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
    /// Whether new texts stop joining `made` (so that copies are only of texts made before).
    var frozen = false

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
            if !frozen {
                if made.count < 5000 { made.append(text) } else { made[next(below: made.count)] = text }
            }
        }
        let url = "https://site\(number % 97).example/news/\(number)"
        // What a typical news entry carries besides its text: an author, a teaser, two categories,
        // and for one in ten an image enclosure.
        let firstLine = text.prefix { $0 != "\n" }
        return CleanArticle(
            entryKey: "e\(number)", guid: "e\(number)", url: url, canonicalURL: url, title: "Article \(number)",
            author: "Writer \(number % 300)", published: Date(timeIntervalSince1970: 1_790_000_000 + Double(number) * 60),
            summary: String(firstLine.prefix(200)),
            contentText: text, contentHTML: "<p>" + text.split(separator: "\n").joined(separator: "</p><p>") + "</p>",
            categories: ["topic\(number % 40)", "section \"\(number % 7)\""],
            enclosures: number % 10 == 0 ? [Enclosure(url: url + "/photo.jpg", type: "image/jpeg", length: 48_213)] : [],
            contentHash: ContentHash.hex(of: text))
    }
}

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

/// Prints a line unbuffered: each table row as soon as it is measured.
func emit(_ line: String) { FileHandle.standardOutput.write(Data((line + "\n").utf8)) }

let arguments = CommandLine.arguments.dropFirst()
let folder = arguments.first ?? ".bench/store"
let sizes = arguments.dropFirst().compactMap(Int.init)
try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)

emit("| archive | fill rate (articles/s) | ingest 5,000 more (articles/s) | per article (ms) | raw insert (rows/s) | ingest / raw | near-duplicate lookup (µs) | MB per 1,000 articles |")
emit("|---|---|---|---|---|---|---|---|")
for size in sizes.isEmpty ? [10_000, 100_000] : Array(sizes) {
    let path = "\(folder)/archive-\(size).sqlite"
    for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    let store = try FeedStore(path: path)
    var factory = ArticleFactory()
    let batch = 500
    var feeds: [Int64] = []
    for index in 0..<20 { feeds.append(try store.addFeed(url: "https://feed\(index).example/rss").id) }
    // Articles are made before the clock starts: their making is not ingestion.
    func batches(_ range: Range<Int>) -> [[CleanArticle]] {
        stride(from: range.lowerBound, to: range.upperBound, by: batch).map { start in
            (start..<min(range.upperBound, start + batch)).map { factory.article($0) }
        }
    }
    func ingest(_ batches: [[CleanArticle]], from first: Int) throws {
        for (index, articles) in batches.enumerated() {
            let start = first + index * batch
            let now = Date()
            _ = try store.ingest(
                feedID: feeds[(start / batch) % feeds.count], metadata: nil, articles: articles,
                fetch: FetchRecord(status: 200, etag: nil, lastModified: nil, bodyHash: nil, fetchedAt: now, nextPollAt: now))
        }
    }
    var fill = 0.0
    for chunk in stride(from: 0, to: size, by: 50_000) {
        let made = batches(chunk..<min(size, chunk + 50_000))
        let count = made.reduce(0) { $0 + $1.count }
        let chunkSeconds = try seconds { try ingest(made, from: chunk) }
        fill += chunkSeconds
        if size > 100_000 {
            // Progress of long fills, and how the rate moves as the archive grows.
            FileHandle.standardError.write(
                "filled \(chunk + count): \(Int(Double(count) / chunkSeconds)) articles/s\n".data(using: .utf8)!)
        }
    }
    let more = 5000
    let moreBatches = batches(size..<(size + more))
    let measured = try seconds { try ingest(moreBatches, from: size) }

    // The raw limit: the same rows, one prepared statement, one transaction, no dedupe, no index
    // beyond the primary key.
    let rawPath = "\(folder)/raw-\(size).sqlite"
    for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: rawPath + suffix) }
    var rawFactory = ArticleFactory()
    let rawArticles = (0..<more).map { rawFactory.article(size + $0) }
    // The raw rows carry their lists already as JSON text, as the store writes them.
    let rawRows = rawArticles.map { article in
        (article, "[" + article.categories.map { "\"\($0.replacingOccurrences(of: "\"", with: "\\\""))\"" }.joined(separator: ",") + "]",
         article.enclosures.isEmpty ? "[]" : #"[{"url":"\#(article.enclosures[0].url)","type":"image/jpeg","length":48213}]"#)
    }
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
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, NULL)
                """)
            let now = Date().timeIntervalSince1970
            for (article, categories, enclosures) in rawRows {
                try statement.execute(arguments: [
                    1, article.entryKey, article.guid, article.url, article.canonicalURL, article.title,
                    article.author, article.published?.timeIntervalSince1970, now, article.summary,
                    article.contentText, article.contentHTML, categories, enclosures, article.contentHash,
                ])
            }
        }
    }
    // Tier 4's lookup alone, on 5,000 texts not in the archive (one in twenty a copy of one that is):
    // the cost that must stay flat as the archive grows.
    var lookupFactory = ArticleFactory(state: 0xfeed)
    lookupFactory.made = factory.made
    lookupFactory.frozen = true
    let lookupTexts = (0..<more).map { lookupFactory.article(size + more + $0).contentText }
    var found = 0
    let lookupSeconds = try seconds {
        for text in lookupTexts where try store.nearDuplicate(ofText: text) != nil { found += 1 }
    }
    // The part of it that does not depend on the archive: working out the texts' fingerprints.
    var keys = 0
    let fingerprintSeconds = seconds {
        for text in lookupTexts { keys += TextFingerprint(text: text)?.keys.count ?? 0 }
    }
    precondition(keys > 0, "the lookup texts are long enough to judge")
    // The size once the WAL is folded in.
    try DatabaseQueue(path: path).writeWithoutTransaction { try $0.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
    let attributes = try FileManager.default.attributesOfItem(atPath: path)
    let walSize = (try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int) ?? 0
    let bytes = (attributes[.size] as? Int ?? 0) + walSize
    let ingestRate = Double(more) / measured
    let rawRate = Double(more) / rawSeconds
    emit(String(
        format: "| %d | %.0f | %.0f | %.3f | %.0f | %.2f | %.0f (%d found; fingerprint %.0f) | %.2f |", size, Double(size) / fill,
        ingestRate, measured * 1000 / Double(more), rawRate, ingestRate / rawRate, lookupSeconds * 1e6 / Double(more), found,
        fingerprintSeconds * 1e6 / Double(more),
        Double(bytes) / 1e6 / Double(size + more) * 1000))
}
