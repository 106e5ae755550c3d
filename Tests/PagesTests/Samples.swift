import Domain
import Foundation
import Routing
import Geo
import Zones
@testable import Pages

/// Realistic models of every page, each optional set, so that every text they store is shown
/// (but for the few listed in `Sample.hidden`).
enum Samples {
    static let fornebu = Coordinate(longitude: 10.6160, latitude: 59.8960)

    static func at(_ east: Double, _ north: Double) -> Coordinate {
        Coordinate(longitude: fornebu.longitude + east, latitude: fornebu.latitude + north)
    }

    static let account = Account(name: "Kari Nordmann", organisation: "Fornebu HUB AS", role: .writer, csrfToken: "c5rf-t0ken")
    static let layout = Layout(account: account, path: "/ui/hubs/hub-a?date=2025-03-04")

    static let login = LoginPage(csrfToken: "login-token-1", failure: .throttled, waitSeconds: 30)

    static let hubs = HubListPage(hubs: [
        HubLink(id: "hub-a", name: "Fornebu HUB", operatorId: "hubco"),
        HubLink(id: "hub-b", name: "Lysaker terminal", operatorId: "hubco"),
    ])

    static let plan = PlanSection(
        planId: "plan-42", finishedAt: "06:12", totals: PlanTotals(routes: 2, stops: 3, parcels: 7, distanceKm: 18.3),
        routes: [
            PlanRoute(id: "route-1", vehicleId: "EL-01", vehicleType: "e-van", departure: "08:00", returnTime: "11:40", parcelCount: 5,
                      loadKg: 212.5, capacityKg: 800, distanceKm: 12.4, driverName: "Ola Hansen", dispatchedAt: "07:45",
                      line: [fornebu, at(0.01, 0.004), at(0.02, 0.001), fornebu],
                      stops: [PlanStop(index: 0, name: "Fornebu skole", eta: "08:20", state: .delivered, location: at(0.01, 0.004)),
                              PlanStop(index: 1, name: "Storøya barnehage", eta: "08:55", state: .pending, location: at(0.02, 0.001))]),
            PlanRoute(id: "route-2", vehicleId: "SYK-07", vehicleType: "e-cargo-bike", departure: "09:00", returnTime: "10:10", parcelCount: 2,
                      loadKg: 31, capacityKg: 200, distanceKm: 5.8, line: [fornebu, at(-0.008, 0.003), fornebu],
                      stops: [PlanStop(index: 0, name: "Oksenøya senter", eta: "09:25", state: .partlyDelivered, location: at(-0.008, 0.003))]),
        ],
        unplanned: [UnplannedParcels(barcodes: ["A-009", "A-010"], reason: "no vehicle can carry 900 kg")],
        hub: fornebu, roads: [[at(-0.01, 0), at(0.03, 0)], [at(5, 5), at(5.1, 5)]])

    static let hub = HubPage(
        hubId: "hub-a", hubName: "Fornebu HUB", date: "2025-03-04",
        parcelCounts: ParcelStatus.allCases.enumerated().map { ParcelCount(state: $1, count: $0 * 3) },
        mayEdit: true, drivers: [DriverChoice(id: "acc-ola", name: "Ola Hansen"), DriverChoice(id: "acc-per", name: "Per Berg")],
        parcelsOutsidePlan: 4, run: PlanProgress(status: .failed, progress: 0.4, error: "the optimiser stopped: no vehicles"), plan: plan)

    static let driver = DriverPage(routes: [
        DriverRoute(id: "route-1", vehicleId: "EL-01", departure: "08:00", distanceKm: 12.4, stops: [
            DriverStop(index: 0, name: "Fornebu skole", address: "Forneburingen 200", eta: "08:20", state: .delivered, parcels: ["A-001"]),
            DriverStop(index: 1, name: "Storøya barnehage", address: "Storøyveien 3", eta: "08:55", state: .pending,
                       parcels: ["A-002", "B-001"], accessNotes: "Port kode 1234, varemottak bak", parkAt: "Lastelomme Snarøyveien 2"),
        ]),
    ])

    static let parcels = ParcelsPage(organisationName: "Carrier A", isRecipient: false, total: 45, page: 1, perPage: 20, parcels: [
        ParcelRow(barcode: "A-001", state: .atHub, siteName: "Fornebu skole", carrierId: "carrier-a", eta: "08:20", updatedAt: "2025-03-04 06:02"),
        ParcelRow(barcode: "A-002", state: .outForDelivery, siteName: "Storøya barnehage", carrierId: "carrier-a", eta: "08:55",
                  updatedAt: "2025-03-04 08:01"),
    ])

    static let impact = ImpactSummary(
        factorVersion: "2025.1", withheld: false, daysAccounted: 21, failedDays: ["2025-03-14"],
        rows: [ImpactRow(measure: .vehicleKm, consolidated: 512.3, counterfactual: 1380.5, saved: 868.2, savedPercent: 62.9),
               ImpactRow(measure: .co2eWellToWheel, consolidated: 41.2, counterfactual: 310.4, saved: 269.2, savedPercent: 86.7)],
        counterfactualKmLow: 1360.2, counterfactualKmHigh: 1402.9,
        weeks: [ImpactWeek(week: "2025-W10", withheld: false, consolidatedKm: 120.5, counterfactualKm: 330.1),
                ImpactWeek(week: "2025-W11", withheld: false, consolidatedKm: 131.0, counterfactualKm: 351.7),
                ImpactWeek(week: "2025-W12", withheld: true, consolidatedKm: 0, counterfactualKm: 0)],
        assumptions: ["Counterfactual: each carrier delivers the same parcels itself from its depot."])

    static let municipalHubs = [
        HubFigures(hubName: "Fornebu HUB", from: "2025-03-01", to: "2025-03-31", withheld: false, parcelsAnnounced: 310, parcelsDelivered: 296,
                   parcelsFailed: 6, stops: 118, parcelsPerStop: 2.5, routesDriven: 41, distanceKm: 512.3,
                   distanceByVehicleType: [VehicleDistance(vehicleType: "e-cargo-bike", km: 140.2), VehicleDistance(vehicleType: "e-van", km: 372.1)],
                   carriers: "4", impact: impact),
        HubFigures(hubName: "Lysaker terminal", from: "2025-03-01", to: "2025-03-31", withheld: true, carriers: "fewer than 3"),
    ]

    static let municipality = MunicipalityPage(organisationName: "Bærum kommune", minimumCarriers: 3, hubs: municipalHubs,
                                               from: "2025-03-01", to: "2025-03-31", month: "2025-03")
    static let councilReport = CouncilReport(organisationName: "Bærum kommune", month: "2025-03", minimumCarriers: 3, hubs: municipalHubs)
    static let footprints = FootprintsPage(organisationName: "Carrier A", from: "2025-03-03", to: "2025-03-09", factorVersion: "2025.1", shipments: [
        FootprintLine(shipmentId: "shp_1", day: "2025-03-04", hubId: "fornebu", parcels: 2, massKg: 9, distanceKm: 2.4, co2eWellToWheelKg: 0.000675,
                      routes: "rte_1"),
    ])

    static let zones = ZonesPage(month: "2026-12", zones: [
        ZoneSummary(id: "fornebu-sentrum", name: "Fornebu sentrum", version: 3, policies: 5,
                    outline: [[at(-0.01, -0.005), at(0.02, -0.005), at(0.02, 0.01), at(-0.01, 0.01), at(-0.01, -0.005)]],
                    entries: 412, sharePercentCompliant: 83.5, withheld: false, ownTrips: false),
        ZoneSummary(id: "lysaker-gate", name: "Lysaker gågate", version: 1, policies: 1, outline: [[at(-0.02, 0), at(-0.015, 0), at(-0.015, 0.003), at(-0.02, 0)]],
                    entries: nil, sharePercentCompliant: nil, withheld: true, ownTrips: false),
    ], bays: [BayNow(id: "bay-1", name: "Lastelomme Snarøyveien", position: at(0.001, 0.003), spaces: 2, claimedNow: 1)])

    /// Carrier A's own month in the sample zone: three trips judged by the sample rules.
    static let zoneReport: ZoneReport = {
        // The sample zone's rules are valid by construction; a failure here is a broken sample.
        let rules = try! ZoneRules(SampleZone.fornebu)
        let van = ZoneVehicle(category: .van, zeroEmission: false, grossWeightKg: 3500, lengthM: 6, volumeCapacityM3: 12, payloadKg: 1000)
        let judged = [(8.0, 5, "2026-12-01T09:00:00+01:00"), (3.0, 1, "2026-12-02T10:30:00+01:00"), (9.0, 4, "2026-12-03T19:00:00+01:00")].enumerated().map { i, trip in
            let zoneTrip = ZoneTrip(id: "T-\(i)", operatorId: "carrier-a", vehicle: van, entry: ISO8601DateTime.parse(trip.2)?.date ?? Date(),
                                    manifest: Manifest(parcels: 20, volumeM3: trip.0, weightKg: 200, recipientsInZone: trip.1))
            return (zoneTrip, rules.check(zoneTrip))
        }
        var zone = zones.zones[0]
        zone.entries = 3
        zone.ownTrips = true
        return ZoneReport(zone: zone, month: "2026-12", operatorName: "Carrier <A>", figures: ComplianceFigures(judged, clock: try! ZoneClock()), hubKmInZone: 41.5)
    }()

    static let permits = PermitInboxPage(mayDecide: true, permits: [
        PermitLine(id: "prm_1", zoneName: "Fornebu sentrum", operatorName: "Carrier B", status: .pending, waives: [.fillBelowMinimum],
                   vehicleCategory: .van, zeroEmission: false, grossWeightKg: 3500, lengthM: 6, period: "2026-12-01 – 2026-12-31",
                   justification: "New customer, volumes ramping up", decision: "Zero-emission fill relief: the vehicle is not zero-emission",
                   decidedByRules: false, recentTrips: 14, recentCompliant: 9),
    ])

    static let bays = BayOccupancyPage(date: "2026-12-07", firstHour: 6, lastHour: 8, bays: [
        BayDay(id: "bay-1", name: "Lastelomme Snarøyveien", spaces: 2, claimed: [0, 0, 1, 2, 2, 1, 0, 0]),
    ])

    static let tracking = TrackingPage(hubName: "Fornebu HUB", siteName: "Oksenøya skole", progress: .onTheWay, date: "2026-12-03",
                                       windowStart: "09:45", windowEnd: "10:45", parcelCount: 4, finishedAt: nil, expiresOn: "2026-12-10")
    static let optOut = OptOutPage(stage: .confirm, token: "abcdefghijklmnopqrstuvwxyz0")
    static let notice = RecipientNotice(hubName: "Fornebu HUB", siteName: "Oksenøya skole & SFO", date: "2026-12-03", windowStart: "09:45",
                                        windowEnd: "10:45", parcelCount: 1, baseURL: "https://samlast.example.no", trackingToken: "abc",
                                        optOutToken: "def")
    static let webhooks = WebhookLogPage(
        subscriptions: [WebhookLink(id: "whk_1", url: "https://hooks.carrier-b.example/samlast", eventTypes: "parcel.announced, parcel.delivered")],
        log: WebhookLog(subscription: WebhookLink(id: "whk_1", url: "https://hooks.carrier-b.example/samlast", eventTypes: "parcel.announced"),
                        state: nil, total: 2, deliveries: [
                            WebhookLogRow(createdAt: "2026-12-03 07:01:02", eventType: "parcel.announced", barcode: "B-001", state: .delivered,
                                          attempts: 1, lastAnswer: "204", nextAttemptAt: nil, deliveredAt: "2026-12-03 07:01:03"),
                            WebhookLogRow(createdAt: "2026-12-03 07:01:02", eventType: "parcel.announced", barcode: "B-002", state: .pending,
                                          attempts: 3, lastAnswer: "connection refused", nextAttemptAt: "2026-12-03 07:02:40", deliveredAt: nil),
                        ], nextPage: 2))
    static let error = ErrorPage(status: 404, reason: "Not Found", detail: "hub 'hub-b' was not found")
    /// A status the catalogue has no name for: the reason phrase shows.
    static let teapot = ErrorPage(status: 418, reason: "I'm a teapot", detail: "the hub only brews coffee")

    static let report = ScenarioReport(
        scenario: "Fornebu 2025", recipients: 3, carriers: 2, days: 2, deliveries: 24, parcels: 48, factorVersion: "2025.1",
        variants: [ReportVariant(name: "direct", hubParticipation: 0, vehicleKmShare: 1, vehiclesShare: 1, co2eShare: 1),
                   ReportVariant(name: "all via hub", hubParticipation: 1, vehicleKmShare: 0.62, vehiclesShare: 0.5, co2eShare: 0.3),
                   ReportVariant(name: "evening", hubParticipation: 1, policyNumber: 1, vehicleKmShare: 0.58, vehiclesShare: 1.5, co2eShare: 0.28)],
        kpis: [KPIRow(name: "Vehicle-km", unit: "km", formula: "Σ route distance", given: true, higherIsBetter: false,
                      cells: [KPICell(value: 412.3), KPICell(value: 255.6, changePercent: -38), KPICell(value: 239.1, changePercent: -42)]),
               KPIRow(name: "Parcels per stop", unit: "parcels", formula: "parcels ÷ stops", given: true, higherIsBetter: true,
                      cells: [KPICell(value: 1.2), KPICell(value: 2.4, changePercent: 100), KPICell(value: 2.4, changePercent: 100)]),
               KPIRow(name: "Cost", unit: "NOK", formula: "Σ fixed + per km + per hour", given: false, higherIsBetter: false,
                      cells: [KPICell(value: 0), KPICell(value: 0), KPICell(value: 0)])],
        hub: fornebu, zone: [at(-0.02, -0.01), at(0.03, -0.01), at(0.03, 0.02), at(-0.02, 0.02), at(-0.02, -0.01)],
        maps: [ReportMap(variant: "direct", routes: [[at(0.2, 0.05), at(0.01, 0.004), at(0.2, 0.05)]], vehicleTypes: ["diesel-van"]),
               ReportMap(variant: "evening", routes: [[fornebu, at(0.01, 0.004), fornebu]], vehicleTypes: ["e-cargo-bike"])],
        assumptions: ["Carriers join in the order listed"], sources: ["KPMG (2024), Fornebu HUB evaluation"],
        attribution: "Road data © OpenStreetMap contributors.")
}

/// A page model with the layout it is shown in: one value whose texts can be probed.
struct Shown<Model: Page & Codable>: Codable {
    var page: Model
    var layout = Samples.layout

    func render(_ language: Language) -> String { Pages.render(page, language: language, layout: layout) }
}
