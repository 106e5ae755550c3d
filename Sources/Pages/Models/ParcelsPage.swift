import Domain

/// The parcels a carrier, shipper or recipient may see (`GET /ui/parcels?page=`), a page at a
/// time.
public struct ParcelsPage: Page, Codable, Equatable {
    public static let template = "parcels"

    public var organisationName: String
    /// A recipient sees the deliveries to it; the others the parcels they sent or carry.
    public var isRecipient: Bool
    /// Parcels in all pages.
    public var total: Int
    /// This page's number, from 1.
    public var page: Int
    public var perPage: Int
    public var parcels: [ParcelRow]

    public init(organisationName: String, isRecipient: Bool, total: Int, page: Int, perPage: Int, parcels: [ParcelRow]) {
        self.organisationName = organisationName
        self.isRecipient = isRecipient
        self.total = total
        self.page = page
        self.perPage = perPage
        self.parcels = parcels
    }
}

public struct ParcelRow: Sendable, Codable, Equatable {
    public var barcode: String
    public var state: ParcelStatus
    public var siteName: String
    public var carrierId: String
    /// Planned arrival, `HH:MM`; empty when not planned.
    public var eta: String
    /// The last event's time, `YYYY-MM-DD HH:MM`.
    public var updatedAt: String

    public init(barcode: String, state: ParcelStatus, siteName: String, carrierId: String, eta: String, updatedAt: String) {
        self.barcode = barcode
        self.state = state
        self.siteName = siteName
        self.carrierId = carrierId
        self.eta = eta
        self.updatedAt = updatedAt
    }
}

extension ParcelsPage: TemplateFields {
    func templateFields(_ catalogue: Catalogue) -> [String: Any] {
        let pages = perPage > 0 ? (total + perPage - 1) / perPage : 1
        return [
            "heading": catalogue.entry(isRecipient ? "parcels_title_recipient" : "parcels_title"),
            "pageCount": max(pages, 1),
            "nextPage": (page < pages ? page + 1 : nil) as Int? as Any,
        ]
    }
}
