import Domain
import Foundation
import SQLKit

/// What a parcel label prints: the shipment, the carrier and hub by name, the destination,
/// and the parcel's place among its shipment's parcels.
public struct LabelRecord: Sendable, Equatable {
    public var barcode, shipmentId, reference, carrierName, hubName, siteName, address: String
    public var deliveryDate: String?
    public var weightKg: Double
    /// 1-based, in barcode order.
    public var parcelIndex: Int
    public var parcelCount: Int
}

/// What a printed route manifest adds to a route: the hub's and driver's names, and per
/// parcel its carrier's name and weight.
public struct ManifestFacts: Sendable {
    public var hubName: String
    public var driverName: String?
    public var parcels: [String: (carrierName: String, weightKg: Double)]
}

extension Store {
    /// The labels of every parcel of the shipments `ids`, by shipment and barcode.
    public func labels(ofShipments ids: [String]) async throws -> [LabelRecord] {
        guard !ids.isEmpty else { return [] }
        struct Row: Decodable {
            var barcode, shipmentId, reference, carrierName, hubName, siteName, address: String
            var deliveryDate: String?
            var weightKg: Double
        }
        let rows: [Row] = try await rows("""
            SELECT p.barcode, p.shipment_id, s.reference, COALESCE(c.name, p.carrier_id) AS carrier_name, h.name AS hub_name,
                   si.name AS site_name, si.address, s.delivery_date, p.weight_kg
            FROM parcels p JOIN shipments s ON s.id = p.shipment_id JOIN hubs h ON h.id = p.hub_id JOIN sites si ON si.id = p.site_id
            LEFT JOIN organisations c ON c.id = p.carrier_id
            WHERE p.shipment_id IN (\(binds: ids)) ORDER BY p.shipment_id, p.barcode
            """)
        return Dictionary(grouping: rows, by: \.shipmentId).sorted { $0.key < $1.key }.flatMap { _, parcels in
            parcels.enumerated().map { index, row in
                LabelRecord(barcode: row.barcode, shipmentId: row.shipmentId, reference: row.reference, carrierName: row.carrierName,
                            hubName: row.hubName, siteName: row.siteName, address: row.address, deliveryDate: row.deliveryDate,
                            weightKg: row.weightKg, parcelIndex: index + 1, parcelCount: parcels.count)
            }
        }
    }

    /// The names and parcel details a printed manifest of `route` needs.
    public func manifestFacts(of route: RouteRecord) async throws -> ManifestFacts {
        let hubName = try await strings("SELECT name FROM hubs WHERE id = \(bind: route.hubId)", column: "name").first ?? route.hubId
        var driverName: String?
        if let driver = route.driverId { driverName = try await account(driver)?.name }
        struct Parcel: Decodable { var barcode: String; var carrierName: String; var weightKg: Double }
        var parcels: [String: (carrierName: String, weightKg: Double)] = [:]
        for slice in Self.statements(route.stops.flatMap { $0.parcels.map(\.barcode) }) {
            let found: [Parcel] = try await rows("""
                SELECT p.barcode, COALESCE(c.name, p.carrier_id) AS carrier_name, p.weight_kg
                FROM parcels p LEFT JOIN organisations c ON c.id = p.carrier_id WHERE p.barcode IN (\(binds: Array(slice)))
                """)
            for parcel in found { parcels[parcel.barcode] = (parcel.carrierName, parcel.weightKg) }
        }
        return ManifestFacts(hubName: hubName, driverName: driverName, parcels: parcels)
    }
}
