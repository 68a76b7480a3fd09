import FlyingFox
import Foundation
import TidingsCore
import TidingsParse
import TidingsTestSupport
import XCTest

/// Hostile XML: no DTD or external entity is ever loaded, entity bombs fail fast with a clear
/// error, and size and depth are capped.
final class SafetyTests: XCTestCase {
    func testBillionLaughsIsRefusedWithAClearError() {
        XCTAssertThrowsError(try parseFixture("hostile/billion-laughs.xml")) { error in
            XCTAssertTrue("\(error)".contains("nested entity expansion is refused"), "\(error)")
        }
    }

    func testQuadraticBlowupIsRefusedWithAClearError() {
        XCTAssertThrowsError(try parseFixture("hostile/quadratic-blowup.xml")) { error in
            XCTAssertTrue("\(error)".contains("entity expansion passed"), "\(error)")
        }
    }

    func testSimpleDeclaredEntitiesExpandAndExternalOnesAreLeftOut() throws {
        let feed = try parseFixture("hostile/declared-entities.xml")
        XCTAssertEqual(feed.metadata.title, "Declared Site")
        XCTAssertEqual(feed.entries.first?.title, "© 2021")
        XCTAssertTrue(feed.warnings.contains { $0.contains("external entities (never loaded)") }, "\(feed.warnings)")
    }

    func testLocalFileEntitiesNeverLeak() throws {
        let feed = try parseFixture("hostile/external-entity.xml")
        let text = feed.entries.map { ($0.title ?? "") + ($0.summaryHTML ?? "") }.joined()
        XCTAssertFalse(text.contains("root:"), "the contents of /etc/passwd leaked: \(text)")
        XCTAssertEqual(feed.entries.first?.summaryHTML, "before  after")
    }

    func testExternalDTDAndEntitiesNeverTouchTheNetwork() async throws {
        let requests = Counter()
        let server = try await FeedServer.start { server in
            await server.appendRoute("GET /*") { _ in
                requests.increment()
                return response(body: "<!ENTITY leak \"LEAKED\">")
            }
        }
        let dtd = server.url("/evil.dtd")
        let document = """
            <?xml version="1.0"?>
            <!DOCTYPE rss SYSTEM "\(dtd)" [
              <!ENTITY remote SYSTEM "\(server.url("/entity"))">
              <!ENTITY % param SYSTEM "\(server.url("/param"))">
              %param;
            ]>
            <rss version="2.0"><channel><title>Net &remote; &leak;</title><item><guid>n1</guid></item></channel></rss>
            """
        let feed = try FeedParser().parse(Array(document.utf8), url: server.url("/feed.xml"))
        await server.stop()
        XCTAssertEqual(requests.count, 0, "the parser made HTTP requests")
        XCTAssertFalse(feed.metadata.title?.contains("LEAKED") ?? false)
        XCTAssertEqual(feed.entries.map(\.guid), ["n1"])
    }

    func testDeepNestingIsCappedAndReported() throws {
        let depth = 5000
        let document = "<rss><channel><title>Deep</title><item><guid>d1</guid><description>"
            + String(repeating: "<div>", count: depth) + "x" + String(repeating: "</div>", count: depth)
            + "</description></item><item><guid>d2</guid></item></channel></rss>"
        let feed = try FeedParser(options: ParseOptions(maxDepth: 50)).parse(Array(document.utf8))
        XCTAssertEqual(feed.metadata.title, "Deep")
        XCTAssertTrue(feed.entries.map(\.guid).contains("d1"), "\(feed.entries.map(\.guid))")
        XCTAssertTrue(feed.warnings.contains { $0.contains("nested deeper than 50 levels") }, "\(feed.warnings)")
    }

    func testInputOverTheSizeCapIsRefused() throws {
        let small = FeedParser(options: ParseOptions(maxInputBytes: 100))
        XCTAssertThrowsError(try small.parse(try Fixtures.bytes("feeds/rss2.xml"))) { error in
            XCTAssertTrue("\(error)".contains("over the limit of 100 bytes"), "\(error)")
        }
    }
}
