// Writes the feeds the fetch benchmark serves (`make bench-fetch`, docs/benchmarks.md): COUNT RSS 2.0
// feeds of about 250 KB, each with 40 items of about 800 words of full HTML content, every text its
// own (random words from a fixed vocabulary, so the store's near-duplicate tier sees what it sees in
// real life: no copies). For one feed in ten, a second version ("<n>.v1.xml") with one new item on
// top and the oldest dropped: what the warm round serves instead of a 304.
//
// usage: tidings-bench-feeds OUT_DIR COUNT
import Foundation

struct Random {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
}

/// About 2,000 words: common English words and made-up names, so that texts read as prose to the
/// cleaner and hash into many distinct shingles.
let common = """
    the of and to in a is that for it as was with be by on not he i this are or his from at which but have an they you \
    were her she there been one all we their has would when if so no will more out up said about other into than its time \
    only could new them man some these then two first may any like now my such make over our even most me state after also \
    made many did must before back see through way where get much go well your know should down work year because come \
    people just say each those take day good how long own too little use us very great still men here life both between \
    old under last never place same another think house while high right might came off find states since used give against \
    three himself look few general hand school part small american home during number again mrs around thought went without \
    however govern don't does got public united point end become head once course fact upon need system set every war put \
    form water took program present government thing told possible group large until always city didn't order away called \
    want eyes something unite going face far asked interest later show knew though less night early almost let open enough \
    side case days yet better nothing tell problem toward given why national room young social light business president help \
    council minister police court report market village valley road bridge river province border talks officials forces \
    resistance fighters convoy aid supplies winter harbour pilots schedule storm rainfall election ballot coalition budget \
    hospital doctors nurses teachers students farmers workers miners drivers engineers scientists researchers
    """.split(separator: " ").map(String.init)
let vocabulary: [String] = {
    var words = common
    var seed = Random(state: 42)
    let syllables = ["ka", "ri", "mo", "lan", "ter", "vi", "sha", "nor", "el", "du", "pan", "jir", "ost", "bel", "qua", "zen"]
    for _ in 0..<1500 {
        words.append((0..<(2 + seed.below(3))).map { _ in syllables[seed.below(syllables.count)] }.joined())
    }
    return words
}()

func words(_ count: Int, _ random: inout Random) -> String {
    var out = ""
    out.reserveCapacity(count * 7)
    for index in 0..<count {
        if index > 0 { out += index % 17 == 0 ? ". " : (index % 7 == 0 ? ", " : " ") }
        var word = vocabulary[random.below(vocabulary.count)]
        if index % 17 == 0 || index == 0 { word = word.prefix(1).uppercased() + word.dropFirst() }
        out += word
    }
    return out + "."
}

func item(feed: Int, number: Int) -> String {
    var random = Random(state: UInt64(feed) &* 1_000_003 &+ UInt64(number))
    let link = "https://site\(feed % 500).example/\(feed)/story-\(number)"
    // Hourly posts, newest first, from a fixed hour.
    let date = Date(timeIntervalSince1970: 1_790_000_000 - Double(number) * 3600)
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "GMT")
    formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
    var html = ""
    for paragraph in 0..<8 {
        html += "<p>" + words(80, &random) + "</p>\n"
        if paragraph == 1 {
            html += "<figure><img src=\"/media/\(feed)-\(number).jpg\" width=\"800\" height=\"450\" alt=\"\"/>"
                + "<figcaption>" + words(8, &random) + "</figcaption></figure>\n"
        }
        if paragraph == 4 { html += "<p>Read more: <a href=\"\(link)?utm_source=rss\">" + words(6, &random) + "</a></p>\n" }
    }
    return """
        <item><title>\(words(8, &random).dropLast())</title><link>\(link)</link>
        <guid isPermaLink="false">feed-\(feed)-item-\(number)</guid><pubDate>\(formatter.string(from: date))</pubDate>
        <dc:creator>\(words(2, &random).dropLast())</dc:creator><category>\(vocabulary[random.below(200)])</category>
        <description><![CDATA[<p>\(words(40, &random))</p>]]></description>
        <content:encoded><![CDATA[\(html)]]></content:encoded></item>

        """
}

func feed(_ number: Int, items: [Int]) -> String {
    """
    <?xml version="1.0" encoding="UTF-8"?>
    <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
    <channel><title>Feed \(number)</title><link>https://site\(number % 500).example/\(number)/</link>
    <description>Benchmark feed \(number)</description>

    """ + items.map { item(feed: number, number: $0) }.joined() + "</channel></rss>\n"
}

let arguments = CommandLine.arguments
guard arguments.count == 3, let count = Int(arguments[2]) else {
    FileHandle.standardError.write(Data("usage: tidings-bench-feeds OUT_DIR COUNT\n".utf8))
    exit(64)
}
let folder = arguments[1]
try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
for number in 0..<count {
    let path = "\(folder)/\(number).xml"
    if FileManager.default.fileExists(atPath: path) { continue }
    // Items 1...40; the second version adds item 0 on top and drops the oldest.
    try feed(number, items: Array(1...40)).write(toFile: path + ".tmp", atomically: false, encoding: .utf8)
    if number % 10 == 0 {
        try feed(number, items: Array(0...39)).write(toFile: "\(folder)/\(number).v1.xml", atomically: false, encoding: .utf8)
    }
    try FileManager.default.moveItem(atPath: path + ".tmp", toPath: path)
}
