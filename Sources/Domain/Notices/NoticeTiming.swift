import Foundation

/// The hours in which no recipient is sent a message: a notice that falls due then waits for
/// the end of the quiet hours, in the hub's time zone. The quiet hours may span midnight
/// (21:00–07:00, the default); equal start and end mean none.
public struct QuietHours: Sendable, Equatable, CustomStringConvertible {
    /// Minutes after local midnight.
    public var start: Int
    public var end: Int

    public init(start: Int = 21 * 60, end: Int = 7 * 60) {
        (self.start, self.end) = (start, end)
    }

    /// `HH:MM-HH:MM`, e.g. `21:00-07:00`; nil when it is not that shape.
    public init?(_ text: String) {
        let parts = text.split(separator: "-")
        guard parts.count == 2, let start = Self.minutes(parts[0]), let end = Self.minutes(parts[1]) else { return nil }
        self.init(start: start, end: end)
    }

    private static func minutes(_ clock: Substring) -> Int? {
        let parts = clock.split(separator: ":")
        guard parts.count == 2, parts.allSatisfy({ $0.count == 2 }), let hours = Int(parts[0]), let minutes = Int(parts[1]),
              (0..<24).contains(hours), (0..<60).contains(minutes) else { return nil }
        return hours * 60 + minutes
    }

    public var description: String {
        String(format: "%02d:%02d-%02d:%02d", start / 60, start % 60, end / 60, end % 60)
    }

    /// Whether `minute` (after local midnight) is quiet.
    public func contains(minute: Int) -> Bool {
        if start == end { return false }
        return start < end ? (start..<end).contains(minute) : minute >= start || minute < end
    }

    /// The first moment from `time` on, in `zone`, that is not quiet.
    public func earliestSend(from time: Date, in zone: TimeZone) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.hour, .minute], from: time)
        let minute = (parts.hour ?? 0) * 60 + (parts.minute ?? 0)
        guard contains(minute: minute) else { return time }
        let next = calendar.nextDate(after: time, matching: DateComponents(hour: end / 60, minute: end % 60, second: 0), matchingPolicy: .nextTime)
        return next ?? time.addingTimeInterval(TimeInterval((end - minute + 24 * 60) % (24 * 60) * 60))
    }
}

/// The window a recipient is told to expect a delivery in: from a quarter of an hour before
/// the earliest planned arrival (rounded down to the quarter) to half an hour after the latest
/// (rounded up) — planned times move with traffic and the stops before.
public struct ArrivalWindow: Sendable, Equatable {
    public var start: Date
    public var end: Date

    public init(start: Date, end: Date) {
        (self.start, self.end) = (start, end)
    }

    public static let before: TimeInterval = 15 * 60
    public static let after: TimeInterval = 30 * 60

    /// The window around planned arrivals from `earliest` to `latest`.
    public init(earliest: Date, latest: Date) {
        let quarter: TimeInterval = 15 * 60
        let floor = (earliest.timeIntervalSince1970 / quarter).rounded(.down) * quarter
        let ceiling = (max(latest, earliest).timeIntervalSince1970 / quarter).rounded(.up) * quarter
        self.init(start: Date(timeIntervalSince1970: floor - Self.before), end: Date(timeIntervalSince1970: ceiling + Self.after))
    }

    /// This window widened to hold another's.
    public func union(_ other: ArrivalWindow) -> ArrivalWindow {
        ArrivalWindow(start: min(start, other.start), end: max(end, other.end))
    }
}

/// Which delivery of the day a stop belongs to, for one message per recipient per window: the
/// site's accepted window (`07:00-16:00`) that holds the planned arrival, or, where the site
/// has none that does, the hour of the arrival (`at-09`). Stops of two routes at one site in
/// one window are one delivery.
public enum DeliveryWindowKey {
    /// The key of an arrival at `minute` after local midnight, given the site's windows that day
    /// as (start, end) minutes.
    public static func key(arrivalMinute minute: Int, siteWindows: [(start: Int, end: Int)]) -> String {
        func clock(_ value: Int) -> String { String(format: "%02d:%02d", value / 60, value % 60) }
        if let window = siteWindows.first(where: { $0.start <= minute && minute <= $0.end }) {
            return "\(clock(window.start))-\(clock(window.end))"
        }
        return String(format: "at-%02d", minute / 60)
    }
}
