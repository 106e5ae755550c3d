import Foundation
import Geo

/// Where a route's vehicle parks for its stops: the loading bays the planner puts on a route.
/// The driver parks at the bay and walks to the recipient; stops in a row at one bay park once.
public enum BayChoice {
    /// A stop as the choice needs it: where the recipient is, and the stay (arrival to leaving).
    public struct Stop: Hashable, Sendable {
        public var position: Coordinate
        public var arrival: Date
        public var departure: Date

        public init(position: Coordinate, arrival: Date, departure: Date) {
            self.position = position
            self.arrival = arrival
            self.departure = departure
        }
    }

    /// Spaces taken per bay and slot, as `"bay#slot-epoch-seconds"`: what earlier choices in the
    /// same plan took, so two routes do not both count on a bay's last space.
    public typealias Taken = [String: Int]

    /// For each stop, the bay to park at, or nil: the nearest bay within `maximumWalkM` (straight
    /// line; ties by bay id) that is long enough for the vehicle, whose policies let the vehicle's
    /// user classes there (`classes(bay)`: a certified consolidator's inside its zone only) load
    /// on arrival, and that has a space free in every slot of the stay — `free(bay, slot)` spaces,
    /// less those in `taken`. A stop that keeps the previous stop's bay needs only the slots it adds.
    public static func choose(stops: [Stop], vehicle: ZoneVehicle, classes: (LoadingBay) -> Set<String>, bays: [LoadingBay], rules: BookingRules, clock: ZoneClock,
                              maximumWalkM: Double = 200, taken: inout Taken, free: (String, Date) -> Int) -> [String?] {
        let slotSeconds = Double(rules.slotMinutes * 60)
        func slots(_ stop: Stop) -> [Date] {
            let first = (stop.arrival.timeIntervalSince1970 / slotSeconds).rounded(.down) * slotSeconds
            return rules.slots(from: Date(timeIntervalSince1970: first), until: max(stop.departure, stop.arrival.addingTimeInterval(1)))
        }
        func key(_ bay: String, _ slot: Date) -> String { "\(bay)#\(Int64(slot.timeIntervalSince1970))" }
        let usable = bays.filter { $0.capacity(for: vehicle.category) > 0 }
        var chosen: [String?] = []
        var mine: Set<String> = []
        for stop in stops {
            let near = usable.map { ($0, $0.position.greatCircleDistance(to: stop.position)) }.filter { $0.1 <= maximumWalkM }
                .sorted { ($0.1, $0.0.id) < ($1.1, $1.0.id) }
            let pick = near.first { bay, _ in
                guard bay.access(classes: classes(bay), at: stop.arrival, clock: clock).allowed else { return false }
                return slots(stop).allSatisfy { slot in mine.contains(key(bay.id, slot)) || free(bay.id, slot) - taken[key(bay.id, slot), default: 0] > 0 }
            }?.0
            // Leaving the bay ends the stay there: a later stop at it needs a space again.
            if pick?.id != chosen.last ?? nil { mine = [] }
            if let pick {
                for slot in slots(stop) where mine.insert(key(pick.id, slot)).inserted { taken[key(pick.id, slot), default: 0] += 1 }
            }
            chosen.append(pick?.id)
        }
        return chosen
    }
}
