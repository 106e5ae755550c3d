import ArgumentParser
import Foundation
import Geo
import Roads
import Routing

/// `samlast solve`: optimise one routing problem and print the plan.
struct SolveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "solve",
        abstract: "Optimise the routes of one routing problem.",
        discussion: """
        FILE is a Samlast JSON problem (see docs/routing-json.md), a Solomon or Gehring-Homberger \
        VRPTW file, a Li & Lim PDPTW file, or a CVRPLIB/VRPLIB .vrp file; the format is detected \
        from the name and content unless --input-format says otherwise.

        Progress (each improvement of the best plan) goes to standard error; the plan goes to \
        standard output or --output. Every plan is verified by an independent checker before it \
        is printed; a violation is reported as an error (exit code 2).

        Examples:
          samlast solve fornebu.json --time-limit 10s --format geojson > plan.geojson
          samlast solve C101.txt --format vrplib --time-limit 1s
          samlast solve lc101.txt --objective hierarchical
        """
    )

    @Argument(help: "The problem file.")
    var file: String

    @Option(help: "Output format: text (readable summary), json, geojson (needs coordinates) or vrplib.")
    var format: OutputFormat = .text

    @Option(help: "Input format, when detection from the file name and content is not enough.")
    var inputFormat: InstanceFormat?

    @OptionGroup var solver: SolverOptions

    @Option(help: "Stop after this many ruin-and-recreate iterations (with a seed, the result is then reproducible).")
    var iterations: Int?

    @Option(help: "OpenStreetMap extract (.osm.pbf) for road travel times and distances of JSON problems (default: great-circle estimate).")
    var roads: String?

    @Option(help: "Base URL of an OSRM-compatible table service for travel times of JSON problems, e.g. http://127.0.0.1:5000.")
    var routingService: String?

    @Option(name: .shortAndLong, help: "Write the plan to this file instead of standard output.")
    var output: String?

    @Flag(name: .shortAndLong, help: "Do not print progress to standard error.")
    var quiet = false

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable { case text, json, geojson, vrplib }

    func validate() throws {
        if roads != nil && routingService != nil { throw ValidationError("give --roads or --routing-service, not both") }
        if let routingService, URL(string: routingService)?.scheme == nil {
            throw ValidationError("--routing-service needs a URL such as http://127.0.0.1:5000, got '\(routingService)'")
        }
        if let iterations, iterations < 1 { throw ValidationError("--iterations must be at least 1, got \(iterations)") }
    }

    func run() throws {
        let problem: Problem
        var roadProvider: RoadMatrixProvider?
        do {
            if let roads {
                roadProvider = try RoadMatrixProvider(osm: try OSMReader.read(path: roads), file: roads)
            }
            let provider: any TravelMatrixProvider = roadProvider
                ?? routingService.map { OSRMTableProvider(baseURL: URL(string: $0)!) } ?? GreatCircleMatrixProvider()
            problem = try ProblemReader.read(path: file, format: inputFormat, matrixProvider: provider)
        } catch {
            throw CLIError.input("\(error)")
        }
        let timeLimit = solver.duration(default: .seconds(5))
        var parameters = solver.parameters(default: timeLimit)
        if let iterations {
            parameters.timeLimit = .seconds(1_000_000)
            parameters.iterationLimit = iterations
        }
        let progress = ProgressPrinter(enabled: !quiet)
        progress.line("solving \(problem.name): \(problem.jobs.count) jobs, \(problem.vehicles.count) vehicles, \(iterations.map { "\($0) iterations" } ?? "time limit \(timeLimit)")")
        let (solution, statistics) = Solver(parameters: parameters).solve(problem) { update in
            progress.line(String(format: "%8.2fs  cost %.2f  distance %.2f  vehicles %d  unassigned %d  (iteration %d)",
                                 update.elapsed.seconds, update.cost, update.distance, update.vehicles, update.unassigned, update.iteration))
        }
        progress.line(String(format: "done: %d iterations in %.2fs (%.1f µs each)", statistics.iterations,
                             statistics.elapsed.seconds, statistics.timePerIteration.seconds * 1e6))

        let report = SolutionChecker(problem: problem).check(solution)
        guard report.isFeasible else {
            throw CLIError.internalCheck("the plan failed the independent check:\n  " + report.violations.prefix(10).joined(separator: "\n  "))
        }
        let text: String
        switch format {
        case .vrplib: text = solution.routeList(for: problem).text
        case .json: text = String(decoding: try SolutionDocument(solution: solution, problem: problem).jsonData(), as: UTF8.self) + "\n"
        case .geojson:
            let legs = { (vehicle: Vehicle, from: Coordinate, to: Coordinate) -> [Coordinate]? in
                try? roadProvider?.network(for: VehicleCategory(rawValue: vehicle.type) ?? .eVan)?.route(from: from, to: to).geometry
            }
            guard var collection = solution.geoJSON(for: problem, leg: legs) else {
                throw CLIError.input("\(file): the problem has no coordinates, so there is no GeoJSON; use --format json or text")
            }
            if roadProvider != nil {
                collection.attribution = [problem.attribution, "Roads: \(OSMData.attribution)."].compactMap { $0 }.joined(separator: " ")
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            text = String(decoding: try encoder.encode(collection), as: UTF8.self) + "\n"
        case .text: text = PlanText(problem: problem, solution: solution).text
        }
        try OutputFile.write(text, to: output)
    }
}

/// Errors the CLI reports with an exit code and a message for the user.
enum CLIError: Error, CustomStringConvertible {
    /// The user's input is wrong (exit code 1).
    case input(String)
    /// Samlast itself produced something wrong (exit code 2).
    case internalCheck(String)

    var description: String {
        switch self {
        case .input(let message): return message
        case .internalCheck(let message): return "internal error: \(message)"
        }
    }
}

extension CLIError: CustomNSError {
    var errorCode: Int { if case .internalCheck = self { return 2 } else { return 1 } }
}

/// Progress lines on standard error, so they never mix with the plan on standard output.
struct ProgressPrinter: Sendable {
    var enabled: Bool

    func line(_ text: String) {
        guard enabled else { return }
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}

enum OutputFile {
    static func write(_ text: String, to path: String?) throws {
        guard let path else {
            FileHandle.standardOutput.write(Data(text.utf8))
            return
        }
        do {
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            throw CLIError.input("cannot write \(path): \(error.localizedDescription)")
        }
    }
}
