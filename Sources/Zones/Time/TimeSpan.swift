import Routing

/// When a rule is in force, as a sign says it: on some days of the week, from a local time to
/// another. A span whose end is not after its start runs past midnight into the next day
/// ("22:00–06:00" on Fridays covers Friday 22:00 to Saturday 06:00); `00:00–24:00` is the
/// whole day. The start is included, the end is not.
///
/// Public holidays are said the way signs and the Curb Data Specification say them: Norwegian
/// "hverdager 08–16" is Monday–Friday with holidays `excluded`; "søn- og helligdager" is two
/// spans, Sundays and holidays `only`.
public struct TimeSpan: Hashable, Sendable, Codable {
    /// How a span treats public holidays (CDS `designated_period: "holidays"`).
    public enum Holidays: String, Hashable, Sendable, Codable, CaseIterable {
        /// A holiday counts as its weekday.
        case regardless
        /// Not on holidays (CDS `designated_period_except: true`).
        case excluded
        /// Only on holidays.
        case only
    }

    /// The days the span starts on; empty means every day.
    public var days: Set<Weekday>
    public var holidays: Holidays
    public var start: LocalTime
    public var end: LocalTime

    public init(days: Set<Weekday> = [], holidays: Holidays = .regardless, start: LocalTime, end: LocalTime) {
        self.days = days
        self.holidays = holidays
        self.start = start
        self.end = end
    }

    /// Whether the span covers local time `time` on `date`, with `isHoliday` telling which dates
    /// are public holidays (a span crossing midnight asks about the day before too).
    public func covers(_ date: LocalDate, _ time: LocalTime, isHoliday: (LocalDate) -> Bool) -> Bool {
        func startsOn(_ day: LocalDate) -> Bool {
            guard days.isEmpty || days.contains(Weekday(isoWeekday: day.isoWeekday)) else { return false }
            switch holidays {
            case .regardless: return true
            case .excluded: return !isHoliday(day)
            case .only: return isHoliday(day)
            }
        }
        if start < end { return time >= start && time < end && startsOn(date) }
        // Crosses midnight: the evening part belongs to today, the morning part to yesterday.
        if time >= start { return startsOn(date) }
        return time < end && startsOn(date.adding(days: -1))
    }

    /// Whether the span runs past midnight.
    public var crossesMidnight: Bool { end <= start && !(start.minutes == 0 && end.minutes == 0) }

    private enum Keys: String, CodingKey, CaseIterable { case days, holidays, start, end }

    public init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(Keys.self)
        let container = try decoder.container(keyedBy: Keys.self)
        days = try container.decodeIfPresent(Set<Weekday>.self, forKey: .days) ?? []
        holidays = try container.decodeIfPresent(Holidays.self, forKey: .holidays) ?? .regardless
        start = try container.decode(LocalTime.self, forKey: .start)
        end = try container.decode(LocalTime.self, forKey: .end)
        if start.minutes == 1440 {
            throw DecodingError.dataCorruptedError(forKey: .start, in: container, debugDescription: "a span cannot start at 24:00; write 00:00")
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        if !days.isEmpty { try container.encode(Weekday.allCases.filter(days.contains), forKey: .days) }
        if holidays != .regardless { try container.encode(holidays, forKey: .holidays) }
        try container.encode(start, forKey: .start)
        try container.encode(end, forKey: .end)
    }
}
