import Foundation
import Synchronization
import TidingsTestSupport
import XCTest

/// Every verb through the built binary, against real files and a real HTTP server.
final class CLITests: XCTestCase {
    var folder: TemporaryDirectory!
    var db: String { folder.file("cli.sqlite") }

    override func setUpWithError() throws { folder = try TemporaryDirectory() }
    override func tearDown() { folder.remove() }

    @discardableResult
    func tidings(_ arguments: [String], input: String? = nil, expect status: Int32 = 0) throws -> TidingsBinary.Result {
        let result = try TidingsBinary.run(arguments, input: input, environment: ["XDG_STATE_HOME": folder.path])
        XCTAssertEqual(result.status, status, "tidings \(arguments.joined(separator: " ")): \(result.stderr)")
        return result
    }

    func testAddListRemoveWithGlobalOptionsBeforeOrAfterTheVerb() throws {
        try tidings(["--db", db, "add", "https://a.example/feed.xml", "--title", "A"])
        try tidings(["add", "https://b.example/rss", "--db", db, "--interval", "2h"])
        let list = try tidings(["list", "--json", "--db", db])
        let feeds = try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as! [[String: Any]]
        XCTAssertEqual(feeds.map { $0["url"] as? String }, ["https://a.example/feed.xml", "https://b.example/rss"])
        XCTAssertEqual(feeds[1]["interval_seconds"] as? Int, 7200)
        XCTAssertTrue(try tidings(["--db", db, "list"]).stdout.contains("https://a.example/feed.xml\tA"))
        try tidings(["--db", db, "remove", "1"])
        try tidings(["--db", db, "remove", "https://b.example/rss"])
        XCTAssertTrue(try tidings(["--db", db, "list"]).stdout.contains("no feeds"))
    }

    func testBadInputGetsAOneLineErrorAndNonZeroExit() throws {
        let badURL = try tidings(["--db", db, "add", "ftp://x.example/feed"], expect: 1)
        XCTAssertTrue(badURL.stderr.contains("scheme 'ftp'"), badURL.stderr)
        let unknown = try tidings(["--db", db, "remove", "https://nope.example/"], expect: 1)
        XCTAssertTrue(unknown.stderr.contains("no such feed: https://nope.example/"), unknown.stderr)
        let missing = try tidings(["--db", db, "parse", folder.file("missing.xml")], expect: 1)
        XCTAssertTrue(missing.stderr.contains("missing.xml: no such file"), missing.stderr)
        try "[poll\n".write(toFile: folder.file("bad.toml"), atomically: true, encoding: .utf8)
        let config = try tidings(["--config", folder.file("bad.toml"), "--db", db, "list"], expect: 1)
        XCTAssertTrue(config.stderr.contains("config \(folder.file("bad.toml")): line 1"), config.stderr)
        XCTAssertEqual(try tidings(["add", "https://a.example/x", "--db", db]).status, 0)
        let twice = try tidings(["add", "https://a.example/x", "--db", db], expect: 1)
        XCTAssertTrue(twice.stderr.contains("already subscribed"), twice.stderr)
    }

    func testAddFulltextIsShownByList() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let db = folder.file("t.sqlite")
        try tidings(["add", "--fulltext", "https://teasers.example/rss", "--db", db])
        try tidings(["add", "https://whole.example/rss", "--db", db])
        XCTAssertTrue(try tidings(["list", "--db", db]).stdout.contains("https://teasers.example/rss\t(untitled)\tfetched never\tstatus -\terrors 0\tnext"))
        let json = try tidings(["list", "--json", "--db", db]).stdout
        XCTAssertEqual(json.components(separatedBy: "\"full_text\":true").count, 2, json)
        XCTAssertEqual(json.components(separatedBy: "\"full_text\":false").count, 2, json)
        XCTAssertTrue(try tidings(["list", "--db", db]).stdout.split(separator: "\n")[0].hasSuffix("\tfull text"))
    }

    func testEveryVerbHasHelp() throws {
        for verb in [
            "add", "remove", "list", "import", "export", "poll", "dump", "consumers", "search", "purge", "daemon", "parse", "clean",
        ] {
            let help = try tidings([verb, "--help"])
            XCTAssertTrue(help.stdout.contains("USAGE: tidings \(verb)"), verb)
        }
    }

    func testImportAndExportOPMLRoundTrip() throws {
        let opml = """
            <opml version="2.0"><body><outline text="News">
            <outline text="One" xmlUrl="https://one.example/feed"/><outline text="Two &amp; more" xmlUrl="https://two.example/rss"/>
            </outline></body></opml>
            """
        XCTAssertTrue(try tidings(["--db", db, "import", "-"], input: opml).stdout.contains("imported 2 feeds, 0 already subscribed"))
        XCTAssertTrue(try tidings(["--db", db, "import", "-"], input: opml).stdout.contains("imported 0 feeds, 2 already subscribed"))
        let exported = try tidings(["--db", db, "export"]).stdout
        XCTAssertTrue(exported.contains("<opml version=\"2.0\""))
        XCTAssertTrue(exported.contains("xmlUrl=\"https://two.example/rss\""))
        XCTAssertTrue(exported.contains("text=\"Two &amp; more\""))
        try exported.write(toFile: folder.file("out.opml"), atomically: true, encoding: .utf8)
        let other = folder.file("other.sqlite")
        XCTAssertTrue(try tidings(["--db", other, "import", folder.file("out.opml")]).stdout.contains("imported 2 feeds"))
        let notOPML = try tidings(["--db", db, "import", "-"], input: "<rss/>", expect: 1)
        XCTAssertTrue(notOPML.stderr.contains("not OPML"), notOPML.stderr)
    }

    func testExportedOPMLCarriesFullTextAndIntervalToAnotherTidings() throws {
        _ = try tidings(["--db", db, "add", "https://teasers.example/feed", "--fulltext", "--interval", "45m"])
        _ = try tidings(["--db", db, "add", "https://plain.example/feed"])
        let exported = try tidings(["--db", db, "export"]).stdout
        try exported.write(toFile: folder.file("list.opml"), atomically: true, encoding: .utf8)
        let other = folder.file("other.sqlite")
        XCTAssertTrue(try tidings(["--db", other, "import", folder.file("list.opml")]).stdout.contains("imported 2 feeds"))
        let feeds = try JSONSerialization.jsonObject(with: Data(try tidings(["--db", other, "list", "--json"]).stdout.utf8))
            as! [[String: Any]]
        let byURL = Dictionary(uniqueKeysWithValues: feeds.map { ($0["url"] as! String, $0) })
        XCTAssertEqual(byURL["https://teasers.example/feed"]?["full_text"] as? Bool, true)
        XCTAssertEqual(byURL["https://teasers.example/feed"]?["interval_seconds"] as? Int, 2700)
        XCTAssertEqual(byURL["https://plain.example/feed"]?["full_text"] as? Bool, false)
        XCTAssertTrue(byURL["https://plain.example/feed"]?["interval_seconds"] is NSNull)
    }

    func testParsePrintsTheDocumentedJSON() throws {
        let result = try tidings(["parse", Fixtures.path("feeds/rss2.xml"), "--url", "https://harbour.example/feed.xml"])
        let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any]
        let feed = json["feed"] as! [String: Any]
        XCTAssertEqual(feed["title"] as? String, "Harbour Gazette")
        XCTAssertEqual(feed["format"] as? String, "rss20")
        XCTAssertEqual(feed["updated"] as? String, "2021-09-07T10:00:00Z")
        let entries = json["entries"] as! [[String: Any]]
        XCTAssertEqual(entries.count, 3)
        XCTAssertEqual(entries[0]["published"] as? String, "2021-09-07T10:00:00Z")
        XCTAssertEqual(entries[0]["content_text"] as? String, "The harbour authority announced fewer sailings from November.\nNight crossings end on the first of the month.")
        XCTAssertTrue(entries[2]["published"] is NSNull)
        XCTAssertEqual((json["warnings"] as! [String]).count, 1)
        XCTAssertTrue(result.stdout.hasPrefix("{\"entries\":[{\"guid\":"), "entries stream first, as documented")
    }

    func testParseSummaryReadsManyFilesAndFailsWhenOneIsNotAFeed() throws {
        let files = ["feeds/rss2.xml", "feeds/formats/jsonfeed11.json", "feeds/malformed/not-a-feed.html"].map(Fixtures.path)
        let result = try tidings(["parse", "--summary"] + files, expect: 1)
        let lines = result.stdout.split(separator: "\n").map { try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        XCTAssertEqual(lines.count, 3)
        XCTAssertEqual(lines[0]["format"] as? String, "rss20")
        XCTAssertEqual(lines[0]["entries"] as? Int, 3)
        XCTAssertEqual(lines[1]["format"] as? String, "json11")
        XCTAssertTrue((lines[2]["error"] as? String)?.contains("not a feed") ?? false, "\(lines[2])")
        let withoutSummary = try tidings(["parse"] + files, expect: 64)
        XCTAssertTrue(withoutSummary.stderr.contains("--summary"), withoutSummary.stderr)
    }

    func testParseTakesAContentTypeAndStandardInput() throws {
        let charset = try tidings(["parse", "--content-type", "text/xml; charset=windows-1251", Fixtures.path("feeds/encodings/http-charset-wins.xml")])
        XCTAssertTrue(charset.stdout.contains("\"title\":\"Новости\""), charset.stdout)
        let piped = try tidings(["parse", "-"], input: try Fixtures.text("feeds/atom.xml"))
        XCTAssertTrue(piped.stdout.contains("\"format\":\"atom10\""), piped.stdout)
    }

    func testCleanPrintsTextOrSafeHTML() throws {
        let text = try tidings(["clean", "-"], input: "Real sentence one here.\nTT\nReal sentence one here.\nAdvertisement\n").stdout
        XCTAssertEqual(text, "Real sentence one here.\n")
        let html = try tidings(["clean", "--html", "--url", "https://s.example/a/", "-"], input: "<p onclick=x()>Hi <a href=\"b\">there</a></p><script>x()</script>")
        XCTAssertEqual(html.stdout, "Hi there\n")
        let safe = try tidings(["clean", "--html", "--safe-html", "--url", "https://s.example/a/", "-"], input: "<p onclick=x()>Hi <a href=\"b\">there</a></p><script>x()</script>")
        XCTAssertEqual(safe.stdout, "<p>Hi <a href=\"https://s.example/a/b\" rel=\"noopener noreferrer nofollow\">there</a></p>\n")
    }

    func testCleanExtractFindsTheArticleInAWholePage() throws {
        let page = Fixtures.path("pages/blog-with-comments.html")
        let text = try tidings(["clean", "--extract", page]).stdout
        XCTAssertEqual(text, try Fixtures.text("pages/blog-with-comments.txt"))
        let html = try tidings(["clean", "--extract", "--safe-html", "--url", "https://northshore.example/2026/03/ferry/", page]).stdout
        XCTAssertTrue(html.contains("<img src=\"https://northshore.example/wp-content/uploads/2026/03/ferry.jpg\""), html)
        XCTAssertFalse(html.contains("comment"), html)
        let empty = try tidings(["clean", "--extract", "-"], input: "<html><body><nav><a href=/>Home</a></nav></body></html>", expect: 1)
        XCTAssertTrue(empty.stderr.contains("no article text found in standard input"), empty.stderr)
    }

    func testPollThenDumpNewDeliversEachArticleOnceWithDuplicatesLeftOut() async throws {
        let server = try await FeedServer.start { server in
            await server.appendRoute("GET /a.xml") { _ in response(200, body: CLITests.feed(guid: "a-1", link: "https://a.example/story")) }
            await server.appendRoute("GET /b.xml") { _ in response(200, body: CLITests.feed(guid: "b-9", link: "https://b.example/copy")) }
        }
        try tidings(["--db", db, "add", server.url("/a.xml")])
        let poll = try tidings(["--db", db, "poll", server.url("/a.xml")])
        XCTAssertEqual(poll.stdout, "\(server.url("/a.xml")): new 1, updated 0, duplicates 0, errors 0\n")
        try tidings(["--db", db, "add", server.url("/b.xml")])
        let second = try tidings(["--db", db, "poll"])
        XCTAssertTrue(second.stdout.contains("\(server.url("/b.xml")): new 0, updated 0, duplicates 1, errors 0"), second.stdout)

        let peek = try tidings(["--db", db, "dump", "--new", "--peek"])
        XCTAssertEqual(peek.stdoutLines.count, 1)
        let dump = try tidings(["--db", db, "dump", "--new"])
        XCTAssertEqual(dump.stdout, peek.stdout)
        let article = try JSONSerialization.jsonObject(with: Data(dump.stdoutLines[0].utf8)) as! [String: Any]
        XCTAssertEqual(article["guid"] as? String, "a-1")
        XCTAssertEqual((article["feed"] as! [String: Any])["url"] as? String, server.url("/a.xml"))
        XCTAssertTrue(article["duplicate_of"] is NSNull)
        for key in ["id", "url", "title", "author", "published", "updated", "fetched", "summary", "content_text", "content_html", "categories", "enclosures"] {
            XCTAssertNotNil(article[key], key)
        }
        XCTAssertEqual(try tidings(["--db", db, "dump", "--new"]).stdout, "", "a consumer gets each article once")
        XCTAssertEqual(try tidings(["--db", db, "dump", "--new", "--consumer", "other"]).stdoutLines.count, 1)
        let copies = try tidings(["--db", db, "dump", "--new", "--with-duplicates", "--consumer", "archivist"]).stdoutLines
        XCTAssertEqual(copies.count, 2, "a consumer that asks for the copies gets them, each once")
        XCTAssertEqual(try tidings(["--db", db, "dump", "--new", "--with-duplicates", "--consumer", "archivist"]).stdout, "")
        let all = try tidings(["--db", db, "dump", "--with-duplicates"]).stdoutLines
        XCTAssertEqual(all.count, 2)
        XCTAssertTrue(all[1].contains("\"duplicate_of\":1"), all[1])
        XCTAssertEqual(try tidings(["--db", db, "dump", "--since", "2030-01-01T00:00:00Z"]).stdout, "")
        XCTAssertEqual(try tidings(["--db", db, "dump", "--feed", server.url("/b.xml"), "--with-duplicates"]).stdoutLines.count, 1)
        let badSince = try tidings(["--db", db, "dump", "--since", "last tuesday"], expect: 1)
        XCTAssertTrue(badSince.stderr.contains("not an RFC 3339 time"), badSince.stderr)
        await server.stop()
    }

    func testEditedArticleIsRedeliveredOnlyToConsumersThatAskForUpdates() async throws {
        let edits = Counter()
        let server = try await FeedServer.start { server in
            await server.appendRoute("GET /a.xml") { _ in
                let body = edits.count == 0 ? "first" : "corrected"
                return response(200, body: CLITests.feed(guid: "a-1", link: "https://a.example/story", lead: body))
            }
        }
        try tidings(["--db", db, "add", server.url("/a.xml")])
        try tidings(["--db", db, "poll"])
        XCTAssertEqual(try tidings(["--db", db, "dump", "--new", "--consumer", "plain"]).stdoutLines.count, 1)
        XCTAssertEqual(try tidings(["--db", db, "dump", "--new", "--updated", "--consumer", "edits"]).stdoutLines.count, 1)

        edits.increment()
        XCTAssertTrue(try tidings(["--db", db, "poll"]).stdout.contains("new 0, updated 1"))
        XCTAssertEqual(try tidings(["--db", db, "dump", "--new", "--consumer", "plain"]).stdout, "", "an edit is not new")
        let redelivered = try tidings(["--db", db, "dump", "--new", "--updated", "--consumer", "edits"]).stdoutLines
        XCTAssertEqual(redelivered.count, 1)
        let article = try JSONSerialization.jsonObject(with: Data(redelivered[0].utf8)) as! [String: Any]
        XCTAssertEqual(article["id"] as? Int, 1, "the same article, edited in place")
        XCTAssertEqual(article["edited"] as? Bool, true)
        XCTAssertTrue((article["content_text"] as? String ?? "").hasPrefix("corrected"), "\(article)")
        XCTAssertEqual(try tidings(["--db", db, "dump", "--new", "--updated", "--consumer", "edits"]).stdout, "", "once")
        // A consumer that never received it gets the article once, as it is now.
        let late = try tidings(["--db", db, "dump", "--new", "--consumer", "late"]).stdoutLines
        XCTAssertEqual(late.count, 1)
        XCTAssertTrue(late[0].contains("\"content_text\":\"corrected"), late[0])
        XCTAssertTrue(try tidings(["--db", db, "dump", "--updated"], expect: 64).stderr.contains("--updated goes with --new"))
        await server.stop()
    }

    func testGoneFeedIsListedSkippedByPollAndRevivedByPollingItByName() async throws {
        let back = Counter()
        let server = try await FeedServer.start { server in
            await server.appendRoute("GET /a.xml") { _ in
                back.count == 0 ? response(410) : response(200, body: CLITests.feed(guid: "a-1", link: "https://a.example/story"))
            }
        }
        let url = server.url("/a.xml")
        try tidings(["--db", db, "add", url])
        XCTAssertTrue(try tidings(["--db", db, "poll"]).stdout.contains("gone (410), no more polls until"), "not an error")
        XCTAssertTrue(try tidings(["--db", db, "list"]).stdout.contains("next never (gone)"))
        let list = try JSONSerialization.jsonObject(with: Data(try tidings(["--db", db, "list", "--json"]).stdout.utf8)) as! [[String: Any]]
        XCTAssertNotNil(list.first?["gone"] as? String)
        XCTAssertEqual(try tidings(["--db", db, "poll"]).stdout, "", "a gone feed is left out of a round")

        back.increment()
        XCTAssertEqual(try tidings(["--db", db, "poll", url]).stdout, "\(url): new 1, updated 0, duplicates 0, errors 0\n")
        XCTAssertFalse(try tidings(["--db", db, "list"]).stdout.contains("gone"), "polled by name: back in the schedule")
        await server.stop()
    }

    /// What `list` and `status` show once feeds were polled: the status, the errors in a row and the
    /// last error of a failing feed, and the counts.
    func testListAndStatusShowAPolledFeedAndAFailingOne() async throws {
        let server = try await FeedServer.start { server in
            await server.appendRoute("GET /ok.xml") { _ in response(200, body: CLITests.feed(guid: "ok-1", link: "https://ok.example/1")) }
            await server.appendRoute("GET /broken.xml") { _ in response(500) }
        }
        try tidings(["--db", db, "add", server.url("/ok.xml")])
        try tidings(["--db", db, "add", server.url("/broken.xml")])
        try tidings(["--db", db, "poll"], expect: 1)
        let lines = try tidings(["--db", db, "list"]).stdoutLines
        XCTAssertEqual(lines.count, 2)
        XCTAssertTrue(lines[0].contains("\(server.url("/ok.xml"))\tT ok-1\tfetched 20"), lines[0])
        XCTAssertTrue(lines[0].contains("\tstatus 200\terrors 0\tnext 20"), lines[0])
        XCTAssertFalse(lines[0].contains("last error"), lines[0])
        XCTAssertTrue(lines[1].contains("\tstatus 500\terrors 1\tnext 20"), lines[1])
        XCTAssertTrue(lines[1].hasSuffix("\tlast error: HTTP 500"), lines[1])
        let status = try tidings(["--db", db, "status"], expect: 3).stdout
        XCTAssertTrue(status.contains("feeds: 2 (due now 0, failing 1, gone 0)"), status)
        XCTAssertTrue(status.contains("articles stored today (UTC): 1"), status)
        await server.stop()
    }

    /// Every per-feed line of the log names its feed (`feed=URL`), whatever the outcome, so that
    /// `journalctl | grep` finds a feed's whole story.
    func testEveryPerFeedLogLineNamesTheFeed() async throws {
        let server = try await FeedServer.start { server in
            await server.appendRoute("GET /ok.xml") { request in
                if request.headers[.init("If-None-Match")] == "\"1\"" { return response(304) }
                return response(200, body: CLITests.feed(guid: "ok", link: "https://ok.example/1"), headers: ["ETag": "\"1\""])
            }
            await server.appendRoute("GET /moved.xml") { _ in response(301, headers: ["Location": "/ok.xml"]) }
            await server.appendRoute("GET /busy.xml") { _ in response(429, headers: ["Retry-After": "600"]) }
            await server.appendRoute("GET /page.html") { _ in response(200, body: "<html><body>Not a feed</body></html>") }
        }
        let urls = ["/ok.xml", "/moved.xml", "/busy.xml", "/page.html", "/missing.xml"].map(server.url)
        for url in urls { try tidings(["--db", db, "add", url]) }
        try "[fetch]\nhost_spacing = \"0s\"\nper_host = 8\n".write(toFile: folder.file("f.toml"), atomically: true, encoding: .utf8)
        var lines: [String] = []
        for _ in 0..<2 { lines += try tidings(["--config", folder.file("f.toml"), "--db", db, "poll", "--verbose"], expect: 1).stderr.split(separator: "\n").map(String.init) }
        XCTAssertGreaterThanOrEqual(lines.count, 2 * urls.count, lines.joined(separator: "\n"))
        for line in lines {
            XCTAssertTrue(urls.contains { line.contains("feed=\($0) ") }, "a line without its feed: \(line)")
        }
        for url in urls { XCTAssertTrue(lines.contains { $0.contains("feed=\(url) ") }, "nothing logged for \(url)") }
        await server.stop()
    }

    /// A URL typed with a space or non-ASCII letters (or an international host) is stored
    /// percent-encoded, as browsers send it, and polls; kept as typed, libcurl refused it at every poll.
    func testURLWithASpaceOrNonASCIIIsStoredEncodedAndPolls() async throws {
        let paths = Mutex<[String]>([])
        let server = try await FeedServer.start { server in
            await server.appendRoute("GET /*") { request in
                paths.withLock { $0.append(request.path) }
                return response(200, body: CLITests.feed(guid: request.path, link: "https://a.example/\(paths.withLock { $0.count })"))
            }
        }
        let added = try tidings(["--db", db, "add", server.url("/feeds/a b.xml")]).stdout
        XCTAssertEqual(added, "added feed 1: \(server.url("/feeds/a%20b.xml"))\n")
        XCTAssertTrue(try tidings(["--db", db, "add", server.url("/feeds/café.xml")]).stdout.hasSuffix(server.url("/feeds/caf%C3%A9.xml") + "\n"))
        XCTAssertTrue(try tidings(["--db", db, "add", "https://bücher.example/feed"]).stdout.hasSuffix("https://xn--bcher-kva.example/feed\n"))
        try tidings(["--db", db, "remove", "https://xn--bcher-kva.example/feed"])
        XCTAssertFalse(try tidings(["--db", db, "poll"]).stdout.contains("errors 1"))
        XCTAssertEqual(Set(paths.withLock { $0 }).count, 2, "\(paths.withLock { $0 })")
        await server.stop()
    }

    /// Spellings of one address are one feed: it had been subscribed, and fetched at every round,
    /// once per spelling. `remove` and `poll` find it under any of them too.
    func testSpellingsOfOneAddressAreOneFeed() throws {
        XCTAssertEqual(try tidings(["--db", db, "add", "HTTP://News.Example:80/a/../feed.xml?#top"]).stdout, "added feed 1: http://news.example/feed.xml\n")
        for spelling in [
            "http://news.example/feed.xml", "http://NEWS.example/feed.xml#latest", "http://news.example:80/feed.xml",
            "http://news.example/./feed.xml", " http://news.example/feed.xml\n",
        ] {
            let result = try TidingsBinary.run(["--db", db, "add", spelling])
            XCTAssertEqual(result.status, 1, spelling)
            XCTAssertTrue(result.stderr.contains("already subscribed: http://news.example/feed.xml"), result.stderr)
        }
        XCTAssertEqual(try tidings(["--db", db, "add", "https://news.example:443"]).stdout, "added feed 2: https://news.example/\n")
        let refused = try TidingsBinary.run(["--db", db, "add", "http://news.example:99999/feed.xml"])
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(refused.stderr.contains("port 99999 is not in 1–65535"), refused.stderr)
        XCTAssertEqual(try tidings(["--db", db, "remove", "HTTP://news.EXAMPLE/feed.xml#x "]).stdout, "removed feed 1: http://news.example/feed.xml\n")
    }

    /// A feed behind a password: fetched with it, but the password is neither logged nor printed;
    /// `list --json` and `export` keep the address whole.
    func testPasswordInAFeedAddressIsNotLoggedOrPrinted() async throws {
        let authorizations = Mutex<[String]>([])
        let server = try await FeedServer.start { server in
            await server.appendRoute("GET /private.xml") { request in
                authorizations.withLock { $0.append(request.headers[.init("Authorization")] ?? "") }
                return response(404)
            }
        }
        let url = server.url("/private.xml").replacingOccurrences(of: "http://", with: "http://reader:hunter2@")
        let added = try tidings(["--db", db, "add", url])
        let polled = try tidings(["--db", db, "poll"], expect: 1)
        let listed = try tidings(["--db", db, "list"])
        for output in [added.stdout, polled.stdout, polled.stderr, listed.stdout] {
            XCTAssertFalse(output.contains("hunter2"), output)
            XCTAssertTrue(output.contains("reader:***@"), output)
        }
        XCTAssertEqual(authorizations.withLock { $0 }, ["Basic " + Data("reader:hunter2".utf8).base64EncodedString()])
        XCTAssertTrue(try tidings(["--db", db, "list", "--json"]).stdout.contains("reader:hunter2@"))
        XCTAssertTrue(try tidings(["--db", db, "export"]).stdout.contains("reader:hunter2@"))
        await server.stop()
    }

    func testDumpThatCannotWriteDoesNotMoveTheCursor() throws {
        try tidings(["--db", db, "add", Fixtures.path("feeds/rss2.xml")])
        try "[fetch]\nallowed_schemes = [\"file\"]\n".write(toFile: folder.file("f.toml"), atomically: true, encoding: .utf8)
        try tidings(["--config", folder.file("f.toml"), "--db", db, "poll"])
        // Standard output closed: nothing can be written, the dump fails, the consumer is re-served.
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/bin/sh")
        shell.arguments = ["-c", "'\(TidingsBinary.path)' --db '\(db)' dump --new --consumer piped >&-"]
        shell.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try shell.run()
        shell.waitUntilExit()
        XCTAssertNotEqual(shell.terminationStatus, 0)
        XCTAssertEqual(try tidings(["--db", db, "dump", "--new", "--consumer", "piped"]).stdoutLines.count, 3)

        // Standard output on a full device: a clear error, and the consumer is re-served too.
        let full = Process()
        full.executableURL = URL(fileURLWithPath: TidingsBinary.path)
        full.arguments = ["--db", db, "dump", "--new", "--consumer", "full"]
        full.standardOutput = FileHandle(forWritingAtPath: "/dev/full")
        let errors = Pipe()
        full.standardError = errors
        try full.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        full.waitUntilExit()
        XCTAssertNotEqual(full.terminationStatus, 0)
        XCTAssertTrue(message.contains("cannot write to standard output: No space left on device"), message)
        XCTAssertEqual(try tidings(["--db", db, "dump", "--new", "--consumer", "full"]).stdoutLines.count, 3)
    }

    func testConsumersSearchJSONDumpAndPurge() throws {
        try tidings(["--db", db, "add", Fixtures.path("feeds/rss2.xml")])
        try "[fetch]\nallowed_schemes = [\"file\"]\n".write(toFile: folder.file("f.toml"), atomically: true, encoding: .utf8)
        try tidings(["--config", folder.file("f.toml"), "--db", db, "poll"])

        // One array, parseable whole.
        let array = try tidings(["--db", db, "dump", "--format", "json"]).stdout
        let articles = try JSONSerialization.jsonObject(with: Data(array.utf8)) as! [[String: Any]]
        XCTAssertEqual(articles.count, 3)

        // Consumers: how far behind each is.
        try tidings(["--db", db, "dump", "--new", "--consumer", "bot", "--limit", "1"])
        let consumers = try JSONSerialization.jsonObject(with: Data(try tidings(["--db", db, "consumers", "--json"]).stdout.utf8)) as! [[String: Any]]
        XCTAssertEqual(consumers.first?["name"] as? String, "bot")
        XCTAssertEqual(consumers.first?["behind"] as? Int, 2)

        // Search: stemmed words over titles and text.
        let found = try tidings(["--db", db, "search", "sailing", "--json"]).stdoutLines
        XCTAssertEqual(found.count, 1, "\(found)")
        let hit = try JSONSerialization.jsonObject(with: Data(found[0].utf8)) as? [String: Any]
        XCTAssertTrue((hit?["title"] as? String)?.contains("Ferry timetable") == true, found[0])
        XCTAssertNotNil(hit?["content_text"] as? String, "the same shape as a dump line")
        let plain = try tidings(["--db", db, "search", "sailing"]).stdout
        XCTAssertThrowsError(try JSONSerialization.jsonObject(with: Data(plain.utf8)), "without --json: text, not JSON")
        let bad = try tidings(["--db", db, "search", "\"unclosed"], expect: 1)
        XCTAssertTrue(bad.stderr.contains("not a valid query"), bad.stderr)

        // Purge: gone, and a later poll of the same feed does not bring them back.
        XCTAssertTrue(try tidings(["--db", db, "purge", "--older-than", "0s"], expect: 1).stderr.contains("not a duration"))
        XCTAssertTrue(try tidings(["--db", db, "purge", "--older-than", "1s"]).stdout.hasPrefix("purged 0"))
        Thread.sleep(forTimeInterval: 1.1)
        XCTAssertTrue(try tidings(["--db", db, "purge", "--older-than", "1s"]).stdout.hasPrefix("purged 3"))
        XCTAssertEqual(try tidings(["--db", db, "dump"]).stdoutLines.count, 0)
    }

    func testDaemonPollsAddedFeedAndStopsCleanlyOnSIGTERM() throws {
        try "[fetch]\nallowed_schemes = [\"file\"]\n".write(toFile: folder.file("f.toml"), atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: TidingsBinary.path)
        process.arguments = ["daemon", "--config", folder.file("f.toml"), "--db", db]
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        try tidings(["--db", db, "add", Fixtures.path("feeds/rss1.rdf")])
        var delivered = 0
        for _ in 0..<100 where delivered == 0 {
            Thread.sleep(forTimeInterval: 0.1)
            delivered = try tidings(["--db", db, "dump", "--new", "--peek"]).stdoutLines.count
        }
        XCTAssertEqual(delivered, 2, "the running daemon picks up a feed added by the CLI")
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0)
    }

    static func feed(guid: String, link: String, lead: String = "") -> String {
        let body = lead + (1...60).map { " word\($0)" }.joined()
        return """
            <?xml version="1.0"?><rss version="2.0"><channel><title>T \(guid)</title>
            <item><title>Shared story</title><guid>\(guid)</guid><link>\(link)</link>
            <pubDate>Tue, 07 Sep 2021 10:00:00 GMT</pubDate><description>&lt;p&gt;\(body).&lt;/p&gt;</description></item>
            </channel></rss>
            """
    }
}
