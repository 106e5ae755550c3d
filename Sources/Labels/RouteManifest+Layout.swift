extension RouteManifest {
    /// One line of the stop table.
    enum Row: Hashable {
        case stop(Stop)
        /// Repeats the stop at the top of a page whose first rows are that stop's parcels.
        case continuedStop(Stop)
        case parcel(Parcel)
        case totals

        static let stopHeight = 18.0
        static let parcelHeight = 12.0

        var height: Double {
            switch self {
            case .stop: Row.stopHeight
            case .continuedStop, .parcel: Row.parcelHeight
            case .totals: 22
            }
        }
    }

    private static let margin = 36.0
    private static let tableHeaderTop = 126.0
    private static let tableTop = 146.0
    private static let tableBottom = PDFPage.a4.height - 56
    static let tableHeight = tableBottom - tableTop

    /// Column left edges relative to the margin: #, site, address, time window; parcels and weight are right-aligned.
    private enum Column {
        static let index = 0.0
        static let site = 24.0
        static let address = 184.0
        static let timeWindow = 334.0
        static let parcelsLeft = 399.0
        static let parcelsRight = 459.0
        static let weightRight = PDFPage.a4.width - 2 * margin
    }

    /// Splits the table into pages. A stop and its parcels stay together when they fit on one page.
    func paginate() -> [[Row]] {
        var pages: [[Row]] = [[]]
        var remaining = Self.tableHeight
        func startPage() {
            pages.append([])
            remaining = Self.tableHeight
        }
        func place(_ row: Row, of stop: Stop?) {
            if row.height > remaining {
                startPage()
                if case .parcel = row, let stop { place(.continuedStop(stop), of: nil) }
            }
            pages[pages.count - 1].append(row)
            remaining -= row.height
        }
        for stop in stops {
            let blockHeight = Row.stopHeight + Double(stop.parcels.count) * Row.parcelHeight
            if blockHeight > remaining, blockHeight <= Self.tableHeight { startPage() }
            place(.stop(stop), of: nil)
            for parcel in stop.parcels { place(.parcel(parcel), of: stop) }
        }
        place(.totals, of: nil)
        return pages
    }

    func page(rows: [Row], number: Int, of count: Int) -> PDFPage {
        var page = PDFPage(width: PDFPage.a4.width, height: PDFPage.a4.height)
        drawHeader(on: &page)
        var top = Self.tableTop
        for row in rows {
            draw(row, top: top, on: &page)
            top += row.height
        }
        let footer = 30.0
        let left = Self.margin
        let right = page.width - Self.margin
        page.strokeLine(fromX: left, y: footer + 11, toX: right, y: footer + 11, lineWidth: 0.5)
        page.drawText(routeID, x: left, y: footer, size: 8)
        page.drawText("side \(number) av \(count) / page \(number) of \(count)", x: page.width / 2, y: footer, size: 8, alignment: .center)
        page.drawText(date, x: right, y: footer, size: 8, alignment: .right)
        return page
    }

    private func drawHeader(on page: inout PDFPage) {
        let left = Self.margin
        let height = page.height
        let infoWidth = 280.0
        page.drawText("Kjøreliste / Route manifest", x: left, y: height - 52, font: .helveticaBold, size: 16)
        let lines = [
            ("Rute / Route", routeID), ("Dato / Date", date), ("Hub", hubName),
            ("Bil / Vehicle", vehicle), ("Sjåfør / Driver", driverName),
        ]
        for (line, (caption, value)) in lines.enumerated() {
            let baseline = height - 70 - Double(line) * 11
            page.drawText(caption + ":", x: left, y: baseline, size: 8.5)
            page.drawText(value, x: left + 72, y: baseline, maxWidth: infoWidth - 72, font: .helveticaBold, size: 8.5)
        }
        let barcodeLeft = left + infoWidth + 10
        page.drawBarcodeWithText(
            routeSymbol, x: barcodeLeft, top: 36, width: page.width - Self.margin - barcodeLeft,
            barHeight: 52, fontSize: 9, maximumModuleWidth: 1.2)

        let headerTop = Self.tableHeaderTop
        page.fill(PDFRect(x: left, y: height - headerTop - 16, width: page.width - 2 * left, height: 16), color: PDFColor(gray: 0.85))
        let baseline = height - headerTop - 11
        let captions: [(String, Double, PDFTextAlignment)] = [
            ("#", Column.index, .left), ("Sted / Site", Column.site, .left), ("Adresse / Address", Column.address, .left),
            ("Tid / Time", Column.timeWindow, .left), ("Kolli / Parcels", Column.parcelsRight, .right),
            ("Vekt / Weight", Column.weightRight, .right),
        ]
        for (caption, x, alignment) in captions {
            page.drawText(caption, x: left + x + (alignment == .left ? 2 : -2), y: baseline, font: .helveticaBold, size: 8, alignment: alignment)
        }
    }

    private func draw(_ row: Row, top: Double, on page: inout PDFPage) {
        let left = Self.margin
        let width = page.width - 2 * left
        let baseline = page.height - top - row.height + 4.5
        func text(_ value: String, _ column: Double, _ limit: Double, font: PDFFont = .helvetica, size: Double = 9,
                  alignment: PDFTextAlignment = .left) {
            let x = left + column + (alignment == .left ? 2 : -2)
            page.drawText(value, x: x, y: baseline, maxWidth: limit - 4, font: font, size: size, alignment: alignment)
        }
        switch row {
        case let .stop(stop):
            page.strokeLine(fromX: left, y: page.height - top, toX: left + width, y: page.height - top, lineWidth: 0.4)
            text("\(stop.index)", Column.index, Column.site - Column.index, font: .helveticaBold)
            text(stop.siteName, Column.site, Column.address - Column.site, font: .helveticaBold)
            text(stop.address, Column.address, Column.timeWindow - Column.address)
            text(stop.timeWindow, Column.timeWindow, Column.parcelsLeft - Column.timeWindow)
            text("\(stop.parcels.count)", Column.parcelsRight, Column.parcelsRight - Column.parcelsLeft, alignment: .right)
            text(formattedKilograms(stop.totalWeightKg), Column.weightRight, Column.weightRight - Column.parcelsRight, alignment: .right)
        case let .continuedStop(stop):
            text("\(stop.index) \(stop.siteName) (forts. / cont.)", Column.site, Column.timeWindow - Column.site, size: 7.5)
        case let .parcel(parcel):
            text(parcel.barcode, Column.site + 10, Column.address - Column.site - 10, size: 8)
            text(parcel.carrier, Column.address, Column.timeWindow - Column.address, size: 8)
            text(formattedKilograms(parcel.weightKg), Column.weightRight, Column.weightRight - Column.parcelsRight, size: 8, alignment: .right)
        case .totals:
            page.strokeLine(fromX: left, y: page.height - top, toX: left + width, y: page.height - top, lineWidth: 1)
            let parcels = stops.reduce(0) { $0 + $1.parcels.count }
            let weight = stops.reduce(0) { $0 + $1.totalWeightKg }
            text("Totalt / Total: \(stops.count) stopp / stops", Column.site, Column.parcelsLeft - Column.site, font: .helveticaBold)
            text("\(parcels)", Column.parcelsRight, Column.parcelsRight - Column.parcelsLeft, font: .helveticaBold, alignment: .right)
            text(formattedKilograms(weight), Column.weightRight, Column.weightRight - Column.parcelsRight, font: .helveticaBold, alignment: .right)
        }
    }
}
