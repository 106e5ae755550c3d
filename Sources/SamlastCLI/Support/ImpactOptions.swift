import ArgumentParser
import Emissions
import Foundation
import Platform

/// `samlast serve`'s options for the emission accounting of the hubs' days.
struct ImpactOptions: ParsableArguments {
    @Option(name: .customLong("emission-factors"),
            help: ArgumentHelp("An emission-factor table (JSON, as Sources/Emissions/Resources/emission-factors.json) to load beside the bundled one; repeat for several. The last one given accounts new days; the others stay readable by their version.", valueName: "file"))
    var factorFiles: [String] = []
    @Flag(help: "Do not account finished hub days in this instance (another instance does).") var noImpactWorker = false

    func settings() throws -> ImpactSettings {
        let tables = try factorFiles.map { file -> EmissionFactors in
            guard let data = FileManager.default.contents(atPath: file) else { throw ValidationError("--emission-factors: cannot read '\(file)'") }
            do { return try EmissionFactors.load(data, file: file) } catch { throw ValidationError("--emission-factors: \(error)") }
        }
        return try ImpactSettings(extra: tables, runsWorker: !noImpactWorker)
    }
}
