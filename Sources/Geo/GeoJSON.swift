/// Minimal GeoJSON (RFC 7946) writer types: enough to publish routes and stops.
public enum GeoJSON {
    /// A geometry: Point or LineString in [longitude, latitude] positions.
    public enum Geometry: Sendable, Encodable {
        case point(Coordinate)
        case lineString([Coordinate])

        private enum Keys: String, CodingKey { case type, coordinates }

        public func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            switch self {
            case .point(let coordinate):
                try container.encode("Point", forKey: .type)
                try container.encode(coordinate, forKey: .coordinates)
            case .lineString(let coordinates):
                try container.encode("LineString", forKey: .type)
                try container.encode(coordinates, forKey: .coordinates)
            }
        }
    }

    /// A property value: GeoJSON properties are arbitrary JSON; we only need these.
    public enum Value: Sendable, Encodable, Equatable {
        case string(String)
        case number(Double)
        case integer(Int)

        public func encode(to encoder: Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .string(let value): try container.encode(value)
            case .number(let value): try container.encode(value)
            case .integer(let value): try container.encode(value)
            }
        }
    }

    public struct Feature: Sendable, Encodable {
        public var type = "Feature"
        public var geometry: Geometry
        public var properties: [String: Value]

        public init(geometry: Geometry, properties: [String: Value]) {
            self.geometry = geometry
            self.properties = properties
        }
    }

    public struct FeatureCollection: Sendable, Encodable {
        public var type = "FeatureCollection"
        public var features: [Feature]
        /// Foreign member (RFC 7946 §6.1) carrying the data licence notice where OSM data was used.
        public var attribution: String?

        public init(features: [Feature], attribution: String? = nil) {
            self.features = features
            self.attribution = attribution
        }
    }
}
