import Foundation

/// Runs the poppler and zbar command-line tools that tests check printed output with (labels,
/// manifests). A missing tool or a failed run throws, so the test fails; it is never skipped.
public enum ExternalTools {
    /// Why a tool could not give its answer.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    private static func require(_ condition: Bool, _ message: @autoclosure () -> String) throws {
        guard condition else { throw Failure(description: message()) }
    }

    public static let pdftoppm = "/usr/bin/pdftoppm"
    public static let pdftotext = "/usr/bin/pdftotext"
    public static let pdfinfo = "/usr/bin/pdfinfo"
    public static let zbarimg = "/usr/bin/zbarimg"

    public struct Result {
        public let status: Int32
        public let output: String
        public let errors: String
    }

    /// Runs `tool` with `arguments`, collecting output through files so large output cannot block.
    public static func run(_ tool: String, _ arguments: [String], in directory: URL) throws -> Result {
        try require(FileManager.default.isExecutableFile(atPath: tool),
                    "\(tool) is not installed; the end-to-end tests need poppler-utils (pdftoppm, pdftotext, pdfinfo) and zbar-tools (zbarimg)")
        let name = UUID().uuidString
        let outputURL = directory.appendingPathComponent("\(name).out")
        let errorURL = directory.appendingPathComponent("\(name).err")
        for url in [outputURL, errorURL] {
            try require(FileManager.default.createFile(atPath: url.path, contents: nil), "cannot create \(url.path)")
        }
        let output = try FileHandle(forWritingTo: outputURL)
        let errors = try FileHandle(forWritingTo: errorURL)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        process.waitUntilExit()
        try output.close()
        try errors.close()
        return Result(
            status: process.terminationStatus,
            output: try String(contentsOf: outputURL, encoding: .utf8),
            errors: (try? String(contentsOf: errorURL, encoding: .utf8)) ?? "")
    }

    /// Rasterises one page at 300 dpi and returns every symbol zbar reads from it.
    public static func decodeSymbols(pdf: URL, page: Int = 1, in directory: URL) throws -> Set<String> {
        let prefix = directory.appendingPathComponent("page-\(page)").path
        let raster = try run(pdftoppm, ["-r", "300", "-png", "-f", "\(page)", "-l", "\(page)", "-singlefile", pdf.path, prefix], in: directory)
        try require(raster.status == 0, "pdftoppm failed: \(raster.errors)")
        let scan = try run(zbarimg, ["--raw", "-q", prefix + ".png"], in: directory)
        try require(scan.status == 0, "zbarimg found no symbol (status \(scan.status)): \(scan.errors)")
        return Set(scan.output.split(separator: "\n").map(String.init))
    }

    /// The page count reported by pdfinfo.
    public static func pageCount(pdf: URL, in directory: URL) throws -> Int {
        let info = try run(pdfinfo, [pdf.path], in: directory)
        try require(info.status == 0, "pdfinfo failed: \(info.errors)")
        guard let line = info.output.split(separator: "\n").first(where: { $0.hasPrefix("Pages:") }),
              let count = Int(line.dropFirst("Pages:".count).trimmingCharacters(in: .whitespaces)) else {
            throw Failure(description: "pdfinfo tells no page count: \(info.output)")
        }
        return count
    }

    /// The text pdftotext extracts, as UTF-8.
    public static func text(pdf: URL, in directory: URL) throws -> String {
        let result = try run(pdftotext, ["-enc", "UTF-8", pdf.path, "-"], in: directory)
        try require(result.status == 0, "pdftotext failed: \(result.errors)")
        return result.output
    }
}

/// A fresh directory under the system temporary directory, removed when `body` returns.
public func withTemporaryDirectory<T>(_ body: (URL) throws -> T) throws -> T {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("samlast-tools-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    return try body(directory)
}

extension ExternalTools {
    /// Debian's interpreter, with python3-jsonschema (`scripts/test` installs it).
    public static let python = "/usr/bin/python3"

    /// Every way `document` (JSON) breaks the JSON Schema (draft-07) in `schema`, as
    /// "path: message" lines, checked by python-jsonschema; none when it conforms.
    public static func schemaErrors(document: URL, schema: URL, in directory: URL) throws -> [String] {
        let script = """
            import json, sys
            import jsonschema
            schema = json.load(open(sys.argv[1])); document = json.load(open(sys.argv[2]))
            for error in jsonschema.Draft7Validator(schema).iter_errors(document):
                print("/".join(str(p) for p in error.absolute_path) + ": " + error.message)
            """
        let result = try run(python, ["-c", script, schema.path, document.path], in: directory)
        try require(result.status == 0, "python-jsonschema could not validate (is python3-jsonschema installed?): \(result.errors)")
        return result.output.split(separator: "\n").map(String.init)
    }
}
