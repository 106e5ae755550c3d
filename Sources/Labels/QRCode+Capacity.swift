extension QRCode {
    /// How a version's codewords split into Reed–Solomon blocks at one error correction level.
    struct BlockLayout: Sendable {
        /// Error correction codewords in every block.
        let errorCorrectionPerBlock: Int
        /// Groups of blocks as (number of blocks, data codewords per block), shorter blocks first.
        let groups: [(blocks: Int, dataCodewords: Int)]

        var dataCodewords: Int {
            groups.reduce(0) { $0 + $1.blocks * $1.dataCodewords }
        }

        var totalCodewords: Int {
            groups.reduce(0) { $0 + $1.blocks * ($1.dataCodewords + errorCorrectionPerBlock) }
        }

        /// Data codewords of every block in order.
        var blockDataLengths: [Int] {
            groups.flatMap { [Int](repeating: $0.dataCodewords, count: $0.blocks) }
        }
    }

    private static func layout(_ errorCorrection: Int, _ groups: (Int, Int)...) -> BlockLayout {
        BlockLayout(errorCorrectionPerBlock: errorCorrection, groups: groups.map { (blocks: $0.0, dataCodewords: $0.1) })
    }

    /// ISO/IEC 18004 Table 9, versions 1–10; each row is L, M, Q, H.
    private static let blockLayouts: [[BlockLayout]] = [
        [layout(7, (1, 19)), layout(10, (1, 16)), layout(13, (1, 13)), layout(17, (1, 9))],
        [layout(10, (1, 34)), layout(16, (1, 28)), layout(22, (1, 22)), layout(28, (1, 16))],
        [layout(15, (1, 55)), layout(26, (1, 44)), layout(18, (2, 17)), layout(22, (2, 13))],
        [layout(20, (1, 80)), layout(18, (2, 32)), layout(26, (2, 24)), layout(16, (4, 9))],
        [layout(26, (1, 108)), layout(24, (2, 43)), layout(18, (2, 15), (2, 16)), layout(22, (2, 11), (2, 12))],
        [layout(18, (2, 68)), layout(16, (4, 27)), layout(24, (4, 19)), layout(28, (4, 15))],
        [layout(20, (2, 78)), layout(18, (4, 31)), layout(18, (2, 14), (4, 15)), layout(26, (4, 13), (1, 14))],
        [layout(24, (2, 97)), layout(22, (2, 38), (2, 39)), layout(22, (4, 18), (2, 19)), layout(26, (4, 14), (2, 15))],
        [layout(30, (2, 116)), layout(22, (3, 36), (2, 37)), layout(20, (4, 16), (4, 17)), layout(24, (4, 12), (4, 13))],
        [layout(18, (2, 68), (2, 69)), layout(26, (4, 43), (1, 44)), layout(24, (6, 19), (2, 20)), layout(28, (6, 15), (2, 16))],
    ]

    static func blockLayout(version: Int, level: ErrorCorrectionLevel) -> BlockLayout {
        blockLayouts[version - 1][level.tableIndex]
    }

    /// Row/column centres of alignment patterns (ISO/IEC 18004 Annex E), versions 1–10.
    private static let alignmentCentres: [[Int]] = [
        [], [6, 18], [6, 22], [6, 26], [6, 30], [6, 34],
        [6, 22, 38], [6, 24, 42], [6, 26, 46], [6, 28, 50],
    ]

    static func alignmentPatternCentres(version: Int) -> [Int] {
        alignmentCentres[version - 1]
    }

    /// Bits of the byte-mode character count indicator.
    static func characterCountBits(version: Int) -> Int {
        version <= 9 ? 8 : 16
    }

    /// How many bytes fit in byte mode at this version and level.
    public static func byteCapacity(version: Int, errorCorrectionLevel: ErrorCorrectionLevel) -> Int {
        guard supportedVersions.contains(version) else { return 0 }
        let dataBits = blockLayout(version: version, level: errorCorrectionLevel).dataCodewords * 8
        return (dataBits - 4 - characterCountBits(version: version)) / 8
    }
}
