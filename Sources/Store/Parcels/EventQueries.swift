import Domain
import Foundation
import SQLKit

/// The log of parcel events, and the parcel state it moves.
extension Store {
    /// Stores the event unless its (source, event id) is taken; returns whether it did. A retry
    /// racing its original waits for it here (PostgreSQL) or queues behind it (SQLite).
    public func insertIfNew(_ event: EventRecord, recordedAt: Date) async throws -> Bool {
        try await runReturning("""
            INSERT INTO parcel_events (source, event_id, barcode, type, occurred_at, time_text, route_id, receiver_name, photo_reference,
                                       reason, recorded_by, recorded_at)
            VALUES (\(bind: event.source), \(bind: event.eventId), \(bind: event.barcode), \(bind: event.type), \(bind: event.occurredAt),
                    \(bind: event.timeText), \(bind: event.routeId), \(bind: event.receiverName), \(bind: event.photoReference), \(bind: event.reason),
                    \(bind: event.recordedBy), \(bind: recordedAt.epochMilliseconds))
            ON CONFLICT (source, event_id) DO NOTHING RETURNING sequence
            """) != nil
    }

    public func event(source: String, eventId: String) async throws -> EventRecord? {
        try await row("""
            SELECT source, event_id, barcode, type, occurred_at, time_text, route_id, receiver_name, photo_reference, reason, recorded_by
            FROM parcel_events WHERE source = \(bind: source) AND event_id = \(bind: eventId)
            """)
    }

    /// A parcel's events in the order they happened.
    public func events(ofParcel barcode: String) async throws -> [EventRecord] {
        try await rows("""
            SELECT source, event_id, barcode, type, occurred_at, time_text, route_id, receiver_name, photo_reference, reason, recorded_by
            FROM parcel_events WHERE barcode = \(bind: barcode) ORDER BY occurred_at, sequence
            """)
    }

    /// Moves the parcel to `status` at `time` — unless a later event set its state: the current
    /// state is the latest event by event time, and an older event arriving late changes nothing.
    public func moveParcel(_ barcode: String, to status: ParcelStatus, at time: EpochMilliseconds) async throws {
        try await run("""
            UPDATE parcels SET status = \(bind: status.rawValue), status_time = \(bind: time), status_sequence = status_sequence + 1
            WHERE barcode = \(bind: barcode) AND status_time <= \(bind: time)
            """)
    }
}
