// swift-tools-version: 6.0
import PackageDescription

// Layering (imports only point downwards):
//   samlast (executable) -> SamlastCLI (commands) -> Roads -> Routing -> Geo
// Roads implements Routing's TravelMatrixProvider on an OpenStreetMap road graph.
// Pure-logic libraries (Geo, Routing) have no server dependency so they build and test fast.
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
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .target(name: "Geo"),
        .target(name: "Routing", dependencies: ["Geo"]),
        .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"])]),
        .target(name: "Roads", dependencies: ["Geo", "Routing", "CZlib"]),
        .target(name: "Emissions", resources: [.copy("Resources/emission-factors.json")]),
        .target(name: "Impact", dependencies: ["Geo", "Routing", "Emissions"]),
        .target(name: "Domain", dependencies: ["Geo", "Routing"]),
        .target(
            name: "SamlastCLI",
            dependencies: [
                "Routing", "Geo", "Roads", "Emissions", "Impact",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "samlast", dependencies: ["SamlastCLI"]),
        .testTarget(name: "GeoTests", dependencies: ["Geo"]),
        .testTarget(name: "RoutingTests", dependencies: ["Routing"], resources: [.copy("Fixtures")]),
        .testTarget(name: "RoadsTests", dependencies: ["Roads"]),
        .testTarget(name: "EmissionsTests", dependencies: ["Emissions"]),
        .testTarget(name: "ImpactTests", dependencies: ["Impact"]),
        .testTarget(name: "DomainTests", dependencies: ["Domain"]),
        .testTarget(name: "SamlastCLITests", dependencies: ["SamlastCLI", "samlast"]),
    ]
)
