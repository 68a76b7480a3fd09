import Foundation
import Synchronization
import TidingsCore
import TidingsFetch
import TidingsTestSupport
import XCTest

/// HTTPS against a real TLS server on 127.0.0.1 that speaks only HTTP/2: what a fetch gets from it
/// shows that Tidings negotiated HTTP/2, and a certificate the client does not trust is a TLS failure.
final class HTTPSTests: XCTestCase {
    var folder: TemporaryDirectory!
    var server: HTTPSFeedServer!

    override func setUpWithError() throws {
        try XCTSkipIf(HTTPSFeedServer.nghttpd == nil, "nghttpd is missing: `make deps` installs nghttp2-server")
        folder = try TemporaryDirectory()
        for number in 1...3 {
            try Data(Fixtures.bytes("feeds/rss2.xml")).write(to: URL(fileURLWithPath: folder.file("feed\(number).xml")))
        }
        server = try HTTPSFeedServer(serving: folder.path)
    }

    override func tearDown() {
        server?.stop()
        folder?.remove()
    }

    func testHTTPSFeedsComeOverHTTP2FromAServerThatOffersIt() throws {
        let fetcher = Fetcher(options: FetchOptions(maxTransfersPerHost: 3, hostSpacing: 0, caFile: HTTPSFeedServer.certificate))
        let result = try fetcher.fetch(FetchRequest(url: server.url("/feed1.xml")))
        XCTAssertEqual(result.status, 200)
        XCTAssertEqual(result.body, try Fixtures.bytes("feeds/rss2.xml"))

        // Several at once, on the multi handle: all arrive.
        let outcomes = Mutex<[Int: Result<FetchResult, FetchError>]>([:])
        let requests = (1...3).map { FetchRequest(url: server.url("/feed\($0).xml")) }
        fetcher.fetchAll(requests, shouldStart: { true }, shouldAbort: { false }) { index, outcome in
            outcomes.withLock { $0[index] = outcome }
        }
        let statuses = outcomes.withLock { all in (0..<3).map { (try? all[$0]?.get())?.status } }
        XCTAssertEqual(statuses, [200, 200, 200])
    }

    func testCertificateTheClientDoesNotTrustIsATLSFailure() {
        // The system's authorities do not know the test certificate.
        XCTAssertThrowsError(try Fetcher().fetch(FetchRequest(url: server.url("/feed1.xml")))) { error in
            let error = error as? FetchError
            XCTAssertEqual(error?.kind, .tlsFailure)
            XCTAssertTrue(error?.message.contains("certificate") == true, "\(String(describing: error))")
        }
    }
}
