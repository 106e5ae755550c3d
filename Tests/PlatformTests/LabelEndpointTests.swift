import ExternalTools
import Foundation
import Testing
import Vapor
@testable import Platform

/// Labels and manifests as the API prints them: they scan back to the parcel's barcode and
/// address, hold one page per parcel, and are refused to those who may not see the parcel.
@Suite struct LabelEndpointTests {
    @Test func labelsAndManifestsScanBackAndAreRefusedToOthers() async throws {
        try await TestPlatform.with(.sqlite, configure: { $0.publicURL = "https://samlast.example.no" }) { platform in
            let world = try await World(platform)
            let shipment = try await world.announce("A-7", barcodes: ["A-701", "A-702", "A-703"], site: "site-school-1", as: "carrierA")
            try await world.announce("B-7", barcodes: ["B-701"], site: "site-shop-2", as: "carrierB")
            try await world.scanIn(["A-701", "A-702", "A-703", "B-701"])

            let label = try await world.expect(.ok, .GET, "/v1/parcels/A-702/label", as: "carrierA")
            #expect(label.headers.first(name: .contentType) == "application/pdf")
            let labels = try await world.expect(.ok, .GET, "/v1/shipments/\(shipment)/labels", as: "hub")
            let plan = try await world.planToday()
            let route = try #require((plan["routes"] as? [[String: Any]])?.first { World.parcels(on: $0).contains("A-701") })
            let routeId = try #require(route["id"] as? String)
            try await world.expect(.ok, .POST, "/v1/routes/\(routeId)/dispatch", as: "hub", ["driverId": world.accounts["driver"]!])
            let manifest = try await world.expect(.ok, .GET, "/v1/routes/\(routeId)/manifest.pdf", as: "driver")

            try withTemporaryDirectory { directory in
                let labelFile = directory.appendingPathComponent("label.pdf")
                try label.data.write(to: labelFile)
                #expect(try ExternalTools.pageCount(pdf: labelFile, in: directory) == 1)
                #expect(try ExternalTools.decodeSymbols(pdf: labelFile, in: directory)
                    == ["A-702", "https://samlast.example.no/v1/parcels/A-702"])
                let labelText = try ExternalTools.text(pdf: labelFile, in: directory)
                for printed in ["Carrier-A", "Hub A", "Oksenøya skole", "Forneburingen 78", "A-7", "2 av 3"] {
                    #expect(labelText.contains(printed), "the label prints \(printed): \(labelText)")
                }

                let shipmentFile = directory.appendingPathComponent("labels.pdf")
                try labels.data.write(to: shipmentFile)
                #expect(try ExternalTools.pageCount(pdf: shipmentFile, in: directory) == 3)
                for (page, barcode) in ["A-701", "A-702", "A-703"].enumerated() {
                    #expect(try ExternalTools.decodeSymbols(pdf: shipmentFile, page: page + 1, in: directory).contains(barcode))
                }

                let manifestFile = directory.appendingPathComponent("manifest.pdf")
                try manifest.data.write(to: manifestFile)
                #expect(try ExternalTools.decodeSymbols(pdf: manifestFile, in: directory).contains(routeId))
                let manifestText = try ExternalTools.text(pdf: manifestFile, in: directory)
                for barcode in World.parcels(on: route) { #expect(manifestText.contains(barcode), "the manifest lists \(barcode)") }
                #expect(manifestText.contains("07:00–16:00"), "the manifest prints the site's window: \(manifestText)")
            }

            // Refusals: as the JSON reads are, and with a reason a person can act on.
            let stranger = try await world.expect(.notFound, .GET, "/v1/parcels/A-702/label", as: "carrierB")
            #expect(stranger.headers.first(name: .contentType)?.hasPrefix("application/problem+json") == true)
            #expect(stranger.object["detail"] as? String == "parcel 'A-702' was not found")
            try await world.expect(.notFound, .GET, "/v1/parcels/NO-SUCH/label", as: "hub")
            try await world.expect(.forbidden, .GET, "/v1/parcels/A-702/label", as: "municipality")
            try await world.expect(.notFound, .GET, "/v1/shipments/\(shipment)/labels", as: "recipient2")
            try await world.expect(.notFound, .GET, "/v1/routes/\(routeId)/manifest.pdf", as: "otherDriver")
            try await world.expect(.unauthorized, .GET, "/v1/parcels/A-702/label", as: nil)
        }
    }
}
