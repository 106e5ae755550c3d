import Geo

/// Serving several recipients from one bay: the route planner stops at a bay and the driver
/// walks the rest, within a walking limit.
public enum BayStops {
    /// Recipients grouped on bays: the bay within `maximumWalkM` (straight line) that reaches the
    /// most recipients not yet served is taken first, ties by bay id; recipients no bay reaches are
    /// left out. Deterministic for the same input.
    public static func group(recipients: [(id: String, position: Coordinate)], bays: [(id: String, position: Coordinate)], maximumWalkM: Double) -> [(bay: String, recipients: [String])] {
        var unserved = Set(recipients.indices)
        let reach = bays.map { bay in Set(recipients.indices.filter { recipients[$0].position.greatCircleDistance(to: bay.position) <= maximumWalkM }) }
        var groups: [(bay: String, recipients: [String])] = []
        var used = Set<Int>()
        while true {
            let best = bays.indices.filter { !used.contains($0) }
                .map { ($0, reach[$0].intersection(unserved)) }
                .filter { !$0.1.isEmpty }
                .max { a, b in a.1.count != b.1.count ? a.1.count < b.1.count : bays[a.0].id > bays[b.0].id }
            guard let (index, served) = best else { break }
            used.insert(index)
            unserved.subtract(served)
            groups.append((bays[index].id, served.sorted().map { recipients[$0].id }))
        }
        return groups
    }
}
