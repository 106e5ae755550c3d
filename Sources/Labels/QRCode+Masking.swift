extension QRMatrix {
    /// Whether data mask pattern `mask` inverts the module at `row`, `column` (ISO/IEC 18004 Table 10).
    static func maskCondition(_ mask: Int, row i: Int, column j: Int) -> Bool {
        switch mask {
        case 0: (i + j) % 2 == 0
        case 1: i % 2 == 0
        case 2: j % 3 == 0
        case 3: (i + j) % 3 == 0
        case 4: (i / 2 + j / 3) % 2 == 0
        case 5: (i * j) % 2 + (i * j) % 3 == 0
        case 6: ((i * j) % 2 + (i * j) % 3) % 2 == 0
        default: ((i + j) % 2 + (i * j) % 3) % 2 == 0
        }
    }

    /// Penalty score of the whole symbol (§7.8.3): runs, 2×2 blocks, finder-like patterns
    /// and dark/light imbalance. Lower is better.
    func penalty() -> Int {
        let rowLines = (0..<size).map { row in (0..<size).map { self[row, $0] } }
        let columnLines = (0..<size).map { column in (0..<size).map { self[$0, column] } }
        let lines = rowLines + columnLines
        return lines.reduce(0) { $0 + Self.runPenalty($1) + Self.finderLikePenalty($1) }
            + blockPenalty() + balancePenalty()
    }

    /// N1: 3 + (length − 5) for each run of five or more same-coloured modules.
    private static func runPenalty(_ line: [Bool]) -> Int {
        var score = 0
        var runLength = 0
        var previous: Bool?
        for module in line {
            if module == previous {
                runLength += 1
            } else {
                if runLength >= 5 { score += runLength - 2 }
                previous = module
                runLength = 1
            }
        }
        if runLength >= 5 { score += runLength - 2 }
        return score
    }

    private static let finderLike: [Bool] = [true, false, true, true, true, false, true, false, false, false, false]
    private static let finderLikeReversed: [Bool] = finderLike.reversed()

    /// N3: 40 for each 1:1:3:1:1 dark pattern with four light modules on one side.
    private static func finderLikePenalty(_ line: [Bool]) -> Int {
        guard line.count >= finderLike.count else { return 0 }
        var score = 0
        for start in 0...(line.count - finderLike.count) {
            let window = line[start..<(start + finderLike.count)]
            if window.elementsEqual(finderLike) { score += 40 }
            if window.elementsEqual(finderLikeReversed) { score += 40 }
        }
        return score
    }

    /// N2: 3 for each 2×2 block of one colour (overlapping blocks counted separately).
    private func blockPenalty() -> Int {
        var score = 0
        for row in 0..<(size - 1) {
            for column in 0..<(size - 1) {
                let colour = self[row, column]
                if self[row, column + 1] == colour, self[row + 1, column] == colour, self[row + 1, column + 1] == colour {
                    score += 3
                }
            }
        }
        return score
    }

    /// N4: 10 for every full 5 % that the dark share deviates from 50 %.
    private func balancePenalty() -> Int {
        let total = size * size
        let darkCount = dark.count { $0 }
        let deviation = abs(darkCount * 100 - total * 50)
        return 10 * (deviation / (total * 5))
    }
}
