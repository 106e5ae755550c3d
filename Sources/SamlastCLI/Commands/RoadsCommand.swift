import ArgumentParser
import Foundation
import Geo
import Roads
import Routing

/// `samlast roads`: the embedded OpenStreetMap road network.
struct RoadsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "roads",
        abstract: "Road networks from OpenStreetMap extracts: import, routes, matrices.",
        discussion: """
        Reads an OpenStreetMap extract (.osm.pbf or .osm XML) and builds a road graph per travel profile: \
        car (vans), truck (weight and height limits, no living streets) and bike (e-cargo bikes, \
        which may use cycleways and paths allowed to bicycles). Road data © OpenStreetMap \
        contributors, ODbL (https://www.openstreetmap.org/copyright).
        """,
        subcommands: [Import.self, Route.self, Matrix.self, Bench.self]
    )

    struct MapOptions: ParsableArguments {
        @Option(name: .customLong("map"), help: "The OpenStreetMap extract (.osm.pbf or .osm XML).")
        var file: String

        @Option(help: "Travel profile: car, truck or bike.")
        var profile: RoadProfile.Mode = .car

        @Option(help: "Reject points farther than this many metres from a road.")
        var maximumSnapDistance: Double = 1000

        func network() throws -> RoadNetwork {
            do {
                return try RoadNetwork(osm: try OSMReader.read(path: file), profile: RoadProfile(profile), file: file,
                                       maximumSnapDistance: maximumSnapDistance)
            } catch {
                throw CLIError.input("\(error)")
            }
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Read an extract, build every profile's network, and report its size and build times.")

        @Argument(help: "The OpenStreetMap extract (.osm.pbf or .osm XML).") var file: String

        func run() throws {
            let clock = ContinuousClock()
            var osm = OSMData()
            let reading = try clock.measure {
                do { osm = try OSMReader.read(path: file) } catch { throw CLIError.input("\(error)") }
            }
            print("\(file): \(osm.nodes.count) nodes, \(osm.ways.count) ways, \(osm.restrictions.count) turn restrictions (read in \(reading.milliseconds))")
            for mode in RoadProfile.Mode.allCases {
                var network: RoadNetwork?
                let building = try clock.measure {
                    do { network = try RoadNetwork(osm: osm, profile: RoadProfile(mode), file: file) } catch { throw CLIError.input("\(error)") }
                }
                let graph = network!.graph
                print("  \(mode.rawValue): \(graph.nodeCount) nodes, \(graph.edgeCount) arcs, \(network!.networkCount) separate network(s), \(network!.shortcutCount) shortcuts (built in \(building.milliseconds))")
            }
            print("Road data \(OSMData.attribution).")
        }
    }

    struct Route: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The fastest route between two points, as GeoJSON.",
            discussion: "Points are LON,LAT, e.g. 10.6190,59.8965.")

        @OptionGroup var map: MapOptions
        @Argument(help: "Start, LON,LAT.") var from: CoordinateArgument
        @Argument(help: "End, LON,LAT.") var to: CoordinateArgument

        func run() throws {
            let network = try map.network()
            let route: RoadRoute
            do { route = try network.route(from: from.coordinate, to: to.coordinate) } catch { throw CLIError.input("\(error)") }
            let feature = GeoJSON.Feature(geometry: .lineString(route.geometry), properties: [
                "duration": .number(route.duration), "distance": .number(route.distance), "profile": .string(map.profile.rawValue),
            ])
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let collection = GeoJSON.FeatureCollection(features: [feature], attribution: OSMData.attribution)
            print(String(decoding: try encoder.encode(collection), as: UTF8.self))
        }
    }

    struct Matrix: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Duration and distance matrices between the points of a CSV file.",
            discussion: """
            POINTS.csv has a header with columns named lon and lat (other columns, such as id or \
            name, are ignored). Prints a CSV with columns from, to, duration_s, distance_m.
            """)

        @OptionGroup var map: MapOptions
        @Argument(help: "CSV file with lon and lat columns.") var points: String

        func run() throws {
            let coordinates = try PointsCSV.read(points)
            let network = try map.network()
            let matrix: TravelMatrix
            do { matrix = try network.matrix(coordinates) } catch { throw CLIError.input("\(error)") }
            var lines = ["from,to,duration_s,distance_m"]
            for i in 0..<coordinates.count {
                for j in 0..<coordinates.count where i != j {
                    lines.append("\(i),\(j),\(String(format: "%.1f", matrix.duration(i, j))),\(String(format: "%.1f", matrix.distance(i, j)))")
                }
            }
            print(lines.joined(separator: "\n"))
        }
    }

    struct Bench: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Time graph building and 100×100 and 1,000×1,000 matrices on an extract.",
            discussion: "Points are road nodes drawn at random (seeded) from the largest network of the extract.")

        @OptionGroup var map: MapOptions
        @Option(help: "Matrix sizes to time.") var sizes: String = "100,1000"
        @Option(help: "Repetitions per size (the best and the mean are printed).") var repeats: Int = 5

        func run() throws {
            let clock = ContinuousClock()
            var osm = OSMData()
            let reading = try clock.measure { do { osm = try OSMReader.read(path: map.file) } catch { throw CLIError.input("\(error)") } }
            var network: RoadNetwork?
            let building = try clock.measure {
                do { network = try RoadNetwork(osm: osm, profile: RoadProfile(map.profile), file: map.file) } catch { throw CLIError.input("\(error)") }
            }
            let graph = network!.graph
            print("\(map.file) (\(map.profile.rawValue)): read \(reading.milliseconds), graph + hierarchy \(building.milliseconds); \(graph.nodeCount) nodes, \(graph.edgeCount) arcs, \(network!.shortcutCount) shortcuts")
            let coordinates = network!.largestNetworkCoordinates
            for size in sizes.split(separator: ",").compactMap({ Int($0) }) {
                var state: UInt64 = UInt64(size)
                let points = (0..<size).map { _ -> Coordinate in
                    state = state &* 6364136223846793005 &+ 1442695040888963407
                    return coordinates[Int(state >> 33) % coordinates.count]
                }
                var times: [Duration] = []
                for _ in 0..<max(1, repeats) {
                    times.append(try clock.measure { do { _ = try network!.matrix(points) } catch { throw CLIError.input("\(error)") } })
                }
                let mean = times.reduce(Duration.zero, +) / times.count
                print("  \(size)×\(size): best \(times.min()!.milliseconds), mean \(mean.milliseconds), peak memory \(String(format: "%.0f", ScalingCommand.peakMemoryMiB())) MiB")
            }
        }
    }
}

/// A coordinate on the command line: `LON,LAT`.
struct CoordinateArgument: ExpressibleByArgument {
    var coordinate: Coordinate
    init?(argument: String) {
        let parts = argument.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 2, let lon = parts[0], let lat = parts[1] else { return nil }
        coordinate = Coordinate(longitude: lon, latitude: lat)
        guard coordinate.isValid else { return nil }
    }
}

extension RoadProfile.Mode: ExpressibleByArgument {}

/// Reads `lon` and `lat` columns from a CSV file with a header.
enum PointsCSV {
    static func read(_ path: String) throws -> [Coordinate] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw CLIError.input("\(path): cannot read the file") }
        let table: CSVTable
        do { table = try CSVTable(text) } catch { throw CLIError.input("\(path):\(error.line): \(error.message)") }
        guard let lonColumn = table.column("lon", "longitude"), let latColumn = table.column("lat", "latitude") else {
            throw CLIError.input("\(path):1: expected a header with 'lon' and 'lat' columns")
        }
        var result: [Coordinate] = []
        for (line, cells) in table.rows {
            guard let lon = Double(cells[lonColumn].trimmingCharacters(in: .whitespaces)),
                  let lat = Double(cells[latColumn].trimmingCharacters(in: .whitespaces)) else {
                throw CLIError.input("\(path):\(line): expected numbers in the lon and lat columns")
            }
            let coordinate = Coordinate(longitude: lon, latitude: lat)
            guard coordinate.isValid else { throw CLIError.input("\(path):\(line): \(coordinate) is not a valid longitude/latitude") }
            result.append(coordinate)
        }
        guard result.count >= 2 else { throw CLIError.input("\(path): need at least two points") }
        return result
    }
}
