/// A QR Code symbol (ISO/IEC 18004) in byte mode, versions 1–10.
///
/// The smallest version that holds the data is chosen, and of the eight data masks the one
/// with the lowest penalty score (§7.8.3) is applied unless a mask is requested.
public struct QRCode: Sendable, Hashable {
    /// Error correction level; higher levels recover more damage but hold less data.
    public enum ErrorCorrectionLevel: Sendable, Hashable, CaseIterable {
        /// About 7 % recovery.
        case low
        /// About 15 % recovery.
        case medium
        /// About 25 % recovery.
        case quartile
        /// About 30 % recovery.
        case high

        var tableIndex: Int {
            switch self {
            case .low: 0
            case .medium: 1
            case .quartile: 2
            case .high: 3
            }
        }

        /// The two bits that name the level in the format information.
        var formatIndicator: Int {
            switch self {
            case .low: 0b01
            case .medium: 0b00
            case .quartile: 0b11
            case .high: 0b10
            }
        }
    }

    /// Versions this encoder can produce.
    public static let supportedVersions = 1...10
    /// Light border required around the symbol, in modules.
    public static let quietZone = 4

    /// Symbol version, 1–10; the symbol is 17 + 4 × version modules wide.
    public let version: Int
    /// Error correction level used.
    public let errorCorrectionLevel: ErrorCorrectionLevel
    /// Data mask pattern applied, 0–7.
    public let mask: Int
    /// Modules per side, without quiet zone.
    public let size: Int
    private let darkModules: [Bool]

    /// Encodes `text` as UTF-8 bytes.
    public init(
        _ text: String, errorCorrectionLevel: ErrorCorrectionLevel = .medium, mask: Int? = nil, minimumVersion: Int = 1
    ) throws(QRCodeError) {
        try self.init(
            bytes: Array(text.utf8), errorCorrectionLevel: errorCorrectionLevel, mask: mask,
            minimumVersion: minimumVersion)
    }

    /// Encodes raw bytes in byte mode.
    public init(
        bytes: [UInt8], errorCorrectionLevel: ErrorCorrectionLevel = .medium, mask: Int? = nil, minimumVersion: Int = 1
    ) throws(QRCodeError) {
        if let mask, !(0...7).contains(mask) { throw .invalidMask(mask) }
        guard QRCode.supportedVersions.contains(minimumVersion) else { throw .unsupportedVersion(minimumVersion) }
        guard !bytes.isEmpty else { throw .empty }
        let versions = minimumVersion...QRCode.supportedVersions.upperBound
        guard let version = versions.first(where: {
            bytes.count <= QRCode.byteCapacity(version: $0, errorCorrectionLevel: errorCorrectionLevel)
        }) else {
            throw .dataTooLong(
                byteCount: bytes.count,
                capacity: QRCode.byteCapacity(version: versions.upperBound, errorCorrectionLevel: errorCorrectionLevel))
        }
        let codewords = QRCode.codewords(for: bytes, version: version, level: errorCorrectionLevel)
        var matrix = QRMatrix(version: version)
        matrix.placeData(codewords)
        let candidates = mask.map { [$0] } ?? Array(0...7)
        let scored = candidates.map { candidate in
            let masked = matrix.applying(mask: candidate, level: errorCorrectionLevel)
            return (mask: candidate, matrix: masked, penalty: masked.penalty())
        }
        let chosen = scored.min { $0.penalty < $1.penalty } ?? scored[0]
        self.version = version
        self.errorCorrectionLevel = errorCorrectionLevel
        self.mask = chosen.mask
        self.size = matrix.size
        self.darkModules = chosen.matrix.dark
    }

    /// Whether the module at `row`, `column` (0-based, top-left origin) is dark; false outside the symbol.
    public subscript(row: Int, column: Int) -> Bool {
        guard (0..<size).contains(row), (0..<size).contains(column) else { return false }
        return darkModules[row * size + column]
    }

    /// The symbol as rows of modules, `true` for dark, without quiet zone.
    public var rows: [[Bool]] {
        (0..<size).map { row in Array(darkModules[(row * size)..<((row + 1) * size)]) }
    }

    /// Data and error correction codewords, interleaved in transmission order (§7.6).
    static func codewords(for bytes: [UInt8], version: Int, level: ErrorCorrectionLevel) -> [UInt8] {
        let layout = blockLayout(version: version, level: level)
        let data = dataCodewords(for: bytes, version: version, capacity: layout.dataCodewords)
        var blocks: [[UInt8]] = []
        var start = 0
        for length in layout.blockDataLengths {
            blocks.append(Array(data[start..<(start + length)]))
            start += length
        }
        let corrections = blocks.map {
            ReedSolomon.errorCorrectionCodewords(for: $0, count: layout.errorCorrectionPerBlock)
        }
        return interleave(blocks) + interleave(corrections)
    }

    private static func interleave(_ blocks: [[UInt8]]) -> [UInt8] {
        let longest = blocks.map(\.count).max() ?? 0
        var result: [UInt8] = []
        for index in 0..<longest {
            for block in blocks where index < block.count {
                result.append(block[index])
            }
        }
        return result
    }

    /// Mode indicator, count, data, terminator and pad codewords (§7.4).
    static func dataCodewords(for bytes: [UInt8], version: Int, capacity: Int) -> [UInt8] {
        var bits = BitBuffer()
        bits.append(0b0100, count: 4)
        bits.append(bytes.count, count: characterCountBits(version: version))
        for byte in bytes {
            bits.append(Int(byte), count: 8)
        }
        let capacityBits = capacity * 8
        bits.append(0, count: min(4, capacityBits - bits.count))
        bits.append(0, count: (8 - bits.count % 8) % 8)
        var codewords = bits.bytes
        let padding: [UInt8] = [0xEC, 0x11]
        while codewords.count < capacity {
            codewords.append(padding[(codewords.count - bits.count / 8) % 2])
        }
        return codewords
    }

    /// The 15-bit format information for a level and mask: BCH(15,5) with generator 0x537, masked with 0x5412.
    public static func formatInformation(errorCorrectionLevel: ErrorCorrectionLevel, mask: Int) -> Int {
        let data = (errorCorrectionLevel.formatIndicator << 3) | (mask & 0b111)
        return ((data << 10) | bchRemainder(data << 10, generator: 0x537, degree: 10)) ^ 0x5412
    }

    /// The 18-bit version information (versions 7 and up): BCH(18,6) with generator 0x1F25.
    public static func versionInformation(version: Int) -> Int {
        (version << 12) | bchRemainder(version << 12, generator: 0x1F25, degree: 12)
    }

    private static func bchRemainder(_ value: Int, generator: Int, degree: Int) -> Int {
        var remainder = value
        var bit = Int.bitWidth - 1 - value.leadingZeroBitCount
        while bit >= degree {
            if remainder >> bit & 1 == 1 {
                remainder ^= generator << (bit - degree)
            }
            bit -= 1
        }
        return remainder
    }
}

/// Why a QR Code could not be made.
public enum QRCodeError: Error, Sendable, Hashable, CustomStringConvertible {
    /// There was nothing to encode.
    case empty
    /// The data does not fit in the largest supported version at the chosen level.
    case dataTooLong(byteCount: Int, capacity: Int)
    /// A mask other than 0–7 was requested.
    case invalidMask(Int)
    /// A version outside 1–10 was requested.
    case unsupportedVersion(Int)

    public var description: String {
        switch self {
        case .empty:
            "QR Code: nothing to encode (empty input)"
        case let .dataTooLong(byteCount, capacity):
            "QR Code: \(byteCount) bytes do not fit; at most \(capacity) bytes at this error correction level (version \(QRCode.supportedVersions.upperBound))"
        case let .invalidMask(mask):
            "QR Code: mask \(mask) does not exist (0–7)"
        case let .unsupportedVersion(version):
            "QR Code: version \(version) is not supported (\(QRCode.supportedVersions.lowerBound)–\(QRCode.supportedVersions.upperBound))"
        }
    }
}

/// Bits appended most significant first, read back as bytes.
struct BitBuffer {
    private(set) var bits: [Bool] = []

    var count: Int { bits.count }

    mutating func append(_ value: Int, count: Int) {
        for shift in stride(from: count - 1, through: 0, by: -1) {
            bits.append(value >> shift & 1 == 1)
        }
    }

    /// Whole bytes; a trailing partial byte is dropped.
    var bytes: [UInt8] {
        stride(from: 0, to: bits.count - 7, by: 8).map { start in
            bits[start..<(start + 8)].reduce(UInt8(0)) { $0 << 1 | ($1 ? 1 : 0) }
        }
    }
}
