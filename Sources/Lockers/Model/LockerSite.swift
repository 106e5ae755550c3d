import Foundation
import Geo

/// A place with lockers: a station, a fuel station, a shop, a housing co-op. Its operator runs
/// the machines; its host owns the place.
public struct LockerSite: Hashable, Sendable, Codable {
    /// Whether the machine talks to the platform while it opens doors. An offline locker checks
    /// signed access tokens itself (`AccessTokenVerifier`).
    public enum Connectivity: String, Hashable, Sendable, Codable, CaseIterable { case online, offline }
    public enum Placement: String, Hashable, Sendable, Codable, CaseIterable { case indoor, outdoor }

    public var id: String
    public var name: String
    public var operatorId: String
    public var hostId: String?
    public var position: Coordinate
    public var placement: Placement
    public var connectivity: Connectivity
    public var openingHours: OpeningHours
    public var compartments: [Compartment]

    public init(id: String, name: String, operatorId: String, hostId: String? = nil, position: Coordinate, placement: Placement,
                connectivity: Connectivity, openingHours: OpeningHours = .always, compartments: [Compartment]) {
        self.id = id; self.name = name; self.operatorId = operatorId; self.hostId = hostId; self.position = position
        self.placement = placement; self.connectivity = connectivity; self.openingHours = openingHours; self.compartments = compartments
    }

    /// What cannot be about the site, or nil: the first compartment that cannot be, named by its index.
    public var problem: String? {
        if id.isEmpty || name.trimmingCharacters(in: .whitespaces).isEmpty { return "a site needs an id and a name" }
        if !position.isValid { return "position: \(position) is not a WGS 84 longitude/latitude" }
        if compartments.isEmpty { return "compartments: a site has at least one" }
        var ids: Set<String> = []
        for (index, compartment) in compartments.enumerated() {
            if let problem = compartment.problem { return "compartments[\(index)].\(problem)" }
            if !ids.insert(compartment.id).inserted { return "compartments[\(index)].id: '\(compartment.id)' is used twice" }
        }
        return openingHours.problem.map { "openingHours.\($0)" }
    }
}

/// When a site is open: every day round the clock, or windows per weekday in local minutes.
public struct OpeningHours: Hashable, Sendable, Codable {
    /// Minutes after local midnight, `[start, end)`; ISO weekday 1 (Monday) … 7.
    public struct Window: Hashable, Sendable, Codable {
        public var weekday: Int
        public var startMinute: Int
        public var endMinute: Int
        public init(weekday: Int, startMinute: Int, endMinute: Int) { self.weekday = weekday; self.startMinute = startMinute; self.endMinute = endMinute }
    }

    /// Empty: always open.
    public var windows: [Window]
    public var timeZone: String

    public init(windows: [Window], timeZone: String = "Europe/Oslo") { self.windows = windows; self.timeZone = timeZone }

    public static let always = OpeningHours(windows: [])

    public var problem: String? {
        if TimeZone(identifier: timeZone) == nil { return "timeZone: '\(timeZone)' is not an IANA time zone" }
        for (index, window) in windows.enumerated() {
            guard (1...7).contains(window.weekday), (0..<1440).contains(window.startMinute), (1...1440).contains(window.endMinute),
                  window.startMinute < window.endMinute else {
                return "windows[\(index)]: weekday 1–7 and minutes 0–1440 with start before end"
            }
        }
        return nil
    }

    /// Whether the site is open at `instant`.
    public func isOpen(at instant: Date) -> Bool {
        guard !windows.isEmpty else { return true }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: timeZone) ?? .gmt
        let parts = calendar.dateComponents([.weekday, .hour, .minute], from: instant)
        let weekday = ((parts.weekday ?? 1) + 5) % 7 + 1
        let minute = (parts.hour ?? 0) * 60 + (parts.minute ?? 0)
        return windows.contains { $0.weekday == weekday && $0.startMinute <= minute && minute < $0.endMinute }
    }
}
