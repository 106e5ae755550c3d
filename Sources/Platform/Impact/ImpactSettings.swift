import Emissions
import Foundation

/// How a server accounts its hubs' days: the emission-factor tables it knows (the bundled one
/// and any an operator loads), the one new figures use, and the accounting worker's pace.
public struct ImpactSettings: Sendable {
    /// Every table loaded, by version; a computation names its table, so old ones stay readable.
    public var tables: [String: EmissionFactors]
    /// The version new computations and the pages use unless asked for another.
    public var currentVersion: String
    /// Whether this instance accounts days whose deliveries changed (every instance may).
    public var runsWorker: Bool
    public var pollInterval: Duration
    /// How far back the worker looks for days to account.
    public var lookbackDays: Int
    /// Seeds of the counterfactual plans (the first gives the figures; all give the noise).
    public var counterfactualSeeds: [UInt64]

    /// The bundled table plus `extra` (later ones replace a version they repeat); the last
    /// given becomes current.
    public init(extra: [EmissionFactors] = [], runsWorker: Bool = true, pollInterval: Duration = .seconds(30), lookbackDays: Int = 35,
                counterfactualSeeds: [UInt64] = [1, 2, 3]) throws {
        let bundled = try EmissionFactors.bundled()
        var tables = [bundled.version: bundled]
        for table in extra { tables[table.version] = table }
        self.tables = tables
        currentVersion = extra.last?.version ?? bundled.version
        self.runsWorker = runsWorker
        self.pollInterval = pollInterval
        self.lookbackDays = lookbackDays
        self.counterfactualSeeds = counterfactualSeeds
    }

    /// The table of `version` (the current one when nil), or a problem naming the loaded ones.
    func table(_ version: String?) throws -> EmissionFactors {
        let version = version ?? currentVersion
        guard let table = tables[version] else {
            throw Problem.unprocessable("factorVersion: no emission-factor table '\(version)' is loaded (loaded: \(tables.keys.sorted().joined(separator: ", ")))")
        }
        return table
    }
}
