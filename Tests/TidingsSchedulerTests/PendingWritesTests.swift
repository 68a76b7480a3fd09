import Dispatch
import Foundation
import TidingsCore
import TidingsStore
import XCTest

@testable import TidingsScheduler

final class PendingWritesTests: XCTestCase {
    func write(_ index: Int, articles: Int = 0, textBytes: Int = 100) -> PendingWrite {
        let now = Date()
        let poll: PollWrite
        if articles == 0 {
            poll = .unchanged(feedID: Int64(index), status: 304, at: now, nextPollAt: now)
        } else {
            let article = CleanArticle(
                entryKey: "e", title: "T", contentText: String(repeating: "w", count: textBytes), contentHash: "h")
            poll = .fetched(
                feedID: Int64(index), metadata: nil, articles: Array(repeating: article, count: articles),
                fetch: FetchRecord(status: 200, etag: nil, lastModified: nil, bodyHash: nil, fetchedAt: now, nextPollAt: now))
        }
        return PendingWrite(index: index, write: poll, finish: { _ in fatalError("never written here") })
    }

    func testSchedulesUpdatesGatherIntoOneBatchUntilTheDelayOrTheWriteLimit() {
        var pending = PendingWrites(unitLimit: 8, writeLimit: 5)
        XCTAssertEqual(pending.append(write(0)), .soon, "the first write of a batch waits for others")
        for index in 1..<4 { XCTAssertEqual(pending.append(write(index)), .alreadyDue) }
        XCTAssertEqual(pending.append(write(4)), .now, "the write limit closes the batch")
        XCTAssertEqual(pending.append(write(5)), .alreadyDue, "the drain already asked for takes it too")
        XCTAssertEqual(pending.takeAll().map(\.index), [0, 1, 2, 3, 4, 5])
        XCTAssertEqual(pending.append(write(6)), .soon, "a new batch after a drain")
    }

    func testDocumentsCloseTheBatchOnceTheirArticlesFillHalfTheRoom() {
        XCTAssertEqual(write(0).units, 0, "a 304 takes no room")
        XCTAssertEqual(write(0, articles: 1).units, 1)
        XCTAssertEqual(write(0, articles: 40, textBytes: 13_000).units, 1 + 40 * (13_000 + 1 + 512) / WriteRoom.unitBytes)
        var pending = PendingWrites(unitLimit: 64, writeLimit: 1024)
        XCTAssertEqual(pending.append(write(0, articles: 40, textBytes: 13_000)), .soon)
        XCTAssertEqual(pending.append(write(1, articles: 40, textBytes: 13_000)), .now, "two large feeds fill half the room")
    }

    func testARoomTakerWaitsUntilTheWriterGivesBack() {
        let room = WriteRoom(bytes: 4 * WriteRoom.unitBytes)
        room.take(3)
        let took = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            room.take(2)
            took.signal()
        }
        XCTAssertEqual(took.wait(timeout: .now() + 0.2), .timedOut, "two units wanted, one free")
        room.give(3)
        XCTAssertEqual(took.wait(timeout: .now() + 5), .success)
        room.give(2)
        // More than the whole room (one huge feed): it waits for all of it, not forever.
        room.take(100)
        room.give(100)
    }
}
