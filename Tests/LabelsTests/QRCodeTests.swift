import Testing
@testable import Labels

@Suite struct QRCodeTests {
    @Test func formatInformationMatchesSpecification() {
        // ISO/IEC 18004 Annex C example: level M, mask 101 → 100000011001110.
        #expect(QRCode.formatInformation(errorCorrectionLevel: .medium, mask: 5) == 0b100000011001110)
        // Level L (01), mask 000: 01000 + BCH 1111010110, XOR 101010000010010.
        #expect(QRCode.formatInformation(errorCorrectionLevel: .low, mask: 0) == 0b111011111000100)
        // Level M, mask 0: data and BCH bits are all zero, leaving only the XOR mask.
        #expect(QRCode.formatInformation(errorCorrectionLevel: .medium, mask: 0) == 0x5412)
    }

    @Test func formatCodesAreFarApart() {
        let codes = QRCode.ErrorCorrectionLevel.allCases.flatMap { level in
            (0...7).map { QRCode.formatInformation(errorCorrectionLevel: level, mask: $0) }
        }
        #expect(Set(codes).count == 32)
        for (index, code) in codes.enumerated() {
            for other in codes[(index + 1)...] {
                #expect((code ^ other).nonzeroBitCount >= 7)
            }
        }
    }

    @Test func versionInformationMatchesSpecification() {
        // ISO/IEC 18004 Annex D, Table D.1.
        #expect(QRCode.versionInformation(version: 7) == 0x07C94)
        #expect(QRCode.versionInformation(version: 10) == 0x0A4D3)
    }

    @Test func reedSolomonMatchesSpecificationExample() {
        // Annex I: "01234567" as 1-M; data codewords and their 10 error correction codewords.
        let data: [UInt8] = [0x10, 0x20, 0x0C, 0x56, 0x61, 0x80, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11]
        #expect(ReedSolomon.errorCorrectionCodewords(for: data, count: 10)
            == [0xA5, 0x24, 0xD4, 0xC1, 0xED, 0x36, 0xC7, 0x87, 0x2C, 0x55])
    }

    @Test func generatorPolynomialMatchesAnnexA() {
        // Degree 7: x⁷ + α⁸⁷x⁶ + α²²⁹x⁵ + α¹⁴⁶x⁴ + α¹⁴⁹x³ + α²³⁸x² + α¹⁰²x + α²¹.
        let exponents = ReedSolomon.generatorPolynomial(degree: 7).map { ReedSolomon.logarithms[Int($0)] }
        #expect(exponents == [0, 87, 229, 146, 149, 238, 102, 21])
    }

    @Test(arguments: QRCode.supportedVersions)
    func blockTableMatchesMatrixCapacity(version: Int) {
        let modules = QRMatrix(version: version).dataModuleCount
        #expect(modules % 8 == ((2...6).contains(version) ? 7 : 0))
        for level in QRCode.ErrorCorrectionLevel.allCases {
            #expect(QRCode.blockLayout(version: version, level: level).totalCodewords == modules / 8)
        }
    }

    @Test func byteCapacitiesMatchSpecification() {
        let expected: [(Int, QRCode.ErrorCorrectionLevel, Int)] = [
            (1, .low, 17), (1, .medium, 14), (1, .quartile, 11), (1, .high, 7),
            (5, .low, 106), (5, .medium, 84), (5, .quartile, 60), (5, .high, 44),
            (10, .low, 271), (10, .medium, 213), (10, .quartile, 151), (10, .high, 119),
        ]
        for (version, level, capacity) in expected {
            #expect(QRCode.byteCapacity(version: version, errorCorrectionLevel: level) == capacity)
        }
    }

    @Test func choosesSmallestVersionThatFits() throws {
        let url = "https://samlast.example.no/t/" + String(repeating: "AbCdEf", count: 7)  // 71 bytes
        let symbol = try QRCode(url)
        #expect(symbol.version == 5)
        #expect(symbol.size == 37)
        #expect(try QRCode(String(repeating: "x", count: 14)).version == 1)
        #expect(try QRCode(String(repeating: "x", count: 15)).version == 2)
        #expect(try QRCode("x", errorCorrectionLevel: .high, minimumVersion: 7).version == 7)
    }

    @Test func refusesBadInput() {
        #expect(throws: QRCodeError.dataTooLong(byteCount: 214, capacity: 213)) {
            try QRCode(String(repeating: "x", count: 214))
        }
        #expect(throws: QRCodeError.empty) { try QRCode("") }
        #expect(throws: QRCodeError.invalidMask(8)) { try QRCode("x", mask: 8) }
        #expect(throws: QRCodeError.unsupportedVersion(11)) { try QRCode("x", minimumVersion: 11) }
    }

    @Test func chosenMaskHasLowestPenalty() throws {
        let text = "https://samlast.example.no/t/AbCdEfGh"
        let chosen = try QRCode(text)
        var matrix = QRMatrix(version: chosen.version)
        matrix.placeData(QRCode.codewords(for: Array(text.utf8), version: chosen.version, level: .medium))
        let penalties = (0...7).map { matrix.applying(mask: $0, level: .medium).penalty() }
        #expect(penalties[chosen.mask] == penalties.min())
        #expect(try QRCode(text, mask: chosen.mask) == chosen)
    }

    @Test func functionPatternsAndFormatBitsAreInPlace() throws {
        let symbol = try QRCode("HELLO", mask: 3)
        let size = symbol.size
        for (top, left) in [(0, 0), (0, size - 7), (size - 7, 0)] {
            #expect(symbol[top, left] && symbol[top + 6, left + 6] && symbol[top + 3, left + 3])
            #expect(!symbol[top + 1, left + 1])
        }
        for index in 8..<(size - 8) {
            #expect(symbol[6, index] == index.isMultiple(of: 2))
            #expect(symbol[index, 6] == index.isMultiple(of: 2))
        }
        #expect(symbol[size - 8, 8])
        let format = QRCode.formatInformation(errorCorrectionLevel: .medium, mask: 3)
        // Bit 14 (most significant) sits at row 8, column 0 and at row size − 1, column 8.
        #expect(symbol[8, 0] == (format >> 14 & 1 == 1))
        #expect(symbol[size - 1, 8] == (format >> 14 & 1 == 1))
        // Bit 0 sits at row 0, column 8 and at row 8, column size − 1.
        #expect(symbol[0, 8] == (format & 1 == 1))
        #expect(symbol[8, size - 1] == (format & 1 == 1))
    }
}
