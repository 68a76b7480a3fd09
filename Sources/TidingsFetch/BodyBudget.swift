/// Keeps the response bodies that running transfers hold in memory under a budget, by holding back
/// the next transfer: on a fast network, 32 transfers of large feeds finish long before the parsers
/// can take them, and their buffers were the largest single item of a poll round's memory (8 MB of
/// 260 KB feeds). One transfer always may run, whatever its size.
struct BodyBudget {
    /// Bytes the running transfers may hold, roughly.
    let limit: Int
    /// What a transfer is expected to hold before its size is known, until bodies have been seen: a
    /// first round starts with up to `limit / initialGuess` transfers and widens as it learns.
    static let initialGuess = 256 * 1024
    private var seenBytes = 0
    private var seenCount = 0

    init(limit: Int) {
        self.limit = max(0, limit)
    }

    /// The mean body seen so far (a 304's empty body included), or the initial guess.
    var expectedBodyBytes: Int { seenCount == 0 ? Self.initialGuess : seenBytes / seenCount }

    /// Whether another transfer may start beside `running` ones that hold `held` bytes (each counted
    /// at its buffer's size, or at `expectedBodyBytes` while nothing arrived yet).
    func mayStart(held: Int, running: Int) -> Bool {
        running == 0 || held + expectedBodyBytes <= limit
    }

    /// Learns from a finished transfer's body.
    mutating func finished(bodyBytes: Int) {
        seenBytes += bodyBytes
        seenCount += 1
    }
}
