import Geo

/// A directed road graph for one profile, in compressed sparse row form.
///
/// Weights are integers so that sums are exact whatever the order of addition: durations in
/// tenths of a second, distances in decimetres. Node `i` lies at `coordinates[i]`; its
/// outgoing edges are `edgeTargets[firstEdge[i]..<firstEdge[i + 1]]`.
public struct RoadGraph: Sendable {
    public let profile: RoadProfile
    public let coordinates: [Coordinate]
    public let osmNodeIds: [Int64]
    public let firstEdge: [Int32]
    public let edgeTargets: [Int32]
    /// Tenths of a second.
    public let edgeDurations: [Int32]
    /// Decimetres.
    public let edgeDistances: [Int32]

    public var nodeCount: Int { coordinates.count }
    public var edgeCount: Int { edgeTargets.count }

    @inlinable public func edges(from node: Int) -> Range<Int> { Int(firstEdge[node])..<Int(firstEdge[node + 1]) }

    /// No road segment between two OSM nodes is this long; longer ones mean corrupt data (and
    /// would overflow the path keys, which hold distances below 2^26 decimetres).
    static let longestSegmentMetres = 200_000.0

    /// Builds the graph of the ways `profile` may use; nodes are the ways' OSM nodes.
    /// Throws when the data has no usable road for the profile.
    public init(osm: OSMData, profile: RoadProfile, file: String = "road data") throws {
        self.profile = profile
        var index: [Int64: Int32] = [:]
        var coordinates: [Coordinate] = [], osmIds: [Int64] = []
        var arcs: [(from: Int32, to: Int32, duration: Int32, distance: Int32)] = []
        for way in osm.ways {
            guard let kmh = profile.speed(tags: way.tags), kmh > 0, way.nodes.count >= 2 else { continue }
            let (forward, backward) = profile.directions(tags: way.tags)
            var previous: (id: Int32, at: Coordinate)?
            for osmId in way.nodes {
                guard let at = osm.nodes[osmId] else {
                    throw OSMReadError(file: file, "way \(way.id) refers to node \(osmId), which the file does not contain")
                }
                let id: Int32
                if let known = index[osmId] {
                    id = known
                } else {
                    id = Int32(coordinates.count)
                    index[osmId] = id
                    coordinates.append(at)
                    osmIds.append(osmId)
                }
                if let previous, previous.id != id {
                    let metres = previous.at.greatCircleDistance(to: at)
                    guard metres <= RoadGraph.longestSegmentMetres, at.isValid else {
                        throw OSMReadError(file: file, "way \(way.id) has a segment of \(Int(metres / 1000)) km or an invalid coordinate at node \(osmId); is the file corrupt?")
                    }
                    let distance = Int32(max(1, (metres * 10).rounded()))
                    let duration = Int32(max(1, (metres / (kmh / 3.6) * 10).rounded()))
                    if forward { arcs.append((previous.id, id, duration, distance)) }
                    if backward { arcs.append((id, previous.id, duration, distance)) }
                }
                previous = (id, at)
            }
        }
        guard !arcs.isEmpty else { throw OSMReadError(file: file, "no road usable by the \(profile.name) profile") }
        self.coordinates = coordinates
        osmNodeIds = osmIds
        (firstEdge, edgeTargets, edgeDurations, edgeDistances) = RoadGraph.compressedRows(nodeCount: coordinates.count, arcs: arcs)
    }

    /// Counting sort of arcs by tail into CSR arrays; parallel arcs keep the fastest.
    static func compressedRows(nodeCount: Int, arcs: [(from: Int32, to: Int32, duration: Int32, distance: Int32)])
        -> ([Int32], [Int32], [Int32], [Int32]) {
        var best: [Int64: (duration: Int32, distance: Int32)] = [:]
        for arc in arcs {
            let key = Int64(arc.from) << 32 | Int64(arc.to)
            if let known = best[key], known.duration <= arc.duration { continue }
            best[key] = (arc.duration, arc.distance)
        }
        var first = [Int32](repeating: 0, count: nodeCount + 1)
        for key in best.keys { first[Int(key >> 32) + 1] += 1 }
        for i in 0..<nodeCount { first[i + 1] += first[i] }
        var next = Array(first.dropLast())
        var targets = [Int32](repeating: 0, count: best.count)
        var durations = targets, distances = targets
        for key in best.keys.sorted() {
            let from = Int(key >> 32), slot = Int(next[from])
            targets[slot] = Int32(truncatingIfNeeded: key)
            durations[slot] = best[key]!.duration
            distances[slot] = best[key]!.distance
            next[from] += 1
        }
        return (first, targets, durations, distances)
    }
}
