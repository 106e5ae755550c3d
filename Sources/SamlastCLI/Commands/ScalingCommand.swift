import ArgumentParser
import Foundation
import Routing

/// `samlast bench-scaling`: how time per iteration and memory grow with the number of customers.
struct ScalingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-scaling",
        abstract: "Measure time per search iteration and peak memory from 100 to 1,000 customers.",
        discussion: """
        Solves seeded random CVRP and VRPTW instances (uniform customers on a square, central \
        depot, about 10 customers per route) of each size with the given time limit, verifies \
        each plan with the checker, and prints iterations, microseconds per iteration (one ruin, \
        recreate and acceptance step), distance, vehicles, the time to set up the search \
        (neighbour lists), and the process's peak resident memory so far.

        Example: samlast bench-scaling --sizes 100,200,500,1000 --time-limit 10s
        """
    )

    @Option(help: "Comma-separated numbers of customers.")
    var sizes: String = "100,200,500,1000"

    @OptionGroup var solver: SolverOptions

    func run() throws {
        let counts = sizes.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !counts.isEmpty, counts.allSatisfy({ $0 > 0 }) else {
            throw ValidationError("--sizes needs positive integers separated by commas, got '\(sizes)'")
        }
        print("instance                 iterations   µs/iteration     distance   vehicles   first plan s   feasible   peak memory MiB")
        for timeWindows in [false, true] {
            for count in counts {
                let problem = RandomInstance.make(customers: count, timeWindows: timeWindows, seed: solver.seed)
                var firstPlan: Duration?
                let (solution, statistics) = Solver(parameters: solver.parameters(default: .seconds(10))).solve(problem) {
                    if firstPlan == nil { firstPlan = $0.elapsed }
                }
                let report = SolutionChecker(problem: problem).check(solution)
                print([problem.name.padded(22, left: true), "\(statistics.iterations)".padded(12),
                       String(format: "%.1f", statistics.timePerIteration.seconds * 1e6).padded(14),
                       String(format: "%.1f", solution.distance).padded(12), "\(solution.vehiclesUsed)".padded(10),
                       String(format: "%.3f", firstPlan?.seconds ?? 0).padded(14),
                       (report.isFeasible && solution.unassigned.isEmpty ? "yes" : "NO").padded(10),
                       String(format: "%.0f", Self.peakMemoryMiB()).padded(17)].joined(separator: " "))
            }
        }
    }

    /// Peak resident set size of this process (Linux reports kilobytes, macOS bytes).
    static func peakMemoryMiB() -> Double {
        var usage = rusage()
        #if os(Linux)
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) / 1024
        #else
        getrusage(RUSAGE_SELF, &usage)
        return Double(usage.ru_maxrss) / 1_048_576
        #endif
    }
}
