// Hostile bytes through the whole parse path. Any crash, hang or sanitizer report is a bug: the
// daemon must never die on one feed.
//
// `make fuzz-parse` builds this with libFuzzer and AddressSanitizer (-DFUZZING) and runs it for a
// bounded time; built normally, it replays the files it is given (a crash found by the fuzzer).
import TidingsParse

/// One input: as a feed, pieces split where the input says (so that every carry-over path between
/// pieces is exercised), then whole, skipping the entries the first parse saw (each must be skipped:
/// a markup hash does not depend on where the pieces were cut), then as OPML, then its first line
/// as a date.
func parseOnce(_ input: UnsafeRawBufferPointer) {
    let options = ParseOptions(maxInputBytes: 1 << 20, maxDepth: 64)
    let split = input.isEmpty ? 0 : Int(input[0]) % input.count
    let url = "https://fuzz.example/feed.xml"
    let stream = FeedStreamParser(options: options, url: url, contentType: nil, skipping: []) { entry in
        _ = entry.entryKey
    }
    do {
        try stream.write(UnsafeRawBufferPointer(rebasing: input[..<split]))
        try stream.write(UnsafeRawBufferPointer(rebasing: input[split...]))
        let seen = try stream.finish().markupHashes
        let again = try FeedParser(options: options).parse(Array(input), url: url, skipping: Set(seen))
        // (JSON Feed has no markup hashes: its entries are read both times.)
        if !again.markupHashes.isEmpty || again.skippedMarkupHashes.count != seen.count {
            fatalError("a whole parse read \(again.markupHashes.count) entries that a parse in pieces had seen")
        }
    } catch {}
    _ = try? OPMLReader.outlines(in: Array(input), url: "https://fuzz.example/list.opml")
    if input.count < 120 {
        _ = FeedDate.parse(String(decoding: input, as: UTF8.self))
    }
}

#if FUZZING
    @_cdecl("LLVMFuzzerTestOneInput")
    public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
        parseOnce(UnsafeRawBufferPointer(start: data, count: size))
        return 0
    }

    @_silgen_name("LLVMFuzzerRunDriver")
    func LLVMFuzzerRunDriver(
        _ argc: UnsafeMutablePointer<Int32>,
        _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
        _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
    ) -> Int32

    // SwiftPM links executables with `--defsym main=<module>_main`: this is that main.
    @_cdecl("tidings_fuzz_parse_main")
    public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
        var count = argc
        var arguments = argv
        return LLVMFuzzerRunDriver(&count, &arguments, fuzzOneInput)
    }
#else
    import Foundation

    @main
    struct ReplayParseInputs {
        static func main() {
            for path in CommandLine.arguments.dropFirst() {
                guard let data = FileManager.default.contents(atPath: path) else {
                    print("cannot read \(path)")
                    continue
                }
                [UInt8](data).withUnsafeBytes { parseOnce($0) }
                print("ok \(path)")
            }
        }
    }
#endif
