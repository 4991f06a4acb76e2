// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "CertPanel",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "certpanel", targets: ["certpanel"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", exact: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", exact: "3.12.3"),
        .package(url: "https://github.com/apple/swift-certificates", exact: "1.21.1"),
        .package(url: "https://github.com/apple/swift-asn1", exact: "1.7.4"),
        .package(url: "https://github.com/LebJe/TOMLKit", exact: "0.6.0"),
    ],
    targets: [
        // C shims over system libraries (Debian: libpsl-dev, libidn2-dev, libncursesw-dev).
        .target(
            name: "CPublicSuffix",
            linkerSettings: [.linkedLibrary("psl"), .linkedLibrary("idn2")]
        ),
        // The system resolver's res_nquery, for the CNAME and TXT lookups getaddrinfo cannot make.
        .target(name: "CResolv", linkerSettings: [.linkedLibrary("resolv")]),
        // libpq, PostgreSQL's client library (Debian: libpq-dev), for the PostgreSQL store.
        .systemLibrary(name: "CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        .target(
            name: "CNcursesw",
            cSettings: [.define("_XOPEN_SOURCE_EXTENDED"), .define("NCURSES_WIDECHAR", to: "1")],
            linkerSettings: [.linkedLibrary("ncursesw")]
        ),

        .target(
            name: "PanelModel",
            dependencies: [
                "CPublicSuffix",
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "PanelStore",
            dependencies: [
                "PanelModel", "CResolv", "CLibPQ",
                .product(name: "GRDB", package: "GRDB.swift"),
                // SQLite's C API, for the progress handler that cancels a stale read.
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "Terminal",
            dependencies: ["CNcursesw", .product(name: "TOMLKit", package: "TOMLKit")]
        ),
        .target(
            name: "PanelScreens",
            dependencies: ["PanelModel", "PanelStore", "Terminal"]
        ),
        .executableTarget(
            name: "certpanel",
            dependencies: [
                "PanelModel", "PanelStore", "PanelScreens", "Terminal",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // Search latency per keystroke at scale, beside SQLite alone (docs/performance.md):
        // `swift build -c release --static-swift-stdlib && .build/release/certpanel-bench`.
        .executableTarget(
            name: "certpanel-bench",
            dependencies: ["PanelStore", "PanelModel", .product(name: "GRDB", package: "GRDB.swift"),
                           .product(name: "GRDBSQLite", package: "GRDB.swift")],
            path: "Benchmarks/certpanel-bench"
        ),

        // What the test targets share: running a real program and reading what it printed.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        // SwiftASN1 and Swift Crypto build and sign CSRs that openssl req never writes.
        .testTarget(name: "PanelModelTests", dependencies: [
            "PanelModel", "TestSupport",
            .product(name: "SwiftASN1", package: "swift-asn1"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "_CryptoExtras", package: "swift-crypto"),
        ]),
        .testTarget(name: "PanelStoreTests", dependencies: ["PanelStore", "PanelModel", "TestSupport"]),
        .testTarget(name: "TerminalTests", dependencies: ["Terminal", "TestSupport"], exclude: ["Golden"]),
        .testTarget(name: "PanelScreensTests", dependencies: ["PanelScreens", "Terminal", "PanelStore", "PanelModel"], exclude: ["Golden"]),
        .testTarget(name: "CertpanelTests", dependencies: ["certpanel", "PanelStore", "PanelModel", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)

// Fuzz harnesses (fuzz/, run by `scripts/fuzz`): they exist only when CERTPANEL_FUZZ is set,
// because they link libFuzzer (`-sanitize=fuzzer`) and cannot be built without it. A plain
// `swift build` never sees them; scripts/fuzz builds them into its own scratch path.
if Context.environment["CERTPANEL_FUZZ"] != nil {
    package.targets.append(.target(name: "CLibFuzzer", path: "fuzz/CLibFuzzer"))
    package.targets.append(.target(name: "FuzzDriver", dependencies: ["CLibFuzzer"], path: "fuzz/FuzzDriver"))
    let harnesses: [(directory: String, target: String, dependencies: [Target.Dependency])] = [
        ("csr", "FuzzCSR", ["PanelModel"]),
        ("pem", "FuzzPEM", ["PanelModel", .product(name: "SwiftASN1", package: "swift-asn1")]),
        ("fixture", "FuzzFixture", ["PanelStore", "PanelModel", .product(name: "GRDB", package: "GRDB.swift")]),
        ("api", "FuzzAPI", ["PanelModel"]),
        ("theme", "FuzzTheme", ["Terminal"]),
        ("input", "FuzzInput", ["Terminal"]),
        ("sshkey", "FuzzSSHKey", ["PanelModel"]),
    ]
    for harness in harnesses {
        package.targets.append(.executableTarget(
            name: harness.target, dependencies: harness.dependencies + ["FuzzDriver"],
            path: "fuzz/\(harness.directory)", exclude: ["corpus", "dict"]))
    }
}
