/// The DATA encoding of RFC 5321 §4.5.2: a `.` is doubled at the start of each line and the content
/// ends with the line `.`.
enum DotStuffing {
    /// The bytes to send after a `354` reply: `message` with CRLF line endings (bare CR or LF become CRLF),
    /// leading dots doubled, a final CRLF if missing, and the terminating `.` CRLF.
    static func encode(_ message: String) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(message.utf8.count + 8)
        var atLineStart = true
        var previous: UInt8?
        for byte in message.utf8 {
            if byte == 0x0A, previous == 0x0D {
                previous = byte
                continue
            }
            if byte == 0x0D || byte == 0x0A {
                output += [0x0D, 0x0A]
                atLineStart = true
            } else {
                if atLineStart, byte == UInt8(ascii: ".") {
                    output.append(UInt8(ascii: "."))
                }
                output.append(byte)
                atLineStart = false
            }
            previous = byte
        }
        if !atLineStart {
            output += [0x0D, 0x0A]
        }
        output += Array(".\r\n".utf8)
        return output
    }
}
