// swift-tools-version:6.0
// Tidings: an RSS and Atom feed aggregator daemon.
//
// The target graph is the architecture. Arrows point one way:
//   tidings (CLI) → TidingsScheduler → TidingsFetch / TidingsParse / TidingsClean / TidingsStore → TidingsCore
// C bindings sit under the one module that owns them; no C pointer crosses a module boundary.
import PackageDescription

let strict: [SwiftSetting] = [.swiftLanguageMode(.v6)]

let package = Package(
    name: "Tidings",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "tidings", targets: ["tidings"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        // Tests only: a real HTTP server on 127.0.0.1.
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
    ],
    targets: [
        // C bindings.
        // libcurl's headers only: the library itself is opened at run time (Sources/CCurl/shim.h).
        .systemLibrary(
            name: "CCurl",
            providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(
            name: "CLibXML2", pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]),

        // The value types that flow between stages.
        .target(name: "TidingsCore", swiftSettings: strict),

        // One stage each.
        .target(name: "TidingsFetch", dependencies: ["TidingsCore", "CCurl"], swiftSettings: strict),
        .target(
            name: "TidingsParse", dependencies: ["TidingsCore", "CLibXML2"],
            // The element arena is a class whose arrays are touched once per parser event; Swift's
            // run-time exclusivity checks on those accesses cost a quarter of the parse time
            // (0.81 s against 0.62 s on the 100 MB benchmark feed, docs/benchmarks.md). The parser
            // is single-threaded and its compile-time exclusivity checks stay on.
            swiftSettings: strict + [.unsafeFlags(["-enforce-exclusivity=unchecked"])]),
        .target(name: "TidingsClean", dependencies: ["TidingsCore", "CLibXML2"], swiftSettings: strict),
        .target(
            name: "TidingsStore",
            dependencies: ["TidingsCore", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strict),
        .target(
            name: "TidingsConfig",
            dependencies: ["TidingsCore", "TidingsFetch", "TidingsParse", .product(name: "TOMLKit", package: "TOMLKit")],
            swiftSettings: strict),

        // When and in what order: poll rounds and the daemon loop.
        .target(
            name: "TidingsScheduler",
            dependencies: [
                "TidingsCore", "TidingsFetch", "TidingsParse", "TidingsClean", "TidingsStore", "TidingsConfig",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict),

        // The control CLI and daemon entry point.
        .executableTarget(
            name: "tidings",
            dependencies: [
                "TidingsCore", "TidingsParse", "TidingsClean", "TidingsStore", "TidingsConfig", "TidingsScheduler",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict),

        // The parser under libFuzzer (`make fuzz-parse`); built normally it replays inputs.
        .executableTarget(
            name: "tidings-fuzz-parse", dependencies: ["TidingsParse"], path: "Fuzz/ParseFuzzer", swiftSettings: strict),

        // The store benchmark (`make bench-store`).
        .executableTarget(
            name: "tidings-bench-store",
            dependencies: ["TidingsCore", "TidingsStore", .product(name: "GRDB", package: "GRDB.swift")],
            path: "Benchmarks/StoreBenchmark", swiftSettings: strict),

        // The cleaner benchmark (`make bench-clean`).
        .executableTarget(
            name: "tidings-bench-clean", dependencies: ["TidingsClean"], path: "Benchmarks/CleanBenchmark",
            swiftSettings: strict),

        // The feeds the fetch benchmark serves (`make bench-fetch`).
        .executableTarget(name: "tidings-bench-feeds", path: "Benchmarks/FeedGenerator", swiftSettings: strict),

        // Shared test helpers: a real HTTP server on 127.0.0.1, fixtures, temporary folders.
        .target(
            name: "TidingsTestSupport",
            dependencies: [.product(name: "FlyingFox", package: "FlyingFox")],
            path: "Tests/TidingsTestSupport",
            swiftSettings: strict),

        .testTarget(name: "TidingsCoreTests", dependencies: ["TidingsCore"], swiftSettings: strict),
        .testTarget(
            name: "TidingsFetchTests",
            dependencies: ["TidingsFetch", "TidingsTestSupport", .product(name: "FlyingFox", package: "FlyingFox")],
            swiftSettings: strict),
        .testTarget(
            name: "TidingsParseTests", dependencies: ["TidingsParse", "TidingsTestSupport"], swiftSettings: strict),
        .testTarget(
            name: "TidingsCleanTests", dependencies: ["TidingsClean", "TidingsTestSupport"], swiftSettings: strict),
        .testTarget(
            name: "TidingsStoreTests",
            dependencies: ["TidingsStore", "TidingsTestSupport", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strict),
        .testTarget(
            name: "TidingsConfigTests", dependencies: ["TidingsConfig", "TidingsTestSupport"], swiftSettings: strict),
        .testTarget(
            name: "TidingsSchedulerTests",
            dependencies: ["TidingsScheduler", "TidingsTestSupport"], swiftSettings: strict),
        .testTarget(
            name: "TidingsCLITests",
            dependencies: ["TidingsTestSupport", .product(name: "GRDB", package: "GRDB.swift")], swiftSettings: strict),
    ]
)
