import Foundation

/// Entries into a zone that sensors and cameras saw, set against the trips declared for it.
public enum EntryMatching {
    public enum Finding: String, Hashable, Sendable, Codable, CaseIterable {
        /// A trip with the same plate entered within the tolerance.
        case declared
        /// No trip with the plate, but one declared without a plate entered within the
        /// tolerance: it may be this vehicle, so the entry is not flagged.
        case declaredWithoutPlate = "declared-without-plate"
        /// The plate was read, and no trip declared around that time explains it.
        case undeclared
        /// No plate was read, and no trip without a plate is left to explain it.
        case unidentified
    }

    public struct Entry: Hashable, Sendable, Codable {
        public var event: ObservedEvent
        public var finding: Finding
        /// The declared trip that explains it.
        public var tripId: String?
    }

    /// Matches each `enter_area` event to at most one declared trip, and each trip to at most
    /// one entry. First by plate: entries in time order take the trip with the same plate hash
    /// whose declared entry is nearest, within `tolerance` either way. Then the entries left take
    /// the nearest trip declared without a plate, so an operator who gives no plates is never
    /// accused of a trip it declared. Deterministic: ties go to the trip with the smaller id.
    public static func match(entries events: [ObservedEvent], trips: [ZoneTrip], tolerance: TimeInterval = 1800) -> [Entry] {
        let entries = events.filter { $0.type == .enterArea }.sorted { ($0.time, $0.eventId) < ($1.time, $1.eventId) }
        var byPlate = Dictionary(grouping: trips.filter { $0.plateHash != nil }) { $0.plateHash ?? "" }
        var withoutPlate = trips.filter { $0.plateHash == nil }
        let first = entries.map { event -> Entry in
            guard let plate = event.plateHash, let index = nearest(in: byPlate[plate] ?? [], to: event.time, within: tolerance),
                  let trip = byPlate[plate]?.remove(at: index) else {
                return Entry(event: event, finding: event.plateHash == nil ? .unidentified : .undeclared)
            }
            return Entry(event: event, finding: .declared, tripId: trip.id)
        }
        return first.map { entry in
            guard entry.finding != .declared, let index = nearest(in: withoutPlate, to: entry.event.time, within: tolerance) else { return entry }
            return Entry(event: entry.event, finding: .declaredWithoutPlate, tripId: withoutPlate.remove(at: index).id)
        }
    }

    /// The index of the trip whose entry is nearest `time`, within `tolerance`; ties by smaller id.
    private static func nearest(in trips: [ZoneTrip], to time: Date, within tolerance: TimeInterval) -> Int? {
        trips.indices.filter { abs(trips[$0].entry.timeIntervalSince(time)) <= tolerance }
            .min { (abs(trips[$0].entry.timeIntervalSince(time)), trips[$0].id) < (abs(trips[$1].entry.timeIntervalSince(time)), trips[$1].id) }
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
