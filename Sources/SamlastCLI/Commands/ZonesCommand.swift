import ArgumentParser
import Foundation
import Geo
import Pages
import Routing
import Zones

/// `samlast zones`: check a municipality's zone rules and trips offline, and time the rule engine.
struct ZonesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "zones",
        abstract: "Validate consolidation-zone rules, judge trips against them, report a month, and time the rule engine.",
        discussion: """
        Zones are a GeoJSON FeatureCollection: each feature's geometry is the zone, its properties the \
        rule set (see docs/zones.md). Trips are declared as CSV (trip_id, zone_id, vehicle_category, \
        zero_emission, gross_weight_kg, length_m, volume_capacity_m3, payload_kg, parcel_capacity, entry, \
        parcels, volume_m3, weight_kg, recipients_in_zone, plate) or as a JSON list of declarations.

        Examples:
          samlast zones import fornebu-zones.geojson
          samlast zones check fornebu-zones.geojson trips.csv --operator carrier-a
          samlast zones report fornebu-zones.geojson trips.csv --month 2026-11 --output november.html
          samlast zones bench --trips 100000
        """,
        subcommands: [Import.self, Check.self, Report.self, Bench.self])

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate a zones file and print each zone's rules; exit 1 naming the feature and reason when one is wrong.")

        @Argument(help: "A GeoJSON FeatureCollection of zones.") var file: String
        @Flag(help: "Skip the check that zones lie in Norway (for zones elsewhere).") var anywhere = false

        func run() throws {
            let zones = try readZones(file, anywhere: anywhere)
            for zone in zones {
                print("\(zone.id) v\(zone.version) '\(zone.name)': \(zone.policies.count) policies, default \(zone.defaultAccess.rawValue), from \(ISO8601DateTime.format(zone.validFrom, in: TimeZone(identifier: zone.timeZone) ?? .gmt))")
                for policy in zone.policies.sorted(by: { ($0.priority, $0.id) < ($1.priority, $1.id) }) {
                    print("  \(policy.priority) \(policy.id): \(policy.access.rawValue)\(policy.consolidation == nil ? "" : " with consolidation requirements")")
                }
            }
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Judge declared trips against zones: one CSV line per trip (outcome, governing policy, every reason), then a summary.")

        @Argument(help: "A GeoJSON FeatureCollection of zones.") var zones: String
        @Argument(help: "Trips: CSV with a header, or a JSON list of {zoneId, trip}.") var trips: String
        @Option(help: "The operator the CSV's trips are declared by.") var `operator`: String = "unknown"
        @Flag(help: "Skip the check that zones lie in Norway.") var anywhere = false

        func run() throws {
            let rulesById = try Dictionary(uniqueKeysWithValues: readZones(zones, anywhere: anywhere).map { ($0.id, try ZoneRules($0)) })
            let declarations = try readTrips(trips, operatorId: `operator`)
            var summary = ComplianceSummary()
            print(CSVTable.line(["trip_id", "zone_id", "outcome", "governing_policy", "local_time", "violations"]), terminator: "")
            for declaration in declarations {
                guard let rules = rulesById[declaration.zoneId] else { throw CLIError.input("\(trips): trip '\(declaration.trip.id)' names zone '\(declaration.zoneId)', which \(zones) lacks") }
                let verdict = rules.check(declaration.trip)
                summary.add(verdict)
                print(CSVTable.line([verdict.tripId, verdict.zoneId, verdict.outcome.rawValue, verdict.governingPolicyId ?? "", verdict.localTime,
                                     verdict.violations.map { "\($0.code.rawValue): \($0.message)" }.joined(separator: "; ")]), terminator: "")
            }
            FileHandle.standardError.write(Data("\(summary.entries) entries: \(summary.compliant) compliant, \(summary.exempt) exempt, \(summary.nonCompliant) not (\(String(format: "%.1f", summary.shareCompliant * 100)) % compliant)\n".utf8))
        }
    }

    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a zone's compliance over a month as one self-contained HTML file (inline SVG, nothing loaded from the internet).",
            discussion: """
            The figures are the trips given: one operator's own (a CSV, declared by --operator) or several \
            operators' summed (a JSON list of declarations). The platform withholds a municipality's figures \
            over fewer than three operators; this command reports what it is given.
            """)

        @Argument(help: "A GeoJSON FeatureCollection of zones.") var zones: String
        @Argument(help: "Trips: CSV with a header, or a JSON list of {zoneId, trip}.") var trips: String
        @Option(help: "The zone to report on (needed when the file holds several).") var zone: String?
        @Option(help: "The month, YYYY-MM (default: the month of the latest trip into the zone).") var month: String?
        @Option(help: "The operator the CSV's trips are declared by.") var `operator`: String = "unknown"
        @Option(help: "nb or en.") var language: Language = .nb
        @Option(help: "Where to write the report.") var output: String = "zone-report.html"
        @Flag(help: "Skip the check that zones lie in Norway.") var anywhere = false

        func run() throws {
            let all = try readZones(zones, anywhere: anywhere)
            guard let chosen = zone.map({ id in all.first { $0.id == id } }) ?? (all.count == 1 ? all.first : nil) else {
                throw CLIError.input(zone.map { "\(zones) has no zone '\($0)'" } ?? "\(zones) holds \(all.count) zones (\(all.map(\.id).joined(separator: ", "))); name one with --zone")
            }
            let rules = try ZoneRules(chosen)
            let clock = try ZoneClock(timeZone: chosen.timeZone, extraHolidays: chosen.extraHolidays)
            let into = try readTrips(trips, operatorId: `operator`).filter { $0.zoneId == chosen.id }.map(\.trip)
            func monthOf(_ trip: ZoneTrip) -> String { String(clock.local(trip.entry).date.description.prefix(7)) }
            guard let reported = month ?? into.map(monthOf).max() else { throw CLIError.input("\(trips): no trip into zone '\(chosen.id)'") }
            guard reported.count == 7, LocalDate(iso: reported + "-01") != nil else { throw CLIError.input("--month: '\(reported)' is not YYYY-MM") }
            let judged = into.filter { monthOf($0) == reported }.map { ($0, rules.check($0)) }
            let figures = ComplianceFigures(judged, clock: clock)
            let operators = Set(judged.map(\.0.operatorId))
            let summary = ZoneSummary(chosen, entries: figures.summary.entries,
                                      sharePercentCompliant: figures.summary.entries == 0 ? nil : figures.summary.shareCompliant * 100,
                                      withheld: false, ownTrips: operators.count == 1)
            let report = ZoneReport(zone: summary, month: reported, operatorName: operators.count == 1 ? operators.first : nil, figures: figures)
            do { try Data(Pages.render(report, language: language).utf8).write(to: URL(fileURLWithPath: output)) } catch {
                throw CLIError.input("\(output): cannot be written (\(error.localizedDescription))")
            }
            print("Wrote \(output): \(chosen.name), \(reported), \(figures.summary.entries) entries, \(String(format: "%.1f", figures.summary.shareCompliant * 100)) % compliant")
        }
    }

    struct Bench: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Time the rule engine on generated trips against the sample consolidation zone.",
            discussion: "Trips are drawn with a fixed seed: vehicles of every category, entries over a year, random loads and recipients.")

        @Option(help: "How many trips.") var trips: Int = 100_000
        @Option(help: "Repetitions (the best and the mean are printed).") var repeats: Int = 3

        func run() throws {
            let rules = try ZoneRules(SampleZone.fornebu)
            let generated = SampleZone.trips(trips, seed: 42)
            let clock = ContinuousClock()
            var times: [Duration] = []
            var summary = ComplianceSummary()
            for _ in 0..<max(1, repeats) {
                summary = ComplianceSummary()
                times.append(clock.measure { for trip in generated { summary.add(rules.check(trip)) } })
            }
            var perTrip: [Duration] = []
            for trip in generated.prefix(10_000) { perTrip.append(clock.measure { _ = rules.check(trip) }) }
            perTrip.sort()
            let mean = times.reduce(Duration.zero, +) / times.count
            print("\(trips) trips: best \(times.min()!.milliseconds), mean \(mean.milliseconds); per trip median \(perTrip[perTrip.count / 2].microseconds), p99 \(perTrip[perTrip.count * 99 / 100].microseconds)")
            print("  \(summary.compliant) compliant, \(summary.nonCompliant) not, violations \(summary.violations.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.key.rawValue) \($0.value)" }.joined(separator: ", "))")
        }
    }
}

private func readZones(_ path: String, anywhere: Bool) throws -> [Zone] {
    let data: Data
    do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch { throw CLIError.input("\(path): cannot be read (\(error.localizedDescription))") }
    do { return try ZoneDocument.read(data, region: anywhere ? .world : .norway) } catch { throw CLIError.input("\(path): \(error.description)") }
}

private func readTrips(_ path: String, operatorId: String) throws -> [TripDeclaration] {
    let data: Data
    do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch { throw CLIError.input("\(path): cannot be read (\(error.localizedDescription))") }
    if data.first == UInt8(ascii: "[") {
        let declarations: [TripDeclaration]
        do { declarations = try ZoneDocument.jsonDecoder.decode([TripDeclaration].self, from: data) } catch let error as DecodingError {
            throw CLIError.input("\(path): \(error.pathAndMessage)")
        }
        for (index, declaration) in declarations.enumerated() {
            if let problem = declaration.trip.vehicle.problem ?? declaration.trip.manifest.problem { throw CLIError.input("\(path): [\(index)].trip.\(problem)") }
        }
        return declarations
    }
    do { return try TripDeclarationCSV.read(String(decoding: data, as: UTF8.self), operatorId: operatorId) } catch { throw CLIError.input("\(path): \(error.description)") }
}

extension Duration {
    var microseconds: String { String(format: "%.1f µs", Double(components.seconds) * 1e6 + Double(components.attoseconds) / 1e12) }
}

extension Language: ExpressibleByArgument {}
