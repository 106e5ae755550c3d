import ArgumentParser
import Emissions
import Foundation
import Impact
import Roads
import Routing

/// `samlast scenario`: consolidated versus direct deliveries for a municipality's case.
struct ScenarioCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scenario",
        abstract: "Compare direct and consolidated (hub) deliveries: km, vehicles, fill rate, CO2e.",
        subcommands: [Run.self]
    )

    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Simulate a scenario and write results as JSON and a self-contained HTML report.",
            discussion: """
            FILE is a scenario (docs/scenario-json.md; example: examples/fornebu-scenario.json). \
            Every day is planned twice by the optimiser with equal time: each carrier from its own \
            depot (direct), and via the hub for the carriers that join (one variant per share in \
            hubParticipation). Progress goes to standard error.

            Example: samlast scenario run examples/fornebu-scenario.json --output results/fornebu
            """
        )

        @Argument(help: "The scenario file (JSON).") var file: String
        @Option(help: "Folder for result.json and report.html (created if missing).") var output: String = "."
        @Option(help: "OpenStreetMap extract (.osm.pbf) for road distances instead of the great-circle estimate.") var roads: String?
        @Option(help: "Override the scenario's optimiser time per plan, in seconds.") var planTimeLimit: Double?
        @Flag(name: .shortAndLong, help: "Do not print progress.") var quiet = false

        func run() throws {
            let progress = ProgressPrinter(enabled: !quiet)
            var scenario: ScenarioDocument
            let provider: any TravelMatrixProvider
            do {
                guard let data = FileManager.default.contents(atPath: file) else { throw FormatError(file: file, "cannot read the file") }
                scenario = try ScenarioDocument.read(data: data, file: file)
                provider = try roads.map { try RoadMatrixProvider(osm: try OSMReader.read(path: $0), file: $0) } ?? GreatCircleMatrixProvider()
            } catch {
                throw CLIError.input("\(error)")
            }
            if let planTimeLimit {
                guard planTimeLimit > 0 else { throw ValidationError("--plan-time-limit must be positive") }
                scenario.planTimeLimit = planTimeLimit
            }
            let clock = ContinuousClock()
            let started = clock.now
            let result: ScenarioResult
            do {
                result = try ScenarioRunner(scenario: scenario, factors: try EmissionFactors.bundled(), matrixProvider: provider).run { message in
                    progress.line(String(format: "%7.1fs  ", (clock.now - started).seconds) + message)
                }
            } catch {
                throw CLIError.input("\(file): \(error)")
            }
            try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            try OutputFile.write(String(decoding: try encoder.encode(result), as: UTF8.self) + "\n", to: output + "/result.json")
            try OutputFile.write(HTMLReport(result: result).html, to: output + "/report.html")
            for (index, variant) in result.variants.enumerated() {
                var line = "\(variant.name): \(String(format: "%.1f", variant.kpis.vehicleKm)) km, \(String(format: "%.1f", variant.kpis.vehiclesPerDay)) vehicles/day, \(String(format: "%.1f", variant.kpis.co2eWellToWheelKg)) kg CO2e WTW"
                if index > 0, let km = result.change("vehicleKm", variant: index), let vehicles = result.change("vehiclesPerDay", variant: index) {
                    line += String(format: " (km %+.0f %%, vehicles %+.0f %%)", km, vehicles)
                }
                print(line)
            }
            progress.line(String(format: "done in %.1fs; wrote %@/result.json and %@/report.html", (clock.now - started).seconds, output, output))
        }
    }
}
