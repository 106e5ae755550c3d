import Foundation

/// A minimal PDF 1.4 writer: pages of vector graphics and text in the standard Helvetica fonts.
///
/// Output is deterministic: the same pages and metadata always give the same bytes, and no
/// timestamp is written unless `creationDate` is set.
public struct PDFDocument: Sendable, Hashable {
    /// Document title shown by viewers, if any.
    public var title: String?
    /// Creation date recorded in the document information dictionary, if any.
    public var creationDate: Date?
    /// Pages in order.
    public private(set) var pages: [PDFPage] = []

    public init(title: String? = nil, creationDate: Date? = nil) {
        self.title = title
        self.creationDate = creationDate
    }

    /// Appends a page at the end.
    public mutating func addPage(_ page: PDFPage) {
        pages.append(page)
    }

    /// Object numbers: 1 catalog, 2 page tree, 3–4 fonts, 5 info, then each page followed by its content stream.
    private static let catalogObject = 1
    private static let pageTreeObject = 2
    private static let firstFontObject = 3
    private static let infoObject = firstFontObject + PDFFont.allCases.count
    private static func pageObject(_ index: Int) -> Int { infoObject + 1 + 2 * index }

    /// The complete file: header, objects, cross-reference table and trailer.
    public func data() -> Data {
        var writer = ObjectWriter()
        writer.begin(Self.catalogObject)
        writer.append("<< /Type /Catalog /Pages \(Self.pageTreeObject) 0 R >>\n")
        writer.begin(Self.pageTreeObject)
        let kids = pages.indices.map { "\(Self.pageObject($0)) 0 R" }.joined(separator: " ")
        writer.append("<< /Type /Pages /Kids [\(kids)] /Count \(pages.count) >>\n")
        for (offset, font) in PDFFont.allCases.enumerated() {
            writer.begin(Self.firstFontObject + offset)
            writer.append("<< /Type /Font /Subtype /Type1 /BaseFont /\(font.rawValue) /Encoding /WinAnsiEncoding >>\n")
        }
        writer.begin(Self.infoObject)
        writer.append("<< \(infoEntries()) >>\n")
        let fontResources = PDFFont.allCases.enumerated()
            .map { "/\($1.resourceName) \(Self.firstFontObject + $0) 0 R" }
            .joined(separator: " ")
        for (index, page) in pages.enumerated() {
            let pageNumber = Self.pageObject(index)
            writer.begin(pageNumber)
            writer.append(
                "<< /Type /Page /Parent \(Self.pageTreeObject) 0 R "
                    + "/MediaBox [0 0 \(pdfNumber(page.width)) \(pdfNumber(page.height))] "
                    + "/Resources << /Font << \(fontResources) >> /ProcSet [/PDF /Text] >> "
                    + "/Contents \(pageNumber + 1) 0 R >>\n")
            let stream = Data(page.contents.utf8)
            writer.begin(pageNumber + 1)
            writer.append("<< /Length \(stream.count) >>\nstream\n")
            writer.append(stream)
            writer.append("\nendstream\n")
        }
        return writer.finish(root: Self.catalogObject, info: Self.infoObject)
    }

    private func infoEntries() -> String {
        var entries = ["/Producer \(Self.textString("Samlast Labels"))"]
        if let title { entries.append("/Title \(Self.textString(title))") }
        if let creationDate { entries.append("/CreationDate \(Self.textString(Self.dateString(creationDate)))") }
        return entries.joined(separator: " ")
    }

    /// A PDF text string: a literal for printable ASCII, otherwise UTF-16BE with a byte order mark.
    static func textString(_ text: String) -> String {
        if text.unicodeScalars.allSatisfy({ (0x20...0x7E).contains($0.value) }) {
            return PDFPage.literalString(Array(text.utf8))
        }
        let units = [0xFEFF] + Array(text.utf16)
        return "<" + units.map { String(format: "%04X", $0) }.joined() + ">"
    }

    /// A PDF date in UTC, for example `D:20250301120000Z`.
    static func dateString(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        let fields = [parts.year, parts.month, parts.day, parts.hour, parts.minute, parts.second].map { $0 ?? 0 }
        let digits = zip(fields, [4, 2, 2, 2, 2, 2]).map { value, width in
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "D:" + digits.joined() + "Z"
    }
}

/// Accumulates numbered objects in order and records where each starts.
private struct ObjectWriter {
    private(set) var bytes = Data("%PDF-1.4\n%".utf8) + Data([0xE2, 0xE3, 0xCF, 0xD3, 0x0A])
    private var offsets: [Int] = []
    private var isInsideObject = false

    /// Starts object `number`; objects must be begun as 1, 2, 3, … without gaps.
    mutating func begin(_ number: Int) {
        closeObject()
        precondition(number == offsets.count + 1, "PDF objects must be written in order")
        offsets.append(bytes.count)
        append("\(number) 0 obj\n")
        isInsideObject = true
    }

    mutating func append(_ text: String) {
        bytes.append(contentsOf: Array(text.utf8))
    }

    mutating func append(_ data: Data) {
        bytes.append(data)
    }

    private mutating func closeObject() {
        if isInsideObject { append("endobj\n") }
        isInsideObject = false
    }

    /// Writes the cross-reference table and trailer and returns the whole file.
    mutating func finish(root: Int, info: Int) -> Data {
        closeObject()
        let crossReferenceOffset = bytes.count
        append("xref\n0 \(offsets.count + 1)\n0000000000 65535 f \n")
        for offset in offsets {
            let digits = String(offset)
            append(String(repeating: "0", count: 10 - digits.count) + digits + " 00000 n \n")
        }
        append("trailer\n<< /Size \(offsets.count + 1) /Root \(root) 0 R /Info \(info) 0 R >>\n")
        append("startxref\n\(crossReferenceOffset)\n%%EOF\n")
        return bytes
    }
}
