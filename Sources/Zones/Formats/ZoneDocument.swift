import Foundation
import Geo
import Routing

/// Zones and their rule sets as a GeoJSON FeatureCollection (RFC 7946): each Feature's
/// geometry is the zone's area and its `properties` the rule set, so any GIS opens the file and
/// a municipality can draw a zone in QGIS and add its rules.
public enum ZoneDocument {
    /// A feature that cannot be a zone: which one and why.
    public struct Problem: Error, Equatable, Sendable, CustomStringConvertible {
        /// Index of the feature in `features`, when the problem is in one.
        public var featureIndex: Int?
        public var reason: String
        public var description: String { featureIndex.map { "features[\($0)]: \(reason)" } ?? reason }
    }

    /// Reads every zone or throws the first problem; nothing is half-read. Geometry is checked
    /// against `region` (swapped longitude/latitude named as such).
    public static func read(_ data: Data, region: ExpectedRegion = .norway) throws(Problem) -> [Zone] {
        let collection: Collection
        do {
            collection = try jsonDecoder.decode(Collection.self, from: data)
        } catch let error as DecodingError {
            throw Problem(featureIndex: featureIndex(in: error), reason: error.pathAndMessage)
        } catch {
            throw Problem(featureIndex: nil, reason: "not JSON: \(error.localizedDescription)")
        }
        var zones: [Zone] = []
        var ids: Set<String> = []
        for (index, feature) in collection.features.enumerated() {
            let area: ZoneArea
            do { area = try ZoneArea.validated(feature.geometry.polygons, region: region) } catch {
                throw Problem(featureIndex: index, reason: error.description)
            }
            let p = feature.properties
            let zone = Zone(id: feature.id, name: p.name, version: p.version ?? 1, validFrom: p.validFrom, validUntil: p.validUntil,
                            timeZone: p.timeZone ?? "Europe/Oslo", area: area, allowedVehicles: p.allowedVehicles ?? [],
                            policies: p.policies, defaultAccess: p.defaultAccess ?? .allowed,
                            certifiedConsolidators: Set(p.certifiedConsolidators ?? []), extraHolidays: p.extraHolidays ?? [],
                            automaticPermits: p.automaticPermits ?? [])
            if let problem = zone.problem { throw Problem(featureIndex: index, reason: "properties.\(problem)") }
            guard ids.insert(zone.id).inserted else { throw Problem(featureIndex: index, reason: "id '\(zone.id)' is used by an earlier feature") }
            zones.append(zone)
        }
        return zones
    }

    /// The zones as a FeatureCollection, keys sorted so the same zones always give the same bytes.
    public static func write(_ zones: [Zone]) -> Data {
        let collection = Collection(features: zones.map { zone in
            Feature(id: zone.id, geometry: zone.area, properties: Properties(
                name: zone.name, version: zone.version, validFrom: zone.validFrom, validUntil: zone.validUntil, timeZone: zone.timeZone,
                allowedVehicles: zone.allowedVehicles.isEmpty ? nil : zone.allowedVehicles, policies: zone.policies,
                defaultAccess: zone.defaultAccess, certifiedConsolidators: zone.certifiedConsolidators.isEmpty ? nil : zone.certifiedConsolidators.sorted(),
                extraHolidays: zone.extraHolidays.isEmpty ? nil : zone.extraHolidays,
                automaticPermits: zone.automaticPermits.isEmpty ? nil : zone.automaticPermits))
        })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(ISO8601DateTime.format(date, in: TimeZone(identifier: "Europe/Oslo") ?? .gmt))
        }
        return (try? encoder.encode(collection)) ?? Data()
    }

    /// A decoder for Samlast's zone and trip JSON: ISO 8601 date-times with their offset.
    public static var jsonDecoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = ISO8601DateTime.parse(text)?.date else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "'\(text)' is not an ISO 8601 date-time with an offset, e.g. 2026-05-01T00:00:00+02:00")
            }
            return date
        }
        return decoder
    }

    private static func featureIndex(in error: DecodingError) -> Int? {
        let path: [CodingKey]
        switch error {
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context): path = context.codingPath
        case .keyNotFound(_, let context): path = context.codingPath
        @unknown default: return nil
        }
        guard path.first?.stringValue == "features", path.count > 1 else { return nil }
        return path[1].intValue
    }

    private struct Collection: Codable {
        var type = "FeatureCollection"
        var features: [Feature]

        init(features: [Feature]) { self.features = features }

        private enum CodingKeys: String, CodingKey { case type, features }

        init(from decoder: Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            let type = try container.decode(String.self, forKey: .type)
            guard type == "FeatureCollection" else {
                throw DecodingError.dataCorruptedError(forKey: .type, in: container, debugDescription: "expected a FeatureCollection of zones, found a \(type)")
            }
            features = try container.decode([Feature].self, forKey: .features)
        }
    }

    private struct Feature: Codable {
        var type = "Feature"
        var id: String
        var geometry: ZoneArea
        var properties: Properties

        init(id: String, geometry: ZoneArea, properties: Properties) {
            self.id = id
            self.geometry = geometry
            self.properties = properties
        }

        private enum CodingKeys: String, CodingKey, CaseIterable { case type, id, geometry, properties, bbox }

        init(from decoder: Decoder) throws {
            try decoder.rejectUnknownKeys(CodingKeys.self)
            let container = try decoder.container(keyedBy: CodingKeys.self)
            id = try container.decode(String.self, forKey: .id)
            geometry = try container.decode(ZoneArea.self, forKey: .geometry)
            properties = try container.decode(Properties.self, forKey: .properties)
        }

        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(type, forKey: .type)
            try container.encode(id, forKey: .id)
            try container.encode(geometry, forKey: .geometry)
            try container.encode(properties, forKey: .properties)
        }
    }

    private struct Properties: Codable {
        var name: String
        var version: Int?
        var validFrom: Date
        var validUntil: Date?
        var timeZone: String?
        var allowedVehicles: [VehicleClass]?
        var policies: [ZonePolicy]
        var defaultAccess: ZonePolicy.Access?
        var certifiedConsolidators: [String]?
        var extraHolidays: [LocalDate]?
        var automaticPermits: [AutomaticPermitRule]?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case name, version, validFrom, validUntil, timeZone, allowedVehicles, policies, defaultAccess, certifiedConsolidators, extraHolidays, automaticPermits
        }

        init(name: String, version: Int?, validFrom: Date, validUntil: Date?, timeZone: String?, allowedVehicles: [VehicleClass]?, policies: [ZonePolicy],
             defaultAccess: ZonePolicy.Access?, certifiedConsolidators: [String]?, extraHolidays: [LocalDate]?, automaticPermits: [AutomaticPermitRule]?) {
            self.name = name; self.version = version; self.validFrom = validFrom; self.validUntil = validUntil; self.timeZone = timeZone
            self.allowedVehicles = allowedVehicles; self.policies = policies; self.defaultAccess = defaultAccess
            self.certifiedConsolidators = certifiedConsolidators; self.extraHolidays = extraHolidays; self.automaticPermits = automaticPermits
        }

        init(from decoder: Decoder) throws {
            try decoder.rejectUnknownKeys(CodingKeys.self)
            let c = try decoder.container(keyedBy: CodingKeys.self)
            name = try c.decode(String.self, forKey: .name)
            version = try c.decodeIfPresent(Int.self, forKey: .version)
            validFrom = try c.decode(Date.self, forKey: .validFrom)
            validUntil = try c.decodeIfPresent(Date.self, forKey: .validUntil)
            timeZone = try c.decodeIfPresent(String.self, forKey: .timeZone)
            allowedVehicles = try c.decodeIfPresent([VehicleClass].self, forKey: .allowedVehicles)
            policies = try c.decode([ZonePolicy].self, forKey: .policies)
            defaultAccess = try c.decodeIfPresent(ZonePolicy.Access.self, forKey: .defaultAccess)
            certifiedConsolidators = try c.decodeIfPresent([String].self, forKey: .certifiedConsolidators)
            extraHolidays = try c.decodeIfPresent([LocalDate].self, forKey: .extraHolidays)
            automaticPermits = try c.decodeIfPresent([AutomaticPermitRule].self, forKey: .automaticPermits)
        }
    }
}
