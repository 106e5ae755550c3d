import Foundation

/// Entries into a zone that sensors and cameras saw, set against the trips declared for it.
public enum EntryMatching {
    public enum Finding: String, Hashable, Sendable, Codable, CaseIterable {
        /// A trip into the zone with the same plate entered within the tolerance.
        case declared
        /// The plate was read, and no trip with it was declared around that time.
        case undeclared
        /// No plate was read: the entry counts, but cannot be matched.
        case unidentified
    }

    public struct Entry: Hashable, Sendable, Codable {
        public var event: ObservedEvent
        public var finding: Finding
        /// The declared trip it was matched to.
        public var tripId: String?
        /// The declaring operator of that trip (who sees the entry as their own).
        public var operatorId: String?
    }

    /// Matches each `enter_area` event inside the zone to at most one declared trip, and each
    /// trip to at most one entry: entries in time order take the trip with the same plate hash
    /// whose declared entry is nearest, within `tolerance` either way. Deterministic: ties go to
    /// the trip with the smaller id.
    public static func match(entries events: [ObservedEvent], trips: [ZoneTrip], tolerance: TimeInterval = 1800) -> [Entry] {
        var open = Dictionary(grouping: trips.filter { $0.plateHash != nil }) { $0.plateHash ?? "" }
        let entries = events.filter { $0.type == .enterArea }.sorted { ($0.time, $0.eventId) < ($1.time, $1.eventId) }
        return entries.map { event in
            guard let plate = event.plateHash else { return Entry(event: event, finding: .unidentified) }
            let candidates = (open[plate] ?? []).enumerated().filter { abs($0.element.entry.timeIntervalSince(event.time)) <= tolerance }
            guard let best = candidates.min(by: { a, b in
                (abs(a.element.entry.timeIntervalSince(event.time)), a.element.id) < (abs(b.element.entry.timeIntervalSince(event.time)), b.element.id)
            }) else { return Entry(event: event, finding: .undeclared) }
            open[plate]?.remove(at: best.offset)
            return Entry(event: event, finding: .declared, tripId: best.element.id, operatorId: best.element.operatorId)
        }
    }
}

/// What curb events tell about the bays.
public enum BayObservation {
    /// Vehicles parked in each bay (by CDS curb zone id) after `events`: every `park_start`
    /// adds one, every `park_end` takes one away (never below none), in time order.
    public static func parked(_ events: [ObservedEvent]) -> [String: Int] {
        var parked: [String: Int] = [:]
        for event in events.sorted(by: { ($0.time, $0.eventId) < ($1.time, $1.eventId) }) {
            guard let bay = event.curbZoneId else { continue }
            switch event.type {
            case .parkStart: parked[bay, default: 0] += 1
            case .parkEnd: parked[bay] = max(0, (parked[bay] ?? 0) - 1)
            default: continue
            }
        }
        return parked
    }
}
