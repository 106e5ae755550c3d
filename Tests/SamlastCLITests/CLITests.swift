import Foundation
import Lockers
import Testing
import Zones

/// Runs the built `samlast` executable as a user would.
@Suite struct CLITests {
    struct Run {
        var status: Int32
        var output: String
        var errors: String
    }

    /// The `samlast` binary next to the test bundle in the build folder.
    static var executable: URL {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        while !FileManager.default.isExecutableFile(atPath: directory.appendingPathComponent("samlast").path), directory.path != "/" {
            directory.deleteLastPathComponent()
        }
        return directory.appendingPathComponent("samlast")
    }

    static var dataDirectory: String {
        ProcessInfo.processInfo.environment["SAMLAST_DATA_DIR"]
            ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/data").path
    }

    func samlast(_ arguments: [String]) throws -> Run {
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = arguments
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, output: String(decoding: out, as: UTF8.self), errors: String(decoding: err, as: UTF8.self))
    }

    @Test func solvesASolomonInstanceAndPrintsAVRPLIBSolutionTheCheckerAccepts() throws {
        let instance = Self.dataDirectory + "/solomon/R101.txt"
        let run = try samlast(["solve", instance, "--format", "vrplib", "--iterations", "500", "--seed", "3"])
        #expect(run.status == 0, "\(run.errors)")
        let lines = run.output.split(separator: "\n")
        #expect(lines.dropLast().allSatisfy { $0.hasPrefix("Route #") })
        let customers = lines.dropLast().flatMap { $0.split(separator: ":")[1].split(separator: " ") }
        #expect(Set(customers.map { Int($0)! }) == Set(1...100))
        #expect(lines.last?.hasPrefix("Cost ") == true)
        #expect(run.errors.contains("done: 500 iterations"))

        // The printed solution passes `samlast check`, with the same cost.
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("r101-\(UUID()).sol")
        try run.output.write(to: file, atomically: true, encoding: .utf8)
        let check = try samlast(["check", instance, file.path])
        #expect(check.status == 0, "\(check.output)")
        #expect(check.output.contains("feasible"))
    }

    @Test func solvesJSONToJSONAndGeoJSON() throws {
        let problem = """
        {"capacityDimensions": ["parcels"],
         "jobs": [{"id": "school", "type": "delivery", "location": [10.6245, 59.8989], "demand": [3]},
                  {"id": "shop", "type": "delivery", "location": [10.6128, 59.8971], "demand": [2]}],
         "vehicles": [{"id": "bike", "type": "e-cargo-bike", "start": [10.6196, 59.8957], "capacity": [10]}]}
        """
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("p-\(UUID()).json")
        try problem.write(to: file, atomically: true, encoding: .utf8)
        let json = try samlast(["solve", file.path, "--format", "json", "--iterations", "50", "--quiet"])
        #expect(json.status == 0 && json.errors.isEmpty)
        let document = try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as! [String: Any]
        let summary = document["summary"] as! [String: Any]
        #expect(summary["vehicles"] as? Int == 1 && summary["unassigned"] as? Int == 0)
        let text = try samlast(["solve", file.path, "--iterations", "50", "--quiet"])
        #expect(text.output.contains(" km, duration ") && text.output.contains("min"))
        let geo = try samlast(["solve", file.path, "--format", "geojson", "--iterations", "50", "--quiet"])
        #expect(geo.output.contains("\"type\" : \"FeatureCollection\"") && geo.output.contains("LineString"))
    }

    @Test func reportsBadInputWithFileAndLineAndExitCode1() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("bad-\(UUID()).txt")
        try "X\n\nVEHICLE\nNUMBER CAPACITY\n 25 200\n\nCUSTOMER\nCUST NO.\n 0 1 2 0 0 100 0\n 1 1 2 3 0 10\n".write(to: file, atomically: true, encoding: .utf8)
        let run = try samlast(["solve", file.path])
        #expect(run.status == 1)
        #expect(run.errors.contains("\(file.path):10: expected 7 columns"))
        let missing = try samlast(["solve", "/no/such/file.json"])
        #expect(missing.status == 1 && missing.errors.contains("cannot read the file"))
        let badOption = try samlast(["solve", file.path, "--time-limit", "soon"])
        #expect(badOption.status != 0 && badOption.errors.contains("--time-limit"))
    }

    /// `zones report`: one self-contained HTML file with the month's hand-checkable figures.
    @Test func zonesReportWritesASelfContainedMonthlyReport() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("zones-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let zones = folder.appendingPathComponent("zones.geojson"), trips = folder.appendingPathComponent("trips.csv")
        try ZoneDocument.write([SampleZone.fornebu]).write(to: zones)
        // Two compliant consolidated entries on workday mornings, one with one recipient (non-compliant), one in July (another month).
        let header = TripDeclarationCSV.columns.joined(separator: ",")
        let lines = ["T-1,fornebu-sentrum,van,false,3500,6,12,1000,,2026-06-01T09:10:00+02:00,20,8,200,5,",
                     "T-2,fornebu-sentrum,van,false,3500,6,12,1000,,2026-06-02T09:40:00+02:00,30,9,300,4,EK 1",
                     "T-3,fornebu-sentrum,van,false,3500,6,12,1000,,2026-06-03T10:05:00+02:00,5,8,200,1,",
                     "T-4,fornebu-sentrum,van,false,3500,6,12,1000,,2026-07-01T09:00:00+02:00,20,8,200,5,"]
        try ([header] + lines).joined(separator: "\n").write(to: trips, atomically: true, encoding: .utf8)
        let output = folder.appendingPathComponent("june.html")
        let run = try samlast(["zones", "report", zones.path, trips.path, "--operator", "carrier-a", "--month", "2026-06", "--language", "en", "--output", output.path])
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output.contains("3 entries, 66.7 % compliant"), "\(run.output)")
        let html = try String(contentsOf: output, encoding: .utf8)
        #expect(html.contains("Zone compliance: Fornebu sentrum") && html.contains("Trips of carrier-a") && html.contains("<svg"))
        #expect(html.contains("too few recipients") && html.contains(">18.3<"), "the violation by name; (20 + 30 + 5) / 3 parcels per entry")
        #expect(!html.contains("src=\"http") && !html.contains("href=\"http"), "nothing loaded from the internet")
        // The latest month by default; a zone the file lacks is named.
        #expect(try samlast(["zones", "report", zones.path, trips.path, "--output", output.path]).output.contains("2026-07, 1 entries"))
        let unknown = try samlast(["zones", "report", zones.path, trips.path, "--zone", "oslo-sentrum", "--output", output.path])
        #expect(unknown.status == 1 && unknown.errors.contains("has no zone 'oslo-sentrum'"))
    }

    /// `bays check` and `bays convert` on the sample bays as a CDS document; a broken one names the path.
    @Test func baysAreCheckedAndConvertedToCDS() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bays-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("bays.json"), converted = folder.appendingPathComponent("out.json")
        let envelope = CDS.Envelope(timeZone: "Europe/Oslo", lastUpdated: SampleZone.published,
                                    data: CDS.Payload(zones: SampleZone.bays.map(\.curb), policies: SampleZone.bays.flatMap(\.policies)))
        try CurbDocument.write(envelope).write(to: file)
        let check = try samlast(["bays", "check", file.path])
        #expect(check.status == 0 && check.errors.contains("2 bays, 0 warnings"), "\(check.errors)")
        #expect(check.output.contains("'Lastelomme 1': 15.0 m, 2 vans") && check.output.contains("'Lastelomme 2': 24.0 m, 2 vans"), "\(check.output)")
        let convert = try samlast(["bays", "convert", file.path, "--output", converted.path])
        #expect(convert.status == 0 && convert.output.contains("2 bays"))
        let back = try CurbDocument.read(try Data(contentsOf: converted))
        #expect(back.data.zones == envelope.data.zones && Set(back.data.policies ?? []) == Set(envelope.data.policies ?? []))
        let broken = String(decoding: CurbDocument.write(envelope), as: UTF8.self).replacingOccurrences(of: SampleZone.bays[0].id, with: "bay-one")
        try broken.write(to: file, atomically: true, encoding: .utf8)
        let refused = try samlast(["bays", "check", file.path])
        #expect(refused.status == 1 && refused.errors.contains("$.data.zones[0].curb_zone_id: 'bay-one' is not a UUID"), "\(refused.errors)")
    }

    /// The offline verifier, built from the Lockers library alone, on the test vectors: valid once,
    /// then replayed; wrong compartment; expired; tampered; another key's.
    @Test func theStandaloneLockerVerifierChecksTheVectors() throws {
        let issuer = try #require(AccessTokenIssuer(privateKeyBase64: Data(repeating: 42, count: 32).base64EncodedString()))
        let from = Date(timeIntervalSince1970: 1_796_000_000), until = from.addingTimeInterval(86_400)
        let token = try issuer.issue(.pickup, siteId: "lillestrom-stasjon", compartmentId: "B-12", from: from, until: until).text
        let ledger = FileManager.default.temporaryDirectory.appendingPathComponent("ledger-\(UUID()).json").path
        func verify(_ token: String, compartment: String = "B-12", at instant: Date = from.addingTimeInterval(600), key: String = issuer.publicKey) throws -> Run {
            let verifier = Self.executable.deletingLastPathComponent().appendingPathComponent("samlast-locker-verify")
            let process = Process()
            process.executableURL = verifier
            process.arguments = [token, "--public-key", key, "--site", "lillestrom-stasjon", "--compartment", compartment,
                                 "--at", ISO8601DateFormatter().string(from: instant), "--ledger", ledger]
            let output = Pipe()
            process.standardOutput = output
            process.standardError = Pipe()
            try process.run()
            let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            return Run(status: process.terminationStatus, output: text, errors: "")
        }
        let first = try verify(token)
        #expect(first.status == 0 && first.output.hasPrefix("opened: lillestrom-stasjon/B-12"), "\(first.output)")
        #expect(try verify(token).output == "refused: replayed\n")
        let fresh = try issuer.issue(.pickup, siteId: "lillestrom-stasjon", compartmentId: "B-12", from: from, until: until).text
        #expect(try verify(fresh, compartment: "B-13").output == "refused: wrong-compartment\n")
        let late = try verify(fresh, at: until.addingTimeInterval(3600))
        #expect(late.status == 1 && late.output == "refused: expired\n")
        var tampered = Array(fresh)
        tampered[8] = tampered[8] == "x" ? "y" : "x"
        #expect(try verify(String(tampered)).output == "refused: bad-signature\n")
        let other = try #require(AccessTokenIssuer(privateKeyBase64: Data(repeating: 7, count: 32).base64EncodedString()))
        #expect(try verify(fresh, key: other.publicKey).output == "refused: bad-signature\n")
    }

    @Test func helpExplainsTheCommands() throws {
        let help = try samlast(["--help"])
        #expect(help.output.contains("solve") && help.output.contains("bench") && help.output.contains("check"))
        let solveHelp = try samlast(["solve", "--help"])
        #expect(solveHelp.output.contains("--time-limit") && solveHelp.output.contains("hierarchical"))
    }

    @Test func benchPrintsPerInstanceAndFamilySummaries() throws {
        let run = try samlast(["bench", "--set", "solomon", "--filter", "C10", "--time-limit", "100ms", "--jobs", "2", "--data-dir", Self.dataDirectory])
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output.contains("C101"))
        let family = run.output.split(separator: "\n").first { $0.hasPrefix("C1 ") }
        #expect(family?.contains("mean gap") == true && family?.contains("infeasible 0") == true)
    }
}

/// `samlast roads …` and `solve --roads` on the Fornebu extract.
@Suite struct RoadsCLITests {
    let cli = CLITests()
    var extract: String { CLITests.dataDirectory + "/geo/fornebu_roads.osm.pbf" }

    @Test func routeIsAGeoJSONLineAlongTheRoads() throws {
        let run = try cli.samlast(["roads", "route", "--map", extract, "10.6190,59.8965", "10.6373,59.9135"])
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output.contains("LineString") && run.output.contains("OpenStreetMap"))
    }

    @Test func matrixReadsACSVAndNamesBadRows() throws {
        let csv = FileManager.default.temporaryDirectory.appendingPathComponent("points-\(UUID()).csv")
        try "id,lon,lat\nhub,10.6190,59.8965\nstation,10.6373,59.9135\nschool,10.6128,59.8984\n".write(to: csv, atomically: true, encoding: .utf8)
        let run = try cli.samlast(["roads", "matrix", "--map", extract, csv.path])
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output.split(separator: "\n").count == 1 + 6)
        try "lon,lat\n10.6190,59.8965\n10.63,north\n".write(to: csv, atomically: true, encoding: .utf8)
        let bad = try cli.samlast(["roads", "matrix", "--map", extract, csv.path])
        #expect(bad.status == 1 && bad.errors.contains("\(csv.path):3: expected numbers"))
    }

    @Test func solveWithRoadsDrawsLegsAlongRoads() throws {
        let problem = """
        {"capacityDimensions": ["parcels"],
         "jobs": [{"id": "school", "type": "delivery", "location": [10.6128, 59.8984], "demand": [3]},
                  {"id": "station", "type": "delivery", "location": [10.6373, 59.9135], "demand": [2]}],
         "vehicles": [{"id": "van", "type": "e-van", "start": [10.6190, 59.8965], "capacity": [10]}]}
        """
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("p-\(UUID()).json")
        try problem.write(to: file, atomically: true, encoding: .utf8)
        let straight = try cli.samlast(["solve", file.path, "--format", "geojson", "--iterations", "20", "--quiet"])
        let roads = try cli.samlast(["solve", file.path, "--format", "geojson", "--iterations", "20", "--quiet", "--roads", extract])
        #expect(roads.status == 0, "\(roads.errors)")
        #expect(roads.output.count > 3 * straight.output.count) // many more points along the roads
        #expect(roads.output.contains("OpenStreetMap"))
    }
}
