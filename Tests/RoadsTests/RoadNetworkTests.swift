import Foundation
import Geo
import Testing
@testable import Roads

/// The road network on the real Fornebu extract (© OpenStreetMap contributors, ODbL).
@Suite struct RoadNetworkTests {
    static let dataDirectory: String = ProcessInfo.processInfo.environment["SAMLAST_DATA_DIR"]
        ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/data").path
    static let fornebu: OSMData = try! PBFReader.read(path: dataDirectory + "/geo/fornebu_roads.osm.pbf")
    static let car: RoadNetwork = try! RoadNetwork(osm: fornebu, profile: .car)
    static let bike: RoadNetwork = try! RoadNetwork(osm: fornebu, profile: .bike)

    /// Random coordinates inside the extract's area.
    static func randomPoints(_ count: Int, seed: UInt64) -> [Coordinate] {
        var state = seed
        func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        return (0..<count).map { _ in Coordinate(longitude: 10.59 + next() * 0.04, latitude: 59.885 + next() * 0.02) }
    }

    @Test func readsTheExtract() {
        #expect(Self.fornebu.nodes.count == 21_308)
        #expect(Self.fornebu.ways.count == 4_069)
        #expect(Self.car.graph.nodeCount > 1000)
    }

    @Test(arguments: [RoadProfile.car, .bike])
    func matrixEqualsPlainDijkstraOnRandomPairs(profile: RoadProfile) throws {
        let network = profile == .car ? Self.car : Self.bike
        let points = Self.randomPoints(25, seed: profile == .car ? 1 : 2)
        let matrix = try network.matrix(points)
        let reference = try network.referenceMatrix(points)
        for i in 0..<points.count {
            for j in 0..<points.count where i != j {
                let key = reference[i * points.count + j]
                #expect(matrix.duration(i, j) == Double(PathKey.duration(key)) / 10, "\(i)→\(j)")
                #expect(matrix.distance(i, j) == Double(PathKey.distance(key)) / 10, "\(i)→\(j)")
            }
        }
    }

    @Test func oneWayStreetsAreRespected() throws {
        // Find a car one-way segment and check that no arc runs against it, and that the way
        // back between its ends is longer than the way forward.
        let oneway = try #require(Self.fornebu.ways.first { $0.tags["oneway"] == "yes" && RoadProfile.car.speed(tags: $0.tags) != nil && $0.nodes.count >= 2 })
        let graph = Self.car.graph
        let from = try #require(graph.osmNodeIds.firstIndex(of: oneway.nodes[0]))
        let to = try #require(graph.osmNodeIds.firstIndex(of: oneway.nodes[1]))
        #expect(graph.arc(from, to) != nil)
        #expect(graph.arc(to, from) == nil)
        let a = graph.coordinates[from], b = graph.coordinates[to]
        let forward = Dijkstra(graph: graph).shortest(from: [Seed(node: Int32(from), duration: 0, distance: 0)], to: [Seed(node: Int32(to), duration: 0, distance: 0)])
        let backward = Dijkstra(graph: graph).shortest(from: [Seed(node: Int32(to), duration: 0, distance: 0)], to: [Seed(node: Int32(from), duration: 0, distance: 0)])
        #expect(forward != nil)
        if let forward, let backward { #expect(backward.distance > forward.distance, "\(a) \(b)") }
    }

    @Test func bikesUseWaysVansMayNot() throws {
        // A cycleway or footway with bicycle=yes: in the bike graph, not the car graph.
        let path = try #require(Self.fornebu.ways.first { ($0.tags["highway"] == "cycleway") && $0.nodes.count >= 2 })
        #expect(RoadProfile.car.speed(tags: path.tags) == nil)
        #expect(RoadProfile.bike.speed(tags: path.tags) != nil)
        let bikeNodes = Set(Self.bike.graph.osmNodeIds), carNodes = Set(Self.car.graph.osmNodeIds)
        #expect(path.nodes.contains { bikeNodes.contains($0) && !carNodes.contains($0) })
        #expect(RoadProfile.bike.speed(tags: ["highway": "motorway"]) == nil)
        #expect(RoadProfile.bike.speed(tags: ["highway": "footway"]) == nil)
        #expect(RoadProfile.bike.speed(tags: ["highway": "footway", "bicycle": "yes"]) != nil)
        #expect(RoadProfile.car.speed(tags: ["highway": "residential", "access": "private"]) == nil)
        #expect(RoadProfile.car.speed(tags: ["highway": "service", "access": "private", "motor_vehicle": "delivery"]) != nil)
    }

    @Test func routeHasGeometryFromStartToEnd() throws {
        let hub = Coordinate(longitude: 10.6190, latitude: 59.8965), station = Coordinate(longitude: 10.6373, latitude: 59.9135)
        let route = try Self.car.route(from: hub, to: station)
        #expect(route.geometry.count > 5)
        #expect(route.distance > hub.greatCircleDistance(to: station))
        #expect(route.distance < 3 * hub.greatCircleDistance(to: station))
        #expect(route.duration > 60)
    }

    @Test func pointsFarFromRoadsAreRejected() {
        // Middle of the fjord south of Fornebu.
        let error = #expect(throws: RoadError.self) { try Self.car.snap(Coordinate(longitude: 10.62, latitude: 59.86)) }
        #expect(error?.description.contains("more than 1000 m from any road") == true)
        #expect(throws: RoadError.self) { try Self.car.matrix([Coordinate(longitude: 10.62, latitude: 59.90), Coordinate(longitude: 12, latitude: 61)]) }
    }

    @Test func separateNetworksGiveAClearError() throws {
        let merged = try PBFReader.read(path: Self.dataDirectory + "/geo/merged_fornebu_oslosentrum_roads.osm.pbf")
        let network = try RoadNetwork(osm: merged, profile: .car)
        #expect(network.networkCount >= 2)
        let fornebu = Coordinate(longitude: 10.6190, latitude: 59.8965), osloS = Coordinate(longitude: 10.7554, latitude: 59.9108)
        let error = #expect(throws: RoadError.self) { try network.matrix([fornebu, osloS]) }
        #expect(error?.description.contains("separate road networks") == true)
    }

    @Test func corruptOrEmptyFilesAreRejected() throws {
        #expect(throws: OSMReadError(file: "empty.pbf", "the file is empty; expected an OSM PBF extract")) { try PBFReader.read(data: Data(), file: "empty.pbf") }
        let error = #expect(throws: OSMReadError.self) { try PBFReader.read(data: Data("this is not a pbf file".utf8), file: "text.pbf") }
        #expect(error?.message.contains("invalid blob header length") == true)
        var truncated = try Data(contentsOf: URL(fileURLWithPath: Self.dataDirectory + "/geo/fornebu_roads.osm.pbf"))
        truncated = truncated.prefix(truncated.count / 2)
        #expect(throws: OSMReadError.self) { try PBFReader.read(data: truncated, file: "half.pbf") }
        var corrupt = try Data(contentsOf: URL(fileURLWithPath: Self.dataDirectory + "/geo/fornebu_roads.osm.pbf"))
        for i in stride(from: 2000, to: min(corrupt.count, 6000), by: 7) { corrupt[i] ^= 0x5A }
        #expect(throws: OSMReadError.self) { try PBFReader.read(data: corrupt, file: "corrupt.pbf") }
    }
}

@Suite struct OSRMTableProviderTests {
    @Test func buildsTheTableRequest() {
        let provider = OSRMTableProvider(baseURL: URL(string: "http://127.0.0.1:5000/")!)
        let url = provider.url(for: [Coordinate(longitude: 10.619, latitude: 59.8965), Coordinate(longitude: 10.6373, latitude: 59.9135)], profile: .bike)
        #expect(url.absoluteString == "http://127.0.0.1:5000/table/v1/cycling/10.619000,59.896500;10.637300,59.913500?annotations=duration,distance")
    }

    @Test func decodesATableResponse() throws {
        let json = #"{"code":"Ok","durations":[[0,120.5],[130,0]],"distances":[[0,900],[1000,0]]}"#
        let matrix = try OSRMTableProvider.decode(Data(json.utf8), count: 2, service: "test")
        #expect(matrix.duration(0, 1) == 120.5 && matrix.distance(1, 0) == 1000)
    }

    @Test func rejectsUnreachablePairsAndErrors() {
        let unreachable = #"{"code":"Ok","durations":[[0,null],[130,0]],"distances":[[0,null],[1000,0]]}"#
        #expect(throws: RoadError("routing service test found no route from point 0 to point 1")) {
            try OSRMTableProvider.decode(Data(unreachable.utf8), count: 2, service: "test")
        }
        #expect(throws: RoadError.self) { try OSRMTableProvider.decode(Data(#"{"code":"InvalidQuery","message":"bad"}"#.utf8), count: 2, service: "test") }
        #expect(throws: RoadError.self) { try OSRMTableProvider.decode(Data("<html>".utf8), count: 2, service: "test") }
    }
}

@Suite struct OSMXMLReaderTests {
    /// A square of four nodes: a two-way street a–b–c and a one-way street c→d→a.
    let xml = """
    <?xml version="1.0" encoding="UTF-8"?>
    <osm version="0.6">
      <node id="1" lat="59.9000" lon="10.6000"/><node id="2" lat="59.9000" lon="10.6020"/>
      <node id="3" lat="59.9010" lon="10.6020"/><node id="4" lat="59.9010" lon="10.6000"/>
      <way id="10"><nd ref="1"/><nd ref="2"/><nd ref="3"/><tag k="highway" v="residential"/></way>
      <way id="11"><nd ref="3"/><nd ref="4"/><nd ref="1"/><tag k="highway" v="residential"/><tag k="oneway" v="yes"/></way>
      <relation id="20"><member type="way" ref="10" role="from"/><member type="node" ref="3" role="via"/>
        <member type="way" ref="11" role="to"/><tag k="type" v="restriction"/><tag k="restriction" v="no_left_turn"/></relation>
    </osm>
    """

    @Test func readsNodesWaysAndRestrictions() throws {
        let osm = try OSMXMLReader.read(data: Data(xml.utf8), file: "square.osm")
        #expect(osm.nodes.count == 4 && osm.ways.count == 2)
        #expect(osm.restrictions.first?.restriction == "no_left_turn")
        let graph = try RoadGraph(osm: osm, profile: .car)
        #expect(graph.edgeCount == 4 + 2) // two-way a–b–c both ways, one-way c→d→a
        let c = graph.osmNodeIds.firstIndex(of: 3)!, d = graph.osmNodeIds.firstIndex(of: 4)!
        #expect(graph.arc(c, d) != nil && graph.arc(d, c) == nil)
    }

    @Test func rejectsMalformedXMLWithTheLine() {
        let error = #expect(throws: OSMReadError.self) {
            try OSMXMLReader.read(data: Data("<osm>\n<node id=\"1\" lat=\"north\" lon=\"10\"/>\n</osm>".utf8), file: "bad.osm")
        }
        #expect(error?.message == "line 2: a <node> needs numeric id, lat and lon")
        #expect(throws: OSMReadError.self) { try OSMXMLReader.read(data: Data("<osm><way id=\"1\">".utf8), file: "cut.osm") }
        #expect(throws: OSMReadError.self) { try RoadGraph(osm: try OSMXMLReader.read(data: Data("<osm/>".utf8), file: "e.osm"), profile: .car) }
    }
}

@Suite struct PBFFuzzTests {
    /// Seeded byte flips, insertions and truncations of the real extract: every one must be
    /// read, or refused with an error — never a crash — and a graph built from what is read.
    @Test func corruptedExtractsNeverCrash() throws {
        let original = try Data(contentsOf: URL(fileURLWithPath: RoadNetworkTests.dataDirectory + "/geo/fornebu_roads.osm.pbf"))
        var state: UInt64 = 42
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(state >> 33) % bound
        }
        var read = 0, refused = 0
        for _ in 0..<60 {
            var bytes = [UInt8](original)
            for _ in 0..<(1 + next(4)) {
                let at = next(bytes.count)
                switch next(3) {
                case 0: bytes[at] ^= UInt8(1 + next(255))
                case 1: bytes.insert(UInt8(next(256)), at: at)
                default: bytes = Array(bytes.prefix(max(at, 1)))
                }
            }
            do {
                let osm = try PBFReader.read(data: Data(bytes), file: "fuzz.pbf")
                _ = try? RoadGraph(osm: osm, profile: .car)
                read += 1
            } catch {
                refused += 1
            }
        }
        #expect(read + refused == 60 && refused > 0)
    }

    @Test func absurdSpeedLimitsAreIgnored() {
        #expect(RoadProfile.car.speed(tags: ["highway": "residential", "maxspeed": "0.001"]) == 30)
        #expect(RoadProfile.car.speed(tags: ["highway": "residential", "maxspeed": "20"]) == 17)
    }
}
