import Foundation
import Testing
@testable import Routing

/// Readers parse every shared benchmark file, reject malformed files with file and line, and
/// agree with the published best-known solutions (re-scored by the checker).
@Suite struct ReaderTests {
    private func files(_ set: String) throws -> [String] {
        let directory = TestSupport.dataDirectory + "/" + set
        return try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".txt") }.sorted()
            .map { directory + "/" + $0 }
    }

    @Test func readsAllSolomonInstances() throws {
        let paths = try files("solomon")
        #expect(paths.count == 56)
        for path in paths {
            let problem = try ProblemReader.read(path: path)
            #expect(problem.jobs.count == 100, "\(path)")
            #expect(problem.vehicles.count == 25)
        }
        let c101 = try ProblemReader.read(path: TestSupport.dataDirectory + "/solomon/C101.txt")
        #expect(c101.jobs[0].stop.timeWindows == [TimeWindow(start: 912, end: 967)])
        #expect(c101.jobs[0].demand == [10] && c101.jobs[0].stop.serviceTime == 90)
        #expect(c101.vehicles[0].capacity == [200] && c101.vehicles[0].shift == TimeWindow(start: 0, end: 1236))
    }

    @Test func readsGehringHombergerAndRescoresEveryBestKnownSolution() throws {
        let paths = try files("homberger_200")
        #expect(paths.count == 60)
        let bestKnown = try bks("homberger_200")
        for path in paths {
            let problem = try ProblemReader.read(path: path)
            #expect(problem.jobs.count == 200)
            try rescoreBestKnownSolution(of: problem, path: path, set: "homberger_200", bestKnown: bestKnown)
        }
    }

    @Test func readsLiLimAndRescoresEveryBestKnownSolution() throws {
        let paths = try files("li_lim_100")
        #expect(paths.count == 56)
        let bestKnown = try bks("li_lim_100")
        for path in paths {
            let problem = try ProblemReader.read(path: path)
            #expect(problem.jobs.allSatisfy { $0.kind == .shipment })
            try rescoreBestKnownSolution(of: problem, path: path, set: "li_lim_100", bestKnown: bestKnown)
        }
    }

    /// The published routes must pass the checker with the published vehicles and distance
    /// (published to 4 decimals).
    private func rescoreBestKnownSolution(
        of problem: Problem, path: String, set: String, bestKnown all: [String: (vehicles: Int, distance: Double)]
    ) throws {
        let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        let bestKnown = try #require(all[name])
        let solutionPath = TestSupport.dataDirectory + "/\(set)/bks_solutions/\(name).sol"
        let list = try RouteList.read(text: try String(contentsOfFile: solutionPath, encoding: .utf8), file: solutionPath)
        let routes = try problem.routes(from: list, file: solutionPath)
        let report = SolutionChecker(problem: problem).check(routes: routes.enumerated().map { .init(vehicleIndex: $0.offset, stops: $0.element) })
        #expect(report.violations == [], "\(name)")
        #expect(report.vehicles == bestKnown.vehicles, "\(name)")
        #expect(abs(report.distance - bestKnown.distance) <= 5e-4, "\(name): \(report.distance)")
    }

    private func bks(_ set: String) throws -> [String: (vehicles: Int, distance: Double)] {
        let text = try String(contentsOfFile: TestSupport.dataDirectory + "/\(set)/bks.csv", encoding: .utf8)
        var result: [String: (Int, Double)] = [:]
        for line in text.split(whereSeparator: \.isNewline).dropFirst() {
            let fields = line.split(separator: ",")
            result[String(fields[0])] = (Int(fields[1])!, Double(fields[2])!)
        }
        return result
    }

    @Test func readsVRPLIBWithRoundedDistancesAndZeroBasedCustomerIds() throws {
        let problem = try ProblemReader.read(path: TestSupport.fixture("tiny.vrp"))
        #expect(problem.jobs.map(\.id) == ["1", "2", "3", "4"])
        #expect(problem.matrices[0].distance(0, 4) == 10)
        #expect(problem.matrices[0].distance(1, 2) == 6)
        #expect(problem.vehicles.first?.capacity == [10])
    }

    @Test func rejectsABadNumberWithFileAndLine() {
        #expect(throws: FormatError(file: TestSupport.fixture("solomon-bad-row.txt"), line: 12, "expected a number for YCOORD., found '7x'")) {
            try ProblemReader.read(path: TestSupport.fixture("solomon-bad-row.txt"))
        }
    }

    @Test func rejectsAnUnpairedLiLimTask() {
        let error = #expect(throws: FormatError.self) { try ProblemReader.read(path: TestSupport.fixture("lilim-unpaired.txt")) }
        #expect(error?.line == 3)
        #expect(error?.message.contains("must be the delivery of pickup 2") == true)
    }

    @Test func rejectsEmptyAndUnknownFiles() {
        #expect(throws: FormatError.self) { try SolomonReader.read(text: "", file: "empty.txt") }
        #expect(throws: FormatError.self) { try ProblemReader.read(path: "/nonexistent/file.txt") }
        let unknown = #expect(throws: FormatError.self) { try VRPLIBReader.read(text: "NAME : x\nDIMENSION : 3\nCAPACITY : 5\nEDGE_WEIGHT_TYPE : GEO\nDEMAND_SECTION\n1 0\n2 1\n3 1\n", file: "x.vrp") }
        #expect(unknown?.message.contains("unsupported EDGE_WEIGHT_TYPE GEO") == true)
        let truncated = #expect(throws: FormatError.self) { try VRPLIBReader.read(text: "DIMENSION : 3\nCAPACITY : 5\nNODE_COORD_SECTION\n1 0 0\n2 1 1\nDEMAND_SECTION\n1 0\n2 1\n3 1\n", file: "t.vrp") }
        #expect(truncated?.message == "NODE_COORD_SECTION has 2 rows, expected DIMENSION = 3")
    }

    @Test func routeListRoundTrips() throws {
        let list = RouteList(routes: [["3", "1"], ["2"]], cost: 123.5)
        #expect(try RouteList.read(text: list.text, file: "x.sol") == list)
        #expect(list.text == "Route #1: 3 1\nRoute #2: 2\nCost 123.5000\n")
    }
}
