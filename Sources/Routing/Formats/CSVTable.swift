import Foundation

/// A CSV document (RFC 4180: commas, double-quoted fields with `""` escapes, CRLF or LF) read
/// as a header and rows of cells — the one CSV reader of the project (shipment imports,
/// benchmark tables, point lists). Errors name the line.
public struct CSVTable: Sendable {
    /// The header's names, trimmed and lower-cased.
    public var header: [String]
    /// Each row with the file line it started on (1 = the header).
    public var rows: [(line: Int, cells: [String])]

    public struct ReadError: Error, Sendable, CustomStringConvertible {
        public var line: Int
        public var message: String
        public var description: String { "line \(line): \(message)" }
    }

    /// The column of the first of `names` the header has.
    public func column(_ names: String...) -> Int? {
        names.lazy.compactMap { self.header.firstIndex(of: $0) }.first
    }

    public init(_ text: String) throws(ReadError) {
        var records: [(Int, [String])] = []
        var field = "", record: [String] = [], line = 1, recordLine = 1
        var quoted = false, afterQuote = false
        var iterator = text.makeIterator()
        var pending: Character?
        func next() -> Character? {
            if let character = pending { pending = nil; return character }
            return iterator.next()
        }
        while let character = next() {
            if quoted {
                if character == "\"" {
                    if let following = next() {
                        if following == "\"" { field.append("\"") } else { quoted = false; afterQuote = true; pending = following }
                    } else { quoted = false }
                } else {
                    if character == "\n" || character == "\r\n" { line += 1 }
                    field.append(character)
                }
                continue
            }
            switch character {
            case ",":
                record.append(field); field = ""; afterQuote = false
            case "\n", "\r\n", "\r":
                record.append(field); field = ""; afterQuote = false
                if !(record.count == 1 && record[0].isEmpty) { records.append((recordLine, record)) }
                record = []
                line += 1
                recordLine = line
            case "\"":
                guard field.isEmpty, !afterQuote else { throw ReadError(line: line, message: "a quote inside an unquoted field; quote the whole field") }
                quoted = true
            default:
                guard !afterQuote else { throw ReadError(line: line, message: "text after a closing quote") }
                field.append(character)
            }
        }
        if quoted { throw ReadError(line: recordLine, message: "a quoted field is not closed") }
        if !field.isEmpty || !record.isEmpty { record.append(field); records.append((recordLine, record)) }
        guard let first = records.first else { throw ReadError(line: 1, message: "the file is empty; expected a header row") }
        header = first.1.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        rows = []
        for (lineNumber, cells) in records.dropFirst() {
            guard cells.count == header.count else {
                throw ReadError(line: lineNumber, message: "\(cells.count) fields, but the header has \(header.count)")
            }
            rows.append((lineNumber, cells))
        }
    }
}

extension CSVTable {
    /// One RFC 4180 line of `cells`, ending in CRLF: a cell with a comma, quote or line break is
    /// quoted. A text cell that a spreadsheet would run as a formula (starting with = + - @, a
    /// tab or a carriage return) gets a leading apostrophe; numbers are left as they are.
    public static func line(_ cells: [String]) -> String {
        cells.map { cell -> String in
            var text = cell
            if let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first), Double(text) == nil { text = "'" + text }
            guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
            return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }.joined(separator: ",") + "\r\n"
    }
}
