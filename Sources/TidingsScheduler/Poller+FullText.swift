import Foundation
import Logging
import Synchronization
import TidingsCore
import TidingsFetch

/// The linked pages of a full-text feed's new entries, as one poll fetched them.
struct LinkedPages {
    /// The pages fetched, by entry key.
    var pages: [String: FetchResult] = [:]
    /// Entries whose page may still come: it failed for a passing reason (a time-out, a reset, 408,
    /// 429, a 5xx), or the poll reached its cap before it. A 404, a page that is not HTML or one
    /// without an article is final: the entry keeps the feed's teaser.
    var later: Set<String> = []
}

extension Poller {
    /// How long after an entry was first stored its page is still tried again.
    static let pageRetryWindow: TimeInterval = 24 * 3600

    /// The pages that new entries of a full-text feed link to: fetched with the same fetcher, so
    /// within the same per-host limit and spacing as feeds, at most `fullTextPagesPerPoll` of them.
    func fetchPages(linkedFrom entries: [ParsedEntry], log: Logger) -> LinkedPages {
        let linkable = entries.compactMap { entry in entry.link.map { (key: entry.entryKey, url: $0) } }
            .filter { $0.url.hasPrefix("http://") || $0.url.hasPrefix("https://") }
        let linked = Array(linkable.prefix(configuration.fullTextPagesPerPoll))
        var result = LinkedPages(later: Set(linkable.dropFirst(linked.count).map(\.key)))
        guard !linked.isEmpty else { return result }
        let fetched = Mutex(LinkedPages())
        fetcher.fetchAll(linked.map { FetchRequest(url: $0.url) }, shouldStart: mayStartTransfers, shouldAbort: mustCutTransfers) { index, outcome in
            let key = linked[index].key
            var pageLog = log
            pageLog[metadataKey: "page"] = "\(linked[index].url)"
            switch outcome {
            case .success(let page) where page.isSuccess && Self.isHTML(page.contentType):
                fetched.withLock { $0.pages[key] = page }
            case .success(let page) where page.isSuccess:
                pageLog.warning("linked page is not HTML; keeping the feed's text", metadata: ["type": "\(page.contentType ?? "-")"])
            case .success(let page) where Self.isPassingFailure(page.status):
                fetched.withLock { _ = $0.later.insert(key) }
                pageLog.warning("linked page failed; keeping the feed's text until a later poll", metadata: ["status": "\(page.status)"])
            case .success(let page):
                pageLog.warning("linked page failed; keeping the feed's text", metadata: ["status": "\(page.status)"])
            case .failure(let error):
                fetched.withLock { _ = $0.later.insert(key) }
                pageLog.warning("linked page failed: \(error.message); keeping the feed's text until a later poll")
            }
        }
        let pages = fetched.withLock { $0 }
        result.pages = pages.pages
        result.later.formUnion(pages.later)
        return result
    }

    /// Of the entries whose page may still come, those first stored less than `pageRetryWindow`
    /// ago (or not stored yet): their articles are stored without a source hash, so that the next
    /// poll takes them up again instead of skipping them as unchanged.
    func entriesToRetry(_ pages: LinkedPages, feedID: Int64, at now: Date) throws -> Set<String> {
        guard !pages.later.isEmpty else { return [] }
        let firstFetched = try store.firstFetched(feedID: feedID, entryKeys: Array(pages.later))
        return pages.later.filter { key in firstFetched[key].map { now.timeIntervalSince($0) < Self.pageRetryWindow } ?? true }
    }

    static func isPassingFailure(_ status: Int) -> Bool {
        status == 408 || status == 425 || status == 429 || (500...599).contains(status)
    }

    static func isHTML(_ contentType: String?) -> Bool {
        guard let contentType else { return true }
        let type = contentType.split(separator: ";").first?.trimmingWhitespace().lowercased() ?? ""
        return type == "text/html" || type == "application/xhtml+xml" || type.isEmpty
    }
}
