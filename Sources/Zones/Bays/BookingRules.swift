import Foundation
import Geo

/// The rules a municipality sets for booking loading bays, written so that bays are shared,
/// not hoarded: short slots, holds that lapse, confirmation only when the vehicle is near in
/// time or space, a cap on a vehicle's open holds, and release when nobody comes.
public struct BookingRules: Hashable, Sendable, Codable {
    /// Bookings start and end on multiples of this many minutes after the hour.
    public var slotMinutes: Int
    /// The longest booking, unless the bay's policy allows less.
    public var maximumMinutes: Int
    /// How long an unconfirmed hold keeps its slots.
    public var holdSeconds: Int
    /// A hold may be confirmed at the earliest this many minutes before its start…
    public var confirmWithinMinutesOfArrival: Int
    /// …or when the vehicle reports a position this close to the bay.
    public var confirmWithinMetres: Double
    /// Open holds one vehicle may have at a time.
    public var maximumHoldsPerVehicle: Int
    /// A confirmed booking nobody arrived for is released this many seconds after its start.
    public var noShowGraceSeconds: Int
    /// How far ahead a slot may be held.
    public var horizonHours: Int

    public init(slotMinutes: Int = 15, maximumMinutes: Int = 60, holdSeconds: Int = 300, confirmWithinMinutesOfArrival: Int = 30,
                confirmWithinMetres: Double = 3000, maximumHoldsPerVehicle: Int = 2, noShowGraceSeconds: Int = 600, horizonHours: Int = 24) {
        self.slotMinutes = slotMinutes
        self.maximumMinutes = maximumMinutes
        self.holdSeconds = holdSeconds
        self.confirmWithinMinutesOfArrival = confirmWithinMinutesOfArrival
        self.confirmWithinMetres = confirmWithinMetres
        self.maximumHoldsPerVehicle = maximumHoldsPerVehicle
        self.noShowGraceSeconds = noShowGraceSeconds
        self.horizonHours = horizonHours
    }

    public static let standard = BookingRules()

    /// Why a hold on `[start, end)` requested at `now` cannot be, or nil. `maxStayMinutes` is the
    /// bay policy's limit at the start. (The cap on a vehicle's open holds is counted where holds
    /// are stored, in the same transaction.)
    public func problem(holdFrom start: Date, until end: Date, now: Date, maxStayMinutes: Int?) -> String? {
        let slot = Double(slotMinutes * 60)
        if start.timeIntervalSince1970.truncatingRemainder(dividingBy: slot) != 0 || end.timeIntervalSince1970.truncatingRemainder(dividingBy: slot) != 0 {
            return "bookings start and end on whole \(slotMinutes)-minute slots (e.g. 10:00, 10:15)"
        }
        if end <= start { return "the booking must end after it starts" }
        if start < now.addingTimeInterval(-slot) { return "the slot has passed" }
        if start > now.addingTimeInterval(Double(horizonHours) * 3600) { return "slots can be held at most \(horizonHours) hours ahead" }
        let minutes = Int(end.timeIntervalSince(start) / 60)
        let limit = min(maximumMinutes, maxStayMinutes ?? .max)
        if minutes > limit { return "\(minutes) minutes exceed the \(limit) minutes a vehicle may stay" }
        return nil
    }

    /// Why a hold starting at `start` cannot be confirmed at `now` from `position`, or nil: the
    /// vehicle must be within `confirmWithinMinutesOfArrival` of the start or
    /// `confirmWithinMetres` of the bay.
    public func problem(confirming start: Date, at bay: Coordinate, now: Date, position: Coordinate?) -> String? {
        let soon = start.timeIntervalSince(now) <= Double(confirmWithinMinutesOfArrival * 60)
        let near = position.map { $0.greatCircleDistance(to: bay) <= confirmWithinMetres } ?? false
        if soon || near { return nil }
        return "a hold is confirmed within \(confirmWithinMinutesOfArrival) minutes of its start or within \(Int(confirmWithinMetres)) m of the bay"
    }

    /// The instant a confirmed booking starting at `start` is released if nobody has arrived.
    public func noShowRelease(start: Date) -> Date { start.addingTimeInterval(Double(noShowGraceSeconds)) }

    /// The slot starts `[start, end)` covers.
    public func slots(from start: Date, until end: Date) -> [Date] {
        stride(from: start.timeIntervalSince1970, to: end.timeIntervalSince1970, by: Double(slotMinutes * 60)).map(Date.init(timeIntervalSince1970:))
    }
}
