/// The quoted-printable content transfer encoding of RFC 2045 §6.7, for text bodies.
enum QuotedPrintable {
    /// Longest encoded line, soft line break `=` included (RFC 2045 §6.7 rule 5).
    static let maxLineLength = 76

    /// Encodes `text` as UTF-8 quoted-printable with CRLF line endings.
    ///
    /// LF, CRLF and lone CR in the input are all hard line breaks. Every line of the output,
    /// including the last, ends with CRLF, so a final line break is added when the text lacks one.
    static func encode(_ text: String) -> String {
        var output = ""
        for line in hardLines(of: text) {
            output += encode(line: line)
            output += "\r\n"
        }
        return output
    }

    /// Splits UTF-8 text at LF, CRLF and CR. A break at the very end does not start another line.
    static func hardLines(of text: String) -> [ArraySlice<UInt8>] {
        let bytes = Array(text.utf8)
        var lines: [ArraySlice<UInt8>] = []
        var lineStart = 0
        var index = 0
        while index < bytes.count {
            switch bytes[index] {
            case 0x0D:
                lines.append(bytes[lineStart..<index])
                index += (index + 1 < bytes.count && bytes[index + 1] == 0x0A) ? 2 : 1
                lineStart = index
            case 0x0A:
                lines.append(bytes[lineStart..<index])
                index += 1
                lineStart = index
            default:
                index += 1
            }
        }
        if lineStart < bytes.count {
            lines.append(bytes[lineStart...])
        }
        return lines
    }

    /// Encodes one hard line, inserting soft line breaks (`=` CRLF) so no output line exceeds 76 characters.
    private static func encode(line: ArraySlice<UInt8>) -> String {
        var output = ""
        var current = ""
        for index in line.indices {
            let byte = line[index]
            let isLast = index == line.index(before: line.endIndex)
            let isLiteral = ((0x21...0x7E).contains(byte) && byte != UInt8(ascii: "="))
                || ((byte == 0x20 || byte == 0x09) && !isLast)
            let token = isLiteral ? String(UnicodeScalar(byte)) : hexEscape(byte)
            // Keep one column free for the "=" of a soft break, unless this token ends the line.
            let limit = isLast ? maxLineLength : maxLineLength - 1
            if current.utf8.count + token.utf8.count > limit {
                output += current + "=\r\n"
                current = ""
            }
            current += token
        }
        return output + current
    }

    /// `=XX` with upper-case hex digits, as both quoted-printable and the RFC 2047 Q encoding write a byte.
    static func hexEscape(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return "=" + String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 0x0F)])
    }
}
