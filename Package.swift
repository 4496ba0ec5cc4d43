// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "consortiumd",
    products: [
        .library(name: "ConsortiumCore", targets: ["ConsortiumCore"]),
        .executable(name: "consortiumctl", targets: ["consortiumctl"]),
        .executable(name: "consortiumd", targets: ["consortiumd"]),
    ],
    dependencies: [
        // Exact: ConsortiumCore reads libyaml's events through Yams's CYaml module (NodeComposer.swift).
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", exact: "0.9.20"),
        // The registry and text exposition of the metrics file (runbook.md "Monitoring").
        .package(url: "https://github.com/swift-server/swift-prometheus", exact: "2.4.1"),
        // Diagnostics at debug priority (Systemd's JournalLogHandler; config `diagnostics`, --verbose).
        .package(url: "https://github.com/apple/swift-log", exact: "1.16.2"),
        // The HTML report's templates (escapes HTML by default): Sources/ConsortiumReport.
        .package(url: "https://github.com/hummingbird-project/swift-mustache", exact: "2.1.1"),
        // SHA-256 behind ConsortiumCore's own `SHA256` (Support/SHA256.swift; docs/performance.md "SHA-256").
        .package(url: "https://github.com/apple/swift-crypto", exact: "4.5.2"),
        // swift-crypto's own dependency (its `from: "1.2.0"`; only its CryptoExtras, which we do
        // not use, imports it), pinned so it cannot move. No target uses it, so SwiftPM warns
        // "dependency 'swift-asn1' is not used by any target"; the pin still holds in resolution.
        .package(url: "https://github.com/apple/swift-asn1.git", exact: "1.7.4"),
        // swift-prometheus's own dependencies (its `from: "1.0.2"` and `from: "2.4.1"`), pinned
        // for the same reason and with the same warning.
        .package(url: "https://github.com/apple/swift-atomics.git", exact: "1.3.0"),
        .package(url: "https://github.com/apple/swift-metrics.git", exact: "2.13.0"),
    ],
    targets: [
        .target(
            name: "ConsortiumCore",
            dependencies: [.product(name: "Yams", package: "Yams"), .product(name: "Crypto", package: "swift-crypto")]
        ),
        // Word forms (.docx): the reader of untrusted bytes (docs/reliability.md, "Word files") and the
        // mapping of 附件1/附件2 to documents (docs/word-forms.md).
        .target(
            name: "ConsortiumDocx",
            dependencies: ["ConsortiumCore", "CZlibSystem"]
        ),
        // The system zlib (zlib1g-dev), linked directly.
        .systemLibrary(name: "CZlibSystem", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // Hand-made .docx inputs (valid and hostile) for tests, consortium-bench and fuzzing seeds.
        .target(
            name: "ConsortiumDocxSamples",
            dependencies: ["ConsortiumDocx", "CZlibSystem", .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
        // The bureau's overview (runbook.md "The report"): what the pages show, a pure function of the
        // state (ReportModel), rendered by Mustache templates and written file by file, atomically.
        .target(
            name: "ConsortiumReport",
            dependencies: ["ConsortiumCore", .product(name: "Mustache", package: "swift-mustache")]
        ),
        .systemLibrary(name: "CSystemd", pkgConfig: "libsystemd", providers: [.apt(["libsystemd-dev"])]),
        .target(name: "Systemd", dependencies: ["CSystemd", .product(name: "Logging", package: "swift-log")]),
        .systemLibrary(name: "CLinux"),
        // The daemon's state on disk, read and written without systemd: the SQLite database (Store),
        // the archive read back (ArchiveReader, Verification), the resident model, the report's facts.
        // consortiumctl links this and not ConsortiumDaemon (docs/architecture.md "Module edges").
        .target(
            name: "ConsortiumStore",
            dependencies: [
                "ConsortiumCore", "ConsortiumDocx", "ConsortiumReport", "CLinux",
                .product(name: "GRDB", package: "GRDB.swift"),
                // The C API, to read millions of rows at start-up without a String each (RawColumns.swift).
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),
        .target(
            name: "ConsortiumDaemon",
            dependencies: [
                "ConsortiumCore", "ConsortiumDocx", "ConsortiumReport", "ConsortiumStore", "Systemd", "CLinux",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "consortiumd",
            dependencies: ["ConsortiumDaemon", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .executableTarget(
            name: "consortiumctl",
            dependencies: [
                "ConsortiumCore", "ConsortiumDocx", "ConsortiumStore", "ConsortiumReport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "consortium-bench",
            dependencies: [
                "ConsortiumCore", "ConsortiumDocx", "ConsortiumDocxSamples", "ConsortiumDaemon", "ConsortiumStore", "ConsortiumBenchState",
                "ConsortiumReport",
            ]
        ),
        // Writes daemon states of N generated consortia for the start-up benchmark.
        .target(name: "ConsortiumBenchState", dependencies: ["ConsortiumCore", "ConsortiumStore"]),
        // libFuzzer target with -DFUZZING (scripts/fuzz.sh); otherwise a replay tool for its inputs.
        // What the fuzz target does with one input, shared with the fuzz regression tests.
        .target(name: "ConsortiumFuzzing", dependencies: ["ConsortiumCore", "ConsortiumDocxSamples"]),
        .executableTarget(name: "ConsortiumFuzz", dependencies: ["ConsortiumFuzzing"]),
        .testTarget(name: "ConsortiumCoreTests", dependencies: ["ConsortiumCore", "ConsortiumFuzzing"]),
        .testTarget(
            name: "ConsortiumDocxTests",
            dependencies: ["ConsortiumDocx", "ConsortiumDocxSamples", .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
        .testTarget(name: "ConsortiumReportTests", dependencies: ["ConsortiumReport", "ConsortiumCore"]),
        .testTarget(name: "ConsortiumDocxFormTests", dependencies: ["ConsortiumDocx", "ConsortiumCore"]),
        .testTarget(
            name: "ConsortiumDaemonTests",
            dependencies: [
                "ConsortiumDaemon", "ConsortiumStore", "ConsortiumCore", "Systemd", "ConsortiumBenchState",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        // Runs the built `consortiumctl` (swift test builds the executable too).
        .testTarget(
            name: "consortiumctlTests",
            dependencies: ["consortiumctl", "ConsortiumCore", "ConsortiumStore", .product(name: "GRDB", package: "GRDB.swift")]
        ),
    ]
)
