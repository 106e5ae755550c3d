import Foundation
import Routing

/// A folder of benchmark instances with best-known solutions (`bks.csv`:
/// `instance,vehicles,distance,source`), as laid out in the shared data folder.
struct BenchmarkSet {
    struct BestKnown {
        var vehicles: Int
        var distance: Double
    }

    var directory: String
    var instances: [String]
    var bestKnown: [String: BestKnown]

    static let namedSets: Set<String> = ["solomon", "li_lim", "li_lim_100", "homberger_200", "homberger"]

    /// The folder of a named set inside the data folder.
    static func directory(for name: String, dataDirectory: String) -> String {
        switch name {
        case "solomon": return dataDirectory + "/solomon"
        case "li_lim", "li_lim_100": return dataDirectory + "/li_lim_100"
        case "homberger_200", "homberger": return dataDirectory + "/homberger_200"
        default: return name
        }
    }

    init(directory: String, objective: ObjectiveOption, filter: String?) throws {
        self.directory = directory
        let files: [String]
        do {
            files = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw CLIError.input("cannot list \(directory): \(error.localizedDescription); give --set solomon|li_lim|homberger_200 with --data-dir, or a folder of instances")
        }
        instances = files.filter { ($0.hasSuffix(".txt") || $0.hasSuffix(".vrp") || $0.hasSuffix(".json")) && !$0.hasPrefix(".") }
            .filter { filter == nil || $0.hasPrefix(filter!) }
            .sorted { $0.localizedStandardCompare($1) == .orderedAscending }
        guard !instances.isEmpty else { throw CLIError.input("\(directory) holds no instance files (.txt, .vrp, .json)\(filter.map { " starting with '\($0)'" } ?? "")") }
        // Distance-only BKS exist for Solomon; the others are hierarchical.
        let distanceFile = directory + "/bks_distance.csv"
        let file = objective != .hierarchical && FileManager.default.fileExists(atPath: distanceFile) ? distanceFile : directory + "/bks.csv"
        bestKnown = (try? BenchmarkSet.readBestKnown(file)) ?? [:]
    }

    static func readBestKnown(_ path: String) throws -> [String: BestKnown] {
        let table: CSVTable
        do { table = try CSVTable(try String(contentsOfFile: path, encoding: .utf8)) } catch let error as CSVTable.ReadError {
            throw CLIError.input("\(path):\(error.line): \(error.message)")
        }
        var result: [String: BestKnown] = [:]
        for (line, cells) in table.rows {
            guard cells.count >= 3, let vehicles = Int(cells[1]), let distance = Double(cells[2]) else {
                throw CLIError.input("\(path):\(line): expected instance,vehicles,distance")
            }
            result[cells[0]] = BestKnown(vehicles: vehicles, distance: distance)
        }
        return result
    }

    /// The family of an instance, for the summary: C1, R2, RC1 (Solomon), c1, r2 (GH), lc1, lrc2
    /// (Li & Lim), X (CVRPLIB "X-n101-k25").
    static func family(of instance: String) -> String {
        if let range = instance.range(of: "-n") { return String(instance[..<range.lowerBound]) }
        var result = ""
        for character in instance {
            result.append(character)
            if character.isNumber { break }
        }
        return result
    }

    /// `--data-dir`, else `$SAMLAST_DATA_DIR`, else the first `shared/data` found from the
    /// working directory upwards (also as a sibling, `../shared/data`).
    static func locateDataDirectory(_ explicit: String?) throws -> String {
        if let explicit { return explicit }
        if let fromEnvironment = ProcessInfo.processInfo.environment["SAMLAST_DATA_DIR"] { return fromEnvironment }
        var directory = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        for _ in 0..<6 {
            for candidate in ["shared/data", "../shared/data"] {
                let path = directory.appendingPathComponent(candidate).standardized.path
                if FileManager.default.fileExists(atPath: path + "/README.md") { return path }
            }
            directory.deleteLastPathComponent()
        }
        throw CLIError.input("cannot find the benchmark data folder; give --data-dir or set SAMLAST_DATA_DIR")
    }
}
