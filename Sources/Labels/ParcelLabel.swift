import Foundation

/// A shipping label for one parcel, rendered as a one-page A6 PDF.
///
/// The barcode and tracking URL are encoded when the label is made, so rendering cannot fail.
public struct ParcelLabel: Sendable, Hashable {
    /// Text of the Code 128 barcode, e.g. the parcel's tracking number.
    public let barcode: String
    public let carrierName: String
    public let shipmentReference: String
    public let hubName: String
    public let recipientName: String
    /// Street, postcode and town, one per line; the first four are printed, each cut to the label width.
    public let addressLines: [String]
    /// Delivery date as it should be printed, e.g. "2025-03-14".
    public let deliveryDate: String
    public let weightKg: Double
    /// This parcel's position in the shipment, 1-based.
    public let parcelIndex: Int
    /// Number of parcels in the shipment.
    public let parcelCount: Int
    /// URL shown as a QR code, if any.
    public let trackingURL: String?

    private let barcodeSymbol: Code128
    private let trackingSymbol: QRCode?

    public init(
        barcode: String, carrierName: String, shipmentReference: String, hubName: String,
        recipientName: String, addressLines: [String], deliveryDate: String, weightKg: Double,
        parcelIndex: Int, parcelCount: Int, trackingURL: String? = nil
    ) throws(LabelError) {
        do {
            barcodeSymbol = try Code128(barcode)
        } catch {
            throw .barcode(barcode, error)
        }
        do {
            trackingSymbol = try trackingURL.map { url throws(QRCodeError) in try QRCode(url, errorCorrectionLevel: .medium) }
        } catch {
            throw .trackingURL(error)
        }
        guard parcelCount >= 1, (1...parcelCount).contains(parcelIndex) else {
            throw .parcelNumber(index: parcelIndex, count: parcelCount)
        }
        guard weightKg.isFinite, weightKg >= 0 else { throw .weight(weightKg) }
        self.barcode = barcode
        self.carrierName = carrierName
        self.shipmentReference = shipmentReference
        self.hubName = hubName
        self.recipientName = recipientName
        self.addressLines = addressLines
        self.deliveryDate = deliveryDate
        self.weightKg = weightKg
        self.parcelIndex = parcelIndex
        self.parcelCount = parcelCount
        self.trackingURL = trackingURL
    }

    /// This label as a one-page A6 PDF.
    public func render() -> Data {
        ParcelLabel.render([self])
    }

    /// Several labels in one PDF, one A6 page each, in order.
    public static func render(_ labels: [ParcelLabel]) -> Data {
        var document = PDFDocument(title: "Parcel labels")
        for label in labels {
            document.addPage(label.page())
        }
        return document.data()
    }

    private static let margin = 14.0

    /// Lays out the label from the top: carrier and hub, recipient, details with QR code, barcode.
    func page() -> PDFPage {
        var page = PDFPage(width: PDFPage.a6.width, height: PDFPage.a6.height)
        let margin = Self.margin
        let width = page.width - 2 * margin
        let right = page.width - margin
        func baseline(_ top: Double) -> Double { page.height - top }

        page.drawText(carrierName, x: margin, y: baseline(34), maxWidth: width * 0.6, font: .helveticaBold, size: 18)
        page.drawText("Hub", x: right, y: baseline(22), font: .helvetica, size: 7, alignment: .right)
        page.drawText(hubName, x: right, y: baseline(34), maxWidth: width * 0.38, font: .helveticaBold, size: 11, alignment: .right)
        page.fill(PDFRect(x: margin, y: baseline(44), width: width, height: 1.5))

        page.drawText("TIL / TO", x: margin, y: baseline(58), size: 7)
        page.drawText(recipientName, x: margin, y: baseline(76), maxWidth: width, font: .helveticaBold, size: 15)
        for (line, text) in addressLines.prefix(4).enumerated() {
            page.drawText(text, x: margin, y: baseline(93 + Double(line) * 14), maxWidth: width, size: 11)
        }
        page.fill(PDFRect(x: margin, y: baseline(158), width: width, height: 0.75))

        let qrBox = 112.0
        let detailsWidth = trackingSymbol == nil ? width : width - qrBox - 8
        let details = [
            ("Sending / Shipment", shipmentReference),
            ("Levering / Delivery", deliveryDate),
            ("Vekt / Weight", formattedKilograms(weightKg)),
            ("Kolli / Parcel", "\(parcelIndex) av \(parcelCount) / \(parcelIndex) of \(parcelCount)"),
        ]
        for (row, (caption, value)) in details.enumerated() {
            let top = 172 + Double(row) * 27
            page.drawText(caption, x: margin, y: baseline(top), size: 7)
            page.drawText(value, x: margin, y: baseline(top + 12), maxWidth: detailsWidth, font: .helveticaBold, size: 11)
        }
        if let trackingSymbol {
            let moduleSize = qrBox / Double(trackingSymbol.size + 2 * QRCode.quietZone)
            let symbolSide = moduleSize * Double(trackingSymbol.size)
            let left = right - qrBox + moduleSize * Double(QRCode.quietZone)
            page.draw(trackingSymbol, x: left, y: baseline(163 + moduleSize * Double(QRCode.quietZone) + symbolSide), moduleSize: moduleSize)
        }
        page.fill(PDFRect(x: margin, y: baseline(282), width: width, height: 0.75))

        page.drawBarcodeWithText(barcodeSymbol, x: margin, top: 296, width: width, barHeight: 86, fontSize: 12)
        return page
    }
}
