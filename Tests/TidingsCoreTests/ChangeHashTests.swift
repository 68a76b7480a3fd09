import TidingsCore
import XCTest

final class ChangeHashTests: XCTestCase {
    /// Stored body and entry hashes are compared with the next poll's: a changed function would
    /// make every feed parse and clean all its entries again once after an upgrade.
    func testChangeHashValuesStayTheSameFromOneReleaseToTheNext() {
        XCTAssertEqual(ChangeHash.hex(of: ""), "2f29cd921e2bb333")
        XCTAssertEqual(ChangeHash.hex(of: "abc"), "3ddca986923f15c4")
        XCTAssertEqual(ChangeHash.hex(of: String(repeating: "<item>x</item>", count: 100)), "a871ee070a5680e6")
        XCTAssertEqual(ChangeHash.hex(of: Array("abc".utf8)), ChangeHash.hex(of: "abc"), "bytes and text agree")
    }

    func testAnyOneByteChangedOrAddedGivesAnotherHash() {
        let body = Array(String(repeating: "<item><title>Story</title></item>\n", count: 40).utf8)
        let original = ChangeHash.hex(of: body)
        var seen: Set<String> = [original]
        for position in body.indices {
            var edited = body
            edited[position] ^= 0x20
            seen.insert(ChangeHash.hex(of: edited))
        }
        XCTAssertEqual(seen.count, body.count + 1, "every one-byte edit hashes apart from the original and the others")
        XCTAssertNotEqual(ChangeHash.hex(of: body + [0]), original, "a trailing zero byte")
        XCTAssertNotEqual(ChangeHash.hex(of: Array(body.dropLast())), original, "a dropped last byte")
    }
}
