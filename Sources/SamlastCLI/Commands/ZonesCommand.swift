import ArgumentParser
import Foundation
import Geo
import Routing
import Zones

/// `samlast zones`: check a municipality's zone rules and trips offline, and time the rule engine.
struct ZonesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "zones",
        abstract: "Validate consolidation-zone rules, judge trips against them, and time the rule engine.",
        discussion: """
        Zones are a GeoJSON FeatureCollection: each feature's geometry is the zone, its properties the \
        rule set (see docs/zones.md). Trips are declared as CSV (trip_id, zone_id, vehicle_category, \
        zero_emission, gross_weight_kg, length_m, volume_capacity_m3, payload_kg, parcel_capacity, entry, \
        parcels, volume_m3, weight_kg, recipients_in_zone) or as a JSON list of declarations.

        Examples:
          samlast zones import fornebu-zones.geojson
          samlast zones check fornebu-zones.geojson trips.csv --operator carrier-a
          samlast zones bench --trips 100000
        """,
        subcommands: [Import.self, Check.self, Bench.self])

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
        do { return try ZoneDocument.jsonDecoder.decode([TripDeclaration].self, from: data) } catch let error as DecodingError {
            throw CLIError.input("\(path): \(error.pathAndMessage)")
        }
    }
    do { return try TripDeclarationCSV.read(String(decoding: data, as: UTF8.self), operatorId: operatorId) } catch { throw CLIError.input("\(path): \(error.description)") }
}

extension Duration {
    var microseconds: String { String(format: "%.1f µs", Double(components.seconds) * 1e6 + Double(components.attoseconds) / 1e12) }
}
