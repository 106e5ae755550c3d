import Domain
import Emissions
import Foundation
import Geo
import Routing
import Testing
@testable import Impact

/// A live hub's day accounted: the figures by hand, the counterfactual exactly as the scenario
/// engine plans it, and clear errors or stated fallbacks for what cannot be priced.
@Suite struct HubDayAccountingTests {
    let hub = Coordinate(longitude: 10.6285, latitude: 59.9072)
    let school = RecipientSite(recipientId: "s1", name: "School", location: Coordinate(longitude: 10.61281, latitude: 59.89842), windows: [3: []])
    let shop = RecipientSite(recipientId: "s2", name: "Shop", location: Coordinate(longitude: 10.621063, latitude: 59.893952), windows: [3: []])
    let van = FleetVehicle(id: "van-1", category: .eVan, capacityKg: 800, capacityParcels: 80)

    /// One e-van route: the school (carrier a's 10 kg shipment) then the shop (carrier b's 20 kg).
    func day(vehicle: FleetVehicle? = nil, depots: [String: CarrierDepot] = [:]) -> HubDay {
        let vehicle = vehicle ?? van
        let parcels = [
            Parcel(id: "p1", shipmentId: "S1", carrierId: "a", recipientId: "s1", hubId: "h", weightKg: 10),
            Parcel(id: "p2", shipmentId: "S2", carrierId: "b", recipientId: "s2", hubId: "h", weightKg: 20),
        ]
        let route = DrivenRoute(id: "r-1", vehicleId: vehicle.id, stops: [DrivenStop(siteId: "s1", parcelIds: ["p1"], servedAt: 9 * 3600),
                                                                          DrivenStop(siteId: "s2", parcelIds: ["p2"], servedAt: 9.5 * 3600)],
                                departure: 8 * 3600, arrival: 10 * 3600)
        return HubDay(hubId: "h", date: "2026-12-02", weekday: 3, hubLocation: hub, fleet: [vehicle], routes: [route], parcels: parcels,
                      sites: ["s1": school, "s2": shop], depots: depots, planTimeLimitSeconds: 600, hubEnergyPerParcelKWh: nil)
    }

    func accounting(seeds: [UInt64] = [1]) throws -> HubDayAccounting {
        var accounting = HubDayAccounting(factors: try EmissionFactors.bundled())
        accounting.counterfactualSeeds = seeds
        accounting.iterationLimit = 300
        return accounting
    }

    @Test func aRouteIsKmTimesFactorAllocatedByTonneKm() throws {
        let factors = try EmissionFactors.bundled()
        let impact = try accounting().account(day())
        // By hand: the road (here great-circle × detour) distances hub → school → shop → hub.
        let matrix = try GreatCircleMatrixProvider().matrix(for: [hub, school.location, shop.location], profile: TravelProfile.default(for: .eVan))
        let km = (matrix.distance(0, 1) + matrix.distance(1, 2) + matrix.distance(2, 0)) / 1000
        let leg = try #require(impact.legs.first { $0.id == "r-1" })
        #expect(abs(leg.distanceKm - km) < 1e-12)
        let kWh = km * 0.215, wellToWheel = kWh * 0.015
        #expect(try factors.vehicle("e-van").consumptionPerKm == 0.215 && factors.carrier("electricity-no-2023").wellToWheelKgCO2ePerUnit == 0.015)
        #expect(abs(leg.energy - kWh) < 1e-12 && abs(leg.emissions.wellToWheel - wellToWheel) < 1e-12 && leg.emissions.tankToWheel == 0)
        // S1: 0.010 t × hub→school km; S2: 0.020 t × hub→shop km.
        let weights = [0.010 * matrix.distance(0, 1) / 1000, 0.020 * matrix.distance(0, 2) / 1000]
        let s1 = try #require(impact.shipments.first { $0.shipmentId == "S1" }), s2 = try #require(impact.shipments.first { $0.shipmentId == "S2" })
        #expect(abs(s1.transport.wellToWheel - wellToWheel * weights[0] / (weights[0] + weights[1])) < 1e-15)
        #expect(abs(s1.transport.wellToWheel + s2.transport.wellToWheel - wellToWheel) < 1e-15)
        #expect(abs(s1.tonneKm - weights[0]) < 1e-12 && s1.carrierId == "a" && s2.carrierId == "b")
        // The system: the route plus each carrier's line-haul from the standard depot (both gave none).
        #expect(impact.carriers == 2 && impact.assumptions.contains { $0.hasPrefix("2 of 2 carriers gave no depot") })
        let lineHaul = impact.legs.filter { $0.kind == .lineHaul }
        #expect(lineHaul.map(\.id) == ["line-haul:a", "line-haul:b"] && lineHaul.allSatisfy { $0.vehicleCategory == "diesel-van" })
        #expect(abs(impact.consolidated.vehicleKm - km - lineHaul.reduce(0) { $0 + $1.distanceKm }) < 1e-9)
        #expect(impact.consolidated.vehicles == 3 && impact.consolidated.stops == 2 && impact.consolidated.parcels == 2)
        // The counterfactual: two diesel vans from Alnabru, one per carrier.
        #expect(impact.counterfactual.vehicles == 2 && impact.counterfactual.stops == 2 && impact.counterfactual.unservedParcels == 0)
        #expect(impact.counterfactual.co2eTankToWheelKg > 0, "diesel has tank-to-wheel emissions")
        #expect(impact.assumptions.contains { $0.contains("Hub energy: not given") })
    }

    @Test func theCounterfactualIsTheScenarioEnginesDirectPlan() throws {
        let scenario = try ScenarioDocument.read(data: Data(ScenarioTests.small.utf8), file: "small.json")
        let runner = ScenarioRunner(scenario: scenario, factors: try EmissionFactors.bundled())
        let travel = try runner.travel()
        let parameters = SolverParameters(timeLimit: .seconds(600), iterationLimit: 300, seed: 7)
        // Carrier b's Wednesday in the scenario: 24 parcels (120 kg) for r1, 60 (300 kg) for r2.
        let deliveries = [Delivery(carrier: 1, recipient: 0, deliveries: 2, parcels: 24, kilograms: 120),
                          Delivery(carrier: 1, recipient: 1, deliveries: 1, parcels: 60, kilograms: 300)]
        let direct = runner.measure(try runner.plan(deliveries, from: runner.depotPoint(1), fleet: [scenario.carriers[1].vehicle], day: 2,
                                                    travel: travel, parameters: parameters), travel: travel, label: "2-b")

        // The same parcels delivered by a live hub on a Wednesday, then accounted.
        let parcels = (1...24).map { Parcel(id: "b/r1/\($0)", shipmentId: "b/r1", carrierId: "b", recipientId: "r1", hubId: "h", weightKg: 5) }
            + (1...60).map { Parcel(id: "b/r2/\($0)", shipmentId: "b/r2", carrierId: "b", recipientId: "r2", hubId: "h", weightKg: 5) }
        let sites = [
            "r1": RecipientSite(recipientId: "r1", name: "r1", location: scenario.recipients[0].location,
                                windows: [3: [TimeWindow(start: 7 * 3600, end: 12 * 3600)]], serviceSeconds: scenario.stopServiceSeconds),
            "r2": RecipientSite(recipientId: "r2", name: "r2", location: scenario.recipients[1].location, windows: [3: []], serviceSeconds: scenario.stopServiceSeconds),
        ]
        let route = DrivenRoute(id: "r-1", vehicleId: "van-1", stops: [DrivenStop(siteId: "r1", parcelIds: parcels.prefix(24).map(\.id), servedAt: 8 * 3600),
                                                                      DrivenStop(siteId: "r2", parcelIds: parcels.suffix(60).map(\.id), servedAt: 9 * 3600)],
                                departure: 7 * 3600, arrival: 10 * 3600)
        let spec = scenario.carriers[1]
        let day = HubDay(hubId: "h", date: "2026-12-02", weekday: 3, hubLocation: scenario.hub.location, fleet: [van], routes: [route], parcels: parcels,
                         sites: sites, depots: ["b": CarrierDepot(location: spec.depot, vehicleType: spec.vehicle.type, capacityKg: spec.vehicle.capacityKg,
                                                                  capacityParcels: spec.vehicle.capacityParcels)],
                         planTimeLimitSeconds: 600, hubEnergyPerParcelKWh: nil)
        var accounting = try accounting(seeds: [scenario.seed])
        accounting.parcelServiceSeconds = scenario.parcelServiceSeconds
        let live = try accounting.account(day)
        #expect(direct.km > 0 && live.counterfactual.vehicleKm == direct.km, "live \(live.counterfactual.vehicleKm) km, scenario \(direct.km) km")
        #expect(live.counterfactual.vehicles == direct.vehicles && live.counterfactual.stops == direct.stops)
        #expect(live.counterfactualKmRange == [direct.km, direct.km])
    }

    @Test func whatCannotBePricedIsNamedNotZeroed() throws {
        // A truck: the bundled table has no consumption for it.
        let truck = FleetVehicle(id: "truck-1", category: .truck, capacityKg: 8000, capacityParcels: 400)
        let error = #expect(throws: ImpactError.self) { try accounting().account(day(vehicle: truck)) }
        #expect(error?.description.hasPrefix("r-1: no default consumption for vehicle category 'truck' in factor table 2025.1") == true, "\(error.map(String.init(describing:)) ?? "")")
        // A carrier depot with a vehicle the table cannot price fails as clearly.
        let trucking = CarrierDepot(location: Coordinate(longitude: 10.8, latitude: 59.9), vehicleType: .truck, capacityKg: 8000, capacityParcels: 400)
        let depotError = #expect(throws: ImpactError.self) { try accounting().account(day(depots: ["a": trucking])) }
        #expect(depotError?.description.hasPrefix("line-haul:a: no default consumption for vehicle category 'truck'") == true, "\(depotError.map(String.init(describing:)) ?? "")")
        // A route naming a vehicle the hub does not have, or a site that is unknown.
        var strange = day()
        strange.routes[0].vehicleId = "ghost"
        #expect(throws: ImpactError("route r-1: vehicle 'ghost' is not in the hub's fleet")) { try accounting().account(strange) }
        strange = day()
        strange.sites["s2"] = nil
        #expect(throws: ImpactError("route r-1: site 's2' is unknown")) { try accounting().account(strange) }
        // A hub energy that is not a number.
        strange = day()
        strange.hubEnergyPerParcelKWh = -1
        #expect(throws: ImpactError("hub h: energyPerParcelKWh must be a finite number ≥ 0")) { try accounting().account(strange) }
    }

    @Test func daysAddUpToWeeksAndPeriods() throws {
        let wednesday = try accounting().account(day())
        var monday = wednesday, nextMonday = wednesday
        monday.date = "2026-11-30"
        nextMonday.date = "2026-12-07"
        let weeks = PeriodImpact.weeks([monday, wednesday, nextMonday])
        #expect(weeks.map(\.week) == ["2026-W49", "2026-W50"])
        #expect(weeks[0].impact.days == ["2026-11-30", "2026-12-02"] && weeks[0].impact.carriers == ["a", "b"])
        #expect(abs(weeks[0].impact.consolidated.vehicleKm - 2 * monday.consolidated.vehicleKm) < 1e-9)
        let period = PeriodImpact([monday, wednesday, nextMonday])
        #expect(abs(period.vehicleKmSaved - 3 * (monday.counterfactual.vehicleKm - monday.consolidated.vehicleKm)) < 1e-9)
        #expect(period.assumptions == monday.assumptions)
    }
}
