import Foundation

/// ISO 8601 date-times with a UTC offset (`2026-11-25T08:30:00+01:00`), as routing documents,
/// the HTTP API and the CLI read and write them: one reader, so that every input accepts the
/// same spellings, and one writer, so that every output prints the same one.
public enum ISO8601DateTime {
    /// Reads a date-time that states its offset: `Z`, `±hh:mm`, `±hhmm` or `±hh`, with or
    /// without fractional seconds (`2026-11-25T08:30:00.250+01:00`). Nil for anything else,
    /// a local time without an offset included: it would be another instant in every zone, and
    /// a date or time the calendar lacks (`2026-02-30`, `25:00`), which would roll over, and
    /// an instant outside 1970–2999 (`earliest`, `latest`): no logistics record is older, and
    /// older ones meet local mean times that no offset writes back.
    /// - Returns: the instant, and the offset as written, in seconds east of UTC (0 for `Z`).
    public static func parse(_ text: String) -> (date: Date, offsetSeconds: Int)? {
        guard let date = try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text),
              let offset = offsetSeconds(in: text),
              format(date, offsetSeconds: offset).prefix(16) == text.prefix(16).uppercased(),
              date >= earliest, date < latest else { return nil }
        return (date, offset)
    }

    /// 1970-01-01T00:00:00Z, the earliest instant read.
    public static let earliest = Date(timeIntervalSince1970: 0)
    /// 3000-01-01T00:00:00Z, the first instant not read.
    public static let latest = Date(timeIntervalSince1970: 32_503_680_000)

    /// `date` at `offsetSeconds` east of UTC, in whole seconds (a fraction is dropped):
    /// `2026-11-25T08:30:00+01:00`, or `2026-11-25T07:30:00Z` at offset 0.
    public static func format(_ date: Date, offsetSeconds: Int) -> String {
        format(date, in: TimeZone(secondsFromGMT: offsetSeconds) ?? .gmt)
    }

    /// `date` at the offset `zone` has at that instant (summer time included), in whole seconds.
    public static func format(_ date: Date, in zone: TimeZone) -> String {
        date.formatted(Date.ISO8601FormatStyle(timeZoneSeparator: .colon, timeZone: zone))
    }

    /// The offset written after the time of day, in seconds east of UTC.
    private static func offsetSeconds(in text: String) -> Int? {
        if text.hasSuffix("Z") || text.hasSuffix("z") { return 0 }
        // The date's dashes stand before the "T"; a sign after it starts the offset.
        guard let time = text.firstIndex(where: { $0 == "T" || $0 == "t" }),
              let sign = text.lastIndex(where: { $0 == "+" || $0 == "-" }), sign > time else { return nil }
        let digits = text[text.index(after: sign)...].filter { $0 != ":" }
        guard digits.count == 2 || digits.count == 4, digits.allSatisfy(\.isASCII),
              let hours = Int(digits.prefix(2)), let minutes = Int(digits.count == 4 ? digits.suffix(2) : "00") else { return nil }
        let seconds = hours * 3600 + minutes * 60
        return text[sign] == "-" ? -seconds : seconds
    }
}
