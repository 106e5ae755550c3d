import Emissions
import ExternalTools
import Foundation
import Testing
import Vapor
@testable import Platform

/// A hub's day accounted from what the driver recorded: the figures add up by hand, each party
/// reads only its own footprints, the iLEAP export meets the published schemas, and the
/// municipality sees aggregates of at least three carriers only.
@Suite struct ImpactAccountingTests {
    /// Carriers A (standard depot) and B (own depot) send a shipment each; the driver delivers every stop.
    func deliveredDay(_ world: World) async throws -> (shipmentA: String, shipmentB: String) {
        try await world.expect(.ok, .PUT, "/v1/organisations/carrier-b/depot", as: "carrierB",
                               ["location": [10.75, 59.91], "vehicleType": "e-van", "capacityKg": 600, "capacityParcels": 60])
        let shipmentA = try await world.announce("A-1", barcodes: ["A-001", "A-002"], site: "site-school-1", as: "carrierA")
        let shipmentB = try await world.announce("B-1", barcodes: ["B-001"], site: "site-shop-2", as: "carrierB")
        try await world.scanIn(["A-001", "A-002", "B-001"])
        let plan = try await world.planToday()
        for route in try #require(plan["routes"] as? [[String: Any]]) {
            let id = try #require(route["id"] as? String)
            try await world.expect(.ok, .POST, "/v1/routes/\(id)/dispatch", as: "hub", ["driverId": world.accounts["driver"]!])
            for index in (route["stops"] as? [[String: Any]] ?? []).indices {
                try await world.expect(.created, .POST, "/v1/routes/\(id)/stops/\(index)/completion", as: "driver",
                                       ["eventId": "done-\(id)-\(index)", "outcome": "delivered", "time": World.now, "receiverName": "Kari"])
            }
        }
        return (shipmentA, shipmentB)
    }

    @Test(arguments: Backend.allCases)
    func aDeliveredDayIsAccountedAndEachPartyReadsItsOwn(_ backend: Backend) async throws {
        try await TestPlatform.with(backend) { platform in
            let world = try await World(platform)
            let (shipmentA, shipmentB) = try await deliveredDay(world)
            let path = "/v1/hubs/hub-a/impact/\(World.today)"
            let revision = try await world.expect(.created, .POST, path, as: "hub").object
            #expect(revision["status"] as? String == "computed" && revision["revision"] as? Int == 1, "\(revision)")
            let impact = try #require(revision["impact"] as? [String: Any])
            let legs = try #require(impact["legs"] as? [[String: Any]])

            // By hand: energy = km × the vehicle's consumption, CO2e = energy × the carrier's factor.
            let factors = try EmissionFactors.bundled()
            let deliveries = legs.filter { $0["kind"] as? String == "delivery" }
            #expect(!deliveries.isEmpty)
            for leg in legs where leg["kind"] as? String != "hub" {
                let vehicle = try factors.vehicle(try #require(leg["vehicleCategory"] as? String))
                let carrier = try factors.carrier(vehicle.energyCarrier)
                let km = try #require(leg["distanceKm"] as? Double), energy = try #require(leg["energy"] as? Double)
                let emissions = try #require(leg["emissions"] as? [String: Double])
                #expect(abs(energy - km * vehicle.consumptionPerKm) < 1e-9, "\(leg)")
                #expect(abs((emissions["wellToWheel"] ?? -1) - energy * carrier.wellToWheelKgCO2ePerUnit) < 1e-9, "\(leg)")
                let allocations = try #require(leg["allocations"] as? [[String: Any]])
                #expect(abs(allocations.compactMap { $0["share"] as? Double }.reduce(0, +) - 1) < 1e-9, "\(leg)")
                // Shares by tonne-km: each allocation's share ∝ tonnes × shortest feasible km.
                let weights = allocations.map { ($0["tonnes"] as? Double ?? 0) * ($0["shortestFeasibleKm"] as? Double ?? 0) }
                for (allocation, weight) in zip(allocations, weights) where weights.reduce(0, +) > 0 {
                    #expect(abs((allocation["share"] as? Double ?? 0) - weight / weights.reduce(0, +)) < 1e-9, "\(leg)")
                }
            }
            let consolidated = try #require(impact["consolidated"] as? [String: Any])
            let systemKm = legs.filter { $0["system"] as? String == "consolidated" }.compactMap { $0["distanceKm"] as? Double }.reduce(0, +)
            #expect(abs((consolidated["vehicleKm"] as? Double ?? 0) - systemKm) < 1e-9)
            let direct = Set(legs.filter { $0["kind"] as? String == "direct" }.compactMap { ($0["id"] as? String)?.split(separator: ":").dropFirst().first.map(String.init) })
            #expect(direct == ["carrier-a", "carrier-b"], "each carrier's counterfactual: \(direct)")
            let assumptions = impact["assumptions"] as? [String] ?? []
            #expect(assumptions.contains { $0.hasPrefix("1 of 2 carriers gave no depot") }, "\(assumptions)")
            // The hub's energy: 0.05 kWh per parcel handled, shared equally by the two shipments.
            let hub = try #require(legs.first { $0["kind"] as? String == "hub" })
            #expect(abs((hub["energy"] as? Double ?? 0) - 3 * World.hubEnergyPerParcelKWh) < 1e-12, "\(hub)")
            #expect((hub["allocations"] as? [[String: Any]])?.compactMap { $0["share"] as? Double } == [0.5, 0.5], "\(hub)")

            // Footprints: each carrier its own shipment; the municipality none; a shipper without shipments an empty list.
            let ofA = try await world.expect(.ok, .GET, "/v1/footprints", as: "carrierA").object["footprints"] as? [[String: Any]] ?? []
            #expect(ofA.map { $0["shipmentId"] as? String } == [shipmentA], "\(ofA)")
            let ofB = try await world.expect(.ok, .GET, "/v1/footprints.csv", as: "carrierB").text
            #expect(ofB.hasPrefix("shipment_id,carrier_id,") && ofB.contains(shipmentB) && !ofB.contains(shipmentA), "\(ofB)")
            #expect(ofB.split(separator: "\r\n").count == 2, "\(ofB)")
            try await world.expect(.forbidden, .GET, "/v1/footprints", as: "municipality")
            let ofShipper = try await world.expect(.ok, .GET, "/v1/footprints", as: "shipper").object["footprints"] as? [[String: Any]]
            #expect(ofShipper?.isEmpty == true, "\(ofShipper ?? [])")
            let footprintOfA = try #require(ofA.first)
            let shipmentElements = (impact["shipments"] as? [[String: Any]] ?? []).first { $0["shipmentId"] as? String == shipmentA }
            let transport = ((shipmentElements?["transport"] as? [String: Double])?["wellToWheel"]).map {
                $0 + ((shipmentElements?["hub"] as? [String: Double])?["wellToWheel"] ?? 0)
            }
            #expect(transport.map { abs($0 - (footprintOfA["co2eWellToWheelKg"] as? Double ?? -1)) < 1e-6 } == true, "\(footprintOfA)")

            // The municipality: two carriers are fewer than three, so the figures are withheld.
            let forMunicipality = try await world.expect(.ok, .GET, "/v1/impact", as: "municipality").object["hubs"] as? [[String: Any]] ?? []
            let hubA = try #require(forMunicipality.first { $0["hubId"] as? String == "hub-a" })
            #expect(hubA["suppressed"] as? Bool == true && hubA["consolidated"] == nil && hubA["carriers"] as? String == "fewer than 3", "\(hubA)")
            let forHub = try await world.expect(.ok, .GET, "/v1/impact?period=day", as: "hub").object["hubs"] as? [[String: Any]] ?? []
            let figures = try #require(forHub.first)
            #expect(figures["suppressed"] as? Bool == false && figures["daysAccounted"] as? Int == 1, "\(figures)")
            #expect((figures["consolidated"] as? [String: Any])?["parcels"] as? Int == 3, "\(figures)")
            let csv = try await world.expect(.ok, .GET, "/v1/impact.csv?period=day", as: "hub").text
            #expect(csv.split(separator: "\r\n").count == 2 && csv.hasPrefix("hub_id,day,factor_version"), "\(csv)")

            // The pages: the carrier's own emissions; the hub's dashboard with the saving; the municipality's withheld report.
            let carrierPage = try await platform.call(.GET, "/ui/footprints?lang=en", token: world.tokens["carrierA"])
            #expect(carrierPage.status == .ok && carrierPage.text.contains(shipmentA) && !carrierPage.text.contains(shipmentB), "\(carrierPage.text)")
            let dashboard = try await platform.call(.GET, "/ui/municipality?from=\(World.today)&to=\(World.today)&lang=en", token: world.tokens["hub"])
            #expect(dashboard.status == .ok && dashboard.text.contains("What consolidation saved") && dashboard.text.contains("<svg"), "\(dashboard.text)")
            let report = try await platform.call(.GET, "/ui/municipality/report?month=\(World.today.prefix(7))&lang=en", token: world.tokens["municipality"])
            #expect(report.status == .ok && report.text.contains("Withheld: fewer than 3 carriers") && !report.text.contains("<svg"), "\(report.text)")
            let redirected = try await platform.call(.GET, "/ui/municipality?period=month&to=\(World.today)", token: world.tokens["municipality"])
            #expect(redirected.status == .seeOther && redirected.headers.first(name: .location)?.hasSuffix("-01&to=\(World.today.prefix(7))-\(Self.lastDay(of: World.today))") == true,
                    "\(redirected.headers)")

            // Versioned: accounting again adds a revision; the first keeps its numbers.
            let second = try await world.expect(.created, .POST, path, as: "hub").object
            #expect(second["revision"] as? Int == 2)
            let revisions = try await world.expect(.ok, .GET, path, as: "hubViewer").array
            #expect(revisions.map { $0["revision"] as? Int } == [2, 1])
            #expect(((revisions.last?["impact"] as? [String: Any])?["consolidated"] as? [String: Any])?["vehicleKm"] as? Double
                    == consolidated["vehicleKm"] as? Double)
            let unknown = try await world.expect(.unprocessableEntity, .POST, path + "?factorVersion=1999.9", as: "hub").text
            #expect(unknown.contains("1999.9") && unknown.contains("2025.1"), "\(unknown)")
            // Bad input: a month that does not exist, a depot vehicle the factor table cannot price, the role before the table.
            let month13 = try await world.expect(.badRequest, .GET, "/v1/impact?from=2026-13-01&to=2026-12-02", as: "hub").text
            #expect(month13.contains("from: '2026-13-01' is not a day of the calendar"), "\(month13)")
            let truck = try await world.expect(.unprocessableEntity, .PUT, "/v1/organisations/carrier-b/depot", as: "carrierB",
                                               ["location": [10.75, 59.91], "vehicleType": "truck", "capacityKg": 8000, "capacityParcels": 400]).text
            #expect(truck.contains("$.vehicleType: factor table 2025.1 has no consumption for 'truck'"), "\(truck)")
            try await world.expect(.forbidden, .GET, "/v1/impact?factorVersion=1999.9", as: "carrierA")
            let noDay = try await world.expect(.unprocessableEntity, .POST, "/v1/hubs/hub-a/impact/2020-01-01", as: "hub").text
            #expect(noDay.contains("nothing to account"), "\(noDay)")
        }
    }

    /// The last day of the month of `day` (`YYYY-MM-DD`), two digits.
    static func lastDay(of day: String) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        let parts = day.split(separator: "-").compactMap { Int($0) }
        let date = calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: 1)) ?? Date()
        return String(format: "%02d", calendar.range(of: .day, in: .month, for: date)?.count ?? 0)
    }

    @Test func theILEAPExportMeetsThePublishedSchemas() async throws {
        try await TestPlatform.with(.sqlite) { platform in
            let world = try await World(platform)
            _ = try await deliveredDay(world)
            try await world.expect(.created, .POST, "/v1/hubs/hub-a/impact/\(World.today)", as: "hub")
            let export = try await world.expect(.ok, .GET, "/v1/footprints/ileap", as: "carrierA").object
            let footprints = try #require(export["data"] as? [[String: Any]])
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ileap-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let schemas = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../Fixtures/iLEAP").standardized
            var kinds: [String: Int] = [:]
            for (index, footprint) in footprints.enumerated() {
                let element = try #require((footprint["extensions"] as? [[String: Any]])?.first)
                let schema = try #require((element["dataSchema"] as? String).flatMap { URL(string: $0)?.lastPathComponent })
                kinds[schema, default: 0] += 1
                let data = directory.appendingPathComponent("data-\(index).json"), whole = directory.appendingPathComponent("pf-\(index).json")
                try JSONSerialization.data(withJSONObject: try #require(element["data"])).write(to: data)
                try JSONSerialization.data(withJSONObject: footprint).write(to: whole)
                let errors = try ExternalTools.schemaErrors(document: data, schema: schemas.appendingPathComponent(schema), in: directory)
                #expect(errors.isEmpty, "\(schema) of footprint \(index): \(errors)")
                if schema == "shipment-footprint.json" {
                    let wrapper = try ExternalTools.schemaErrors(document: whole, schema: schemas.appendingPathComponent("pcf-shipment-footprint.json"), in: directory)
                    #expect(wrapper.isEmpty, "PACT footprint \(index): \(wrapper)")
                }
            }
            #expect(kinds["shipment-footprint.json"] == 1 && (kinds["toc.json"] ?? 0) >= 1 && kinds["hoc.json"] == 1, "\(kinds)")
            // A decimal is a string, as iLEAP requires.
            let tce = try #require((((footprints.first?["extensions"] as? [[String: Any]])?.first?["data"] as? [String: Any])?["tces"] as? [[String: Any]])?.first)
            #expect(tce["co2eWTW"] is String && tce["transportActivity"] is String, "\(tce)")
        }
    }
}
