import Domain
import Foundation
import Routing

/// The CSV import format of shipments: a header, then one parcel per row. Rows sharing a
/// `reference` form one shipment and must agree on its columns.
///
/// Required columns: `reference, hub_id, site_id, barcode, weight_kg`. Optional: `carrier_id,
/// shipper_id, delivery_date, length_cm, width_cm, height_cm, pallet (true/false), temperature`.
enum ShipmentCSV {
    static let required = ["reference", "hub_id", "site_id", "barcode", "weight_kg"]
    static let optional = ["carrier_id", "shipper_id", "delivery_date", "length_cm", "width_cm", "height_cm", "pallet", "temperature"]
    static let maximumRows = 20_000

    /// The format as the API document states it.
    static var headerDescription: String {
        "text/csv with a header row: \(required.joined(separator: ",")) and optionally \(optional.joined(separator: ",")); at most \(maximumRows) rows"
    }

    /// The shipments of the file in order of first appearance, each with the line it starts on.
    static func shipments(from text: String) throws -> [(line: Int, shipment: Shipments.ShipmentBody)] {
        let table: CSVTable
        do { table = try CSVTable(text) } catch { throw Problem.unprocessable("row \(error.line): \(error.message)") }
        let known = Set(required + optional)
        if let unknown = table.header.first(where: { !known.contains($0) }) {
            throw Problem.unprocessable("header: unknown column '\(unknown)'; expected \(required.joined(separator: ", ")) and optionally \(optional.joined(separator: ", "))")
        }
        if let missing = required.first(where: { !table.header.contains($0) }) {
            throw Problem.unprocessable("header: required column '\(missing)' is missing")
        }
        guard !table.rows.isEmpty else { throw Problem.unprocessable("the file has a header but no rows") }
        guard table.rows.count <= maximumRows else { throw Problem.unprocessable("at most \(maximumRows) rows per file") }

        var order: [String] = []
        var shipments: [String: (line: Int, shipment: Shipments.ShipmentBody)] = [:]
        for (line, cells) in table.rows {
            var row: [String: String] = [:]
            for (name, cell) in zip(table.header, cells) {
                let value: String
                do { value = try TextPolicy.text(cell.trimmingCharacters(in: .whitespaces), limit: TextPolicy.defaultLimit, allowLineBreaks: false) } catch {
                    throw Problem.unprocessable("row \(line), column \(name): \(error)")
                }
                if !value.isEmpty { row[name] = value }
            }
            func text(_ column: String) throws -> String {
                guard let value = row[column] else { throw Problem.unprocessable("row \(line), column \(column): a value is required") }
                return value
            }
            func number(_ column: String) throws -> Double? {
                guard let value = row[column] else { return nil }
                guard let number = Double(value), number.isFinite else {
                    throw Problem.unprocessable("row \(line), column \(column): '\(value)' is not a number")
                }
                return number
            }
            var pallet: Bool?
            if let value = row["pallet"] {
                switch value.lowercased() {
                case "true", "yes", "1": pallet = true
                case "false", "no", "0": pallet = false
                default: throw Problem.unprocessable("row \(line), column pallet: '\(value)' is not true or false")
                }
            }
            var temperature: TemperatureClass?
            if let value = row["temperature"] {
                guard let parsed = TemperatureClass(rawValue: value) else {
                    throw Problem.unprocessable("row \(line), column temperature: '\(value)' is not one of ambient, chilled, frozen")
                }
                temperature = parsed
            }
            guard let weight = try number("weight_kg") else { throw Problem.unprocessable("row \(line), column weight_kg: a value is required") }
            let parcel = Shipments.ParcelBody(barcode: try text("barcode"), weightKg: weight, lengthCm: try number("length_cm"),
                                           widthCm: try number("width_cm"), heightCm: try number("height_cm"), pallet: pallet, temperature: temperature)
            let reference = try text("reference")
            let header = Shipments.ShipmentBody(reference: reference, hubId: try text("hub_id"), siteId: try text("site_id"),
                                             carrierId: row["carrier_id"], shipperId: row["shipper_id"], deliveryDate: row["delivery_date"], parcels: [])
            if var existing = shipments[reference] {
                var comparable = existing.shipment
                comparable.parcels = []
                guard comparable.hubId == header.hubId, comparable.siteId == header.siteId, comparable.carrierId == header.carrierId,
                      comparable.shipperId == header.shipperId, comparable.deliveryDate == header.deliveryDate else {
                    throw Problem.unprocessable("row \(line): shipment '\(reference)' has other hub, site, carrier, shipper or date than on row \(existing.line)")
                }
                existing.shipment.parcels.append(parcel)
                shipments[reference] = existing
            } else {
                var shipment = header
                shipment.parcels = [parcel]
                shipments[reference] = (line, shipment)
                order.append(reference)
            }
        }
        return order.compactMap { shipments[$0] }
    }
}
