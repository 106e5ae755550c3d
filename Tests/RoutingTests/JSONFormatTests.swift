import Foundation
import Testing
@testable import Routing

/// The JSON problem format: what it accepts, and how it names what is wrong.
@Suite struct JSONFormatTests {
    private func read(_ json: String) throws -> Problem {
        try JSONProblemFormat.read(data: Data(json.utf8), file: "problem.json")
    }

    private func message(_ json: String) -> String? {
        #expect(throws: FormatError.self) { try read(json) }?.message
    }

    private let minimal = """
    {"capacityDimensions": ["kg"], "jobs": [{"id": "a", "type": "delivery", "location": [10.62, 59.90], "demand": [5]}],
     "vehicles": [{"id": "v", "type": "e-van", "start": [10.61, 59.89], "capacity": [100]}]}
    """

    @Test func readsTheFixtureWithTimesSkillsShipmentsAndProfiles() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: TestSupport.fixture("fornebu-small.json")))
        let problem = try JSONProblemFormat.read(data: data, file: "fornebu-small.json")
        #expect(problem.jobs.count == 8)
        #expect(problem.vehicles.map(\.id) == ["van", "bike-1", "bike-2"])
        #expect(problem.matrices.count == 2) // car and bike profiles
        #expect(problem.timeZoneOffset == 3600)
        // 07:30+01:00 is 06:30Z.
        let window = problem.jobs[0].stop.timeWindows[0]
        #expect(window.start == Date(timeIntervalSince1970: 0).addingTimeInterval(window.start).timeIntervalSince1970)
        #expect(TimeValue.format(window.start, offset: 3600) == "2026-11-25T07:30:00+01:00")
        #expect(problem.vehicles[0].costPerDistance == 0.0025)
        #expect(problem.coordinates?.count == 7) // six named places and one inline coordinate
    }

    @Test func greatCircleMatrixUsesTheDocumentedDetourAndSpeed() throws {
        let problem = try read(minimal)
        let straight = problem.coordinates![0].greatCircleDistance(to: problem.coordinates![1])
        #expect(abs(problem.matrices[0].distance(0, 1) - straight * 1.3) < 1e-6)
        #expect(abs(problem.matrices[0].duration(0, 1) - straight * 1.3 / (30 / 3.6)) < 1e-6)
    }

    @Test func rejectsUnknownFieldsWithTheirPath() {
        let text = minimal.replacingOccurrences(of: "\"demand\": [5]", with: "\"demand\": [5], \"timewindows\": []")
        #expect(message(text)?.hasPrefix("$.jobs[0].timewindows: unknown field 'timewindows'") == true)
    }

    @Test func rejectsMissingFieldsAndWrongTypesWithTheirPath() {
        #expect(message(minimal.replacingOccurrences(of: "\"id\": \"v\", ", with: "")) == "$.vehicles[0].id: required field is missing")
        let wrongType = message(minimal.replacingOccurrences(of: "\"demand\": [5]", with: "\"demand\": \"five\""))
        #expect(wrongType?.hasPrefix("$.jobs[0].demand: expected") == true)
        let badTime = message(minimal.replacingOccurrences(of: "\"demand\": [5]", with: "\"demand\": [5], \"timeWindows\": [[\"8 o'clock\", 10]]"))
        #expect(badTime?.contains("$.jobs[0].timeWindows[0][0]") == true)
        #expect(badTime?.contains("ISO 8601") == true)
    }

    @Test func rejectsInconsistentDataWithTheirPath() {
        #expect(message(minimal.replacingOccurrences(of: "\"demand\": [5]", with: "\"demand\": [5, 1]"))
                == "jobs[0] (id a): demand has 2 values, expected 1 (kg)")
        #expect(message(minimal.replacingOccurrences(of: "[10.62, 59.90]", with: "\"nowhere\"")) == "$.jobs[0].location: unknown location id 'nowhere'")
        #expect(message(minimal.replacingOccurrences(of: "[10.62, 59.90]", with: "[200, 59.90]"))?.contains("outside longitude ±180") == true)
        #expect(message("{not json") != nil)
        #expect(message(minimal.replacingOccurrences(of: "\"type\": \"delivery\"", with: "\"type\": \"shipment\""))?
            .contains("a shipment needs 'pickup' and 'delivery'") == true)
    }

    @Test func rejectsOversizedDocuments() {
        let huge = Data(count: JSONProblemFormat.maximumDocumentBytes + 1)
        #expect(throws: FormatError.self) { try JSONProblemFormat.read(data: huge, file: "huge.json") }
    }

    @Test func solutionDocumentEchoesIdsAndZonedTimes() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: TestSupport.fixture("fornebu-small.json")))
        let problem = try JSONProblemFormat.read(data: data, file: "fornebu-small.json")
        let (solution, _) = Solver(parameters: SolverParameters(iterationLimit: 300)).solve(problem)
        let json = String(decoding: try SolutionDocument(solution: solution, problem: problem).jsonData(), as: UTF8.self)
        #expect(json.contains("\"job\" : \"school-milk\""))
        #expect(json.contains("+01:00\""))
        let collection = try #require(solution.geoJSON(for: problem))
        #expect(collection.features.contains { if case .lineString = $0.geometry { true } else { false } })
    }
}
