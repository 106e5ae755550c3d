import Geo

/// The parts of an OpenStreetMap extract a road graph needs: node positions, ways with
/// their tags, and turn-restriction relations.
public struct OSMData: Sendable {
    public struct Way: Sendable {
        public var id: Int64
        public var nodes: [Int64]
        public var tags: [String: String]
    }

    /// A `type=restriction` relation: from way, via node, to way (via ways are not supported).
    public struct TurnRestriction: Sendable {
        public var fromWay: Int64
        public var viaNode: Int64
        public var toWay: Int64
        /// `no_*` forbids the turn; `only_*` forbids every other turn from the via node.
        public var restriction: String
    }

    public var nodes: [Int64: Coordinate] = [:]
    public var ways: [Way] = []
    public var restrictions: [TurnRestriction] = []

    public init() {}

    /// The notice OpenStreetMap's licence (ODbL) asks for wherever its data are shown or used:
    /// maps, road routes, road distances and what is computed from them.
    public static let attribution = "© OpenStreetMap contributors (ODbL)"
}

/// A road data file that could not be read, naming the file and the place.
public struct OSMReadError: Error, CustomStringConvertible, Equatable {
    public var file: String
    public var message: String
    public init(file: String, _ message: String) {
        self.file = file
        self.message = message
    }
    public var description: String { "\(file): \(message)" }
}
