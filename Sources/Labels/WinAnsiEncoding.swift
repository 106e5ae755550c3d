import Foundation

/// Maps text to WinAnsiEncoding (PDF 1.4 Appendix D), the single-byte encoding used for the standard fonts.
///
/// Latin-1 characters (including æ ø å Æ Ø Å) keep their code; the Windows-1252 extras in
/// 0x80–0x9F (– — … “ ” ‘ ’ € • and others) are mapped too. Anything else becomes "?".
enum WinAnsiEncoding {
    static let replacement = UInt8(ascii: "?")

    /// Unicode scalars of codes 0x80–0x9F; 0x81, 0x8D, 0x8F, 0x90 and 0x9D are unused.
    private static let windowsExtras: [UInt32: UInt8] = [
        0x20AC: 0x80, 0x201A: 0x82, 0x0192: 0x83, 0x201E: 0x84, 0x2026: 0x85, 0x2020: 0x86, 0x2021: 0x87,
        0x02C6: 0x88, 0x2030: 0x89, 0x0160: 0x8A, 0x2039: 0x8B, 0x0152: 0x8C, 0x017D: 0x8E,
        0x2018: 0x91, 0x2019: 0x92, 0x201C: 0x93, 0x201D: 0x94, 0x2022: 0x95, 0x2013: 0x96, 0x2014: 0x97,
        0x02DC: 0x98, 0x2122: 0x99, 0x0161: 0x9A, 0x203A: 0x9B, 0x0153: 0x9C, 0x017E: 0x9E, 0x0178: 0x9F,
    ]

    /// The code of one scalar, or nil if WinAnsiEncoding has no such character.
    static func code(for scalar: Unicode.Scalar) -> UInt8? {
        switch scalar.value {
        case 0x20...0x7E, 0xA0...0xFF: UInt8(scalar.value)
        default: windowsExtras[scalar.value]
        }
    }

    /// Encodes `text` after canonical composition, so "å" typed as a + ring still maps to 0xE5.
    static func encode(_ text: String) -> [UInt8] {
        text.precomposedStringWithCanonicalMapping.unicodeScalars.map { code(for: $0) ?? replacement }
    }
}
