import Foundation
import Testing

/// The layers the package comment promises, checked in the sources: SQL is written only in
/// `Store`; neither `Store`, `Domain` nor the pure libraries import Vapor, Fluent (FluentKit
/// included: the store speaks SQLKit) or any HTTP.
@Suite struct LayeringTests {
    static var sources: URL { NoCrashFromDataTests.sources }

    /// The Swift files of a target, with their lines.
    static func files(of target: String) throws -> [(String, [Substring])] {
        let folder = sources.appendingPathComponent(target)
        let enumerator = try #require(FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil))
        var files: [(String, [Substring])] = []
        for case let url as URL in enumerator where url.pathExtension == "swift" {
            let text = try String(contentsOf: url, encoding: .utf8)
            files.append((target + url.path.dropFirst(folder.path.count), text.split(separator: "\n", omittingEmptySubsequences: false)))
        }
        return files
    }

    static let targets = ["Geo", "Routing", "Roads", "Emissions", "Impact", "Domain", "Labels", "Mail", "Store", "Platform", "SamlastCLI"]

    @Test func sqlIsWrittenOnlyInTheStore() throws {
        let statement = try Regex(#"\b(SELECT|INSERT INTO|UPDATE \w+ SET|DELETE FROM|CREATE TABLE|DROP TABLE)\b"#)
        let sqlKit = try Regex(#"^import (SQLKit|SQLiteNIO|PostgresNIO|SQLiteKit|PostgresKit)\b"#)
        var found: [String] = []
        for target in Self.targets where target != "Store" {
            for (file, lines) in try Self.files(of: target) {
                for (number, line) in lines.enumerated() where line.contains(statement) || line.contains(sqlKit) {
                    found.append("\(file):\(number + 1): \(line.trimmingCharacters(in: .whitespaces))")
                }
            }
        }
        #expect(found.isEmpty, "SQL outside Store:\n\(found.joined(separator: "\n"))")
    }

    @Test func noHTTPBelowThePlatform() throws {
        let http = try Regex(#"^import (Vapor\w*|Fluent\w*|NIOHTTP1|Hummingbird\w*)\b"#)
        var found: [String] = []
        var files = 0
        for target in ["Geo", "Routing", "Roads", "Emissions", "Impact", "Domain", "Labels", "Mail", "Store"] {
            for (file, lines) in try Self.files(of: target) {
                files += 1
                for (number, line) in lines.enumerated() where line.contains(http) { found.append("\(file):\(number + 1): \(line)") }
            }
        }
        #expect(files > 50, "the scan found the sources")
        #expect(found.isEmpty, "HTTP below the platform:\n\(found.joined(separator: "\n"))")
    }
}
