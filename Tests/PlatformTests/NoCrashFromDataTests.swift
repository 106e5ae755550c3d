import Foundation
import Testing

/// No trap is reachable from stored or client data in the server and its domain: no
/// `Dictionary(uniqueKeysWithValues:)` (two spellings Swift thinks equal trap it), no force
/// unwrap, `try!`, `as!` or `fatalError` — but for the few listed here, which guard the
/// program's own set-up, never data.
@Suite struct NoCrashFromDataTests {
    /// (file, the code that may stand there, why).
    static let allowed: [(String, String, String)] = [
        ("Platform/Server/PlatformContext.swift", "fatalError(\"\")", "configurePlatform(_:) not called is a programming error"),
        ("Platform/Server/Store+Fluent.swift", "self.init(sqlDatabase: database)!", "both configured drivers (SQLite, PostgreSQL) are SQL databases"),
        ("Platform/API/OpenAPI/OpenAPIDocument.swift", "fatalError(\"\")", "the document is read off the program's own types, a test reads it"),
    ]

    static var sources: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources")
    }

    @Test func serverAndDomainHaveNoTrapsOnData() throws {
        let trap = try Regex(#"uniqueKeysWithValues|try!|\bas!|fatalError\(|[A-Za-z0-9_)\]]!(?=[\s.),\]}?]|$)"#)
        var found: [String] = []
        var files = 0
        for target in ["Platform", "Store", "Domain"] {
            let folder = Self.sources.appendingPathComponent(target)
            let enumerator = try #require(FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil))
            for case let url as URL in enumerator where url.pathExtension == "swift" {
                files += 1
                let relative = target + url.path.dropFirst(folder.path.count)
                for (number, line) in try String(contentsOf: url, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                    // Code only: comments and string literals may say anything.
                    let code = String(line.split(separator: "//", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
                        .replacing(try Regex(#""(?:[^"\\]|\\.)*""#), with: "\"\"")
                    let allowed = Self.allowed.contains { $0.0 == relative && code.contains($0.1) }
                    if code.contains(trap), !allowed { found.append("\(relative):\(number + 1): \(line.trimmingCharacters(in: .whitespaces))") }
                }
            }
        }
        #expect(files > 30, "the scan found the sources")
        #expect(found.isEmpty, "traps reachable from data:\n\(found.joined(separator: "\n"))")
    }
}
