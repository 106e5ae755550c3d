import Foundation
import SQLKit

/// Curb events from sensors, cameras and fleet feeds (CDS Events), kept for a retention period,
/// and the deployment's secret that vehicle identifiers are hashed with.
extension Store {
    /// The deployment's secret named `name`: made by `create` the first time it is asked for,
    /// the same for every instance on the database from then on.
    public func deploymentSecret(_ name: String, create: @Sendable () -> String) async throws -> String {
        try await run("""
            INSERT INTO deployment_secrets (name, value, created_at) VALUES (\(bind: name), \(bind: create()), \(bind: Date().epochMilliseconds))
            ON CONFLICT (name) DO NOTHING
            """)
        guard let value = try await strings("SELECT value FROM deployment_secrets WHERE name = \(bind: name)", column: "value").first else {
            throw StoreError.conflict("the deployment secret '\(name)' could not be read back")
        }
        return value
    }

    /// Adds events, all or none. An event sent before with the same content is counted as a
    /// duplicate (a retry); with other content it is a conflict.
    /// - Returns: how many were new and how many were sent before.
    public func addCurbEvents(_ events: [CurbEventRecord]) async throws -> (added: Int, duplicates: Int) {
        try await transaction { store in
            var added = 0, duplicates = 0
            for event in events {
                let existing: CurbEventRecord? = try await store.row("""
                    SELECT municipality_id, event_id, event_type, occurred_at, curb_zone_id, plate_hash, event, received_at FROM curb_events
                    WHERE municipality_id = \(bind: event.municipalityId) AND event_id = \(bind: event.eventId)
                    """)
                if let existing {
                    guard existing.event == event.event && existing.plateHash == event.plateHash else {
                        throw StoreError.conflict("event '\(event.eventId)' was received before with other content; events are not changed")
                    }
                    duplicates += 1
                    continue
                }
                try await store.run("""
                    INSERT INTO curb_events (municipality_id, event_id, event_type, occurred_at, curb_zone_id, plate_hash, event, received_at)
                    VALUES (\(bind: event.municipalityId), \(bind: event.eventId), \(bind: event.eventType), \(bind: event.occurredAt),
                            \(bind: event.curbZoneId), \(bind: event.plateHash), \(bind: event.event), \(bind: event.receivedAt))
                    """)
                added += 1
            }
            return (added, duplicates)
        }
    }

    /// Where a page of events ended: its last event's time and id.
    public struct EventCursor: Sendable, Equatable {
        public var occurredAt: EpochMilliseconds
        public var eventId: String
        public init(occurredAt: EpochMilliseconds, eventId: String) { self.occurredAt = occurredAt; self.eventId = eventId }
    }

    /// A municipality's events in `[from, to)`, of a bay when given, oldest first (by time, then
    /// id), those after `after` only.
    public func curbEvents(municipalityId: String, curbZoneId: String? = nil, from: EpochMilliseconds, to: EpochMilliseconds,
                           after: EventCursor? = nil, limit: Int) async throws -> [CurbEventRecord] {
        let bay: SQLQueryString = curbZoneId.map { "curb_zone_id = \(bind: $0)" } ?? "1 = 1"
        let page: SQLQueryString = after.map {
            "(occurred_at > \(bind: $0.occurredAt) OR (occurred_at = \(bind: $0.occurredAt) AND event_id > \(bind: $0.eventId)))"
        } ?? "1 = 1"
        return try await rows("""
            SELECT municipality_id, event_id, event_type, occurred_at, curb_zone_id, plate_hash, event, received_at FROM curb_events
            WHERE municipality_id = \(bind: municipalityId) AND \(bay) AND \(page) AND occurred_at >= \(bind: from) AND occurred_at < \(bind: to)
            ORDER BY occurred_at, event_id LIMIT \(bind: limit)
            """)
    }

    /// Deletes events that happened before `cutoff`.
    public func deleteCurbEvents(before cutoff: EpochMilliseconds) async throws {
        try await run("DELETE FROM curb_events WHERE occurred_at < \(bind: cutoff)")
    }
}
