/// Glyph advance widths of Helvetica and Helvetica-Bold from Adobe's standard AFM files,
/// in 1/1000 em, for every WinAnsiEncoding code from 0x20 to 0xFF.
public enum HelveticaMetrics {
    /// Width of `text` in points when set in `font` at `size` points.
    public static func width(of text: String, font: PDFFont, size: Double) -> Double {
        Double(WinAnsiEncoding.encode(text).reduce(0) { $0 + advance(of: $1, font: font) }) * size / 1000
    }

    /// `text` unchanged if it fits in `maxWidth`, else as many leading characters as fit
    /// followed by `ellipsis`; empty if not even the ellipsis fits.
    public static func truncated(
        _ text: String, toWidth maxWidth: Double, font: PDFFont, size: Double, ellipsis: String = "…"
    ) -> String {
        guard width(of: text, font: font, size: size) > maxWidth else { return text }
        var characters = Array(text)
        while !characters.isEmpty {
            characters.removeLast()
            let candidate = String(characters).trimmingSuffixSpaces + ellipsis
            if width(of: candidate, font: font, size: size) <= maxWidth { return candidate }
        }
        return width(of: ellipsis, font: font, size: size) <= maxWidth ? ellipsis : ""
    }

    /// Advance width of one WinAnsiEncoding code; codes without a glyph count as "?".
    static func advance(of code: UInt8, font: PDFFont) -> Int {
        let table = font == .helvetica ? regular : bold
        let index = Int(code) - 0x20
        guard table.indices.contains(index), table[index] > 0 else {
            return table[Int(WinAnsiEncoding.replacement) - 0x20]
        }
        return table[index]
    }

    /// Helvetica, codes 0x20–0xFF (0 marks the unused codes 0x81, 0x8D, 0x8F, 0x90, 0x9D).
    private static let regular: [Int] = [
        278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,  // 0x20  !"#$%&'()*+,-./
        556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,  // 0x30 0-9 :;<=>?
        1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,  // 0x40 @A-O
        667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,  // 0x50 P-Z [\]^_
        333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,  // 0x60 `a-o
        556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584, 0,  // 0x70 p-z {|}~
        556, 0, 222, 556, 333, 1000, 556, 556, 333, 1000, 667, 333, 1000, 0, 611, 0,  // 0x80 € ‚ƒ„…†‡ˆ‰Š‹Œ Ž
        0, 222, 222, 333, 333, 350, 556, 1000, 333, 1000, 500, 333, 944, 0, 500, 667,  // 0x90 ‘’“”•–—˜™š›œ žŸ
        278, 333, 556, 556, 556, 556, 260, 556, 333, 737, 370, 556, 584, 333, 737, 333,  // 0xA0
        400, 584, 333, 333, 333, 556, 537, 278, 333, 333, 365, 556, 834, 834, 834, 611,  // 0xB0
        667, 667, 667, 667, 667, 667, 1000, 722, 667, 667, 667, 667, 278, 278, 278, 278,  // 0xC0 À-Å Æ Ç È-Ë Ì-Ï
        722, 722, 778, 778, 778, 778, 778, 584, 778, 722, 722, 722, 722, 667, 667, 611,  // 0xD0 Ð Ñ Ò-Ö × Ø Ù-Ü Ý Þ ß
        556, 556, 556, 556, 556, 556, 889, 500, 556, 556, 556, 556, 278, 278, 278, 278,  // 0xE0 à-å æ ç è-ë ì-ï
        556, 556, 556, 556, 556, 556, 556, 584, 611, 556, 556, 556, 556, 500, 556, 500,  // 0xF0 ð ñ ò-ö ÷ ø ù-ü ý þ ÿ
    ]

    /// Helvetica-Bold, codes 0x20–0xFF.
    private static let bold: [Int] = [
        278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278,  // 0x20
        556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611,  // 0x30
        975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778,  // 0x40
        667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556,  // 0x50
        333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611,  // 0x60
        611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584, 0,  // 0x70
        556, 0, 278, 556, 500, 1000, 556, 556, 333, 1000, 667, 333, 1000, 0, 611, 0,  // 0x80
        0, 278, 278, 500, 500, 350, 556, 1000, 333, 1000, 556, 333, 944, 0, 500, 667,  // 0x90
        278, 333, 556, 556, 556, 556, 280, 556, 333, 737, 370, 556, 584, 333, 737, 333,  // 0xA0
        400, 584, 333, 333, 333, 611, 556, 278, 333, 333, 365, 556, 834, 834, 834, 611,  // 0xB0
        722, 722, 722, 722, 722, 722, 1000, 722, 667, 667, 667, 667, 278, 278, 278, 278,  // 0xC0
        722, 722, 778, 778, 778, 778, 778, 584, 778, 722, 722, 722, 722, 667, 667, 611,  // 0xD0
        556, 556, 556, 556, 556, 556, 889, 556, 556, 556, 556, 556, 278, 278, 278, 278,  // 0xE0
        611, 611, 611, 611, 611, 611, 611, 584, 611, 611, 611, 611, 611, 556, 611, 556,  // 0xF0
    ]
}

extension String {
    fileprivate var trimmingSuffixSpaces: String {
        var result = self
        while result.last == " " { result.removeLast() }
        return result
    }
}
