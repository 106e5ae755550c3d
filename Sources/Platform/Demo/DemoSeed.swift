import Domain
import Foundation
import Store
import Routing
import Vapor

/// The Fornebu demonstration case (`samlast serve --demo`): the hub, its fleet and drivers,
/// three carriers and a wholesaler, 30 real recipients around Fornebu and Lysaker, and one day
/// of parcels, most of them already scanned in at the hub; then a plan is requested; and the
/// municipality's consolidation zone with its bays, trips and permits (`seedZones`). It goes
/// through the same intake and planning code as the API.
enum DemoSeed {
    struct Document: Decodable {
        struct Party: Decodable { var id: String; var name: String; var depot: FootprintsController.DepotBody? }
        struct Person: Decodable { var id: String; var name: String; var email: String }
        struct Site: Decodable {
            var id, name, address, category: String
            var location: [Double]
            var timeWindows: [[String]]
            var accessNotes: String
        }
        var password: String
        var municipality: Party
        var hubOperator: Party
        var hub: HubsController.HubBody
        var fleet: [HubsController.VehicleBody]
        var drivers: [Person]
        var carriers: [Party]
        var shipper: Party
        var sites: [Site]
    }

    /// The people of the demo, to log in as (all share the demo password).
    static let logins: [(email: String, who: String)] = [
        ("admin@samlast.demo", "platform admin"),
        ("dispatcher@fornebu-hub.demo", "hub operator (dispatcher)"),
        ("kari@fornebu-hub.demo", "driver"),
        ("dispatcher@alnabru-pakke.demo", "carrier"),
        ("innkjop@sandvika-engros.demo", "shipper"),
        ("post@oksenoya-skole.demo", "recipient (school)"),
        ("planlegger@baerum-kommune.demo", "municipality"),
        ("saksbehandler@baerum-kommune.demo", "municipality case officer"),
    ]

    static func load() throws -> Document {
        guard let url = Bundle.module.url(forResource: "demo", withExtension: "json", subdirectory: "Resources") else {
            throw PlatformStartError("the demo data (demo.json) is missing from the build")
        }
        return try JSONDecoder().decode(Document.self, from: Data(contentsOf: url))
    }

    static func seed(_ app: Application, now: Date = Date()) async throws {
        let demo = try load()
        let store = Store(app.db)
        let password = try await app.platform.passwords.hash(demo.password)
        let hub = try HubRecord(demo.hub)
        let (carrierToken, hubToken) = try await store.transaction { store -> (String, String) in
            let organisations: [(String, String, Organisation.Kind)] = [
                ("platform", "Samlast platform", .platform), (demo.municipality.id, demo.municipality.name, .municipality),
                (demo.hubOperator.id, demo.hubOperator.name, .hubOperator), (demo.shipper.id, demo.shipper.name, .shipper),
            ] + demo.carriers.map { ($0.id, $0.name, .carrier) } + demo.sites.map { ($0.id, $0.name, .recipient) }
            for (id, name, kind) in organisations {
                try await store.insert(Organisation(id: id, name: name, kind: kind))
            }
            let accounts: [(String, String, String, Role, String)] = [
                ("admin", "platform", "Demo administrator", .admin, "admin@samlast.demo"),
                ("hub-dispatcher", demo.hubOperator.id, "Hub dispatcher", .writer, "dispatcher@fornebu-hub.demo"),
                ("alnabru-dispatcher", "alnabru-pakke", "Alnabru dispatcher", .writer, "dispatcher@alnabru-pakke.demo"),
                ("sandvika-buyer", demo.shipper.id, "Sandvika Engros purchasing", .writer, "innkjop@sandvika-engros.demo"),
                ("oksenoya-office", "oksenoya-skole", "Oksenøya skole office", .viewer, "post@oksenoya-skole.demo"),
                ("baerum-planner", demo.municipality.id, "Bærum logistics planner", .viewer, "planlegger@baerum-kommune.demo"),
            ] + demo.drivers.map { ($0.id, demo.hubOperator.id, $0.name, .driver, $0.email) }
            for (id, organisation, name, role, email) in accounts {
                try await store.insert(AccountRecord(id: id, organisationId: organisation, name: name, role: role, email: email),
                                       passwordHash: password, existing: "account '\(id)'")
            }
            try await store.insert(hub)
            for vehicle in demo.fleet { try await store.insert(try VehicleRecord(vehicle, hubId: hub.id)) }
            // Two carriers gave their depot; the third gets the standard one, as the figures say.
            for carrier in demo.carriers {
                guard let depot = carrier.depot, depot.location.count == 2 else { continue }
                try await store.setDepot(DepotRecord(organisationId: carrier.id, longitude: depot.location[0], latitude: depot.location[1],
                                                     vehicleType: depot.vehicleType, capacityKg: depot.capacityKg, capacityParcels: depot.capacityParcels,
                                                     updatedAt: now.epochMilliseconds))
            }
            for site in demo.sites {
                let windows = Dictionary(firstWins: Wire.weekdayNames.map { ($0, site.timeWindows) })
                try await store.insert(try SiteRecord(.init(id: site.id, name: site.name, address: site.address, location: site.location,
                                                             timeWindows: windows, accessNotes: site.accessNotes, serviceMinutes: 3),
                                                       recipientId: site.id))
            }
            try await seedParcels(demo, hub: hub, store: store, now: now)
            let carrierToken = try await Tokens.issue(accountId: "alnabru-dispatcher", name: "demo", store: store).secret
            let hubToken = try await Tokens.issue(accountId: "hub-dispatcher", name: "demo", store: store).secret
            _ = try await PlanningQueue.enqueue(hubId: hub.id, date: Wire.today(in: hub.zone, now: now), timeLimit: 2, requestedBy: "hub-dispatcher", store: store)
            return (carrierToken, hubToken)
        }
        try await seedZones(demo, store: store, plateKey: try await CurbEventsController.plateKey(app, store), passwordHash: password, now: now)
        app.logger.notice("""
            demo seeded: log in with password '\(demo.password)' as \(logins.map { "\($0.email) (\($0.who))" }.joined(separator: ", ")). \
            API tokens: carrier \(carrierToken), hub operator \(hubToken)
            """)
    }

    /// When the demo's parcels of today were announced and scanned in: announced at 00:01 and
    /// brought in overnight, scanned from 00:02 to 00:55 — the day's shape, not the clock's, so
    /// the demo shows the same morning whatever the hour it starts (a scan is at most 55 minutes
    /// ahead, within what the API accepts), every scan after its announcement, and all on the
    /// day the municipality's figures count.
    static func dayShape(hub: HubRecord, now: Date) throws -> (announced: Date, scans: ClosedRange<Date>) {
        let midnight = Wire.midnight(of: try Wire.date(Wire.today(in: hub.zone, now: now), field: "date"), in: hub.zone)
        return (midnight.addingTimeInterval(60), midnight.addingTimeInterval(120)...midnight.addingTimeInterval(55 * 60))
    }

    /// A day of parcels: each recipient gets 0–4 parcels from the carriers and the wholesaler;
    /// about 85 % were brought to the hub and scanned in overnight, the rest are still announced. (The times are the day's shape, not the clock's: started at any hour, the
    /// demo shows the same morning.)
    private static func seedParcels(_ demo: Document, hub: HubRecord, store: Store, now: Date) async throws {
        var random = SeededGenerator(seed: 2026)
        let (announcedAt, scans) = try dayShape(hub: hub, now: now)
        let hubCaller = Caller(accountId: "hub-dispatcher", accountName: "Hub dispatcher",
                               organisation: Organisation(id: demo.hubOperator.id, name: demo.hubOperator.name, kind: .hubOperator), role: .writer)
        var serial = 0
        for site in demo.sites {
            let count = Int.random(in: 0...4, using: &random)
            guard count > 0 else { continue }
            let fromShipper = site.category == "kindergarten" && Bool.random(using: &random)
            let carrier = demo.carriers[Int.random(in: 0..<demo.carriers.count, using: &random)]
            let caller = fromShipper
                ? Caller(accountId: "sandvika-buyer", accountName: "", organisation: Organisation(id: demo.shipper.id, name: demo.shipper.name, kind: .shipper), role: .writer)
                : Caller(accountId: "alnabru-dispatcher", accountName: "", organisation: Organisation(id: carrier.id, name: carrier.name, kind: .carrier), role: .writer)
            let parcels = (0..<count).map { _ -> Shipments.ParcelBody in
                serial += 1
                return Shipments.ParcelBody(barcode: String(format: "370%09d", 4_211_000 + serial), weightKg: (Double.random(in: 0.5...18, using: &random) * 10).rounded() / 10,
                                         lengthCm: 40, widthCm: 30, heightCm: 30, pallet: false,
                                         temperature: site.category == "kindergarten" && fromShipper ? .chilled : .ambient)
            }
            let body = Shipments.ShipmentBody(reference: "DEMO-\(site.id)", hubId: hub.id, siteId: site.id, carrierId: carrier.id, shipperId: nil,
                                           deliveryDate: nil, parcels: parcels)
            _ = try await Shipments.announce(body, by: caller, path: "demo \(site.id)", store: store)
            try await store.backdateAnnouncement(of: parcels.map(\.barcode), to: announcedAt)
            for parcel in parcels where Double.random(in: 0..<1, using: &random) < 0.85 {
                let scanned = Date(timeIntervalSince1970: Double.random(in: scans.lowerBound.timeIntervalSince1970...scans.upperBound.timeIntervalSince1970,
                                                                        using: &random).rounded())
                _ = try await Events.record(.init(eventId: "scan-\(parcel.barcode)", barcode: parcel.barcode, type: .arrivedAtHub,
                                                  time: Wire.format(scanned, in: hub.zone)),
                                            by: hubCaller, path: "demo", store: store, now: now)
            }
        }
    }
}
