/// An RGB colour with components from 0 to 1.
public struct PDFColor: Sendable, Hashable {
    public var red: Double
    public var green: Double
    public var blue: Double

    public init(red: Double, green: Double, blue: Double) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    /// A grey from 0 (black) to 1 (white).
    public init(gray: Double) {
        self.init(red: gray, green: gray, blue: gray)
    }

    public static let black = PDFColor(gray: 0)
    public static let white = PDFColor(gray: 1)
}

/// The standard Type 1 fonts this writer embeds by name (no font files needed).
public enum PDFFont: String, Sendable, Hashable, CaseIterable {
    case helvetica = "Helvetica"
    case helveticaBold = "Helvetica-Bold"

    /// Name of the font in each page's resource dictionary.
    var resourceName: String {
        switch self {
        case .helvetica: "F1"
        case .helveticaBold: "F2"
        }
    }
}

/// A rectangle in PDF user space (points, origin at the bottom-left of the page).
public struct PDFRect: Sendable, Hashable {
    public var x: Double
    public var y: Double
    public var width: Double
    public var height: Double

    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }
}

/// Horizontal placement of text relative to its anchor x.
public enum PDFTextAlignment: Sendable, Hashable {
    case left, center, right
}

/// One page: its size and a content stream of vector drawing operations.
///
/// Coordinates are PDF points (1/72 inch) with the origin at the bottom-left corner.
public struct PDFPage: Sendable, Hashable {
    /// ISO A4, 210 × 297 mm.
    public static let a4 = (width: 595.28, height: 841.89)
    /// ISO A6, 105 × 148 mm.
    public static let a6 = (width: 297.64, height: 419.53)

    public let width: Double
    public let height: Double
    /// The content stream operators drawn so far.
    public private(set) var contents = ""

    /// A blank page `width` × `height` points.
    public init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    /// Fills one rectangle.
    public mutating func fill(_ rectangle: PDFRect, color: PDFColor = .black) {
        fill([rectangle], color: color)
    }

    /// Fills many rectangles as one path, so touching rectangles render without seams.
    public mutating func fill(_ rectangles: [PDFRect], color: PDFColor = .black) {
        guard !rectangles.isEmpty else { return }
        contents += "\(fillColor(color))\n"
        for rectangle in rectangles {
            contents += "\(pdfNumber(rectangle.x)) \(pdfNumber(rectangle.y)) \(pdfNumber(rectangle.width)) \(pdfNumber(rectangle.height)) re\n"
        }
        contents += "f\n"
    }

    /// Draws a straight line.
    public mutating func strokeLine(
        fromX startX: Double, y startY: Double, toX endX: Double, y endY: Double,
        lineWidth: Double = 0.5, color: PDFColor = .black
    ) {
        contents += "\(pdfNumber(lineWidth)) w \(strokeColor(color)) "
            + "\(pdfNumber(startX)) \(pdfNumber(startY)) m \(pdfNumber(endX)) \(pdfNumber(endY)) l S\n"
    }

    /// Outlines a rectangle.
    public mutating func stroke(_ rectangle: PDFRect, lineWidth: Double = 0.5, color: PDFColor = .black) {
        contents += "\(pdfNumber(lineWidth)) w \(strokeColor(color)) "
            + "\(pdfNumber(rectangle.x)) \(pdfNumber(rectangle.y)) \(pdfNumber(rectangle.width)) \(pdfNumber(rectangle.height)) re S\n"
    }

    /// Draws one line of text with its baseline at `y`. Characters outside WinAnsiEncoding become "?".
    public mutating func drawText(
        _ text: String, x: Double, y: Double, font: PDFFont = .helvetica, size: Double,
        alignment: PDFTextAlignment = .left, color: PDFColor = .black
    ) {
        let width = HelveticaMetrics.width(of: text, font: font, size: size)
        let left = switch alignment {
        case .left: x
        case .center: x - width / 2
        case .right: x - width
        }
        let string = PDFPage.literalString(WinAnsiEncoding.encode(text))
        contents += "BT \(fillColor(color)) /\(font.resourceName) \(pdfNumber(size)) Tf "
            + "\(pdfNumber(left)) \(pdfNumber(y)) Td \(string) Tj ET\n"
    }

    /// Draws text shortened with "…" so it is at most `maxWidth` wide.
    public mutating func drawText(
        _ text: String, x: Double, y: Double, maxWidth: Double, font: PDFFont = .helvetica, size: Double,
        alignment: PDFTextAlignment = .left, color: PDFColor = .black
    ) {
        let fitted = HelveticaMetrics.truncated(text, toWidth: maxWidth, font: font, size: size)
        drawText(fitted, x: x, y: y, font: font, size: size, alignment: alignment, color: color)
    }

    private func fillColor(_ color: PDFColor) -> String {
        "\(pdfNumber(color.red)) \(pdfNumber(color.green)) \(pdfNumber(color.blue)) rg"
    }

    private func strokeColor(_ color: PDFColor) -> String {
        "\(pdfNumber(color.red)) \(pdfNumber(color.green)) \(pdfNumber(color.blue)) RG"
    }

    /// A PDF literal string: ( ) \ escaped, bytes outside printable ASCII written as octal.
    static func literalString(_ bytes: [UInt8]) -> String {
        var result = "("
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "\\"):
                result += "\\" + String(UnicodeScalar(byte))
            case 0x20...0x7E:
                result += String(UnicodeScalar(byte))
            default:
                let octal = String(byte, radix: 8)
                result += "\\" + String(repeating: "0", count: 3 - octal.count) + octal
            }
        }
        return result + ")"
    }
}

/// A number in PDF syntax with at most three decimals and no exponent, independent of locale.
func pdfNumber(_ value: Double) -> String {
    guard value.isFinite else { return "0" }
    let thousandths = Int((value * 1000).rounded())
    let sign = thousandths < 0 ? "-" : ""
    let magnitude = thousandths.magnitude
    let whole = magnitude / 1000
    let fraction = magnitude % 1000
    guard fraction != 0 else { return magnitude == 0 ? "0" : "\(sign)\(whole)" }
    var decimals = String(fraction)
    decimals = String(repeating: "0", count: 3 - decimals.count) + decimals
    while decimals.hasSuffix("0") { decimals.removeLast() }
    return "\(sign)\(whole).\(decimals)"
}
