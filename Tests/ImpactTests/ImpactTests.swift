import Emissions
import Foundation
import Geo
import Routing
import Testing
@testable import Impact

@Suite struct ZoneTests {
    let square = Zone(ring: [Coordinate(longitude: 0, latitude: 0), Coordinate(longitude: 1, latitude: 0),
                            Coordinate(longitude: 1, latitude: 1), Coordinate(longitude: 0, latitude: 1), Coordinate(longitude: 0, latitude: 0)])

    @Test func containsPointsInsideOnly() {
        #expect(square.contains(Coordinate(longitude: 0.5, latitude: 0.5)))
        #expect(!square.contains(Coordinate(longitude: 1.5, latitude: 0.5)))
    }

    @Test func measuresTheShareOfALegInsideAndItsEntries() {
        // From outside (-1) to the middle (0.5): 1.5 long, 0.5 inside = 1/3; it enters once.
        let share = square.share(from: Coordinate(longitude: -1, latitude: 0.5), to: Coordinate(longitude: 0.5, latitude: 0.5))
        #expect(abs(share.inside - 1.0 / 3) < 0.05)
        #expect(share.entries == 1)
        #expect(square.share(from: Coordinate(longitude: 2, latitude: 2), to: Coordinate(longitude: 3, latitude: 3)).inside == 0)
    }
}

@Suite struct ScenarioTests {
    /// A small valid scenario; tests change one thing in it.
    static let small = """
    {"name": "small", "seed": 7, "days": 2, "planTimeLimit": 0.05,
     "hub": {"location": [10.62, 59.90], "vehicles": [{"type": "e-van", "capacityKg": 800, "capacityParcels": 80, "count": 2},
                                                      {"type": "e-cargo-bike", "capacityKg": 200, "capacityParcels": 25, "count": 2}]},
     "carriers": [{"id": "a", "depot": [10.84, 59.93], "vehicle": {"type": "diesel-van", "capacityKg": 800, "capacityParcels": 80}, "marketShare": 0.5},
                  {"id": "b", "depot": [10.52, 59.89], "vehicle": {"type": "diesel-van", "capacityKg": 800, "capacityParcels": 80}, "marketShare": 0.5}],
     "recipients": [{"id": "r1", "location": [10.61, 59.895], "category": "shop", "timeWindow": ["07:00", "12:00"]},
                    {"id": "r2", "location": [10.63, 59.90], "category": "school"},
                    {"id": "r3", "location": [10.625, 59.893], "category": "office"}],
     "demand": {"deliveriesPerWeek": {"default": 10}, "meanParcelsPerDelivery": 2, "parcelWeightKg": 5},
     "zone": {"type": "Polygon", "coordinates": [[[10.60, 59.88], [10.65, 59.88], [10.65, 59.91], [10.60, 59.91], [10.60, 59.88]]]},
     "hubParticipation": [0.5, 1]}
    """

    private func read(_ text: String) throws -> ScenarioDocument { try ScenarioDocument.read(data: Data(text.utf8), file: "s.json") }

    private func message(_ text: String) -> String? { #expect(throws: FormatError.self) { try read(text) }?.message }

    @Test func rejectsBadScenariosWithThePath() {
        #expect(message(Self.small.replacingOccurrences(of: "\"days\": 2", with: "\"days\": 0")) == "$.days: expected 1…366 days")
        #expect(message(Self.small.replacingOccurrences(of: "[\"07:00\", \"12:00\"]", with: "[\"12:00\", \"07:00\"]"))?
            .hasPrefix("$.recipients[0].timeWindow: expected") == true)
        #expect(message(Self.small.replacingOccurrences(of: "\"id\": \"r3\"", with: "\"id\": \"r1\"")) == "$.recipients[2].id: duplicate recipient id 'r1'")
        #expect(message(Self.small.replacingOccurrences(of: "\"marketShare\": 0.5}]", with: "\"marketShare\": 0.5, \"colour\": \"red\"}]"))?
            .hasPrefix("$.carriers[1].colour: unknown field") == true)
        #expect(message(Self.small.replacingOccurrences(of: "[10.60, 59.88]]]}", with: "[10.61, 59.88]]]}"))?
            .hasPrefix("$.zone.coordinates: a Polygon's outer ring") == true)
        #expect(message(Self.small.replacingOccurrences(of: "\"parcelWeightKg\": 5", with: "\"parcelWeight\": 5"))?
            .hasPrefix("$.demand.parcelWeight: unknown field") == true)
    }

    @Test func demandIsReproducibleAndFollowsTheDistribution() throws {
        var scenario = try read(Self.small)
        scenario.days = 200
        let first = DemandGenerator(scenario: scenario).draw(), second = DemandGenerator(scenario: scenario).draw()
        #expect(first == second)
        let all = first.joined()
        let deliveries = Double(all.reduce(0) { $0 + $1.deliveries }), parcels = Double(all.reduce(0) { $0 + $1.parcels })
        // 3 recipients × 10 per week ÷ 5 days × 200 days = 1200 deliveries expected; mean 2 parcels each.
        #expect(abs(deliveries - 1200) < 120)
        #expect(abs(parcels / deliveries - 2) < 0.15)
    }

    @Test func comparesDirectAndConsolidatedPlans() throws {
        let scenario = try read(Self.small)
        let result = try ScenarioRunner(scenario: scenario, factors: try EmissionFactors.bundled()).run()
        #expect(result.variants.count == 3)
        #expect(result.variants.map(\.hubParticipation) == [0, 0.5, 1])
        for variant in result.variants {
            #expect(variant.kpis.unservedParcels == 0, "\(variant.name)")
            #expect(variant.kpis.vehicleKm > 0 && variant.kpis.co2eWellToWheelKg > 0)
        }
        let direct = result.variants[0].kpis, hub = result.variants[2].kpis
        // Consolidation merges the carriers' stops at each recipient: fewer stops, more parcels each.
        #expect(hub.stopsPerRecipientPerWeek <= direct.stopsPerRecipientPerWeek)
        #expect(hub.parcelsPerStop >= direct.parcelsPerStop)
        // Diesel vans only in direct: tank-to-wheel emissions exist there; the hub variant's come from line-haul.
        #expect(direct.co2eTankToWheelKg > 0)
        #expect(result.factorVersion == "2025.1")
        let html = HTMLReport(result: result).html
        #expect(html.contains("<svg") && !html.contains("http://") && !html.contains("https://"))
    }
}

@Suite struct PolicyVariantTests {
    private func scenario(_ extra: String) throws -> ScenarioDocument {
        let text = ScenarioTests.small.replacingOccurrences(of: "\"hubParticipation\": [0.5, 1]}", with: "\"hubParticipation\": [1], \(extra)}")
        return try ScenarioDocument.read(data: Data(text.utf8), file: "s.json")
    }

    @Test func bundlesDeliveriesOntoFixedDays() throws {
        var document = try scenario(#""policyVariants": [{"name": "fixed", "fixedDeliveryDays": [1, 3], "fixedDayCategories": ["school"]}]"#)
        document.days = 5
        let runner = ScenarioRunner(scenario: document, factors: try EmissionFactors.bundled())
        let demand = DemandGenerator(scenario: document).draw()
        let bundled = runner.bundle(demand, onto: [1, 3], categories: ["school"])
        let school = document.recipients.firstIndex { $0.category == "school" }!
        // Schools only on days 1 and 3 (day 4's deliveries wrap to day 1 of the same week), nothing lost.
        for (day, deliveries) in bundled.enumerated() where ![1, 3].contains(day) {
            #expect(!deliveries.contains { $0.recipient == school })
        }
        #expect(bundled.joined().reduce(0) { $0 + $1.parcels } == demand.joined().reduce(0) { $0 + $1.parcels })
        let others = { (days: [[Delivery]]) in days.map { $0.filter { $0.recipient != school }.reduce(0) { $0 + $1.parcels } } }
        #expect(others(bundled) == others(demand))
    }

    @Test func runsPolicyVariantsWithEveryCarrierViaTheHub() throws {
        let document = try scenario(#""municipalCarriers": ["b"], "policyVariants": [{"name": "evening", "eveningWindow": ["16:00", "21:00"], "eveningCategories": ["shop"]}]"#)
        let result = try ScenarioRunner(scenario: document, factors: try EmissionFactors.bundled()).run()
        #expect(result.variants.map(\.name).last == "evening")
        #expect(result.variants.last?.kpis.unservedParcels == 0)
        #expect(result.assumptions.contains { $0.contains("municipality's own suppliers (b) first") })
    }

    @Test func reportShowsEveryVariantAndKPIInEitherLanguage() throws {
        let document = try scenario(#""policyVariants": [{"name": "evening", "eveningWindow": ["16:00", "21:00"], "eveningCategories": ["shop"]}]"#)
        let result = try ScenarioRunner(scenario: document, factors: try EmissionFactors.bundled()).run()
        let page = HTMLReport(result: result).page
        #expect(page.variants.map(\.name) == result.variants.map(\.name))
        #expect(page.variants.map(\.policyNumber) == [nil, nil, 1], "direct, all via the hub, then the policy variant")
        #expect(page.variants[0].vehicleKmShare == 1 && page.variants[1].vehicleKmShare > 0)
        #expect(page.kpis.map(\.name) == KPIValues.definitions.map(\.name))
        #expect(page.kpis.allSatisfy { $0.cells.count == result.variants.count && $0.cells[0].changePercent == nil })
        #expect(page.maps.map(\.variant) == [result.variants[0].name, "evening"])
        let bokmål = HTMLReport(result: result, language: .nb).html
        #expect(bokmål.contains("<html lang=\"nb\">") && bokmål.contains("<h2>Nøkkeltall</h2>") && bokmål.contains(">variant 1</text>"))
        #expect(HTMLReport(result: result).html.contains("<h2>Key figures</h2>"), "English unless asked")
    }

    @Test func rejectsBadVariants() throws {
        #expect(throws: FormatError.self) { try scenario(#""municipalCarriers": ["nobody"]"#) }
        let error = #expect(throws: FormatError.self) { try scenario(#""policyVariants": [{"name": "x", "fixedDeliveryDays": [7]}]"#) }
        #expect(error?.message.hasPrefix("$.policyVariants[0].fixedDeliveryDays") == true)
    }
}
