// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "consortiumd",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "ConsortiumCore", targets: ["ConsortiumCore"]),
        .executable(name: "consortiumctl", targets: ["consortiumctl"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        .target(
            name: "ConsortiumCore",
            dependencies: [.product(name: "Yams", package: "Yams")]
        ),
        .executableTarget(
            name: "consortiumctl",
            dependencies: [
                "ConsortiumCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "ConsortiumCoreTests", dependencies: ["ConsortiumCore"]),
        // Runs the built `consortiumctl` (swift test builds the executable too).
        .testTarget(name: "consortiumctlTests", dependencies: ["ConsortiumCore"]),
    ]
)
