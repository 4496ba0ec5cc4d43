// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "consortiumd",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "ConsortiumCore", targets: ["ConsortiumCore"]),
        .executable(name: "consortiumctl", targets: ["consortiumctl"]),
        .executable(name: "consortiumd", targets: ["consortiumd"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        .target(
            name: "ConsortiumCore",
            dependencies: [.product(name: "Yams", package: "Yams")]
        ),
        .systemLibrary(name: "CSystemd", pkgConfig: "libsystemd", providers: [.apt(["libsystemd-dev"])]),
        .target(name: "Systemd", dependencies: ["CSystemd"]),
        .systemLibrary(name: "CLinux"),
        .target(
            name: "ConsortiumDaemon",
            dependencies: [
                "ConsortiumCore", "Systemd", "CLinux",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .executableTarget(
            name: "consortiumd",
            dependencies: ["ConsortiumDaemon"]
        ),
        .executableTarget(
            name: "consortiumctl",
            dependencies: [
                "ConsortiumCore", "ConsortiumDaemon",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "consortium-bench", dependencies: ["ConsortiumCore", "ConsortiumDaemon", "ConsortiumBenchState"]),
        // Writes daemon states of N generated consortia for the start-up benchmark.
        .target(name: "ConsortiumBenchState", dependencies: ["ConsortiumCore", "ConsortiumDaemon"]),
        // libFuzzer target with -DFUZZING (scripts/fuzz.sh); otherwise a replay tool for its inputs.
        .executableTarget(name: "ConsortiumFuzz", dependencies: ["ConsortiumCore"]),
        .testTarget(name: "ConsortiumCoreTests", dependencies: ["ConsortiumCore"]),
        .testTarget(name: "ConsortiumDaemonTests", dependencies: ["ConsortiumDaemon", "ConsortiumCore", "Systemd", "ConsortiumBenchState"]),
        // Runs the built `consortiumctl` (swift test builds the executable too).
        .testTarget(name: "consortiumctlTests", dependencies: ["ConsortiumCore"]),
    ]
)
