import Pages
import Vapor

/// Carriers', shippers' and recipients' parcels, as the API lists them for the caller.
enum ParcelList {
    static func show(_ request: Request) async throws -> Response {
        guard let caller = request.caller else { return WebPage.redirect("/login") }
        // People page by number (links to the next page); the cursor is for integrations.
        let page = try await ParcelsController().listParcels(request)
        return WebPage.respond(ParcelsPage(
            organisationName: caller.organisation.displayName,
            isRecipient: caller.organisation.kind == .recipient, total: page.total ?? page.items.count, page: page.page ?? 1, perPage: page.perPage,
            parcels: page.items.map { parcel in
                ParcelRow(barcode: parcel.barcode, state: .init(rawValue: parcel.status) ?? .announced, siteName: parcel.siteName,
                          carrierId: parcel.carrierId, eta: WebPage.clock(parcel.eta),
                          updatedAt: String(parcel.statusTime.replacingOccurrences(of: "T", with: " ").prefix(16)))
            }), to: request)
    }
}
