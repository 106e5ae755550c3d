import Domain
import Emissions
import Foundation
import Geo
import Routing
import Testing
@testable import Impact

/// A scenario's day and a live hub's day are planned by the same planner: the same parcels,
/// sites and fleet give the same routes.
@Suite struct SamePlanTests {
    let scenario: ScenarioDocument = try! ScenarioDocument.read(data: Data(ScenarioTests.small.utf8), file: "small.json")
    /// Deterministic: an iteration limit, not a time limit.
    let parameters = SolverParameters(timeLimit: .seconds(600), iterationLimit: 400, seed: 7)
    /// Wednesday of the first week: r1 (a shop, 07:00–12:00) gets more parcels from both
    /// carriers than a bike takes, r2 (no window) most of a van, r3 (no window) two parcels.
    let deliveries = [
        Delivery(carrier: 0, recipient: 0, deliveries: 1, parcels: 3, kilograms: 15),
        Delivery(carrier: 1, recipient: 0, deliveries: 2, parcels: 24, kilograms: 120),
        Delivery(carrier: 1, recipient: 1, deliveries: 1, parcels: 60, kilograms: 300),
        Delivery(carrier: 0, recipient: 2, deliveries: 1, parcels: 2, kilograms: 10),
    ]

    /// The same day as a live hub holds it: the parcels at the hub, the recipients' registered
    /// sites and the hub's own vehicles.
    func liveHubPlan() throws -> HubPlan {
        func parcels(_ count: Int, from carrier: String, to recipient: String) -> [Parcel] {
            (1...count).map { Parcel(id: "\(carrier)/\(recipient)/\($0)", shipmentId: "\(carrier)-\(recipient)", carrierId: carrier,
                                     recipientId: recipient, hubId: "fornebu", weightKg: 5) }
        }
        let parcels = parcels(3, from: "a", to: "r1") + parcels(24, from: "b", to: "r1") + parcels(60, from: "b", to: "r2") + parcels(2, from: "a", to: "r3")
        let wednesday = 3
        let sites = [
            "r1": RecipientSite(recipientId: "r1", name: "Shop", location: Coordinate(longitude: 10.61, latitude: 59.895),
                                windows: [wednesday: [TimeWindow(start: 7 * 3600, end: 12 * 3600)]]),
            "r2": RecipientSite(recipientId: "r2", name: "School", location: Coordinate(longitude: 10.63, latitude: 59.90), windows: [wednesday: []]),
            "r3": RecipientSite(recipientId: "r3", name: "Office", location: Coordinate(longitude: 10.625, latitude: 59.893), windows: [wednesday: []]),
        ]
        let fleet = [
            FleetVehicle(id: "e-van-1", category: .eVan, capacityKg: 800, capacityParcels: 80),
            FleetVehicle(id: "e-van-2", category: .eVan, capacityKg: 800, capacityParcels: 80),
            FleetVehicle(id: "e-cargo-bike-1", category: .eCargoBike, capacityKg: 200, capacityParcels: 25),
            FleetVehicle(id: "e-cargo-bike-2", category: .eCargoBike, capacityKg: 200, capacityParcels: 25),
        ]
        var planner = HubPlanner(hubLocation: Coordinate(longitude: 10.62, latitude: 59.90), fleet: fleet,
                                 shift: TimeWindow(start: 6 * 3600, end: 18 * 3600))
        // The scenario's defaults: 180 s per stop (RecipientSite's default too) and 30 s per parcel.
        planner.parcelServiceSeconds = 30
        return try planner.plan(parcels: parcels, sites: sites, weekday: wednesday, parameters: parameters)
    }

    @Test func aScenarioDayIsPlannedAsALiveHubPlansIt() throws {
        let runner = ScenarioRunner(scenario: scenario, factors: try EmissionFactors.bundled())
        let scenarioPlan = try runner.plan(deliveries, from: 0, fleet: scenario.hub.vehicles, day: 2, travel: try runner.travel(),
                                           parameters: parameters).plan
        let livePlan = try liveHubPlan()
        #expect(livePlan.routes.count == 2 && livePlan.unassigned.isEmpty)
        #expect(scenarioPlan.routes == livePlan.routes)
        #expect(scenarioPlan.unassigned.isEmpty)
    }

    @Test func theScenarioMeasuresThePlanItMade() throws {
        let runner = ScenarioRunner(scenario: scenario, factors: try EmissionFactors.bundled())
        let travel = try runner.travel()
        let day = try runner.plan(deliveries, from: 0, fleet: scenario.hub.vehicles, day: 2, travel: travel, parameters: parameters)
        let measure = runner.measure(day, travel: travel, label: "2-hub")
        #expect(measure.parcels == 89 && measure.loadKg == 445 && measure.unservedParcels == 0)
        #expect(measure.stops == day.plan.routes.reduce(0) { $0 + $1.stops.count })
        #expect(abs(measure.km - day.plan.routes.reduce(0) { $0 + $1.distanceMetres } / 1000) < 1e-9)
        #expect(measure.cost == 0, "the small scenario prices no vehicle")
    }
}
