import Domain
import Foundation
import Geo
import Store
import Vapor
import Zones

extension DemoSeed {
    /// Bærum's sample consolidation zone over Fornebu (the hub certified as consolidator) and
    /// its two loading bays; three weeks of trips into the zone by the three carriers (vans
    /// partly filled, few recipients) and the hub (full zero-emission vans, many); one
    /// exemption granted by rule and one waiting for the case officer; today's bay bookings; the
    /// last three workdays seen by the zone's cameras (CDS Events), with a few vans nobody declared.
    /// Everything goes through the rule engine and the store as the API's requests do.
    static func seedZones(_ demo: Document, store: Store, plateKey: PlateKey, passwordHash: String, now: Date) async throws {
        try await store.insert(AccountRecord(id: "baerum-case-officer", organisationId: demo.municipality.id, name: "Bærum case officer", role: .writer,
                                             email: "saksbehandler@baerum-kommune.demo"), passwordHash: passwordHash, existing: "account 'baerum-case-officer'")
        var zone = SampleZone.fornebu
        zone.certifiedConsolidators = [demo.hubOperator.id]
        let millis = now.epochMilliseconds
        try await store.addZoneVersions([ZoneRecord(id: zone.id, version: zone.version, municipalityId: demo.municipality.id, name: zone.name,
                                                    validFrom: zone.validFrom.epochMilliseconds, validUntil: nil,
                                                    document: String(decoding: ZoneDocument.write([zone]), as: UTF8.self), createdAt: millis)])
        try await store.saveBays(try SampleZone.bays.map { bay in
            BayRecord(id: bay.id, municipalityId: demo.municipality.id, localId: bay.curb.userZoneId, document: try ZonesController.json(bay),
                      longitude: bay.position.longitude, latitude: bay.position.latitude, updatedAt: millis)
        })
        let clock = try ZoneClock()
        let today = clock.local(now).date
        let van = ZoneVehicle(category: .van, zeroEmission: false, grossWeightKg: 3500, lengthM: 6, volumeCapacityM3: 12, payloadKg: 1000, parcelCapacity: 120)
        let electricVan = ZoneVehicle(category: .van, zeroEmission: true, grossWeightKg: 3500, lengthM: 5.5, volumeCapacityM3: 10, payloadKg: 800, parcelCapacity: 100)
        // The grey-listed carrier waits for a decision; the green one is zero-emission and granted by rule.
        let from = now.addingTimeInterval(-21 * 86_400), until = now.addingTimeInterval(60 * 86_400)
        for (operatorId, vehicle, justification) in [("ostlandet-ekspress", van, "Ny kunde på Fornebu; volumene bygges opp gjennom vinteren"),
                                                    ("gronn-linje", electricVan, "Elektrisk varebil på fast rute")] {
            let application = PermitApplication(zoneId: zone.id, operatorId: operatorId, vehicle: vehicle, validFrom: from, validUntil: until,
                                                waives: [.fillBelowMinimum], justification: justification)
            let granted: String? = if case .granted(let rule) = zone.decide(application) { rule } else { nil }
            try await store.addPermit(PermitRecord(
                id: "prm_demo_\(operatorId)", zoneId: zone.id, operatorId: operatorId, status: granted == nil ? "pending" : "granted",
                application: try ZonesController.json(application),
                decision: granted ?? "the zone's rules grant fill relief to zero-emission vehicles only",
                decidedBy: granted == nil ? nil : "rules", validFrom: from.epochMilliseconds, validUntil: until.epochMilliseconds, createdAt: millis,
                decidedAt: granted == nil ? nil : millis))
        }
        var declarations: [TripDeclaration] = []
        var plates: [String: String] = [:]
        for back in 1...21 {
            let date = today.adding(days: -back)
            guard date.isoWeekday <= 5 else { continue }
            for (o, operatorId) in (demo.carriers.map(\.id) + [demo.hubOperator.id]).enumerated() {
                let hub = operatorId == demo.hubOperator.id
                for k in 0..<(hub ? 2 : 3) {
                    let minutes = 7 * 60 + 40 * k + 17 * o + 3 * back
                    guard let entry = clock.instant(date, LocalTime(minutes: minutes)) else { continue }
                    let spread = Double((back * 7 + k * 3 + o * 5) % 10)
                    let manifest = hub
                        ? Manifest(parcels: 60 + Int(spread) * 3, volumeM3: 6.5 + spread * 0.3, weightKg: 380 + spread * 20, recipientsInZone: 5 + Int(spread) % 5)
                        : Manifest(parcels: 8 + Int(spread) * 2, volumeM3: 2 + spread * 0.7, weightKg: 150 + spread * 40, recipientsInZone: 1 + Int(spread) % 4)
                    let plate = "EK \(10_000 + 100 * o + k)", id = "demo-\(date)-\(k)"
                    plates["\(operatorId)/\(id)"] = plate
                    declarations.append(TripDeclaration(zoneId: zone.id, trip: ZoneTrip(
                        id: id, operatorId: operatorId, vehicle: hub || operatorId == "gronn-linje" ? electricVan : van, plateHash: plateKey.hash(plate),
                        entry: entry, manifest: manifest)))
                }
            }
        }
        let catalogue = try await ZoneCatalogue.current(store)
        _ = try await store.declareTrips(try await ZonesController.judged(declarations, catalogue: catalogue, source: "declared", store: store, now: now))
        try await seedCameraEvents(declarations.filter { now.timeIntervalSince($0.trip.entry) < 5 * 86_400 }, plates: plates,
                                   municipalityId: demo.municipality.id, key: plateKey, store: store, now: now)
        // Today's bays: the hub's bike at bay 1 in the morning, carriers' vans in the afternoon.
        let bookings: [(bay: Int, operatorId: String, vehicle: String, hour: Int, minutes: Int)] = [
            (0, demo.hubOperator.id, "EL-01", 8, 30), (0, demo.hubOperator.id, "EL-02", 9, 15), (1, "alnabru-pakke", "AP-12", 9, 30),
            (1, "ostlandet-ekspress", "OE-3", 9, 45), (0, "gronn-linje", "GL-7", 16, 30), (1, demo.hubOperator.id, "EL-01", 12, 45),
        ]
        for (n, booking) in bookings.enumerated() {
            guard let start = clock.instant(today, LocalTime(hour: booking.hour, minute: booking.minutes)) else { continue }
            let end = start.addingTimeInterval(1800)
            let bay = SampleZone.bays[booking.bay]
            let record = BookingRecord(id: "bkg_demo_\(n)", bayId: bay.id, operatorId: booking.operatorId, vehicleRef: booking.vehicle,
                                       startAt: start.epochMilliseconds, endAt: end.epochMilliseconds, status: "arrived", expiresAt: nil,
                                       createdAt: millis, updatedAt: millis)
            try await store.holdSlots(record, slots: BookingRules.standard.slots(from: start, until: end).map(\.epochMilliseconds),
                                      spaces: bay.capacity(for: .van), maximumHolds: 10, now: millis)
        }
    }

    /// The cameras at the zone's entrances: each recent declared trip seen two minutes after its
    /// declared entry, three vans with plates nobody declared, two entries without a plate read,
    /// and a van double-parked at the first bay.
    private static func seedCameraEvents(_ declared: [TripDeclaration], plates: [String: String], municipalityId: String, key: PlateKey,
                                         store: Store, now: Date) async throws {
        let camera = DeliveryBayCSV.nameBasedUUID("demo-camera-snaroyveien")
        var events: [CDS.Event] = declared.map { declaration in
            let time = declaration.trip.entry.addingTimeInterval(120)
            return CDS.Event(eventId: DeliveryBayCSV.nameBasedUUID("demo-entry-\(declaration.trip.operatorId)-\(declaration.trip.id)"), eventType: .enterArea,
                             eventLocation: Coordinate(longitude: 10.6205, latitude: 59.8905), eventTime: time.epochMilliseconds,
                             eventPublicationTime: time.epochMilliseconds + 2000, dataSourceType: "camera", dataSourceDeviceId: camera,
                             vehicleLicensePlate: plates["\(declaration.trip.operatorId)/\(declaration.trip.id)"], vehicleType: "van")
        }
        let latest = declared.map(\.trip.entry).max() ?? now.addingTimeInterval(-86_400)
        for n in 0..<6 {
            let time = latest.addingTimeInterval(Double(-3600 * (n + 1)))
            events.append(CDS.Event(eventId: DeliveryBayCSV.nameBasedUUID("demo-unmatched-\(n)"), eventType: n == 5 ? .parkStart : .enterArea,
                                    eventLocation: n == 5 ? SampleZone.bays[0].position : Coordinate(longitude: 10.6205, latitude: 59.8905),
                                    eventTime: time.epochMilliseconds, eventPublicationTime: time.epochMilliseconds + 2000, dataSourceType: "camera",
                                    dataSourceDeviceId: camera, curbZoneId: n == 5 ? SampleZone.bays[0].id : nil,
                                    vehicleLicensePlate: n < 3 || n == 5 ? "DN \(55_500 + n)" : nil, vehicleType: n == 1 ? "truck" : "van",
                                    vehicleBlockedLaneTypes: n == 5 ? ["travel"] : nil))
        }
        _ = try await store.addCurbEvents(try events.map {
            try CurbEventsController.record($0, municipalityId: municipalityId, key: key, receivedAt: now)
        })
    }
}
