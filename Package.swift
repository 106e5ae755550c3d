// swift-tools-version: 6.0
import PackageDescription

// Layering (imports only point downwards):
//   samlast (executable) -> SamlastCLI (commands) -> Routing -> Geo
// Pure-logic libraries (Geo, Routing) have no server dependency so they build and test fast.
let package = Package(
    name: "Samlast",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "samlast", targets: ["samlast"]),
        .library(name: "Geo", targets: ["Geo"]),
        .library(name: "Routing", targets: ["Routing"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .target(name: "Geo"),
        .target(name: "Routing", dependencies: ["Geo"]),
        .target(
            name: "SamlastCLI",
            dependencies: [
                "Routing", "Geo",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "samlast", dependencies: ["SamlastCLI"]),
        .testTarget(name: "GeoTests", dependencies: ["Geo"]),
        .testTarget(name: "RoutingTests", dependencies: ["Routing"], resources: [.copy("Fixtures")]),
        .testTarget(name: "SamlastCLITests", dependencies: ["SamlastCLI", "samlast"]),
    ]
)
