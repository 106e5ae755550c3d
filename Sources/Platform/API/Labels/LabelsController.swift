import Domain
import Foundation
import Labels
import Store
import Vapor

/// Printable PDFs: a parcel's label, every label of a shipment, and a route's manifest for its
/// driver. Each is refused (404) to those who may not see the parcel, shipment or route, as
/// their JSON reads are.
struct LabelsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("parcels", ":barcode", "label", use: parcelLabel)
        routes.get("shipments", ":shipmentId", "labels", use: shipmentLabels)
        routes.get("routes", ":routeId", "manifest.pdf", use: routeManifest)
    }

    /// One A6 label: carrier, hub, destination, shipment, and the barcode as Code 128 with a
    /// QR code of the parcel's API address.
    func parcelLabel(_ request: Request) async throws -> Response {
        let caller = try request.requireCaller()
        let barcode = try request.parameters.require("barcode")
        let store = Store(request.db)
        guard let parcel = try await store.parcel(barcode, in: try Visibility.parcels(caller)) else { throw Problem.notFound("parcel '\(barcode)'") }
        let labels = try await store.labels(ofShipments: [parcel.shipmentId]).filter { $0.barcode == barcode }
        return try Self.pdf(ParcelLabel.render(labels.map { try label($0, request: request) }), name: "label-\(barcode)")
    }

    /// Every label of a shipment, one A6 page per parcel in barcode order.
    func shipmentLabels(_ request: Request) async throws -> Response {
        let caller = try request.requireCaller()
        let id = try request.parameters.require("shipmentId")
        let store = Store(request.db)
        guard try await store.shipmentIsVisible(id, in: try Visibility.parcels(caller)) else { throw Problem.notFound("shipment '\(id)'") }
        let labels = try await store.labels(ofShipments: [id])
        return try Self.pdf(ParcelLabel.render(labels.map { try label($0, request: request) }), name: "labels-\(id)")
    }

    /// The A4 manifest of a route: stops in order with their window, parcels with carrier and weight.
    func routeManifest(_ request: Request) async throws -> Response {
        let caller = try request.requireCaller()
        let id = try request.parameters.require("routeId")
        let store = Store(request.db)
        guard let facts = try await store.facts(ofRoute: id), Dispatch.handles(caller.principal, route: facts.rules),
              let route = try await store.routes(.route(id)).first else {
            throw Problem.notFound("route '\(id)'")
        }
        let details = try await store.manifestFacts(of: route)
        let zone = TimeZone(identifier: route.timeZone) ?? .gmt
        let sites = Dictionary(try await store.sites(route.stops.map(\.siteId)).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let stops = route.stops.map { stop in
            RouteManifest.Stop(
                index: stop.stopIndex + 1, siteName: stop.name, address: stop.address,
                timeWindow: Self.window(at: stop.eta, of: sites[stop.siteId], in: zone),
                parcels: stop.parcels.map { parcel in
                    let known = details.parcels[parcel.barcode]
                    return RouteManifest.Parcel(barcode: parcel.barcode, carrier: known?.carrierName ?? "", weightKg: known?.weightKg ?? 0)
                })
        }
        let departure = Wire.format(route.departure, in: zone)
        do {
            let manifest = try RouteManifest(routeID: route.id, hubName: details.hubName, vehicle: "\(route.vehicleId) (\(route.vehicleType))",
                                             driverName: details.driverName ?? "–", date: String(departure.prefix(10)), stops: stops)
            return Self.pdf(manifest.render(), name: "manifest-\(route.id)")
        } catch {
            throw Problem.unprocessable("route '\(id)' cannot be printed: \(error)")
        }
    }

    private func label(_ record: LabelRecord, request: Request) throws -> ParcelLabel {
        let address = record.address.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        do {
            return try ParcelLabel(
                barcode: record.barcode, carrierName: record.carrierName, shipmentReference: record.reference, hubName: record.hubName,
                recipientName: record.siteName, addressLines: address, deliveryDate: record.deliveryDate ?? "–", weightKg: record.weightKg,
                parcelIndex: record.parcelIndex, parcelCount: record.parcelCount,
                trackingURL: request.application.platform.configuration.publicURL + "/v1/parcels/" + record.barcode)
        } catch {
            throw Problem.unprocessable("parcel '\(record.barcode)' cannot be printed: \(error)")
        }
    }

    /// The stop's time window on that day that holds the planned arrival (or the first after
    /// it), with the arrival: `08:00–10:00 · 08:42`; the arrival alone when the site has none.
    static func window(at eta: EpochMilliseconds, of site: SiteRecord?, in zone: TimeZone) -> String {
        let text = Wire.format(eta, in: zone)
        let clock = WebPage.clock(text)
        guard let site, let date = try? Wire.date(String(text.prefix(10)), field: "eta") else { return clock }
        let windows = site.recipientSite.windows[Wire.weekday(of: date)] ?? []
        let second = Double((try? Wire.clock(clock, field: "eta")) ?? 0)
        guard let window = windows.first(where: { $0.start <= second && second <= $0.end }) ?? windows.first(where: { $0.start > second }) else {
            return clock
        }
        return "\(Wire.clock(seconds: Int(window.start)))–\(Wire.clock(seconds: Int(window.end))) · \(clock)"
    }

    static func pdf(_ data: Data, name: String) -> Response {
        Response(status: .ok, headers: [
            "Content-Type": "application/pdf", "Content-Disposition": "inline; filename=\"\(name).pdf\"", "Cache-Control": "private, no-store",
        ], body: .init(data: data))
    }
}
