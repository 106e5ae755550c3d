import Domain
import Foundation
import Geo
import Routing
import Store
import Zones

/// The loading bays a new plan's routes park at: `BayChoice` over the bays near the plan's
/// stops, with the bookings already made counted, route after route so that no two count on
/// one free space. The driver books the bay on the way; the plan only says where to park.
enum RouteBays {
    /// Bays further from every stop than this are not considered.
    static let maximumWalkM = 200.0

    /// For each route of `plan`, each stop's bay or nil. `instant` turns the plan's seconds after
    /// midnight into epoch milliseconds.
    static func choose(_ plan: HubPlan, operatorId: String, sites: [String: RecipientSite], fleet: [VehicleRecord], store: Store,
                       rules: BookingRules, now: Date, instant: (Double) -> EpochMilliseconds) async throws -> [[String?]] {
        let none = plan.routes.map { [String?](repeating: nil, count: $0.stops.count) }
        let places = Set(plan.routes.flatMap { $0.stops.compactMap { sites[$0.recipientId]?.location } })
        let bays = try await store.bays().map(BaysController.bay)
            .filter { bay in places.contains { $0.greatCircleDistance(to: bay.position) <= maximumWalkM } }
        guard !bays.isEmpty, let first = plan.routes.flatMap(\.stops).map(\.eta).min(), let last = plan.routes.flatMap(\.stops).map(\.eta).max() else { return none }
        let zones = try await ZoneCatalogue.current(store).map(\.zone)
        let consolidatorAt = Dictionary(firstWins: bays.map { bay in
            (bay.id, zones.contains { $0.certifiedConsolidators.contains(operatorId) && $0.area.contains(bay.position) })
        })
        var claimed: [String: Int] = [:]
        for bay in bays {
            let slots = try await store.occupancy(bayId: bay.id, from: instant(first) - 3_600_000, to: instant(last) + 7_200_000, now: now.epochMilliseconds)
            for slot in slots { claimed["\(bay.id)#\(slot.slotStart / 1000)"] = slot.claimed }
        }
        let clock = try ZoneClock()
        let byId = Dictionary(firstWins: bays.map { ($0.id, $0) })
        let vehicles = Dictionary(firstWins: fleet.map { ($0.id, $0) })
        var taken = BayChoice.Taken()
        return plan.routes.map { route in
            guard let record = vehicles[route.vehicleId], let category = VehicleCategory(rawValue: record.type) else {
                return [String?](repeating: nil, count: route.stops.count)
            }
            let vehicle = ZoneVehicle.typical(of: category, payloadKg: Double(record.capacityKg), parcelCapacity: record.capacityParcels)
            let stops = route.stops.map { stop in
                let arrival = Date(epochMilliseconds: instant(stop.eta))
                return BayChoice.Stop(position: sites[stop.recipientId]?.location ?? Coordinate(longitude: 0, latitude: 0), arrival: arrival,
                                      departure: arrival.addingTimeInterval(sites[stop.recipientId]?.serviceSeconds ?? 180))
            }
            return BayChoice.choose(stops: stops, vehicle: vehicle, classes: { LoadingBay.userClasses(of: vehicle, consolidated: consolidatorAt[$0.id] ?? false) },
                                    bays: bays, rules: rules, clock: clock, maximumWalkM: maximumWalkM, taken: &taken) { bay, slot in
                (byId[bay]?.capacity(for: vehicle.category) ?? 0) - (claimed["\(bay)#\(Int64(slot.timeIntervalSince1970))"] ?? 0)
            }
        }
    }
}
