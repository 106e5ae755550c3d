import Foundation

/// RFC 2047 encoded-words (`=?utf-8?q?…?=` and `=?utf-8?b?…?=`) for non-ASCII header text.
enum EncodedWords {
    /// Longest encoded-word written. RFC 2047 allows 75; staying lower keeps `Reply-To: ` plus one word
    /// within the 78-character line that RFC 5322 recommends.
    static let maxWordLength = 64

    private enum Scheme: String {
        case q, b
    }

    /// Encodes `text` as a sequence of encoded-words, each holding whole Unicode scalars.
    ///
    /// Q is chosen when it is no longer than B, which keeps mostly-ASCII text readable in raw form.
    /// Q here uses only the characters RFC 2047 §5(3) allows inside a phrase, so the result is valid
    /// in display names as well as in the Subject.
    static func encode(_ text: String) -> [String] {
        let bytes = Array(text.utf8)
        let qLength = bytes.reduce(0) { $0 + qEncoded($1).utf8.count }
        let bLength = (bytes.count + 2) / 3 * 4
        let scheme: Scheme = qLength <= bLength ? .q : .b
        let prefix = "=?utf-8?\(scheme.rawValue)?"
        let payloadLimit = maxWordLength - prefix.utf8.count - 2

        var words: [String] = []
        var chunk: [UInt8] = []
        for scalar in text.unicodeScalars {
            let scalarBytes = Array(String(scalar).utf8)
            if !chunk.isEmpty, encodedLength(chunk + scalarBytes, scheme) > payloadLimit {
                words.append(prefix + encodePayload(chunk, scheme) + "?=")
                chunk = []
            }
            chunk += scalarBytes
        }
        if !chunk.isEmpty {
            words.append(prefix + encodePayload(chunk, scheme) + "?=")
        }
        return words
    }

    private static func encodedLength(_ bytes: [UInt8], _ scheme: Scheme) -> Int {
        switch scheme {
        case .q: bytes.reduce(0) { $0 + qEncoded($1).utf8.count }
        case .b: (bytes.count + 2) / 3 * 4
        }
    }

    private static func encodePayload(_ bytes: [UInt8], _ scheme: Scheme) -> String {
        switch scheme {
        case .q: bytes.map(qEncoded).joined()
        case .b: Data(bytes).base64EncodedString()
        }
    }

    /// One byte in the Q encoding: letters, digits and `!*+-/` stay, space becomes `_`, the rest `=XX`.
    private static func qEncoded(_ byte: UInt8) -> String {
        if MailAddress.isASCIILetterOrDigit(byte) || "!*+-/".utf8.contains(byte) {
            return String(UnicodeScalar(byte))
        }
        if byte == 0x20 {
            return "_"
        }
        return QuotedPrintable.hexEscape(byte)
    }
}
