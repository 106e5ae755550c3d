// swift-tools-version: 6.0
import PackageDescription

// Layering (imports only point downwards):
//   samlast (executable) -> SamlastCLI (commands) -> Platform (HTTP API, web UI, planning worker)
//   Platform -> Store (SQL on SQLite or PostgreSQL: queries by aggregate, named migrations)
//   Store, Platform -> Domain (parties and access rules, parcels, hub planning) -> Routing -> Geo
//   Platform -> Roads (OpenStreetMap road graphs; Routing's TravelMatrixProvider)
//   Platform -> Zones (a municipality's zone rules and trip verdicts, loading bays, the Curb Data Specification) -> Routing, Geo
//   Lockers (neutral parcel lockers: sites, compartments, signed offline access tokens, pickup codes, allocation) -> Geo;
//     samlast-locker-verify (what an offline locker runs) -> Lockers only
//   Platform -> Impact (the hub's real days accounted by ISO 14083 beside their counterfactual, as scenarios are)
//   SamlastCLI -> Impact -> Emissions, Domain (a scenario plans its days with the hub's HubPlanner)
//   Impact (report), Platform (web UI) -> Pages (page models, Mustache templates that escape by default,
//     bokmål and English catalogues, SVG maps) -> Domain (its states and roles), Zones (rule names), Geo; Pages knows no server or database
//   Platform -> Labels (Code 128 / GS1-128, QR, a PDF writer; parcel labels and route manifests), which depends on nothing,
//     and Mail (RFC 5322 messages, an SMTP client with STARTTLS), which depends on SwiftNIO only
// Only Platform depends on Vapor; Store on the database drivers only (no HTTP); the pure-logic
// libraries build and test fast without either.
let package = Package(
    name: "Samlast",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "samlast", targets: ["samlast"]),
        .library(name: "Geo", targets: ["Geo"]),
        .library(name: "Routing", targets: ["Routing"]),
        .library(name: "Roads", targets: ["Roads"]),
        .library(name: "Emissions", targets: ["Emissions"]),
        .library(name: "Impact", targets: ["Impact"]),
        .library(name: "Domain", targets: ["Domain"]),
        .library(name: "Zones", targets: ["Zones"]),
        .library(name: "Lockers", targets: ["Lockers"]),
        .executable(name: "samlast-locker-verify", targets: ["samlast-locker-verify"]),
        .library(name: "Labels", targets: ["Labels"]),
        .library(name: "Mail", targets: ["Mail"]),
        .library(name: "Platform", targets: ["Platform"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/vapor/vapor", from: "4.110.0"),
        .package(url: "https://github.com/vapor/fluent", from: "4.12.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver", from: "4.8.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver", from: "2.10.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.0.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.0.0"..<"5.0.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.24.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.81.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.29.0"),
    ],
    targets: [
        .target(name: "Geo"),
        .target(name: "Routing", dependencies: ["Geo"]),
        .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"])]),
        .target(name: "Roads", dependencies: ["Geo", "Routing", "CZlib"]),
        .target(name: "Labels"),
        .target(name: "Zones", dependencies: ["Geo", "Routing", .product(name: "Crypto", package: "swift-crypto")]),
        .target(name: "Lockers", dependencies: ["Geo", .product(name: "Crypto", package: "swift-crypto")]),
        // What an offline locker runs: the Lockers library and a key, nothing that talks to a network.
        .executableTarget(name: "samlast-locker-verify", dependencies: ["Lockers", .product(name: "ArgumentParser", package: "swift-argument-parser")],
                          path: "Sources/LockerVerify"),
        .target(name: "Mail", dependencies: [
            .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOTLS", package: "swift-nio"), .product(name: "NIOSSL", package: "swift-nio-ssl"),
        ]),
        .target(name: "Emissions", resources: [.copy("Resources/emission-factors.json")]),
        .target(name: "Pages", dependencies: ["Geo", "Domain", "Zones", .product(name: "Mustache", package: "swift-mustache")], resources: [.copy("Templates"), .copy("Strings")]),
        .target(name: "Impact", dependencies: ["Geo", "Routing", "Emissions", "Domain", "Pages"]),
        .target(name: "Domain", dependencies: ["Geo", "Routing", .product(name: "Crypto", package: "swift-crypto")], resources: [.copy("Resources/common-passwords.txt")]),
        .target(
            name: "Store",
            dependencies: [
                "Domain", "Geo", "Routing",
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
            ]
        ),
        .target(
            name: "Platform",
            dependencies: [
                "Domain", "Store", "Pages", "Labels", "Mail", "Routing", "Roads", "Geo", "Impact", "Emissions", "Zones",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            resources: [.copy("Resources")]
        ),
        .target(
            name: "SamlastCLI",
            dependencies: [
                "Routing", "Geo", "Roads", "Emissions", "Domain", "Impact", "Platform", "Mail", "Zones", "Pages",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "samlast", dependencies: ["SamlastCLI"]),
        .testTarget(name: "GeoTests", dependencies: ["Geo"]),
        .testTarget(name: "RoutingTests", dependencies: ["Routing"], resources: [.copy("Fixtures")]),
        .testTarget(name: "RoadsTests", dependencies: ["Roads"]),
        .testTarget(name: "EmissionsTests", dependencies: ["Emissions"]),
        .testTarget(name: "ZonesTests", dependencies: ["Zones"], resources: [.copy("Fixtures")]),
        .testTarget(name: "LockersTests", dependencies: ["Lockers"]),
        // Runs pdftoppm, pdfinfo, pdftotext and zbarimg for the tests that scan printed output.
        .target(name: "ExternalTools", path: "Tests/Support/ExternalTools"),
        .testTarget(name: "LabelsTests", dependencies: ["Labels", "ExternalTools"]),
        .testTarget(name: "MailTests", dependencies: ["Mail", .product(name: "NIOPosix", package: "swift-nio")], resources: [.copy("Resources")]),
        .testTarget(name: "ImpactTests", dependencies: ["Impact"]),
        .testTarget(name: "PagesTests", dependencies: ["Pages", "Zones"]),
        .testTarget(name: "DomainTests", dependencies: ["Domain"]),
        .testTarget(name: "StoreTests", dependencies: ["Store"], resources: [.copy("Fixtures")]),
        .testTarget(
            name: "PlatformTests",
            // The server-process tests run the built `samlast` executable.
            dependencies: ["Platform", "Store", "Mail", "Zones", "samlast", "ExternalTools", .product(name: "VaporTesting", package: "vapor")]
        ),
        .testTarget(name: "SamlastCLITests", dependencies: ["SamlastCLI", "samlast", "Zones", "Lockers", "samlast-locker-verify"]),
    ]
)
