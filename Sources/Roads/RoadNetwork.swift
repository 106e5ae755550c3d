import Foundation
import Geo
import Routing

/// The road network of one travel profile, ready for queries: snapping coordinates to roads,
/// routes with geometry, and distance/duration matrices on a contraction hierarchy.
public struct RoadNetwork: Sendable {
    public let graph: RoadGraph
    private let components: StronglyConnectedComponents
    private let mainComponents: Set<Int32>
    private let index: SegmentIndex
    private let hierarchy: ContractionHierarchy
    /// Points farther than this from any road are rejected (metres).
    public var maximumSnapDistance: Double

    public init(osm: OSMData, profile: RoadProfile, file: String = "road data", maximumSnapDistance: Double = 1000) throws {
        graph = try RoadGraph(osm: osm, profile: profile, file: file)
        components = StronglyConnectedComponents(graph)
        let main = components.mainComponents()
        mainComponents = main
        let component = components.component
        index = SegmentIndex(graph: graph) { main.contains(component[$0]) }
        hierarchy = ContractionHierarchy(graph: graph)
        self.maximumSnapDistance = maximumSnapDistance
    }

    public var profile: RoadProfile { graph.profile }
    /// Number of separate networks points may snap to (a file can hold several towns).
    public var networkCount: Int { mainComponents.count }
    public var shortcutCount: Int { hierarchy.shortcutCount }

    /// Coordinates of the nodes of the largest network, e.g. to draw test points from.
    public var largestNetworkCoordinates: [Coordinate] {
        guard let largest = components.sizes.indices.max(by: { components.sizes[$0] < components.sizes[$1] }) else { return [] }
        return graph.coordinates.indices.filter { components.component[$0] == Int32(largest) }.map { graph.coordinates[$0] }
    }

    /// The nearest point on a road of the main networks, or an error saying how far the road is.
    public func snap(_ coordinate: Coordinate, label: String = "point") throws(RoadError) -> Snap {
        guard coordinate.isValid else { throw RoadError("\(label) \(coordinate) is not a valid [longitude, latitude]") }
        guard let snap = index.nearest(to: coordinate, maximumDistance: maximumSnapDistance) else {
            throw RoadError("\(label) \(coordinate) is more than \(Int(maximumSnapDistance)) m from any road the \(profile.name) profile may use; is it outside the road data's area?")
        }
        return snap
    }

    /// A route with its geometry, from one coordinate to another.
    public func route(from start: Coordinate, to end: Coordinate) throws(RoadError) -> RoadRoute {
        let source = try snap(start, label: "start"), target = try snap(end, label: "end")
        var best: RoadRoute?
        if let direct = graph.direct(from: source, to: target) {
            best = RoadRoute(duration: Double(direct.duration) / 10, distance: Double(direct.distance) / 10, geometry: [source.point, target.point])
        }
        if let path = Dijkstra(graph: graph).shortest(from: graph.sourceSeeds(source), to: graph.targetSeeds(target)) {
            let candidate = RoadRoute(duration: Double(path.duration) / 10, distance: Double(path.distance) / 10,
                                      geometry: [source.point] + path.nodes.map { graph.coordinates[$0] } + [target.point])
            if best == nil || candidate.duration < best!.duration { best = candidate }
        }
        guard let best else { throw RoadError("no \(profile.name) route from \(start) to \(end): they lie on separate road networks or one-way streets leave no way") }
        return best
    }

    /// Durations (s) and distances (m) between every pair of coordinates, by fastest route.
    public func matrix(_ coordinates: [Coordinate]) throws(RoadError) -> TravelMatrix {
        var snaps: [Snap] = []
        for (index, coordinate) in coordinates.enumerated() { snaps.append(try snap(coordinate, label: "point \(index)")) }
        let keys = ManyToMany(hierarchy: hierarchy).table(sources: snaps.map(graph.sourceSeeds), targets: snaps.map(graph.targetSeeds))
        let n = coordinates.count
        var durations = [Double](repeating: 0, count: n * n), distances = durations
        for i in 0..<n {
            for j in 0..<n where i != j {
                var key = keys[i * n + j]
                if let direct = graph.direct(from: snaps[i], to: snaps[j]) {
                    key = min(key, PathKey.make(duration: direct.duration, distance: direct.distance))
                }
                guard key != .max else {
                    throw RoadError("no \(profile.name) route from point \(i) \(coordinates[i]) to point \(j) \(coordinates[j]): they lie on separate road networks")
                }
                durations[i * n + j] = Double(PathKey.duration(key)) / 10
                distances[i * n + j] = Double(PathKey.distance(key)) / 10
            }
        }
        return TravelMatrix(count: n, distances: distances, durations: durations)
    }

    /// The same matrix by one plain Dijkstra per pair: slow, for tests and checks.
    func referenceMatrix(_ coordinates: [Coordinate]) throws(RoadError) -> [Int64] {
        let snaps = try coordinates.map { (c) throws(RoadError) in try snap(c) }
        let dijkstra = Dijkstra(graph: graph)
        var result: [Int64] = []
        for source in snaps {
            for target in snaps {
                var key = Int64.max
                if let path = dijkstra.shortest(from: graph.sourceSeeds(source), to: graph.targetSeeds(target)) {
                    key = PathKey.make(duration: path.duration, distance: path.distance)
                }
                if let direct = graph.direct(from: source, to: target) { key = min(key, PathKey.make(duration: direct.duration, distance: direct.distance)) }
                result.append(key)
            }
        }
        return result
    }
}

/// A route along roads: seconds, metres and the line to draw.
public struct RoadRoute: Sendable {
    public var duration: Double
    public var distance: Double
    public var geometry: [Coordinate]
}

/// A road query that cannot be answered, with the point and the reason.
public struct RoadError: Error, CustomStringConvertible, Equatable {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// Travel matrices from road networks per travel profile (`car`, `bike`), cached by point set.
public final class RoadMatrixProvider: TravelMatrixProvider, @unchecked Sendable {
    /// The optimiser's travel profiles it builds a network for, each on the road profile of its name.
    public static let travelProfiles: [TravelProfile] = [.car, .bike]

    private let networks: [String: RoadNetwork]
    private let lock = NSLock()
    private var cache: [String: TravelMatrix] = [:]

    /// Builds a network per travel profile from one extract.
    public init(osm: OSMData, file: String) throws {
        var networks: [String: RoadNetwork] = [:]
        for travel in Self.travelProfiles {
            guard let profile = RoadProfile(name: travel.name) else { throw RoadError("no road profile for the \(travel.name) travel profile") }
            networks[travel.name] = try RoadNetwork(osm: osm, profile: profile, file: file)
        }
        self.networks = networks
    }

    /// The network of the travel profile named `profile` (`car`, `bike`), if there is one.

    /// The network a vehicle of `category` drives on: the one its travel matrices come from,
    /// so that the route drawn is the route planned.
    public func network(for category: VehicleCategory) -> RoadNetwork? { networks[TravelProfile.default(for: category).name] }

    public var attribution: String? { OSMData.attribution }

    public func matrix(for coordinates: [Coordinate], profile: TravelProfile) throws -> TravelMatrix {
        guard let network = networks[profile.name] else { throw RoadError("no road network for the \(profile.name) profile") }
        let key = profile.name + coordinates.map { "\($0.longitude),\($0.latitude)" }.joined(separator: ";")
        if let cached = lock.withLock({ cache[key] }) { return cached }
        let matrix = try network.matrix(coordinates)
        lock.withLock { cache[key] = matrix }
        return matrix
    }
}
