import ArgumentParser

/// The `samlast` command: the carrier-neutral city-logistics platform.
@available(macOS 10.15, *)
public struct SamlastCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "samlast",
        abstract: "Samlast — carrier-neutral city logistics: consolidation hub, route optimiser, impact analytics.",
        discussion: """
        Samlast plans consolidated delivery routes for a samleterminal (consolidation hub) and \
        measures what consolidation saves. `samlast serve --demo` runs the platform (API and web \
        UI) on a Fornebu demonstration case. Use `samlast solve FILE` to optimise a routing \
        problem (add --roads EXTRACT.osm.pbf for road travel times), `samlast scenario run FILE` \
        to compare direct and consolidated deliveries with ISO 14083 emissions, or \
        `samlast bench --set solomon` to measure the optimiser on the literature benchmarks.
        """,
        subcommands: [ServeCommand.self, SolveCommand.self, BenchCommand.self, ScalingCommand.self, CheckCommand.self, RoadsCommand.self, ScenarioCommand.self, ZonesCommand.self, BaysCommand.self]
    )

    public init() {}
}
