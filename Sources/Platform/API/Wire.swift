import Domain
import Foundation
import Routing
import Store
import Vapor

/// Conversions between the wire formats of the API (ISO 8601 instants with offsets, local
/// `HH:MM` clock times, calendar dates) and stored values.
enum Wire {
    /// `2026-11-25T08:30:00+01:00` (fractional seconds allowed); an offset or `Z` is required.
    static func instant(_ text: String, field: String) throws -> Date {
        guard let date = ISO8601DateTime.parse(text)?.date else {
            throw Problem.badRequest("\(field): '\(text)' is not an ISO 8601 date-time with an offset, e.g. 2026-11-25T08:30:00+01:00")
        }
        return date
    }

    /// An instant as ISO 8601 in the given zone, e.g. `2026-11-25T08:30:00+01:00`.
    static func format(_ date: Date, in zone: TimeZone) -> String {
        ISO8601DateTime.format(date, in: zone)
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
        // The calendar would roll month 13 over into January of the next year.
        guard (1...12).contains(month) else { throw Problem.badRequest("\(field): '\(text)' is not a day of the calendar") }
        let components = DateComponents(year: year, month: month, day: day)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        guard let date = calendar.date(from: components), calendar.component(.day, from: date) == day else {
            throw Problem.badRequest("\(field): '\(text)' is not a day of the calendar")
        }
        return components
    }

    /// A calendar date that must lie from `pastDays` before to `futureDays` after today in
    /// `zone`: plans, delivery dates and similar days of operation, where a year 9999 or a
    /// date long gone is a typing error, not a plan.
    static func operatingDay(_ text: String, field: String, in zone: TimeZone, pastDays: Int = 31, futureDays: Int = 366,
                             now: Date = Date()) throws -> DateComponents {
        let components = try date(text, field: field)
        let day = midnight(of: components, in: zone).timeIntervalSince(midnight(of: try date(today(in: zone, now: now), field: field), in: zone)) / 86_400
        guard day >= Double(-pastDays) - 0.5, day <= Double(futureDays) + 0.5 else {
            throw Problem.unprocessable("\(field): \(text) is not within \(pastDays) days before and \(futureDays) days after today")
        }
        return components
    }

    /// An instant that must lie between `past` before and `future` after now (event and dispatch times).
    static func recentInstant(_ text: String, field: String, past: TimeInterval, future: TimeInterval, now: Date = Date()) throws -> Date {
        let time = try instant(text, field: field)
        guard time.timeIntervalSince(now) <= future else {
            throw Problem.unprocessable("\(field): \(text) is more than \(Self.span(future)) in the future; check the reporting clock")
        }
        guard now.timeIntervalSince(time) <= past else {
            throw Problem.unprocessable("\(field): \(text) is more than \(Self.span(past)) in the past")
        }
        return time
    }

    private static func span(_ seconds: TimeInterval) -> String {
        seconds >= 86_400 ? "\(Int(seconds / 86_400)) days" : seconds >= 3600 ? "\(Int(seconds / 3600)) hours" : "\(Int(seconds / 60)) minutes"
    }

    /// Local midnight of `date` in `zone`.
    static func midnight(of date: DateComponents, in zone: TimeZone) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar.date(from: date) ?? Date(timeIntervalSince1970: 0)
    }

    /// ISO weekday of a date: 1 = Monday … 7 = Sunday.
    static func weekday(of date: DateComponents) -> Int {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        let weekday = calendar.component(.weekday, from: calendar.date(from: date) ?? Date(timeIntervalSince1970: 0))  // 1 = Sunday
        return weekday == 1 ? 7 : weekday - 1
    }

    /// Today's date in `zone`, as `YYYY-MM-DD`.
    static func today(in zone: TimeZone, now: Date = Date()) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.year, .month, .day], from: now)
        return String(format: "%04d-%02d-%02d", parts.year ?? 1970, parts.month ?? 1, parts.day ?? 1)
    }

    static let weekdayNames = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

    /// Checks an identifier chosen by a client against `TextPolicy.identifier` (NFC, then 1–100
    /// ASCII letters, digits or `- _ . :`); returns it normalised.
    @discardableResult
    static func identifier(_ text: String, field: String) throws -> String {
        do { return try TextPolicy.identifier(text) } catch {
            throw Problem.badRequest("\(field): '\(text.prefix(120))' \(error)")
        }
    }

    /// Checks free text (NFC, no control characters, at most `limit` characters); returns it normalised.
    static func text(_ text: String, field: String, limit: Int) throws -> String {
        do { return try TextPolicy.text(text, limit: limit) } catch { throw Problem.badRequest("\(field): \(error)") }
    }

    /// Checks a [longitude, latitude] pair.
    static func location(_ pair: [Double], field: String) throws {
        guard pair.count == 2, (-180...180).contains(pair[0]), (-90...90).contains(pair[1]) else {
            throw Problem.badRequest("\(field): expected [longitude, latitude] within ±180, ±90 (RFC 7946 order)")
        }
    }
}

/// Page parameters of list endpoints (`perPage` at most 500), and which page a request asks
/// for: by number (`page`), or after a position (`cursor`, from the previous page's
/// `nextCursor`), which stays as fast however deep.
struct PageRequest {
    var page: Int?
    var cursor: PageCursor?
    var perPage: Int
    var offset: Int { ((page ?? 1) - 1) * perPage }

    init(_ request: Request) throws {
        page = try request.query.get(Int?.self, at: "page")
        perPage = try request.query.get(Int?.self, at: "perPage") ?? 50
        if let text = try request.query.get(String?.self, at: "cursor") {
            guard page == nil else { throw Problem.badRequest("cursor: ask for a page by number or by cursor, not both") }
            guard let cursor = PageCursor(text) else { throw Problem.badRequest("cursor: '\(text.prefix(80))' is no cursor this server gave") }
            self.cursor = cursor
        } else if page == nil {
            page = 1
        }
        guard (1...1_000_000).contains(page ?? 1) else { throw Problem.badRequest("page: must be between 1 and 1000000") }
        guard (1...500).contains(perPage) else { throw Problem.badRequest("perPage: must be between 1 and 500") }
    }
}

/// A position in a list ordered by time (newest first), then id: opaque to clients.
struct PageCursor: Equatable {
    var time: EpochMilliseconds
    var id: String

    init(time: EpochMilliseconds, id: String) { (self.time, self.id) = (time, id) }

    /// Reads a cursor's text; nil when it is none this server wrote.
    init?(_ text: String) {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard let data = Data(base64Encoded: base64), let plain = String(data: data, encoding: .utf8),
              let separator = plain.firstIndex(of: "|"), let time = EpochMilliseconds(plain[..<separator]) else { return nil }
        self.init(time: time, id: String(plain[plain.index(after: separator)...]))
    }

    var text: String {
        Data("\(time)|\(id)".utf8).base64URLEncoded
    }
}

/// A page of a list: the items, how many there are in all (by number), and where the next page starts.
struct Paged<Item: Content>: Content {
    var items: [Item]
    /// The page number, when the page was asked for by number.
    var page: Int?
    var perPage: Int
    /// How many there are in all, when the page was asked for by number.
    var total: Int?
    /// The cursor of the next page; absent on the last.
    var nextCursor: String?
}
