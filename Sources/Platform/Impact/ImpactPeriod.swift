import Foundation

/// The days a figure covers: `from`…`to` (a custom period), or the `period` (day, week, month)
/// around `to`; the current ISO week without either.
struct ImpactPeriod: Sendable, Equatable {
    var from: String
    var to: String

    enum Kind: String, CaseIterable, Sendable { case day, week, month }

    static func resolve(from: String?, to: String?, period: String?, today: String) throws -> ImpactPeriod {
        let last = to ?? today
        let lastDate = try day(last, field: to == nil ? "today" : "to")
        if let from {
            guard period == nil else { throw Problem.badRequest("period: give either 'period' or 'from', not both") }
            _ = try day(from, field: "from")
            guard from <= last else { throw Problem.badRequest("from: must not be after 'to'") }
            guard let span = calendar.dateComponents([.day], from: try day(from, field: "from"), to: lastDate).day, span <= 400 else {
                throw Problem.unprocessable("from: at most 400 days per request")
            }
            return ImpactPeriod(from: from, to: last)
        }
        let kind: Kind
        if let period {
            guard let known = Kind(rawValue: period) else {
                throw Problem.badRequest("period: '\(period)' is not one of \(Kind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            kind = known
        } else {
            kind = .week
        }
        switch kind {
        case .day: return ImpactPeriod(from: last, to: last)
        case .week:
            let weekday = (calendar.component(.weekday, from: lastDate) + 5) % 7  // 0 = Monday
            let monday = lastDate.addingTimeInterval(-Double(weekday) * 86_400)
            return ImpactPeriod(from: text(monday), to: text(monday.addingTimeInterval(6 * 86_400)))
        case .month:
            let parts = calendar.dateComponents([.year, .month], from: lastDate)
            guard let first = calendar.date(from: parts), let next = calendar.date(byAdding: .month, value: 1, to: first) else {
                throw Problem.badRequest("to: '\(last)' has no month")
            }
            return ImpactPeriod(from: text(first), to: text(next.addingTimeInterval(-86_400)))
        }
    }

    /// A month `YYYY-MM` as its first and last day.
    static func month(_ text: String) throws -> ImpactPeriod {
        try resolve(from: nil, to: text + "-01", period: Kind.month.rawValue, today: text + "-01")
    }

    private static var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        return calendar
    }

    private static func day(_ text: String, field: String) throws -> Date {
        calendar.date(from: try Wire.date(text, field: field)) ?? Date(timeIntervalSince1970: 0)
    }

    private static func text(_ date: Date) -> String {
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 1970, parts.month ?? 1, parts.day ?? 1)
    }
}
