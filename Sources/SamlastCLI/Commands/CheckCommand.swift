import ArgumentParser
import Routing

/// `samlast check`: verify a route-list solution file against an instance.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Verify a solution file (VRPLIB or SINTEF route list) against an instance.",
        discussion: """
        Every constraint is checked by the independent checker (time windows, capacity, \
        pickup-before-delivery, every job exactly once, shift and route limits), the distance is \
        recomputed, and compared with the file's Cost line if it has one. Routes are given to \
        vehicles in file order. Exit code 0 when feasible, 1 otherwise.

        Example: samlast check homberger_200/c1_2_1.txt homberger_200/bks_solutions/c1_2_1.sol
        """
    )

    @Argument(help: "The instance file.") var instance: String
    @Argument(help: "The solution file (lines 'Route #k: ids…' or 'Route k : ids…', optional 'Cost X').") var solution: String

    func run() throws {
        let problem: Problem, list: RouteList
        do {
            problem = try ProblemReader.read(path: instance)
            list = try RouteList.read(text: try String(contentsOfFile: solution, encoding: .utf8), file: solution)
        } catch let error as FormatError {
            throw CLIError.input(error.description)
        }
        let routes = try problem.routes(from: list, file: solution)
        guard routes.count <= problem.vehicles.count else {
            throw CLIError.input("\(solution): \(routes.count) routes but the instance has \(problem.vehicles.count) vehicles")
        }
        let planned = routes.enumerated().map { SolutionChecker.PlannedRoute(vehicleIndex: $0.offset, stops: $0.element) }
        let report = SolutionChecker(problem: problem).check(routes: planned)
        print("routes \(report.vehicles), distance \(String(format: "%.4f", report.distance))" + (list.cost.map { String(format: " (file says %.4f)", $0) } ?? ""))
        if report.isFeasible {
            print("feasible")
        } else {
            print("INFEASIBLE:\n  " + report.violations.joined(separator: "\n  "))
            throw ExitCode(1)
        }
    }
}
