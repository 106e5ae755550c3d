import Domain
import Foundation
import Geo
import Testing
@testable import Store

/// The parcel log: a parcel's state is its latest event by event time, whatever order the
/// events arrive in; a retry of an event is recognised, another event under its id is not.
@Suite struct EventOrderTests {
    static let t0: EpochMilliseconds = 1_795_000_000_000

    /// A hub, a site and one announced parcel "P1".
    static func seed(_ store: Store) async throws {
        for (id, kind) in [("carrier", Organisation.Kind.carrier), ("hubco", .hubOperator), ("school", .recipient)] {
            try await store.insert(Organisation(id: id, name: id, kind: kind))
        }
        try await store.insert(HubRecord(id: "hub", name: "Hub", operatorId: "hubco", municipalityId: nil,
                                         location: Coordinate(longitude: 10.6, latitude: 59.9), timeZone: "Europe/Oslo", opens: 21_600, closes: 64_800))
        try await store.insert(SiteRecord(id: "site", recipientId: "school", name: "School", address: "Road 1",
                                          location: Coordinate(longitude: 10.61, latitude: 59.91), timeWindows: "{}", accessNotes: nil, serviceSeconds: 180))
        let shipment = ShipmentRecord(id: "shp", ownerId: "carrier", reference: "R1", carrierId: "carrier", shipperId: nil, hubId: "hub",
                                      siteId: "site", recipientId: "school", deliveryDate: nil, contentHash: "h", createdAt: t0, barcodes: ["P1"])
        try await store.insert(shipment, existing: "shipment")
        let taken = try await store.insert([NewParcel(barcode: "P1", weightKg: 2, lengthCm: nil, widthCm: nil, heightCm: nil, pallet: false, temperature: .ambient)],
                                           of: shipment)
        #expect(taken == nil)
    }

    static func event(_ id: String, _ status: ParcelStatus, minutes: Int64, source: String = "hubco") -> EventRecord {
        EventRecord(source: source, eventId: id, barcode: "P1", type: status.rawValue, occurredAt: t0 + minutes * 60_000, timeText: "",
                    routeId: nil, receiverName: nil, photoReference: nil, reason: nil, recordedBy: "acc")
    }

    /// What `Events.save` (Platform) does with a new event.
    static func record(_ event: EventRecord, _ store: Store) async throws -> Bool {
        guard try await store.insertNew([event], recordedAt: Date()).contains(event.key) else { return false }
        try await store.moveParcels([ParcelMove(barcode: event.barcode, status: ParcelStatus(rawValue: event.type) ?? .announced, time: event.occurredAt)])
        return true
    }

    @Test func stateFollowsEventTimeWhateverTheArrivalOrder() async throws {
        let events = [Self.event("b", .atHub, minutes: 60), Self.event("c", .sorted, minutes: 70), Self.event("d", .loaded, minutes: 80),
                      Self.event("e", .outForDelivery, minutes: 85), Self.event("f", .delivered, minutes: 120)]
        var random = SystemRandomNumberGenerator()
        for _ in 0..<5 {
            try await TestDatabase.with { database in
                let store = database.store
                try await Migrator.migrate(store)
                try await Self.seed(store)
                let order = events.shuffled(using: &random)
                for event in order { _ = try await Self.record(event, store) }
                let parcel = try await store.parcel("P1", in: .all)
                #expect(parcel?.status == ParcelStatus.delivered.rawValue, "arrival order \(order.map(\.eventId))")
                let history = try await store.events(ofParcel: "P1").map(\.eventId)
                #expect(history == ["b", "c", "d", "e", "f"])
            }
        }
    }

    @Test func aRetryIsRecognisedAndAnIdIsPerSource() async throws {
        try await TestDatabase.with { database in
            let store = database.store
            try await Migrator.migrate(store)
            try await Self.seed(store)
            let scan = Self.event("e1", .atHub, minutes: 5)
            let first = try await Self.record(scan, store)
            let retry = try await Self.record(scan, store)
            #expect(first && !retry)
            let stored = try #require(try await store.events(withKeys: [scan.key])[scan.key])
            #expect(stored.sameContent(as: scan))
            #expect(!stored.sameContent(as: Self.event("e1", .returned, minutes: 5)), "another event under the same id is not a retry")
            // The same id from another source is another event.
            let other = try await Self.record(Self.event("e1", .sorted, minutes: 6, source: "carrier"), store)
            #expect(other)
            let count = try await store.events(ofParcel: "P1").count
            #expect(count == 2)
        }
    }

    /// A set stored in one statement leaves what storing it one by one leaves: the first of a
    /// repeated key stored, the state the latest by event time (of equal times, the last).
    @Test func aSetInOneStatementEqualsOneByOne() async throws {
        let events = [Self.event("a", .atHub, minutes: 60), Self.event("b", .sorted, minutes: 70), Self.event("a", .returned, minutes: 90),
                      Self.event("c", .loaded, minutes: 70), Self.event("d", .failed, minutes: 30)]
        try await TestDatabase.with { database in
            let store = database.store
            try await Migrator.migrate(store)
            try await Self.seed(store)
            let stored = try await store.insertNew(events, recordedAt: Date())
            #expect(stored == Set(["a", "b", "c", "d"].map { EventKey(source: "hubco", eventId: $0) }))
            let kept = try await store.events(withKeys: [events[0].key])[events[0].key]
            #expect(kept?.type == ParcelStatus.atHub.rawValue, "the first of a repeated key is the one stored")
            let moves = events.map { ParcelMove(barcode: $0.barcode, status: ParcelStatus(rawValue: $0.type)!, time: $0.occurredAt) }
            try await store.moveParcels(ParcelMove.latest(of: moves))
            let parcel = try await store.parcel("P1", in: .all)
            #expect(parcel?.status == ParcelStatus.returned.rawValue)
            let again = try await store.insertNew(events, recordedAt: Date())
            #expect(again.isEmpty)
        }
    }

    @Test func theLatestMoveOfEachParcel() {
        let moves = [ParcelMove(barcode: "A", status: .atHub, time: 10), ParcelMove(barcode: "B", status: .sorted, time: 5),
                     ParcelMove(barcode: "A", status: .sorted, time: 10), ParcelMove(barcode: "A", status: .loaded, time: 9),
                     ParcelMove(barcode: "B", status: .atHub, time: 4)]
        #expect(ParcelMove.latest(of: moves) == [ParcelMove(barcode: "A", status: .sorted, time: 10), ParcelMove(barcode: "B", status: .sorted, time: 5)])
    }
}
