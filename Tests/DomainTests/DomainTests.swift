import Foundation
import Geo
import Routing
import Testing
@testable import Domain

@Suite struct AccessPolicyTests {
    static let platform = Organisation(id: "samlast", name: "Samlast", kind: .platform)
    static let baerum = Organisation(id: "baerum", name: "Bærum kommune", kind: .municipality)
    static let hubOperator = Organisation(id: "hub-co", name: "Fornebu HUB AS", kind: .hubOperator)
    static let otherHubOperator = Organisation(id: "hub-2", name: "Other hub", kind: .hubOperator)
    static let carrierA = Organisation(id: "carrier-a", name: "A", kind: .carrier)
    static let carrierB = Organisation(id: "carrier-b", name: "B", kind: .carrier)
    static let shipper = Organisation(id: "shop", name: "Web shop", kind: .shipper)
    static let school = Organisation(id: "school", name: "Oksenøya skole", kind: .recipient)
    static let kindergarten = Organisation(id: "kindergarten", name: "Storøya barnehage", kind: .recipient)

    let policy = AccessPolicy(hubOperators: ["fornebu": "hub-co", "other": "hub-2"])
    let parcelA = Parcel(id: "A1", shipmentId: "S1", carrierId: "carrier-a", shipperId: "shop", recipientId: "school", hubId: "fornebu", weightKg: 3)
    let parcelB = Parcel(id: "B1", shipmentId: "S2", carrierId: "carrier-b", recipientId: "kindergarten", hubId: "fornebu", weightKg: 5)

    @Test func everyPartySeesExactlyItsOwnParcels() {
        // (principal, sees A, sees B)
        let cases: [(Principal, Bool, Bool)] = [
            (Principal(organisation: Self.platform, role: .admin), true, true),
            (Principal(organisation: Self.platform, role: .viewer), false, false),
            (Principal(organisation: Self.baerum, role: .admin), false, false),
            (Principal(organisation: Self.hubOperator, role: .writer), true, true),
            (Principal(organisation: Self.otherHubOperator, role: .admin), false, false),
            (Principal(organisation: Self.carrierA, role: .viewer), true, false),
            (Principal(organisation: Self.carrierB, role: .writer), false, true),
            (Principal(organisation: Self.shipper, role: .viewer), true, false),
            (Principal(organisation: Self.school, role: .viewer), true, false),
            (Principal(organisation: Self.kindergarten, role: .viewer), false, true),
            (Principal(organisation: Self.hubOperator, role: .driver, accountId: "driver-1"), false, true),
        ]
        for (principal, seesA, seesB) in cases {
            let route: Set<String> = principal.role == .driver ? ["B1"] : []
            #expect(policy.canView(parcelA, by: principal, routeParcels: route) == seesA, "\(principal.organisation.id) \(principal.role)")
            #expect(policy.canView(parcelB, by: principal, routeParcels: route) == seesB, "\(principal.organisation.id) \(principal.role)")
        }
    }

    @Test func onlyTheRightPartiesRecordEvents() {
        let carrierWriter = Principal(organisation: Self.carrierA, role: .writer)
        #expect(policy.canRecord(.announced, for: parcelA, by: carrierWriter))
        #expect(!policy.canRecord(.announced, for: parcelB, by: carrierWriter))
        #expect(!policy.canRecord(.arrivedAtHub, for: parcelA, by: carrierWriter))
        #expect(!policy.canRecord(.announced, for: parcelA, by: Principal(organisation: Self.carrierA, role: .viewer)))
        let hub = Principal(organisation: Self.hubOperator, role: .writer)
        #expect(policy.canRecord(.arrivedAtHub, for: parcelB, by: hub))
        #expect(!policy.canRecord(.announced, for: parcelB, by: hub))
        #expect(!policy.canRecord(.sorted, for: parcelA, by: Principal(organisation: Self.otherHubOperator, role: .writer)))
        let driver = Principal(organisation: Self.hubOperator, role: .driver, accountId: "driver-1")
        let proof = ParcelEvent.Kind.delivered(ProofOfDelivery(receiverName: "Kari"))
        #expect(policy.canRecord(proof, for: parcelB, by: driver, routeParcels: ["B1"]))
        #expect(!policy.canRecord(proof, for: parcelA, by: driver, routeParcels: ["B1"]))
        #expect(!policy.canRecord(.sorted, for: parcelB, by: driver, routeParcels: ["B1"]))
        #expect(!policy.canRecord(proof, for: parcelA, by: Principal(organisation: Self.school, role: .writer)))
        #expect(!policy.canRecord(.returned, for: parcelA, by: Principal(organisation: Self.baerum, role: .admin)))
    }
}

@Suite struct HubPlannerTests {
    let hub = Coordinate(longitude: 10.6285, latitude: 59.9072)
    let morning = [TimeWindow(start: 7 * 3600, end: 11 * 3600)]
    var sites: [String: RecipientSite] {
        [
            "school": RecipientSite(recipientId: "school", name: "Oksenøya skole", location: Coordinate(longitude: 10.61281, latitude: 59.89842), windows: [3: morning]),
            "kindergarten": RecipientSite(recipientId: "kindergarten", name: "Storøya barnehage", location: Coordinate(longitude: 10.61135, latitude: 59.89442), windows: [3: morning]),
            "office": RecipientSite(recipientId: "office", name: "Telenor", location: Coordinate(longitude: 10.6275, latitude: 59.8996), windows: [3: morning]),
        ]
    }
    let fleet = [
        FleetVehicle(id: "van-1", category: .eVan, capacityKg: 600, capacityParcels: 60, temperatures: [.chilled]),
        FleetVehicle(id: "bike-1", category: .eCargoBike, capacityKg: 150, capacityParcels: 20),
    ]

    private func parcel(_ id: String, to recipient: String, kg: Double, temperature: TemperatureClass = .ambient) -> Parcel {
        Parcel(id: id, shipmentId: "s", carrierId: "carrier-a", recipientId: recipient, hubId: "fornebu", weightKg: kg, temperature: temperature)
    }

    private var planner: HubPlanner { HubPlanner(hubLocation: hub, fleet: fleet, shift: TimeWindow(start: 6 * 3600, end: 16 * 3600)) }
    private let fast = SolverParameters(iterationLimit: 300)

    @Test func oneStopPerRecipientPerRouteAndChilledGoodsOnTheChilledVan() throws {
        let parcels = [parcel("p1", to: "school", kg: 10), parcel("p2", to: "school", kg: 12), parcel("p3", to: "kindergarten", kg: 5),
                       parcel("milk", to: "kindergarten", kg: 20, temperature: .chilled), parcel("p4", to: "office", kg: 8)]
        let plan = try planner.plan(parcels: parcels, sites: sites, weekday: 3, parameters: fast)
        #expect(plan.unassigned.isEmpty)
        #expect(Set(plan.routes.flatMap(\.parcelIds)) == Set(parcels.map(\.id)))
        for route in plan.routes {
            let recipients = route.stops.map(\.recipientId)
            #expect(recipients.count == Set(recipients).count, "one stop per recipient per route")
            // The kindergarten's ambient parcel rides with its chilled milk, on the chilled van.
            if route.parcelIds.contains("milk") { #expect(route.vehicleId == "van-1" && route.parcelIds.contains("p3")) }
            for stop in route.stops { #expect(morning[0].contains(stop.eta) || stop.eta < morning[0].start) }
        }
    }

    @Test func splitsWhatNoVehicleCanTakeAtOnceAndExplainsWhatCannotGo() throws {
        let heavy = (1...8).map { parcel("h\($0)", to: "office", kg: 100) } // 800 kg > the van's 600 kg
        let plan = try planner.plan(parcels: heavy + [parcel("x", to: "unknown-site", kg: 1), parcel("sun", to: "school", kg: 1)],
                                    sites: sites, weekday: 7, parameters: fast)
        // Sunday: the office and the school take no deliveries; the unknown recipient has no site.
        #expect(plan.routes.isEmpty)
        #expect(plan.unassigned.contains { $0.parcelIds == ["x"] && $0.reason.contains("no registered delivery site") })
        let heavyLoads = plan.unassigned.filter { entry in entry.parcelIds.contains { $0.hasPrefix("h") } }
        #expect(heavyLoads.count == 2) // split into two loads
        #expect(plan.unassigned.allSatisfy { !$0.reason.isEmpty })
    }

    @Test func aVehicleRouteStaysWithinItsRange() throws {
        let shortRange = HubPlanner(hubLocation: hub, fleet: [FleetVehicle(id: "bike-1", category: .eCargoBike, capacityKg: 150, capacityParcels: 20, rangeKm: 1)],
                                    shift: TimeWindow(start: 6 * 3600, end: 16 * 3600))
        // The school is about 1.5 km from the hub as the crow flies: out of a 1 km range.
        let plan = try shortRange.plan(parcels: [parcel("p1", to: "school", kg: 5)], sites: sites, weekday: 3, parameters: fast)
        #expect(plan.routes.isEmpty)
        #expect(plan.unassigned.first?.parcelIds == ["p1"])
        let longRange = try HubPlanner(hubLocation: hub, fleet: [FleetVehicle(id: "bike-1", category: .eCargoBike, capacityKg: 150, capacityParcels: 20, rangeKm: 40)],
                                       shift: TimeWindow(start: 6 * 3600, end: 16 * 3600))
            .plan(parcels: [parcel("p1", to: "school", kg: 5)], sites: sites, weekday: 3, parameters: fast)
        #expect(longRange.routes.count == 1 && longRange.routes[0].distanceMetres <= 40_000)
    }

    @Test func replanningKeepsDispatchedRoutesAndPlansLateParcels() throws {
        let first = [parcel("p1", to: "school", kg: 10), parcel("p2", to: "office", kg: 10), parcel("p3", to: "kindergarten", kg: 10)]
        let plan = try planner.plan(parcels: first, sites: sites, weekday: 3, parameters: fast)
        let dispatched = try #require(plan.routes.first)
        let late = parcel("late", to: "school", kg: 3)
        let again = try planner.replan(around: [HubPlanner.DispatchedRoute(vehicleId: dispatched.vehicleId, parcelIds: Set(dispatched.parcelIds))],
                                       parcels: first + [late], sites: sites, weekday: 3, parameters: fast)
        #expect(again.routes.allSatisfy { $0.vehicleId != dispatched.vehicleId }, "the dispatched route's vehicle is out")
        #expect(Set(again.routes.flatMap(\.parcelIds)).isDisjoint(with: dispatched.parcelIds), "its parcels are not planned again")
        let planned = dispatched.parcelIds + again.routes.flatMap(\.parcelIds)
        let leftOut: [String] = again.unassigned.flatMap { $0.parcelIds }
        let lateCount = planned.filter { $0 == "late" }.count + leftOut.filter { $0 == "late" }.count
        #expect(lateCount == 1)
        #expect(Set(planned).isSuperset(of: dispatched.parcelIds))
        #expect(planned.count == Set(planned).count) // nothing planned twice
    }
}
