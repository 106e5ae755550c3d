import Domain
import Geo
import Routing
import Testing

@Suite struct FleetCostsTests {
    let hub = Coordinate(longitude: 10.6285, latitude: 59.9072)
    let site = RecipientSite(recipientId: "school", name: "Oksenøya skole", location: Coordinate(longitude: 10.61281, latitude: 59.89842),
                             windows: [3: [TimeWindow(start: 7 * 3600, end: 11 * 3600)]])
    let parcel = Parcel(id: "p1", shipmentId: "s", carrierId: "carrier-a", recipientId: "school", hubId: "fornebu", weightKg: 10)

    private func vehicle(_ id: String, _ costs: FleetVehicle.Costs?) -> FleetVehicle {
        FleetVehicle(id: id, category: .eVan, capacityKg: 600, capacityParcels: 60, costs: costs)
    }

    private func planned(_ fleet: [FleetVehicle]) throws -> HubPlan {
        try HubPlanner(hubLocation: hub, fleet: fleet, shift: TimeWindow(start: 6 * 3600, end: 16 * 3600))
            .plan(parcels: [parcel], sites: ["school": site], weekday: 3, parameters: SolverParameters(iterationLimit: 200))
    }

    @Test func theOptimiserTakesTheCheaperVehicle() throws {
        let dear = vehicle("dear", FleetVehicle.Costs(fixed: 900, perKm: 10)), cheap = vehicle("cheap", FleetVehicle.Costs(fixed: 100, perKm: 10))
        #expect(try planned([dear, cheap]).routes.map(\.vehicleId) == ["cheap"])
        #expect(try planned([cheap, dear]).routes.map(\.vehicleId) == ["cheap"])
    }

    @Test func aRouteCostsItsFixedCostKilometresAndHours() {
        let costs = FleetVehicle.Costs(fixed: 100, perKm: 5, perHour: 600)
        #expect(costs.route(metres: 12_000, seconds: 1800) == 100 + 60 + 300)
        #expect(FleetVehicle.Costs().route(metres: 12_000, seconds: 1800) == 0)
    }

    @Test func anUnpricedFleetIsPlannedAsBefore() throws {
        // Without costs every vehicle is alike to the optimiser: it keeps to the fewest kilometres.
        let plan = try planned([vehicle("van-1", nil), vehicle("van-2", nil)])
        #expect(plan.routes.count == 1 && plan.unassigned.isEmpty)
    }
}
