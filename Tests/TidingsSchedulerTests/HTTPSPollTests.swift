import Foundation
import TidingsConfig
import TidingsCore
import TidingsStore
import TidingsTestSupport
import XCTest

@testable import TidingsScheduler

/// A feed served over HTTPS (a real TLS server on 127.0.0.1): a certificate Tidings does not trust is
/// an error that backs off like any other, and trusting its authority (`fetch.ca_file`) brings the feed.
final class HTTPSPollTests: XCTestCase {
    func testUntrustedCertificateBacksOffAndTheTrustedAuthorityBringsTheFeed() throws {
        try XCTSkipIf(HTTPSFeedServer.nghttpd == nil, "nghttpd is missing: `make deps` installs nghttp2-server")
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        try Data(Fixtures.bytes("feeds/rss2.xml")).write(to: URL(fileURLWithPath: folder.file("feed.xml")))
        let server = try HTTPSFeedServer(serving: folder.path)
        defer { server.stop() }
        let store = try FeedStore(path: folder.file("t.sqlite"))
        let feed = try store.addFeed(url: server.url("/feed.xml"))

        let failed = Poller(store: store, configuration: Configuration()).poll(feed)
        XCTAssertTrue(failed.isFailure)
        XCTAssertTrue(failed.summaryLine.contains("certificate"), failed.summaryLine)
        let backingOff = try store.feed(String(feed.id))
        XCTAssertEqual(backingOff.consecutiveErrors, 1)
        XCTAssertGreaterThanOrEqual(
            backingOff.nextPollAt!.timeIntervalSinceNow, Double(ScheduleOptions().minimumRetry) - 5, "retried after min_retry at the soonest")

        var trusting = Configuration()
        trusting.fetch.caFile = HTTPSFeedServer.certificate
        let stored = Poller(store: store, configuration: trusting).poll(backingOff)
        XCTAssertFalse(stored.isFailure, stored.summaryLine)
        guard case .stored(let summary) = stored.outcome else { return XCTFail(stored.summaryLine) }
        XCTAssertGreaterThan(summary.new, 0)
        XCTAssertEqual(try store.feed(String(feed.id)).consecutiveErrors, 0)
    }
}
