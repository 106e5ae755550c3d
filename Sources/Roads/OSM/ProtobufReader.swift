/// A reader of the protobuf wire format (varints, length-delimited fields), enough for the
/// OSM PBF messages. Malformed input throws instead of trapping.
struct ProtobufReader {
    enum WireType: UInt64 { case varint = 0, fixed64 = 1, lengthDelimited = 2, fixed32 = 5 }

    struct Malformed: Error, CustomStringConvertible {
        var description: String
    }

    private let bytes: UnsafeRawBufferPointer
    private(set) var offset: Int
    private let end: Int

    init(_ bytes: UnsafeRawBufferPointer, range: Range<Int>? = nil) {
        self.bytes = bytes
        offset = range?.lowerBound ?? 0
        end = range?.upperBound ?? bytes.count
    }

    var isAtEnd: Bool { offset >= end }

    mutating func varint() throws(Malformed) -> UInt64 {
        var result: UInt64 = 0, shift: UInt64 = 0
        while true {
            guard offset < end else { throw Malformed(description: "truncated varint at byte \(offset)") }
            let byte = bytes[offset]
            offset += 1
            result |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return result }
            shift += 7
            guard shift < 64 else { throw Malformed(description: "varint longer than 10 bytes at byte \(offset)") }
        }
    }

    mutating func signedVarint() throws(Malformed) -> Int64 {
        let raw = try varint()
        return Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1)))
    }

    /// The next field's number and wire type, or nil at the end.
    mutating func field() throws(Malformed) -> (number: Int, type: WireType)? {
        guard !isAtEnd else { return nil }
        let key = try varint()
        guard let type = WireType(rawValue: key & 7) else {
            throw Malformed(description: "unsupported wire type \(key & 7) at byte \(offset)")
        }
        return (Int(key >> 3), type)
    }

    /// The byte range of a length-delimited field's contents (and moves past them).
    mutating func lengthDelimited() throws(Malformed) -> Range<Int> {
        let length = try varint()
        guard length <= UInt64(end - offset) else {
            throw Malformed(description: "field of \(length) bytes runs past the end of its message at byte \(offset)")
        }
        let range = offset..<(offset + Int(length))
        offset += Int(length)
        return range
    }

    mutating func skip(_ type: WireType) throws(Malformed) {
        switch type {
        case .varint: _ = try varint()
        case .lengthDelimited: _ = try lengthDelimited()
        case .fixed64, .fixed32:
            let size = type == .fixed64 ? 8 : 4
            guard offset + size <= end else { throw Malformed(description: "truncated fixed field at byte \(offset)") }
            offset += size
        }
    }

    /// A packed repeated varint field (or a single unpacked value).
    mutating func packedVarints(_ type: WireType, into values: inout [UInt64]) throws(Malformed) {
        guard type == .lengthDelimited else {
            values.append(try varint())
            return
        }
        let range = try lengthDelimited()
        var inner = ProtobufReader(bytes, range: range)
        while !inner.isAtEnd { values.append(try inner.varint()) }
    }

    /// A packed repeated zigzag field, delta-decoded (as OSM stores ids and coordinates).
    mutating func packedDeltas(_ type: WireType, into values: inout [Int64]) throws(Malformed) {
        guard type == .lengthDelimited else { throw Malformed(description: "expected a packed field at byte \(offset)") }
        let range = try lengthDelimited()
        var inner = ProtobufReader(bytes, range: range)
        var running: Int64 = 0
        while !inner.isAtEnd {
            running &+= try inner.signedVarint()
            values.append(running)
        }
    }

    func string(_ range: Range<Int>) -> String {
        String(decoding: UnsafeRawBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }
}
