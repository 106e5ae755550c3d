import Foundation
import Testing
@testable import Labels

@Suite struct PDFDocumentTests {
    private func sampleDocument() -> PDFDocument {
        var document = PDFDocument(title: "Prøve")
        for index in 1...3 {
            var page = PDFPage(width: 200, height: 300)
            page.fill(PDFRect(x: 10, y: 10, width: 50, height: 20))
            page.strokeLine(fromX: 0, y: 0, toX: 200, y: 300)
            page.drawText("Side \(index) (æøå)", x: 10, y: 280, font: .helveticaBold, size: 12)
            document.addPage(page)
        }
        return document
    }

    @Test func crossReferenceOffsetsPointAtObjects() throws {
        let data = sampleDocument().data()
        let bytes = [UInt8](data)
        let text = String(decoding: bytes, as: Unicode.ASCII.self)
        #expect(text.hasPrefix("%PDF-1.4\n"))
        #expect(text.hasSuffix("%%EOF\n"))

        let startxref = try #require(text.range(of: "startxref\n", options: .backwards))
        let xrefOffset = try #require(Int(text[startxref.upperBound...].prefix { $0.isNumber }))
        let table = String(decoding: bytes[xrefOffset...], as: Unicode.ASCII.self)
        #expect(table.hasPrefix("xref\n0 "))

        let lines = table.split(separator: "\n", omittingEmptySubsequences: false)
        let objectCount = try #require(Int(lines[1].split(separator: " ")[1]))
        #expect(objectCount == 1 + 5 + 2 * 3)  // free entry, catalog, pages, 2 fonts, info, 3 × (page + contents)
        #expect(lines[2] == "0000000000 65535 f ")
        for number in 1..<objectCount {
            let entry = lines[2 + number]
            #expect(entry.count == 19)  // 20 bytes with the newline
            #expect(entry.hasSuffix(" 00000 n "))
            let offset = try #require(Int(entry.prefix(10)))
            let atOffset = String(decoding: bytes[offset..<min(bytes.count, offset + 20)], as: Unicode.ASCII.self)
            #expect(atOffset.hasPrefix("\(number) 0 obj\n"), "object \(number) at \(offset)")
        }
        #expect(text.contains("trailer\n<< /Size \(objectCount) /Root 1 0 R"))
    }

    @Test func streamLengthsAreExact() throws {
        let text = String(decoding: sampleDocument().data(), as: Unicode.ASCII.self)
        var rest = text[...]
        var streams = 0
        while let length = rest.range(of: "<< /Length ") {
            let digits = rest[length.upperBound...].prefix { $0.isNumber }
            let declared = try #require(Int(digits))
            let start = try #require(rest.range(of: ">>\nstream\n", range: length.upperBound..<rest.endIndex))
            let end = try #require(rest.range(of: "\nendstream", range: start.upperBound..<rest.endIndex))
            #expect(rest[start.upperBound..<end.lowerBound].utf8.count == declared)
            streams += 1
            rest = rest[end.upperBound...]
        }
        #expect(streams == 3)
    }

    @Test func outputIsDeterministicWithoutTimestamp() {
        let first = sampleDocument().data()
        #expect(first == sampleDocument().data())
        #expect(!String(decoding: first, as: Unicode.ASCII.self).contains("CreationDate"))

        var dated = sampleDocument()
        dated.creationDate = Date(timeIntervalSince1970: 1_741_953_600)  // 2025-03-14 12:00:00 UTC
        #expect(String(decoding: dated.data(), as: Unicode.ASCII.self).contains("/CreationDate (D:20250314120000Z)"))
    }

    @Test func stringsAreEscaped() {
        var page = PDFPage(width: 100, height: 100)
        page.drawText(#"a(b)c\d"#, x: 0, y: 0, size: 10)
        #expect(page.contents.contains(#"(a\(b\)c\\d) Tj"#))
    }

    @Test func textIsWinAnsiEncoded() {
        #expect(WinAnsiEncoding.encode("æøåÆØÅ") == [0xE6, 0xF8, 0xE5, 0xC6, 0xD8, 0xC5])
        #expect(WinAnsiEncoding.encode("a\u{30A}") == [0xE5])  // decomposed å
        #expect(WinAnsiEncoding.encode("–…€") == [0x96, 0x85, 0x80])
        #expect(WinAnsiEncoding.encode("Ωł中") == [0x3F, 0x3F, 0x3F])

        var page = PDFPage(width: 100, height: 100)
        page.drawText("Snarøya", x: 0, y: 0, size: 10)
        #expect(page.contents.contains(#"(Snar\370ya) Tj"#))
    }

    @Test func numbersAreLocaleFreeAndShort() {
        #expect(pdfNumber(1) == "1")
        #expect(pdfNumber(0.5) == "0.5")
        #expect(pdfNumber(-2.25) == "-2.25")
        #expect(pdfNumber(297.6378) == "297.638")
        #expect(pdfNumber(-0.0001) == "0")
        #expect(pdfNumber(.nan) == "0")
    }

    @Test func nonASCIITitleIsUTF16() {
        #expect(PDFDocument.textString("Prøve") == "<FEFF0050007200F800760065>")
        #expect(PDFDocument.textString("Plain (x)") == #"(Plain \(x\))"#)
    }
}

@Suite struct HelveticaMetricsTests {
    @Test func widthsComeFromAFM() {
        // H 722 + e 556 + l 222 + l 222 + o 556 = 2278 units.
        #expect(abs(HelveticaMetrics.width(of: "Hello", font: .helvetica, size: 10) - 22.78) < 1e-9)
        // æ 889 + ø 611 + å 556; bold Æ 1000 + Ø 778 + Å 722.
        #expect(abs(HelveticaMetrics.width(of: "æøå", font: .helvetica, size: 1000) - 2056) < 1e-9)
        #expect(abs(HelveticaMetrics.width(of: "ÆØÅ", font: .helveticaBold, size: 1000) - 2500) < 1e-9)
        // Unmappable characters are measured as the "?" that replaces them.
        #expect(HelveticaMetrics.width(of: "中", font: .helvetica, size: 10) == HelveticaMetrics.width(of: "?", font: .helvetica, size: 10))
    }

    @Test func truncationFitsAndMarksTheCut() {
        let text = "Fornebu Skole – Snarøya, inngang ved gymsalen"
        let limit = 100.0
        let cut = HelveticaMetrics.truncated(text, toWidth: limit, font: .helvetica, size: 10)
        #expect(cut.hasSuffix("…"))
        #expect(HelveticaMetrics.width(of: cut, font: .helvetica, size: 10) <= limit)
        #expect(text.hasPrefix(String(cut.dropLast())))
        // Nothing wider than one glyph plus the ellipsis was given away.
        #expect(HelveticaMetrics.width(of: cut, font: .helvetica, size: 10) > limit - HelveticaMetrics.width(of: "W…", font: .helvetica, size: 10))

        #expect(HelveticaMetrics.truncated("Kort", toWidth: limit, font: .helvetica, size: 10) == "Kort")
        #expect(HelveticaMetrics.truncated(text, toWidth: 40, font: .helvetica, size: 10, ellipsis: "...").hasSuffix("..."))
        #expect(HelveticaMetrics.truncated(text, toWidth: 2, font: .helvetica, size: 10) == "")
    }
}
