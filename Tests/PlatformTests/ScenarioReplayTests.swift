import Emissions
import Foundation
import Geo
import Testing
import Vapor
@testable import Impact
@testable import Platform

/// The Fornebu scenario's week replayed through the live platform — announced, scanned in,
/// planned, dispatched and delivered through the API, then accounted — comes to the km and
/// CO2e the scenario engine computes for the same demand, within the routing noise.
@Suite struct ScenarioReplayTests {
    /// Both sides plan with this optimiser time per plan (the scenario's own is 1 s).
    static let planSeconds = 0.3

    @Test func theFornebuWeekThroughThePlatformMatchesTheScenarioEngine() async throws {
        try await Exclusive.shared.run { try await replay() }
    }

    private func replay() async throws {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../examples/fornebu-scenario.json").standardized
        var scenario = try ScenarioDocument.read(data: Data(contentsOf: file), file: file.path)
        scenario.planTimeLimit = Self.planSeconds
        let factors = try EmissionFactors.bundled()
        let runner = ScenarioRunner(scenario: scenario, factors: factors)
        let travel = try runner.travel()
        let demand = DemandGenerator(scenario: scenario).draw()
        let calculator = EmissionCalculator(factors: factors)

        // The scenario engine: every carrier direct, and everyone through the hub (with line-haul).
        var engineDirect = (km: 0.0, co2e: 0.0), engineHub = (km: 0.0, co2e: 0.0)
        for day in 0..<scenario.days {
            for carrier in scenario.carriers.indices {
                let deliveries = demand[day].filter { $0.carrier == carrier }
                guard !deliveries.isEmpty else { continue }
                let measure = runner.measure(try runner.plan(deliveries, from: runner.depotPoint(carrier), fleet: [scenario.carriers[carrier].vehicle],
                                                             day: day, travel: travel, parameters: runner.solverParameters), travel: travel, label: "d\(day)")
                engineDirect.km += measure.km
                engineDirect.co2e += try calculator.calculate(legs: measure.legs).total.wellToWheel
            }
            let hub = try runner.hubPlan(demand[day], day: day, travel: travel)
            engineHub.km += hub.km
            engineHub.co2e += try calculator.calculate(legs: hub.legs).total.wellToWheel
        }

        // The live platform: one hub per scenario day (all on today), the scenario's fleet, recipients and carriers.
        try await TestPlatform.with(.sqlite) { platform in
            let admin = try await platform.adminToken()
            @discardableResult
            func call(_ status: HTTPStatus, _ method: HTTPMethod, _ path: String, _ body: Any? = nil) async throws -> TestPlatform.Reply {
                let reply = try await platform.call(method, path, token: admin, json: body)
                #expect(reply.status == status, "\(method) \(path): \(reply.text)")
                return reply
            }
            try await call(.created, .POST, "/v1/organisations", ["id": "fornebu-hub", "name": "Fornebu HUB", "kind": "hub-operator"])
            try await call(.created, .POST, "/v1/accounts", ["organisationId": "fornebu-hub", "name": "Driver", "role": "driver", "id": "driver"])
            for carrier in scenario.carriers {
                try await call(.created, .POST, "/v1/organisations", ["id": carrier.id, "name": carrier.id, "kind": "carrier"])
                try await call(.ok, .PUT, "/v1/organisations/\(carrier.id)/depot", [
                    "location": [carrier.depot.longitude, carrier.depot.latitude], "vehicleType": carrier.vehicle.type.rawValue,
                    "capacityKg": carrier.vehicle.capacityKg, "capacityParcels": carrier.vehicle.capacityParcels])
            }
            for recipient in scenario.recipients {
                try await call(.created, .POST, "/v1/organisations", ["id": recipient.id, "name": recipient.id, "kind": "recipient"])
                let windows: [[String]] = recipient.timeWindow.map { [$0] } ?? []
                try await call(.created, .POST, "/v1/sites", [
                    "id": recipient.id, "recipientId": recipient.id, "name": recipient.id, "address": recipient.id,
                    "location": [recipient.location.longitude, recipient.location.latitude],
                    "timeWindows": Dictionary(uniqueKeysWithValues: Wire.weekdayNames.map { ($0, windows) }),
                    "serviceMinutes": scenario.stopServiceSeconds / 60])
            }
            var live = (km: 0.0, co2e: 0.0, directKm: 0.0, directCo2e: 0.0, lowKm: 0.0, highKm: 0.0)
            for day in 0..<scenario.days {
                let hubId = "fornebu-day-\(day + 1)"
                try await call(.created, .POST, "/v1/hubs", [
                    "id": hubId, "name": hubId, "operatorId": "fornebu-hub", "location": [scenario.hub.location.longitude, scenario.hub.location.latitude],
                    "timeZone": "Europe/Oslo", "opens": "06:00", "closes": "18:00"])
                for spec in scenario.hub.vehicles {
                    for number in 1...(spec.count ?? 1) {
                        try await call(.created, .POST, "/v1/hubs/\(hubId)/vehicles", [
                            "id": "d\(day + 1)-\(spec.type.rawValue)-\(number)", "type": spec.type.rawValue, "capacityKg": spec.capacityKg, "capacityParcels": spec.capacityParcels])
                    }
                }
                var barcodes: [String] = []
                for delivery in demand[day] {
                    let carrier = scenario.carriers[delivery.carrier].id, recipient = scenario.recipients[delivery.recipient].id
                    let parcels = (1...delivery.parcels).map { ["barcode": "D\(day)-\(carrier)-\(recipient)-\($0)", "weightKg": delivery.kilograms / Double(delivery.parcels)] as [String: Any] }
                    barcodes += parcels.compactMap { $0["barcode"] as? String }
                    try await call(.created, .POST, "/v1/shipments", ["reference": "D\(day)-\(carrier)-\(recipient)", "hubId": hubId, "siteId": recipient,
                                                                   "carrierId": carrier, "parcels": parcels])
                }
                for slice in stride(from: 0, to: barcodes.count, by: 200).map({ barcodes[$0..<min($0 + 200, barcodes.count)] }) {
                    try await call(.ok, .POST, "/v1/events/batch", ["events": slice.map { ["eventId": "scan-\($0)", "barcode": $0, "type": "arrived-at-hub", "time": World.now] }])
                }
                let queued = try await call(.accepted, .POST, "/v1/hubs/\(hubId)/plans", ["timeLimitSeconds": Self.planSeconds])
                let plan = try await platform.waitForPlan(try #require(queued.object["id"] as? String), token: admin)
                #expect((plan.object["unassigned"] as? [Any] ?? []).isEmpty, "day \(day + 1): \(plan.text)")
                var served = 0
                for route in plan.object["routes"] as? [[String: Any]] ?? [] {
                    let id = try #require(route["id"] as? String)
                    try await call(.ok, .POST, "/v1/routes/\(id)/dispatch", ["driverId": "driver"])
                    // In the planned order, a second apart, as a driver serves them.
                    for index in (route["stops"] as? [[String: Any]] ?? []).indices {
                        served += 1
                        try await call(.created, .POST, "/v1/routes/\(id)/stops/\(index)/completion", [
                            "eventId": "done-\(id)-\(index)", "outcome": "delivered", "receiverName": "Kari",
                            "time": Wire.format(Date().addingTimeInterval(Double(served)), in: TimeZone(identifier: "Europe/Oslo")!)])
                    }
                }
                let impact = try #require(try await call(.created, .POST, "/v1/hubs/\(hubId)/impact/\(World.today)").object["impact"] as? [String: Any])
                let consolidated = try #require(impact["consolidated"] as? [String: Any]), direct = try #require(impact["counterfactual"] as? [String: Any])
                live.km += consolidated["vehicleKm"] as? Double ?? 0
                live.co2e += consolidated["co2eWellToWheelKg"] as? Double ?? 0
                live.directKm += direct["vehicleKm"] as? Double ?? 0
                live.directCo2e += direct["co2eWellToWheelKg"] as? Double ?? 0
                let range = impact["counterfactualKmRange"] as? [Double] ?? []
                live.lowKm += range.first ?? 0
                live.highKm += range.last ?? 0
            }
            let report = """
                Fornebu week at \(Self.planSeconds) s per plan — consolidated: scenario \(engineHub.km) km / \(engineHub.co2e) kg CO2e WTW, \
                platform \(live.km) km / \(live.co2e) kg; direct: scenario \(engineDirect.km) km / \(engineDirect.co2e) kg, \
                platform \(live.directKm) km / \(live.directCo2e) kg (seeds \(live.lowKm)–\(live.highKm) km)
                """
            print(report)
            // Within the routing noise: the platform's and the engine's plans differ only by the search's seed and clock.
            func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 0.05 * max(a, b) }
            #expect(close(live.km, engineHub.km) && close(live.co2e, engineHub.co2e), "\(report)")
            #expect(close(live.directKm, engineDirect.km) && close(live.directCo2e, engineDirect.co2e), "\(report)")
        }
    }
}
