import Foundation
import Vapor

/// Conversions between the wire formats of the API (ISO 8601 instants with offsets, local
/// `HH:MM` clock times, calendar dates) and stored values.
enum Wire {
    /// `2026-11-25T08:30:00+01:00` (fractional seconds allowed); an offset or `Z` is required.
    static func instant(_ text: String, field: String) throws -> Date {
        guard let date = try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text) else {
            throw Problem.badRequest("\(field): '\(text)' is not an ISO 8601 date-time with an offset, e.g. 2026-11-25T08:30:00+01:00")
        }
        return date
    }

    /// An instant as ISO 8601 in the given zone, e.g. `2026-11-25T08:30:00+01:00`.
    static func format(_ date: Date, in zone: TimeZone) -> String {
        date.formatted(Date.ISO8601FormatStyle(timeZoneSeparator: .colon, timeZone: zone))
    }

    static func format(_ milliseconds: EpochMilliseconds, in zone: TimeZone) -> String {
        format(Date(epochMilliseconds: milliseconds), in: zone)
    }

    /// `HH:MM` → seconds after midnight (24:00 allowed as the end of the day).
    static func clock(_ text: String, field: String) throws -> Int {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ $0.count == 2 }), let hours = Int(parts[0]), let minutes = Int(parts[1]),
              (0...24).contains(hours), (0..<60).contains(minutes), hours < 24 || minutes == 0 else {
            throw Problem.badRequest("\(field): '\(text)' is not a clock time HH:MM")
        }
        return hours * 3600 + minutes * 60
    }

    static func clock(seconds: Int) -> String { String(format: "%02d:%02d", seconds / 3600, seconds % 3600 / 60) }

    /// A calendar date `YYYY-MM-DD`, checked to exist.
    static func date(_ text: String, field: String) throws -> DateComponents {
        let parts = text.split(separator: "-")
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]) else {
            throw Problem.badRequest("\(field): '\(text)' is not a date YYYY-MM-DD")
        }
        let components = DateComponents(year: year, month: month, day: day)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        guard let date = calendar.date(from: components), calendar.component(.day, from: date) == day else {
            throw Problem.badRequest("\(field): '\(text)' is not a day of the calendar")
        }
        return components
    }

    /// Local midnight of `date` in `zone`.
    static func midnight(of date: DateComponents, in zone: TimeZone) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar.date(from: date)!
    }

    /// ISO weekday of a date: 1 = Monday … 7 = Sunday.
    static func weekday(of date: DateComponents) -> Int {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let weekday = calendar.component(.weekday, from: calendar.date(from: date)!)  // 1 = Sunday
        return weekday == 1 ? 7 : weekday - 1
    }

    /// Today's date in `zone`, as `YYYY-MM-DD`.
    static func today(in zone: TimeZone, now: Date = Date()) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.year, .month, .day], from: now)
        return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
    }

    static let weekdayNames = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

    /// Checks an identifier chosen by a client: 1–100 characters of letters, digits and `-_.:`.
    static func identifier(_ text: String, field: String) throws {
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-_.:"))
        guard !text.isEmpty, text.count <= 100, text.unicodeScalars.allSatisfy(allowed.contains) else {
            throw Problem.badRequest("\(field): '\(text.prefix(120))' must be 1–100 letters, digits or - _ . :")
        }
    }

    /// Checks a [longitude, latitude] pair.
    static func location(_ pair: [Double], field: String) throws {
        guard pair.count == 2, (-180...180).contains(pair[0]), (-90...90).contains(pair[1]) else {
            throw Problem.badRequest("\(field): expected [longitude, latitude] within ±180, ±90 (RFC 7946 order)")
        }
    }
}

/// Page parameters of list endpoints: `?page=1&perPage=50` (at most 500 per page).
struct PageRequest {
    var page: Int
    var perPage: Int
    var offset: Int { (page - 1) * perPage }

    init(_ request: Request) throws {
        page = try request.query.get(Int?.self, at: "page") ?? 1
        perPage = try request.query.get(Int?.self, at: "perPage") ?? 50
        guard page >= 1 else { throw Problem.badRequest("page: must be 1 or more") }
        guard (1...500).contains(perPage) else { throw Problem.badRequest("perPage: must be between 1 and 500") }
    }
}

/// A page of a list: the items and how many there are in all.
struct Page<Item: Content>: Content {
    var items: [Item]
    var page: Int
    var perPage: Int
    var total: Int
}
