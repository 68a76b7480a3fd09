import Logging
import Synchronization
import TidingsCore
import TidingsFetch

extension Poller {
    /// Linked pages fetched for one poll of a full-text feed, at most: a feed that lists hundreds of
    /// new entries at once (its first poll) gets the rest as teasers rather than a burst of requests.
    static let maxPagesPerPoll = 30

    /// The pages that new entries of a full-text feed link to, by entry key: fetched with the same
    /// fetcher, so within the same per-host limit and spacing as feeds. A page that fails (or is not
    /// HTML) is left out, and its entry keeps the feed's teaser.
    func fetchPages(linkedFrom entries: [ParsedEntry], log: Logger) -> [String: FetchResult] {
        let linked = entries.compactMap { entry in entry.link.map { (key: entry.entryKey, url: $0) } }
            .filter { $0.url.hasPrefix("http://") || $0.url.hasPrefix("https://") }
            .prefix(Self.maxPagesPerPoll)
        guard !linked.isEmpty else { return [:] }
        let keys = linked.map(\.key)
        let pages = Mutex<[String: FetchResult]>([:])
        fetcher.fetchAll(linked.map { FetchRequest(url: $0.url) }, shouldStart: mayStartTransfers, shouldAbort: mustCutTransfers) { index, outcome in
            var pageLog = log
            pageLog[metadataKey: "page"] = "\(linked[linked.startIndex + index].url)"
            switch outcome {
            case .success(let page) where page.isSuccess && Self.isHTML(page.contentType):
                pages.withLock { $0[keys[index]] = page }
            case .success(let page) where page.isSuccess:
                pageLog.warning("linked page is not HTML; keeping the feed's text", metadata: ["type": "\(page.contentType ?? "-")"])
            case .success(let page):
                pageLog.warning("linked page failed; keeping the feed's text", metadata: ["status": "\(page.status)"])
            case .failure(let error):
                pageLog.warning("linked page failed: \(error.message); keeping the feed's text")
            }
        }
        return pages.withLock { $0 }
    }

    static func isHTML(_ contentType: String?) -> Bool {
        guard let contentType else { return true }
        let type = contentType.split(separator: ";").first?.trimmingWhitespace().lowercased() ?? ""
        return type == "text/html" || type == "application/xhtml+xml" || type.isEmpty
    }
}
