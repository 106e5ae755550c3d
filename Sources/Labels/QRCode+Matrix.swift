/// A QR module grid under construction: function patterns are marked so data and masks skip them.
struct QRMatrix: Sendable {
    let version: Int
    let size: Int
    /// Row-major, `true` for dark.
    private(set) var dark: [Bool]
    /// Row-major, `true` for function modules (finders, timing, alignment, format and version areas).
    private(set) var isFunction: [Bool]

    init(version: Int) {
        self.version = version
        size = 17 + 4 * version
        dark = [Bool](repeating: false, count: size * size)
        isFunction = dark
        drawTimingPatterns()
        drawFinderPatterns()
        drawAlignmentPatterns()
        reserveFormatAreas()
        drawVersionInformation()
    }

    subscript(row: Int, column: Int) -> Bool {
        dark[row * size + column]
    }

    func isFunctionModule(row: Int, column: Int) -> Bool {
        isFunction[row * size + column]
    }

    private mutating func setFunction(row: Int, column: Int, dark value: Bool) {
        dark[row * size + column] = value
        isFunction[row * size + column] = true
    }

    private mutating func drawTimingPatterns() {
        for index in 0..<size {
            setFunction(row: 6, column: index, dark: index.isMultiple(of: 2))
            setFunction(row: index, column: 6, dark: index.isMultiple(of: 2))
        }
    }

    /// Finder patterns with their light separators, clipped to the symbol.
    private mutating func drawFinderPatterns() {
        for (top, left) in [(0, 0), (0, size - 7), (size - 7, 0)] {
            for row in (top - 1)...(top + 7) where (0..<size).contains(row) {
                for column in (left - 1)...(left + 7) where (0..<size).contains(column) {
                    let ring = max(abs(row - top - 3), abs(column - left - 3))
                    setFunction(row: row, column: column, dark: ring != 2 && ring != 4)
                }
            }
        }
    }

    private mutating func drawAlignmentPatterns() {
        let centres = QRCode.alignmentPatternCentres(version: version)
        guard let first = centres.first, let last = centres.last else { return }
        for centreRow in centres {
            for centreColumn in centres {
                let overlapsFinder = (centreRow == first && (centreColumn == first || centreColumn == last))
                    || (centreRow == last && centreColumn == first)
                if overlapsFinder { continue }
                for row in (centreRow - 2)...(centreRow + 2) {
                    for column in (centreColumn - 2)...(centreColumn + 2) {
                        let ring = max(abs(row - centreRow), abs(column - centreColumn))
                        setFunction(row: row, column: column, dark: ring != 1)
                    }
                }
            }
        }
    }

    /// Marks both format information copies (written per mask later) and draws the dark module.
    private mutating func reserveFormatAreas() {
        for (row, column) in Self.formatPositions(size: size).flatMap({ $0 }) {
            setFunction(row: row, column: column, dark: false)
        }
        setFunction(row: size - 8, column: 8, dark: true)
    }

    private mutating func drawVersionInformation() {
        guard version >= 7 else { return }
        let bits = QRCode.versionInformation(version: version)
        for index in 0..<18 {
            let isDark = bits >> index & 1 == 1
            let near = index / 3
            let far = size - 11 + index % 3
            setFunction(row: near, column: far, dark: isDark)
            setFunction(row: far, column: near, dark: isDark)
        }
    }

    /// Positions of format bits 0…14 (least significant first) for the copy around the
    /// top-left finder and for the copy split between the top-right and bottom-left finders.
    static func formatPositions(size: Int) -> [[(row: Int, column: Int)]] {
        var topLeft: [(row: Int, column: Int)] = (0...5).map { ($0, 8) }
        topLeft += [(7, 8), (8, 8), (8, 7)]
        topLeft += (9...14).map { (8, 14 - $0) }
        var split: [(row: Int, column: Int)] = (0...7).map { (8, size - 1 - $0) }
        split += (8...14).map { (size - 15 + $0, 8) }
        return [topLeft, split]
    }

    /// Places codeword bits in the two-column zigzag from the bottom-right corner (§7.7.3),
    /// skipping function modules and the vertical timing column. Remainder modules stay light.
    mutating func placeData(_ codewords: [UInt8]) {
        let totalBits = codewords.count * 8
        var bitIndex = 0
        var rightColumn = size - 1
        var upward = true
        while rightColumn > 0 {
            if rightColumn == 6 { rightColumn -= 1 }
            for step in 0..<size {
                let row = upward ? size - 1 - step : step
                for column in [rightColumn, rightColumn - 1] where !isFunctionModule(row: row, column: column) {
                    if bitIndex < totalBits {
                        dark[row * size + column] = codewords[bitIndex / 8] >> (7 - bitIndex % 8) & 1 == 1
                    }
                    bitIndex += 1
                }
            }
            upward.toggle()
            rightColumn -= 2
        }
    }

    /// Number of modules available for codewords and remainder bits.
    var dataModuleCount: Int {
        isFunction.count { !$0 }
    }

    /// A copy with `mask` applied to data modules and the matching format information drawn.
    func applying(mask: Int, level: QRCode.ErrorCorrectionLevel) -> QRMatrix {
        var result = self
        for row in 0..<size {
            for column in 0..<size where !isFunctionModule(row: row, column: column) {
                if QRMatrix.maskCondition(mask, row: row, column: column) {
                    result.dark[row * size + column].toggle()
                }
            }
        }
        let format = QRCode.formatInformation(errorCorrectionLevel: level, mask: mask)
        for copy in Self.formatPositions(size: size) {
            for (bit, position) in copy.enumerated() {
                result.dark[position.row * size + position.column] = format >> bit & 1 == 1
            }
        }
        return result
    }
}
