/// A server reply (RFC 5321 §4.2): a three-digit code and one or more lines of text.
public struct SMTPReply: Sendable, Hashable, CustomStringConvertible {
    /// The reply code, 200–599.
    public let code: Int
    /// The text of each line, without code and separator.
    public let lines: [String]

    public init(code: Int, lines: [String]) {
        self.code = code
        self.lines = lines
    }

    /// The lines joined by spaces.
    public var text: String { lines.filter { !$0.isEmpty }.joined(separator: " ") }

    /// `2xx`: the command succeeded.
    public var isPositiveCompletion: Bool { (200..<300).contains(code) }
    /// `4xx`: the command failed, but the same command may succeed later.
    public var isTransientFailure: Bool { (400..<500).contains(code) }
    /// `5xx`: the command failed and repeating it unchanged will fail again.
    public var isPermanentFailure: Bool { (500..<600).contains(code) }

    /// `code text`, e.g. `550 mailbox unavailable`.
    public var description: String { text.isEmpty ? "\(code)" : "\(code) \(text)" }
}

extension SMTPReply {
    /// Returns normally if the reply has one of `codes`, else throws it as the failure of `stage`.
    func require(_ codes: Int..., stage: SMTPError.Stage) throws(SMTPError) {
        guard codes.contains(code) else { throw SMTPError(stage: stage, reason: .reply(self)) }
    }
}

/// Assembles replies from reply lines, joining multi-line replies (`250-…` lines ending with `250 …`).
struct SMTPReplyParser {
    /// A line that is not `ddd`, `ddd text` or `ddd-text`, or a continuation with another code.
    struct MalformedReply: Error {
        let line: String
    }

    private var code: Int?
    private var lines: [String] = []

    /// Whether lines of an unfinished multi-line reply have been read.
    var isInsideReply: Bool { code != nil }

    /// Takes one line (without CRLF); returns the reply when `line` was its last line.
    mutating func consume(_ line: String) throws(MalformedReply) -> SMTPReply? {
        let characters = Array(line.utf8)
        guard characters.count >= 3,
              (UInt8(ascii: "2")...UInt8(ascii: "5")).contains(characters[0]),
              characters[1...2].allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
              characters.count == 3 || characters[3] == UInt8(ascii: " ") || characters[3] == UInt8(ascii: "-")
        else { throw MalformedReply(line: line) }

        let lineCode = characters[0...2].reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
        if let code, code != lineCode {
            throw MalformedReply(line: line)
        }
        let isContinued = characters.count > 3 && characters[3] == UInt8(ascii: "-")
        lines.append(characters.count > 4 ? String(decoding: characters[4...], as: UTF8.self) : "")
        guard !isContinued else {
            code = lineCode
            return nil
        }
        let reply = SMTPReply(code: lineCode, lines: lines)
        code = nil
        lines = []
        return reply
    }
}
