// The cleaner benchmark (`make bench-clean`, docs/benchmarks.md): MB/s of article HTML through the
// shared cleaner, as feed entries (safe HTML + clean text) and as whole pages (main-article
// extraction, then the same cleaning).
//
// The articles are built from the seed articles' paragraphs (Tests/Fixtures/seeds), shuffled and
// dressed the way feed HTML is dressed: links with tracking parameters, figures with captions,
// inline promos, a script, entities. Pages wrap an article in the chrome of a news site.
//
// usage: tidings-bench-clean SEEDS_DIR [ARTICLES]
import Foundation
import TidingsClean

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

func escape(_ text: String) -> String {
    text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
}

func article(_ number: Int, paragraphs: [String], random: inout Random) -> String {
    var html = ""
    let count = 8 + random.below(10)
    for index in 0..<count {
        let paragraph = escape(paragraphs[random.below(paragraphs.count)])
        let words = paragraph.split(separator: " ")
        if words.count > 6, random.below(3) == 0 {
            let cut = random.below(words.count - 3)
            let link = "<a href=\"/news/\(number)-\(index)?utm_source=feed&amp;utm_medium=rss&amp;id=\(index)\">"
                + words[cut..<(cut + 3)].joined(separator: " ") + "</a>"
            html += "<p>" + words[..<cut].joined(separator: " ") + " " + link + " "
                + words[(cut + 3)...].joined(separator: " ") + "</p>\n"
        } else {
            html += "<p>\(paragraph)</p>\n"
        }
        if index == 1 {
            html += "<figure><img src=\"https://cdn.example/img/\(number).jpg\" width=\"800\" height=\"450\" alt=\"\">"
                + "<figcaption>\(escape(paragraphs[random.below(paragraphs.count)].prefix(90).description))&nbsp;(AFP)</figcaption></figure>\n"
        }
        if index == 3 { html += "<p><strong>ALSO READ:</strong> <a href=\"/story/\(number + 1)\">Another story</a></p>\n" }
        if index == 5 { html += "<script>window.ads = window.ads || []; ads.push({slot: \(index)});</script>\n" }
    }
    html += "<p>Sign up for our free daily newsletter, delivered to your inbox.</p>\n"
    html += "<img src=\"https://pixel.wp.com/t.gif?id=\(number)\" width=\"1\" height=\"1\">\n"
    return html
}

func page(_ body: String, number: Int) -> String {
    var nav = ""
    for index in 0..<40 { nav += "<li><a href=\"/section/\(index)\">Section \(index)</a></li>" }
    var teasers = ""
    for index in 0..<12 {
        teasers += "<li><a href=\"/story/\(number + index)\">Teaser headline number \(index) about the news of the day</a></li>"
    }
    return """
        <!DOCTYPE html><html><head><title>Story \(number) | The Example Times</title>
        <meta property="og:title" content="Story \(number)"><style>.nav{display:flex}</style>
        <script>var analytics = {id: \(number)};</script></head>
        <body><header class="site-header"><nav class="main-nav"><ul>\(nav)</ul></nav></header>
        <div class="container"><main><article class="story"><h1>Story \(number)</h1>
        <div class="byline">By A. Reporter, <time>21 November 2026</time></div>
        <div class="story-body">\(body)</div></article>
        <aside class="sidebar"><h3>Most read</h3><ol>\(teasers)</ol></aside></main></div>
        <footer class="site-footer"><ul>\(nav)</ul><p>© 2026 The Example Times. All rights reserved.</p></footer>
        </body></html>
        """
}

let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
    FileHandle.standardError.write("usage: tidings-bench-clean SEEDS_DIR [ARTICLES]\n".data(using: .utf8)!)
    exit(2)
}
let count = arguments.count > 2 ? Int(arguments[2]) ?? 2000 : 2000
let seedFiles = try FileManager.default.contentsOfDirectory(atPath: arguments[1]).filter { $0.hasSuffix(".txt") }.sorted()
let paragraphs = try seedFiles.flatMap { name in
    try String(contentsOfFile: arguments[1] + "/" + name, encoding: .utf8).split(separator: "\n")
        .map { $0.trimmingCharacters(in: .whitespaces) }.filter { $0.split(separator: " ").count >= 12 }
}
var random = Random(state: 7)
let articles = (0..<count).map { article($0, paragraphs: paragraphs, random: &random) }
let pages = articles.enumerated().map { page($0.element, number: $0.offset) }

/// Runs `run` over every input, five times after a warm-up, and prints the fastest pass (on a
/// shared machine the fastest pass is the one least disturbed by other work).
func measure(_ label: String, _ inputs: [String], _ run: (String) -> Int) {
    let bytes = inputs.reduce(0) { $0 + $1.utf8.count }
    for input in inputs.prefix(inputs.count / 10) { _ = run(input) }
    var passes: [Double] = []
    var produced = 0
    for _ in 0..<5 {
        produced = 0
        let start = Date()
        for input in inputs { produced &+= run(input) }
        passes.append(Date().timeIntervalSince(start))
    }
    let seconds = passes.min()!
    let megabytes = Double(bytes) / 1_000_000
    print(String(
        format: "%@: %d documents, %.1f MB, fastest of 5 passes %.2f s: %.1f MB/s, %.0f documents/s (%d bytes out)",
        label, inputs.count, megabytes, seconds, megabytes / seconds, Double(inputs.count) / seconds, produced))
}

let cleaner = ArticleCleaner()
// BENCH_OUTPUT=FILE writes every document's clean text and safe HTML to FILE and measures nothing:
// two builds whose files are the same clean alike (a speed change must not change the output).
if let path = ProcessInfo.processInfo.environment["BENCH_OUTPUT"] {
    var out = ""
    for html in articles {
        let document = cleaner.clean(html: html, baseURL: "https://news.example/story", title: "Story")
        out += document.text + "\n--\n" + (document.html ?? "") + "\n----\n"
    }
    for html in pages {
        let document = cleaner.clean(page: html, url: "https://news.example/story")
        out += (document?.text ?? "") + "\n--\n" + (document?.html ?? "") + "\n----\n"
    }
    try out.write(toFile: path, atomically: true, encoding: .utf8)
    exit(0)
}
// BENCH_ONLY=entries or =pages runs one half (to count instructions for one stage with perf stat).
let only = ProcessInfo.processInfo.environment["BENCH_ONLY"]
if only != "pages" {
measure("feed entries (safe HTML + clean text)", articles) { html in
    let document = cleaner.clean(html: html, baseURL: "https://news.example/story", title: "Story")
    return document.text.utf8.count + (document.html?.utf8.count ?? 0)
}
}
if only != "entries" {
measure("whole pages (extraction, safe HTML + clean text)", pages) { html in
    guard let document = cleaner.clean(page: html, url: "https://news.example/story") else { return 0 }
    return document.text.utf8.count + (document.html?.utf8.count ?? 0)
}
}
