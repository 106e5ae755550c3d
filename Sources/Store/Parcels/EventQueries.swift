import Domain
import Foundation
import SQLKit

/// An event's identity: unique per reporting organisation.
public struct EventKey: Hashable, Sendable {
    public var source: String
    public var eventId: String

    public init(source: String, eventId: String) { (self.source, self.eventId) = (source, eventId) }
}

extension EventRecord {
    public var key: EventKey { EventKey(source: source, eventId: eventId) }
}

/// A parcel's state as the latest of a set of new events sets it.
public struct ParcelMove: Sendable, Equatable {
    public var barcode: String
    public var status: ParcelStatus
    public var time: EpochMilliseconds

    public init(barcode: String, status: ParcelStatus, time: EpochMilliseconds) { (self.barcode, self.status, self.time) = (barcode, status, time) }

    /// One move per parcel from moves in the order they were stored: the latest by time, and
    /// of equal times the last — what applying them one by one would leave.
    public static func latest(of moves: [ParcelMove]) -> [ParcelMove] {
        var latest: [String: ParcelMove] = [:]
        var order: [String] = []
        for move in moves {
            guard let current = latest[move.barcode] else {
                latest[move.barcode] = move
                order.append(move.barcode)
                continue
            }
            if move.time >= current.time { latest[move.barcode] = move }
        }
        return order.compactMap { latest[$0] }
    }
}

/// The log of parcel events, and the parcel state it moves. Writes are set-based: a group of
/// events costs a fixed number of statements, whatever its size.
extension Store {
    private static let eventColumns: SQLQueryString = """
        source, event_id, barcode, type, occurred_at, time_text, route_id, receiver_name, photo_reference, reason, recorded_by
        """

    /// Stores those of `events` whose (source, event id) is not taken, a key repeated among them
    /// once (its first); returns the keys it stored. A retry racing its original waits for it
    /// here (PostgreSQL) or queues behind it (SQLite).
    public func insertNew(_ events: [EventRecord], recordedAt: Date) async throws -> Set<EventKey> {
        struct Key: Decodable { var source: String; var eventId: String }
        let recordedAt = recordedAt.epochMilliseconds
        var stored = Set<EventKey>()
        for slice in Self.statements(events) {
            let rows = slice.map { event -> SQLQueryString in
                """
                (\(bind: event.source), \(bind: event.eventId), \(bind: event.barcode), \(bind: event.type), \(bind: event.occurredAt), \
                \(bind: event.timeText), \(bind: event.routeId), \(bind: event.receiverName), \(bind: event.photoReference), \(bind: event.reason), \
                \(bind: event.recordedBy), \(bind: recordedAt))
                """
            }
            // The hub is the parcel's, looked up in the statement. (`WHERE 1 = 1` tells SQLite's
            // parser that ON CONFLICT belongs to the INSERT, not to a join.)
            let keys: [Key] = try await writingRows("""
                WITH new (\(Self.eventColumns), recorded_at) AS (VALUES \(rows.joined(separator: ", ")))
                INSERT INTO parcel_events (\(Self.eventColumns), recorded_at, hub_id)
                SELECT new.*, (SELECT p.hub_id FROM parcels p WHERE p.barcode = new.barcode) FROM new WHERE 1 = 1
                ON CONFLICT (source, event_id) DO NOTHING RETURNING source, event_id
                """)
            stored.formUnion(keys.map { EventKey(source: $0.source, eventId: $0.eventId) })
        }
        return stored
    }

    /// The stored events of these keys.
    public func events(withKeys keys: [EventKey]) async throws -> [EventKey: EventRecord] {
        var found: [EventKey: EventRecord] = [:]
        for slice in Self.statements(keys) {
            let pairs = slice.map { key -> SQLQueryString in
                "(\(bind: key.source), \(bind: key.eventId))"
            }
            let events: [EventRecord] = try await rows("""
                SELECT \(Self.eventColumns) FROM parcel_events WHERE (source, event_id) IN (VALUES \(pairs.joined(separator: ", ")))
                """)
            for event in events { found[event.key] = event }
        }
        return found
    }

    /// A parcel's events in the order they happened.
    public func events(ofParcel barcode: String) async throws -> [EventRecord] {
        try await rows("SELECT \(Self.eventColumns) FROM parcel_events WHERE barcode = \(bind: barcode) ORDER BY occurred_at, sequence")
    }

    /// Moves each parcel to its move's status and time — unless a later event set its state: the
    /// current state is the latest event by event time, and an older event arriving late
    /// changes nothing. At most one move per parcel (`ParcelMove.latest(of:)`).
    public func moveParcels(_ moves: [ParcelMove]) async throws {
        for slice in Self.statements(moves) {
            let rows = slice.map { move -> SQLQueryString in
                "(\(bind: move.barcode), \(bind: move.status.rawValue), \(bind: move.time))"
            }
            try await run("""
                WITH moves (barcode, status, status_time) AS (VALUES \(rows.joined(separator: ", ")))
                UPDATE parcels SET status = moves.status, status_time = moves.status_time, status_sequence = parcels.status_sequence + 1
                FROM moves WHERE parcels.barcode = moves.barcode AND parcels.status_time <= moves.status_time
                """)
        }
    }
}
