import Pages
import Vapor

/// `/ui/footprints`: the caller's own shipments' footprints (`GET /v1/footprints`) as a table,
/// with the CSV and iLEAP downloads.
enum FootprintList {
    static func show(_ request: Request) async throws -> Response {
        guard let caller = request.caller else { return WebPage.redirect("/login") }
        let list = try await FootprintsController().footprints(request)
        return WebPage.respond(FootprintsPage(
            organisationName: caller.organisation.displayName, from: list.from, to: list.to, factorVersion: list.factorVersion,
            shipments: list.footprints.map {
                FootprintLine(shipmentId: $0.shipmentId, day: $0.day, hubId: $0.hubId, parcels: $0.parcels, massKg: $0.massKg, distanceKm: $0.distanceKm,
                              co2eWellToWheelKg: $0.co2eWellToWheelKg, routes: $0.routes.joined(separator: " "))
            }), to: request)
    }
}
