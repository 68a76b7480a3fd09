import Logging
import TidingsClean
import TidingsCore
import TidingsFetch
import TidingsParse

extension Poller {
    /// A 200 that is no readable feed. When it is a web page that links to its feeds
    /// (autodiscovery) and the feed has never been read (just added, at the site's address rather
    /// than its feed's), the feed moves to the first feed the page links to and that is polled at
    /// once; a feed moves so once. A feed that was read before and now serves a page is not moved (a site's error page
    /// must not swap a subscription); its error names the feed the page links to.
    func discover(_ feed: Feed, page: FetchResult, error: any Error, mayMove: Bool, log: Logger) throws -> Prepared {
        if page.body.starts(with: [0x1F, 0x8B]) {
            // Read as it is, a compressed body names a root element of binary noise.
            let message = "not a readable feed: the body is gzip-compressed but was sent without `Content-Encoding: gzip`"
            return .done(failed(feed, status: page.status, message: message, log: log))
        }
        let links = FeedAutodiscovery.feedLinks(inPage: page.body, contentType: page.contentType, url: page.finalURL)
        var message = "not a readable feed: \(error)"
        guard let link = links.first else {
            return .done(failed(feed, status: page.status, message: message, log: log))
        }
        // Once only: a feed moved before (by a page, or a permanent redirect) stays where it is.
        let neverRead = feed.scheduledInterval == nil && feed.bodyHash == nil && feed.url == feed.originalURL
        guard mayMove, neverRead, link != feed.url, link != page.finalURL else {
            message += "; the page links to the feed \(link)"
            return .done(failed(feed, status: page.status, message: message, log: log))
        }
        // The feed moves only to a feed that reads: a page linking to a dead feed must not take the
        // subscription away from the address the user gave.
        let linked: FetchResult
        do {
            linked = try fetcher.fetch(FetchRequest(url: link), shouldAbort: mustCutTransfers)
            guard linked.isSuccess else { throw ParseError("HTTP \(linked.status)") }
            _ = try parser.parse(linked.body, url: linked.finalURL, contentType: linked.contentType)
        } catch {
            message += "; the page links to the feed \(link), which does not read either: \(error)"
            return .done(failed(feed, status: page.status, message: message, log: log))
        }
        if let other = try store.recordDiscoveredFeed(feedID: feed.id, url: link) {
            message += "; the page links to the feed \(link), which is already feed \(other.id)"
            return .done(failed(feed, status: page.status, message: message, log: log))
        }
        log.notice("a web page, not a feed: polling the feed it links to from now on", metadata: ["to": "\(DisplayURL.string(link))"])
        var moved = feed
        moved.url = link
        moved.etag = nil
        moved.lastModified = nil
        moved.redirectTarget = nil
        moved.redirectPolls = 0
        return prepare(moved, .success(linked), mayDiscover: false)
    }
}
