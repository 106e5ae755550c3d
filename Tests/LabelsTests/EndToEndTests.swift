import ExternalTools
import Foundation
import Testing
@testable import Labels

/// Renders real documents and reads them back with poppler and zbar, as a scanner or printer would.
@Suite struct EndToEndTests {
    static let trackingURL = "https://samlast.example.no/t/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcdefghijklmnop"

    static func label(barcode: String = "SAM00012345678NO", index: Int = 1, count: Int = 1, trackingURL: String? = trackingURL) throws -> ParcelLabel {
        try ParcelLabel(
            barcode: barcode, carrierName: "Samlast Express", shipmentReference: "SHP-2025-000123",
            hubName: "Økern Hub", recipientName: "Åse Ødegård", addressLines: ["Snarøyveien 30", "1367 Snarøya"],
            deliveryDate: "2025-03-14", weightKg: 2.5, parcelIndex: index, parcelCount: count, trackingURL: trackingURL)
    }

    static func manifest(stopCount: Int) throws -> RouteManifest {
        let stops = (1...stopCount).map { index in
            RouteManifest.Stop(
                index: index, siteName: index == 7 ? "Fornebu Skole – Snarøya" : "Kunde \(index) Ærøy Åsgård",
                address: "Gateveien \(index), 0150 Oslo", timeWindow: "08:00–10:00",
                parcels: [RouteManifest.Parcel(barcode: "SAM\(100_000 + index)", carrier: "Samlast", weightKg: 1.5)])
        }
        return try RouteManifest(
            routeID: "R-2025-03-14-OSL-07", hubName: "Økern Hub", vehicle: "EL 12345",
            driverName: "Kåre Ødegård", date: "2025-03-14", stops: stops)
    }

    @Test func parcelLabelBarcodeAndQRCodeScan() throws {
        let label = try Self.label()
        try withTemporaryDirectory { directory in
            let pdf = directory.appendingPathComponent("label.pdf")
            try label.render().write(to: pdf)
            let symbols = try ExternalTools.decodeSymbols(pdf: pdf, in: directory)
            #expect(symbols.contains("SAM00012345678NO"))
            #expect(symbols.contains(Self.trackingURL))
            #expect(try ExternalTools.pageCount(pdf: pdf, in: directory) == 1)
            let text = try ExternalTools.text(pdf: pdf, in: directory)
            #expect(text.contains("Åse Ødegård"))
            #expect(text.contains("1 av 1 / 1 of 1"))
        }
    }

    @Test func numericBarcodeWithoutTrackingURLScans() throws {
        let label = try Self.label(barcode: "00370123450000000017", trackingURL: nil)
        try withTemporaryDirectory { directory in
            let pdf = directory.appendingPathComponent("label.pdf")
            try label.render().write(to: pdf)
            #expect(try ExternalTools.decodeSymbols(pdf: pdf, in: directory) == ["00370123450000000017"])
        }
    }

    @Test func severalLabelsGetOnePageEach() throws {
        let labels = try (1...3).map { try Self.label(barcode: "SAM0001234567\($0)", index: $0, count: 3) }
        try withTemporaryDirectory { directory in
            let pdf = directory.appendingPathComponent("labels.pdf")
            try ParcelLabel.render(labels).write(to: pdf)
            #expect(try ExternalTools.pageCount(pdf: pdf, in: directory) == 3)
            #expect(try ExternalTools.decodeSymbols(pdf: pdf, page: 3, in: directory).contains("SAM00012345673"))
        }
    }

    @Test func gs1BarcodeScansWithSeparator() throws {
        let symbol = try Code128.gs1([("01", "09501101530003"), ("10", "ABC1"), ("17", "250101")])
        var page = PDFPage(width: PDFPage.a6.width, height: 200)
        page.drawBarcodeWithText(symbol, x: 10, top: 20, width: page.width - 20, barHeight: 90, fontSize: 10)
        var document = PDFDocument()
        document.addPage(page)
        try withTemporaryDirectory { directory in
            let pdf = directory.appendingPathComponent("gs1.pdf")
            try document.data().write(to: pdf)
            // zbar drops the leading FNC1 and reports the separator FNC1 as GS (0x1D).
            #expect(try ExternalTools.decodeSymbols(pdf: pdf, in: directory) == ["010950110153000310ABC1\u{1D}17250101"])
        }
    }

    @Test func manifestShowsRouteBarcodeStopsAndPageNumbers() throws {
        // 60 stops with one parcel each: 18 + 12 = 30 pt per stop, 639.89 pt of table per page,
        // so 21 stops per page: 21 + 21 + 18 (+ totals row) = 3 pages.
        let manifest = try Self.manifest(stopCount: 60)
        #expect(manifest.pageCount == 3)
        try withTemporaryDirectory { directory in
            let pdf = directory.appendingPathComponent("manifest.pdf")
            try manifest.render().write(to: pdf)
            #expect(try ExternalTools.pageCount(pdf: pdf, in: directory) == 3)
            #expect(try ExternalTools.decodeSymbols(pdf: pdf, page: 1, in: directory).contains("R-2025-03-14-OSL-07"))
            #expect(try ExternalTools.decodeSymbols(pdf: pdf, page: 3, in: directory).contains("R-2025-03-14-OSL-07"))

            let text = try ExternalTools.text(pdf: pdf, in: directory)
            #expect(text.contains("Fornebu Skole – Snarøya"))
            #expect(text.contains("Kjøreliste / Route manifest"))
            #expect(text.contains("Sjåfør / Driver"))
            for page in 1...3 {
                #expect(text.contains("side \(page) av 3 / page \(page) of 3"))
            }
            for index in [1, 21, 22, 60] {
                #expect(text.contains("Kunde \(index) Ærøy Åsgård"))
            }
            #expect(text.components(separatedBy: "Route manifest").count - 1 == 3)  // header on every page
        }
    }

    @Test func longStopSplitsWithContinuationRow() throws {
        let parcels = (1...60).map { RouteManifest.Parcel(barcode: "P\($0)", carrier: "Samlast", weightKg: 1) }
        let manifest = try RouteManifest(
            routeID: "R-1", hubName: "Hub", vehicle: "V", driverName: "D", date: "2025-03-14",
            stops: [RouteManifest.Stop(index: 1, siteName: "Lager", address: "Vei 1", timeWindow: "", parcels: parcels)])
        let pages = manifest.paginate()
        // (639.89 − 18) / 12 → 51 parcels fit under the stop row on page 1; 9 more follow.
        #expect(pages.count == 2)
        #expect(pages[0].count == 1 + 51)
        #expect(pages[1].first == .continuedStop(manifest.stops[0]))
        #expect(pages[1].count == 1 + 9 + 1)
    }

    @Test func invalidLabelInputIsRefused() {
        #expect(throws: LabelError.parcelNumber(index: 4, count: 3)) { try Self.label(index: 4, count: 3) }
        #expect(throws: LabelError.self) { try Self.label(barcode: "") }
        #expect(throws: LabelError.self) { try Self.label(trackingURL: String(repeating: "x", count: 300)) }
    }
}
