/// Reed–Solomon error correction over GF(2⁸) with the QR field polynomial
/// x⁸ + x⁴ + x³ + x² + 1 (0x11D) and generator roots α⁰ … αⁿ⁻¹ (ISO/IEC 18004 §7.5.2).
enum ReedSolomon {
    /// αⁱ for i in 0..<510, doubled so products of two logarithms need no modulo.
    static let exponents: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 510)
        var value = 1
        for power in 0..<255 {
            table[power] = UInt8(value)
            table[power + 255] = UInt8(value)
            value <<= 1
            if value & 0x100 != 0 { value ^= 0x11D }
        }
        return table
    }()

    /// log_α(x) for x in 1...255; entry 0 is unused.
    static let logarithms: [Int] = {
        var table = [Int](repeating: 0, count: 256)
        for power in 0..<255 {
            table[Int(exponents[power])] = power
        }
        return table
    }()

    static func multiply(_ lhs: UInt8, _ rhs: UInt8) -> UInt8 {
        guard lhs != 0, rhs != 0 else { return 0 }
        return exponents[logarithms[Int(lhs)] + logarithms[Int(rhs)]]
    }

    /// Coefficients of ∏(x − αⁱ), i in 0..<degree, highest power first (leading 1 included).
    static func generatorPolynomial(degree: Int) -> [UInt8] {
        var polynomial: [UInt8] = [1]
        for root in 0..<degree {
            let factor = exponents[root]
            var next = polynomial + [0]
            for (index, coefficient) in polynomial.enumerated() {
                next[index + 1] ^= multiply(coefficient, factor)
            }
            polynomial = next
        }
        return polynomial
    }

    /// The `count` error correction codewords for `data`: the remainder of data·xⁿ divided by the generator.
    static func errorCorrectionCodewords(for data: [UInt8], count: Int) -> [UInt8] {
        let generator = generatorPolynomial(degree: count)
        var remainder = [UInt8](repeating: 0, count: count)
        for byte in data {
            let factor = byte ^ remainder[0]
            remainder.removeFirst()
            remainder.append(0)
            for index in 0..<count {
                remainder[index] ^= multiply(generator[index + 1], factor)
            }
        }
        return remainder
    }
}
