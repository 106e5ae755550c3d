import Foundation

/// Turns instants into the local date and time of a zone's signs, and says what kind of day a
/// date is. Instants are what trips and events carry; windows are written in local time, so
/// a window "06:00–10:00" lasts four hours on most days, three or five around the changes to
/// and from summer time only if it spans 02:00–03:00.
public struct ZoneClock: Sendable {
    public let timeZone: TimeZone
    private let calendar: Calendar
    private let extraHolidays: Set<LocalDate>

    /// A clock for the IANA zone `identifier` (Europe/Oslo for Norwegian zones), with the
    /// national public holidays and any local ones.
    public init(timeZone identifier: String = "Europe/Oslo", extraHolidays: [LocalDate] = []) throws(ZoneClockError) {
        guard let zone = TimeZone(identifier: identifier) else { throw ZoneClockError.unknownTimeZone(identifier) }
        timeZone = zone
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        self.calendar = calendar
        self.extraHolidays = Set(extraHolidays)
    }

    /// The local date and the minutes after local midnight at `instant`.
    public func local(_ instant: Date) -> (date: LocalDate, time: LocalTime) {
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: instant)
        return (LocalDate(year: c.year ?? 1970, month: c.month ?? 1, day: c.day ?? 1), LocalTime(hour: c.hour ?? 0, minute: c.minute ?? 0))
    }

    /// The instant a local date and time stood on the zone's clocks: the first one when the time
    /// occurred twice (autumn), the moment after the gap when it did not occur (spring).
    public func instant(_ date: LocalDate, _ time: LocalTime) -> Date? {
        let components = DateComponents(year: date.year, month: date.month, day: date.day, hour: time.minutes / 60, minute: time.minutes % 60)
        return calendar.date(from: components)
    }

    /// Whether `date` is a public holiday (national or one of the zone's own).
    public func isHoliday(_ date: LocalDate) -> Bool {
        extraHolidays.contains(date) || NorwegianHolidays.isHoliday(date)
    }
}

public enum ZoneClockError: Error, Equatable, CustomStringConvertible {
    case unknownTimeZone(String)
    public var description: String {
        switch self { case .unknownTimeZone(let name): "'\(name)' is not an IANA time zone (for Norway: Europe/Oslo)" }
    }
}

/// A day of the week, written as in the Curb Data Specification.
public enum Weekday: String, Hashable, Sendable, Codable, CaseIterable {
    case mon, tue, wed, thu, fri, sat, sun

    public init(isoWeekday: Int) { self = Weekday.allCases[(isoWeekday - 1) % 7] }

    /// Monday to Friday.
    public static let workdays: Set<Weekday> = [.mon, .tue, .wed, .thu, .fri]
}

/// Norwegian public holidays (helligdager under the Holidays Act, and 1 and 17 May).
public enum NorwegianHolidays {
    public static func isHoliday(_ date: LocalDate) -> Bool {
        switch (date.month, date.day) {
        case (1, 1), (5, 1), (5, 17), (12, 25), (12, 26): return true
        default: break
        }
        let offset = date.dayNumber - easterSunday(date.year).dayNumber
        // Maundy Thursday, Good Friday, Easter Sunday and Monday, Ascension, Whit Sunday and Monday.
        return [-3, -2, 0, 1, 39, 49, 50].contains(offset)
    }

    /// Easter Sunday in the Gregorian calendar (the anonymous Gregorian algorithm).
    public static func easterSunday(_ year: Int) -> LocalDate {
        let a = year % 19, b = year / 100, c = year % 100
        let d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3
        let h = (19 * a + b - d - g + 15) % 30
        let i = c / 4, k = c % 4
        let l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31
        let day = (h + l - 7 * m + 114) % 31 + 1
        return LocalDate(year: year, month: month, day: day)
    }
}
