import Foundation
import Routing

/// A trip declared for a zone: which zone, and the trip with its manifest summary. Carriers send
/// these through the API or as CSV; the hub's own are derived from its plans and events.
public struct TripDeclaration: Hashable, Sendable, Codable {
    public var zoneId: String
    public var trip: ZoneTrip

    public init(zoneId: String, trip: ZoneTrip) {
        self.zoneId = zoneId
        self.trip = trip
    }
}

/// Declarations as CSV, one trip a line, header first (column order free, names fixed):
/// `trip_id, zone_id, vehicle_category, zero_emission, gross_weight_kg, length_m,
/// volume_capacity_m3, payload_kg, parcel_capacity (optional), entry (ISO 8601 with offset),
/// parcels, volume_m3, weight_kg, recipients_in_zone, plate (optional: hashed under the
/// deployment's key, never kept)`. The operator is the organisation sending it.
public enum TripDeclarationCSV {
    public struct Problem: Error, Equatable, Sendable, CustomStringConvertible {
        public var line: Int
        public var column: String
        public var reason: String
        public var description: String { column.isEmpty ? "line \(line): \(reason)" : "line \(line), column \(column): \(reason)" }
    }

    public static let columns = ["trip_id", "zone_id", "vehicle_category", "zero_emission", "gross_weight_kg", "length_m", "volume_capacity_m3",
                                 "payload_kg", "parcel_capacity", "entry", "parcels", "volume_m3", "weight_kg", "recipients_in_zone", "plate"]
    static let optionalColumns: Set<String> = ["parcel_capacity", "plate"]

    /// Every line or nothing; `operatorId` is who declares, `plateKey` hashes the plates
    /// (without one, as when only checking a file, plates are checked and dropped).
    public static func read(_ text: String, operatorId: String, plateKey: PlateKey? = nil) throws(Problem) -> [TripDeclaration] {
        let table: CSVTable
        do { table = try CSVTable(text) } catch { throw Problem(line: error.line, column: "", reason: error.message) }
        if let unknown = table.header.first(where: { !columns.contains($0) }) { throw Problem(line: 1, column: unknown, reason: "not a column; expected \(columns.joined(separator: ", "))") }
        if let absent = columns.first(where: { !optionalColumns.contains($0) && !table.header.contains($0) }) { throw Problem(line: 1, column: absent, reason: "required column missing") }
        var seen: [String: Int] = [:]
        return try table.rows.map { (line, cells) throws(Problem) -> TripDeclaration in
            var row: [String: String] = [:]
            for (name, cell) in zip(table.header, cells) { row[name] = cell.trimmingCharacters(in: .whitespaces) }
            func text(_ name: String) throws(Problem) -> String {
                guard let value = row[name], !value.isEmpty else { throw Problem(line: line, column: name, reason: "required, but empty") }
                return value
            }
            func number(_ name: String) throws(Problem) -> Double {
                let value = try text(name)
                guard value.range(of: #"^[0-9]+(\.[0-9]+)?$"#, options: .regularExpression) != nil, let number = Double(value) else {
                    throw Problem(line: line, column: name, reason: "'\(value)' is not a number ≥ 0 (decimal point '.')")
                }
                return number
            }
            func count(_ name: String) throws(Problem) -> Int {
                let value = try text(name)
                guard let number = Int(value), number >= 0 else { throw Problem(line: line, column: name, reason: "'\(value)' is not a whole number ≥ 0") }
                return number
            }
            let id = try text("trip_id")
            if let first = seen[id] { throw Problem(line: line, column: "trip_id", reason: "'\(id)' was already declared on line \(first)") }
            seen[id] = line
            let categoryText = try text("vehicle_category")
            guard let category = ZoneVehicle.Category(rawValue: categoryText) else {
                throw Problem(line: line, column: "vehicle_category", reason: "'\(categoryText)' is not one of \(ZoneVehicle.Category.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let zeroText = try text("zero_emission").lowercased()
            guard ["true", "false", "yes", "no", "ja", "nei", "1", "0"].contains(zeroText) else {
                throw Problem(line: line, column: "zero_emission", reason: "'\(zeroText)' is not true or false")
            }
            let entryText = try text("entry")
            guard let entry = ISO8601DateTime.parse(entryText)?.date else {
                throw Problem(line: line, column: "entry", reason: "'\(entryText)' is not an ISO 8601 date-time with its offset")
            }
            let capacity = (row["parcel_capacity"] ?? "").isEmpty ? nil : try count("parcel_capacity")
            let vehicle = ZoneVehicle(category: category, zeroEmission: ["true", "yes", "ja", "1"].contains(zeroText), grossWeightKg: try number("gross_weight_kg"),
                                      lengthM: try number("length_m"), volumeCapacityM3: try number("volume_capacity_m3"), payloadKg: try number("payload_kg"),
                                      parcelCapacity: capacity)
            if let problem = vehicle.problem { throw Problem(line: line, column: "", reason: problem) }
            let manifest = Manifest(parcels: try count("parcels"), volumeM3: try number("volume_m3"), weightKg: try number("weight_kg"),
                                    recipientsInZone: try count("recipients_in_zone"))
            if let problem = manifest.problem ?? manifest.problem(carriedBy: vehicle) { throw Problem(line: line, column: "", reason: problem) }
            let plate = (row["plate"] ?? "").isEmpty ? nil : try text("plate")
            if let plate, !plate.contains(where: { $0.isLetter || $0.isNumber }) {
                throw Problem(line: line, column: "plate", reason: "'\(plate)' has no letter or digit")
            }
            let plateHash = plate.flatMap { plateKey?.hash($0) }
            return TripDeclaration(zoneId: try text("zone_id"), trip: ZoneTrip(id: id, operatorId: operatorId, vehicle: vehicle, plateHash: plateHash,
                                                                              entry: entry, manifest: manifest))
        }
    }
}
