import ArgumentParser
import Foundation
import Zones

/// `samlast bays`: check a municipality's loading bays offline and turn the French open-data CSV
/// into a CDS Curbs document, as `PUT /v1/bays` would take them.
struct BaysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bays",
        abstract: "Check loading bays (CDS Curbs JSON or aire-livraison CSV) and convert them to CDS Curbs.",
        discussion: """
        Bays are a CDS Curbs document (zones with their policies; application/vnd.cds+json) or a CSV \
        in the French delivery-bay schema (aire-livraison v1.0.0). Errors name the JSON path or the \
        CSV line and column, and exit 1; nothing is half-read.

        Examples:
          samlast bays check bays.csv
          samlast bays convert bays.csv --output bays.cds.json
        """,
        subcommands: [Check.self, Convert.self])

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate a bays file and print each bay: length, vans and trucks it holds at once, and its policies.")

        @Argument(help: "CDS Curbs JSON or aire-livraison CSV.") var file: String
        @Flag(help: "Skip the check that bays lie in Norway.") var anywhere = false

        func run() throws {
            let (bays, warnings) = try readBays(file, anywhere: anywhere)
            for bay in bays {
                let name = bay.displayName
                let policies = bay.policies.map { "\($0.priority) \($0.name ?? $0.curbPolicyId)" }.joined(separator: "; ")
                print("\(bay.id) '\(name)': \(String(format: "%.1f", bay.curbLengthM)) m, \(bay.capacity(for: .van)) vans, \(bay.capacity(for: .truck)) trucks; \(policies)")
            }
            for warning in warnings { FileHandle.standardError.write(Data("warning: \(warning)\n".utf8)) }
            FileHandle.standardError.write(Data("\(bays.count) bays, \(warnings.count) warnings\n".utf8))
        }
    }

    struct Convert: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the bays as one CDS Curbs document (data.zones with data.policies), keys sorted.")

        @Argument(help: "CDS Curbs JSON or aire-livraison CSV.") var file: String
        @Option(help: "Where to write the document.") var output: String
        @Option(help: "The IANA time zone the policies' times are in.") var timeZone = "Europe/Oslo"
        @Flag(help: "Skip the check that bays lie in Norway.") var anywhere = false

        func run() throws {
            let (bays, _) = try readBays(file, anywhere: anywhere)
            guard TimeZone(identifier: timeZone) != nil else { throw CLIError.input("--time-zone: '\(timeZone)' is not an IANA time zone") }
            let envelope = LoadingBay.envelope(of: bays, timeZone: timeZone, lastUpdated: Int64(Date().timeIntervalSince1970 * 1000))
            do { try CurbDocument.write(envelope).write(to: URL(fileURLWithPath: output)) } catch {
                throw CLIError.input("\(output): cannot be written (\(error.localizedDescription))")
            }
            print("Wrote \(output): \(bays.count) bays")
        }
    }
}

private func readBays(_ path: String, anywhere: Bool) throws -> (bays: [LoadingBay], warnings: [String]) {
    let data: Data
    do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch { throw CLIError.input("\(path): cannot be read (\(error.localizedDescription))") }
    let region: ExpectedRegion = anywhere ? .world : .norway
    if data.first(where: { !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 || $0 == 0xEF || $0 == 0xBB || $0 == 0xBF) }) == UInt8(ascii: "{") {
        let envelope: CDS.Envelope
        do { envelope = try CurbDocument.read(data, region: region) } catch { throw CLIError.input("\(path): \(error.description)") }
        return (LoadingBay.bays(in: envelope), [])
    }
    do {
        let result = try DeliveryBayCSV.read(String(decoding: data, as: UTF8.self), importedAt: Date(), region: region)
        return (result.bays, result.warnings)
    } catch { throw CLIError.input("\(path): \(error.description)") }
}
