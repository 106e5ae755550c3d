import Foundation

/// The driver's list of stops and parcels for one route, rendered as an A4 PDF table.
public struct RouteManifest: Sendable, Hashable {
    /// One parcel to deliver or collect at a stop.
    public struct Parcel: Sendable, Hashable {
        public let barcode: String
        public let carrier: String
        public let weightKg: Double

        public init(barcode: String, carrier: String, weightKg: Double) {
            self.barcode = barcode
            self.carrier = carrier
            self.weightKg = weightKg
        }
    }

    /// One stop on the route, in driving order.
    public struct Stop: Sendable, Hashable {
        /// Position on the route as printed, usually 1, 2, 3, …
        public let index: Int
        public let siteName: String
        public let address: String
        /// Time window as printed, e.g. "08:00–10:00".
        public let timeWindow: String
        public let parcels: [Parcel]

        public init(index: Int, siteName: String, address: String, timeWindow: String, parcels: [Parcel]) {
            self.index = index
            self.siteName = siteName
            self.address = address
            self.timeWindow = timeWindow
            self.parcels = parcels
        }

        var totalWeightKg: Double {
            parcels.reduce(0) { $0 + $1.weightKg }
        }
    }

    /// Route identifier, also printed as a Code 128 barcode at the top of every page.
    public let routeID: String
    public let hubName: String
    public let vehicle: String
    public let driverName: String
    /// Route date as it should be printed.
    public let date: String
    public let stops: [Stop]

    let routeSymbol: Code128

    public init(
        routeID: String, hubName: String, vehicle: String, driverName: String, date: String, stops: [Stop]
    ) throws(LabelError) {
        do {
            routeSymbol = try Code128(routeID)
        } catch {
            throw .barcode(routeID, error)
        }
        if let bad = stops.lazy.flatMap(\.parcels).first(where: { !$0.weightKg.isFinite || $0.weightKg < 0 }) {
            throw .weight(bad.weightKg)
        }
        self.routeID = routeID
        self.hubName = hubName
        self.vehicle = vehicle
        self.driverName = driverName
        self.date = date
        self.stops = stops
    }

    /// Number of A4 pages the manifest takes.
    public var pageCount: Int {
        paginate().count
    }

    /// The manifest as an A4 PDF: header with route barcode on every page, then the stop table,
    /// flowing over as many pages as needed, numbered "side k av n / page k of n".
    public func render() -> Data {
        let pages = paginate()
        var document = PDFDocument(title: "Route manifest \(routeID)")
        for (index, rows) in pages.enumerated() {
            document.addPage(page(rows: rows, number: index + 1, of: pages.count))
        }
        return document.data()
    }
}
