import Domain
import Foundation
import Store
import Vapor

/// Parcels each party may see: a page of them, or one with its event log.
struct ParcelsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("parcels", use: listParcels)
        routes.get("parcels", ":barcode", use: parcel)
    }

    struct ParcelView: Content {
        var barcode: String
        var shipmentId: String
        var carrierId: String
        var shipperId: String?
        var recipientId: String
        var siteId: String
        var siteName: String
        var hubId: String
        var weightKg: Double
        var lengthCm: Double?
        var widthCm: Double?
        var heightCm: Double?
        var pallet: Bool
        var temperature: String
        var status: String
        var statusTime: String
        var routeId: String?
        /// Planned arrival at the recipient, from the current plan.
        var eta: String?
        var events: [Events.EventView]?

        init(_ parcel: ParcelRecord) {
            let zone = TimeZone(identifier: parcel.timeZone) ?? .gmt
            (barcode, shipmentId, carrierId, shipperId, recipientId) = (parcel.barcode, parcel.shipmentId, parcel.carrierId, parcel.shipperId, parcel.recipientId)
            (siteId, siteName, hubId, weightKg) = (parcel.siteId, parcel.siteName, parcel.hubId, parcel.weightKg)
            (lengthCm, widthCm, heightCm, pallet, temperature) = (parcel.lengthCm, parcel.widthCm, parcel.heightCm, parcel.pallet != 0, parcel.temperature)
            (status, statusTime, routeId) = (parcel.status, Wire.format(parcel.statusTime, in: zone), parcel.routeId)
            eta = parcel.eta.map { Wire.format($0, in: zone) }
        }
    }

    /// Parcels the caller may see, newest first; filters `status`, `hubId`; by page number or cursor.
    func listParcels(_ request: Request) async throws -> Paged<ParcelView> {
        let caller = try request.requireCaller()
        let page = try PageRequest(request)
        let scope = try Visibility.parcels(caller)
        var status: ParcelStatus?
        if let name = try request.query.get(String?.self, at: "status") {
            guard let known = ParcelStatus(rawValue: name) else {
                throw Problem.badRequest("status: '\(name)' is not one of \(ParcelStatus.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            status = known
        }
        let hubId = try request.query.get(String?.self, at: "hubId")
        let (total, rows, next) = try await Store(request.db).parcels(
            in: scope, status: status, hubId: hubId, limit: page.perPage,
            from: page.cursor.map { .after(statusTime: $0.time, barcode: $0.id) } ?? .offset(page.offset))
        return Paged(items: rows.map(ParcelView.init), page: page.page, perPage: page.perPage, total: total,
                     nextCursor: next.map { PageCursor(time: $0.statusTime, id: $0.barcode).text })
    }

    func parcel(_ request: Request) async throws -> ParcelView {
        let caller = try request.requireCaller()
        let barcode = try request.parameters.require("barcode")
        let store = Store(request.db)
        guard let parcel = try await store.parcel(barcode, in: try Visibility.parcels(caller)) else { throw Problem.notFound("parcel '\(barcode)'") }
        var view = ParcelView(parcel)
        view.events = try await store.events(ofParcel: barcode).map(Events.EventView.init)
        return view
    }
}

/// What a caller may see, as the domain's `ParcelScope` decides it; a question the caller may
/// not ask at all (a municipality asking for single parcels) is 403.
enum Visibility {
    static func parcels(_ caller: Caller) throws -> ParcelScope {
        let scope = ParcelScope.of(caller.principal)
        if case .refused(let reason) = scope { throw Problem.forbidden(reason) }
        return scope
    }
}
