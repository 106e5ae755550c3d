import Foundation

/// The append-only event log of parcels, idempotent on (source, event id). The current state
/// of a parcel is its latest event by event time; ties keep the order of arrival, so a
/// late-arriving older event never overrides a newer one.
public struct ParcelLog: Sendable {
    public enum AppendResult: Sendable, Equatable {
        /// Stored.
        case appended
        /// Already stored with the same content: a retry, safe to acknowledge again.
        case duplicate
        /// The same (source, event id) was stored with different content: refused.
        case conflict
    }

    private var events: [String: [ParcelEvent]] = [:]
    private var byKey: [String: ParcelEvent] = [:]

    public init() {}

    public mutating func append(_ event: ParcelEvent) -> AppendResult {
        let key = event.source + "\u{1F}" + event.eventId
        if let stored = byKey[key] { return stored == event ? .duplicate : .conflict }
        byKey[key] = event
        events[event.parcelId, default: []].append(event)
        return .appended
    }

    /// The parcel's events in event-time order (arrival order for equal times).
    public func history(of parcelId: String) -> [ParcelEvent] {
        let list = events[parcelId] ?? []
        return list.enumerated().sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }.map(\.element)
    }

    /// The parcel's current status, or nil if nothing is known about it.
    public func status(of parcelId: String) -> ParcelStatus? {
        history(of: parcelId).last.map { ParcelStatus($0.kind) }
    }

    public var eventCount: Int { byKey.count }
}
