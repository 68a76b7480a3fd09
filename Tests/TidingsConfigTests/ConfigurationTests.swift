import TidingsConfig
import TidingsTestSupport
import XCTest

final class ConfigurationTests: XCTestCase {
    func testShippedConfigFilesLoadWithTheirDocumentedDefaults() throws {
        let shipped = try Configuration.load(path: Fixtures.repositoryRoot.appendingPathComponent("Config/tidings.toml").path)
        XCTAssertEqual(shipped, Configuration(), "Config/tidings.toml must show the built-in defaults")
        let demo = try Configuration.load(path: Fixtures.repositoryRoot.appendingPathComponent("Config/demo.toml").path)
        XCTAssertTrue(demo.fetch.allowedSchemes.contains("file"))
    }

    func testValuesAndDurationsAreRead() throws {
        let configuration = try Configuration.parse(
            """
            database = "/tmp/x.sqlite"
            [poll]
            interval = "2h"
            [fetch]
            timeout = 15
            allowed_schemes = ["https"]
            """, path: "test.toml")
        XCTAssertEqual(configuration.databasePath, "/tmp/x.sqlite")
        XCTAssertEqual(configuration.pollInterval, 7200)
        XCTAssertEqual(configuration.fetch.totalTimeout, 15)
        XCTAssertEqual(configuration.fetch.allowedSchemes, ["https"])
        let schedule = try Configuration.parse(
            "[poll]\nmin_interval = \"5m\"\nmax_backoff = \"6h\"\njitter_percent = 20\npermanent_redirect_polls = 5",
            path: "s.toml"
        ).schedule
        XCTAssertEqual(try Configuration.parse("[poll]\nfull_text_pages = 5", path: "f.toml").fullTextPagesPerPoll, 5)
        XCTAssertEqual(
            try Configuration.parse("[fetch]\nmax_buffered_bytes = 1048576", path: "b.toml").fetch.maxBufferedBytes, 1_048_576)
        XCTAssertThrowsError(try Configuration.parse("[poll]\nfull_text_pages = 0", path: "f.toml"))
        XCTAssertEqual(try Configuration.parse("max_database_bytes = 2097152", path: "m.toml").maximumDatabaseBytes, 2_097_152)
        XCTAssertNil(Configuration().maximumDatabaseBytes, "no size limit unless one is set")
        XCTAssertThrowsError(try Configuration.parse("max_database_bytes = 1000", path: "m.toml"), "below 1 MiB")
        for huge in ["9223372036854775807", "\"999999999999999999d\""] {
            XCTAssertThrowsError(try Configuration.parse("[poll]\nmax_interval = \(huge)", path: "h.toml")) { error in
                XCTAssertTrue("\(error)".contains("at most 100 years"), "\(error)")
            }
        }
        let authority = Fixtures.path("tls/127.0.0.1.crt")
        XCTAssertEqual(try Configuration.parse("[fetch]\nca_file = \"\(authority)\"", path: "c.toml").fetch.caFile, authority)
        XCTAssertThrowsError(try Configuration.parse("[fetch]\nca_file = \"/nonexistent/ca.pem\"", path: "c.toml")) { error in
            XCTAssertEqual("\(error)", "config c.toml: fetch.ca_file: cannot read /nonexistent/ca.pem")
        }
        XCTAssertEqual(schedule.minimumInterval, 300)
        XCTAssertEqual(schedule.maximumBackoff, 21600)
        XCTAssertEqual(schedule.jitter, 0.2)
        XCTAssertEqual(schedule.permanentRedirectPolls, 5)
    }

    func testUnknownKeysWrongKindsAndBrokenTOMLSayWhere() {
        XCTAssertThrowsError(try Configuration.parse("[fetch]\nusr_agent = \"x\"", path: "a.toml")) { error in
            XCTAssertEqual("\(error)", "config a.toml: unknown setting 'fetch.usr_agent'")
        }
        XCTAssertThrowsError(try Configuration.parse("[poll]\ninterval = \"often\"", path: "b.toml")) { error in
            XCTAssertTrue("\(error)".hasPrefix("config b.toml: poll.interval: expected a duration"), "\(error)")
        }
        XCTAssertThrowsError(try Configuration.parse("[poll\ninterval = 3", path: "c.toml")) { error in
            XCTAssertTrue("\(error)".hasPrefix("config c.toml: line 1"), "\(error)")
        }
        XCTAssertThrowsError(try Configuration.parse("[poll]\nmin_interval = \"2h\"\nmax_interval = \"1h\"", path: "d.toml")) { error in
            XCTAssertEqual("\(error)", "config d.toml: poll.min_interval is longer than poll.max_interval")
        }
        XCTAssertThrowsError(try Configuration.parse("[poll]\njitter_percent = 80", path: "e.toml")) { error in
            XCTAssertTrue("\(error)".hasPrefix("config e.toml: poll.jitter_percent: 80 is out of range"), "\(error)")
        }
        XCTAssertThrowsError(try Configuration.load(path: "/nonexistent/tidings.toml")) { error in
            XCTAssertTrue("\(error)".hasPrefix("config /nonexistent/tidings.toml: cannot read"), "\(error)")
        }
    }

    func testDefaultDatabaseLivesUnderXDGStateHomeWithoutRoot() {
        XCTAssertEqual(
            Configuration.defaultDatabasePath(environment: ["XDG_STATE_HOME": "/s", "HOME": "/h"], isRoot: false),
            "/s/tidings/tidings.sqlite")
        XCTAssertEqual(
            Configuration.defaultDatabasePath(environment: ["HOME": "/h"], isRoot: false), "/h/.local/state/tidings/tidings.sqlite")
        XCTAssertEqual(Configuration.defaultDatabasePath(environment: [:], isRoot: true), "/var/lib/tidings/tidings.sqlite")
    }
}
