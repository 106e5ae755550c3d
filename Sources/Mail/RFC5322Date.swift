import Foundation

/// The `date-time` of RFC 5322 §3.3, e.g. `Tue, 03 Jun 2025 14:05:09 +0200`.
enum RFC5322Date {
    private static let dayNames = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// Formats `date` as seen in `timeZone`, with that zone's offset at that instant.
    static func format(_ date: Date, in timeZone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.weekday, .day, .month, .year, .hour, .minute, .second], from: date)
        let offsetMinutes = timeZone.secondsFromGMT(for: date) / 60
        let sign = offsetMinutes < 0 ? "-" : "+"
        let day = dayNames[((parts.weekday ?? 1) - 1) % 7]
        let month = monthNames[((parts.month ?? 1) - 1) % 12]
        return "\(day), \(twoDigits(parts.day ?? 1)) \(month) \(parts.year ?? 1970) "
            + "\(twoDigits(parts.hour ?? 0)):\(twoDigits(parts.minute ?? 0)):\(twoDigits(parts.second ?? 0)) "
            + "\(sign)\(twoDigits(abs(offsetMinutes) / 60))\(twoDigits(abs(offsetMinutes) % 60))"
    }

    private static func twoDigits(_ value: Int) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }
}
