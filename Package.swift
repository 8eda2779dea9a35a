// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "engage-sync",
    products: [
        .library(name: "EngageSync", targets: ["EngageSync"]),
        .executable(name: "engage-sync", targets: ["engage-sync"]),
        .executable(name: "engage-sync-gen", targets: ["engage-sync-gen"]),
    ],
    targets: [
        // C libraries from Debian (libxml2-dev, libyaml-dev), reached through small shims.
        .systemLibrary(
            name: "CLibXML2", path: "Sources/CLibXML2", pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(
            name: "CYAML", path: "Sources/CYAML", pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"])]),
        // The sync as a library: readers → plain records → rules → writers, plus state.
        .target(
            name: "EngageSync",
            dependencies: ["CLibXML2", "CYAML"],
            // Exclusivity is proven statically where it matters; the dynamic checks cost ~5% of a sync.
            swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]),
        // The command line: a thin shell over the library.
        .executableTarget(name: "engage-sync", dependencies: ["EngageSync"]),
        // Benchmark scenarios and reader throughputs (bench/README.md); not part of the product.
        .executableTarget(name: "engage-sync-gen", dependencies: ["EngageSync"]),
        .testTarget(name: "EngageSyncTests", dependencies: ["EngageSync"]),
    ]
)
