import Geo

extension ZoneArea: Codable {
    private enum Keys: String, CodingKey { case type, coordinates }

    /// Reads a GeoJSON Polygon or MultiPolygon geometry as written; `validated` checks it.
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: Keys.self)
        switch try container.decode(String.self, forKey: .type) {
        case "Polygon": self.init(polygons: [try container.decode([[Coordinate]].self, forKey: .coordinates)])
        case "MultiPolygon": self.init(polygons: try container.decode([[[Coordinate]]].self, forKey: .coordinates))
        case let other:
            throw DecodingError.dataCorruptedError(forKey: .type, in: container, debugDescription: "a zone is a Polygon or MultiPolygon, not a \(other)")
        }
    }

    /// Writes a Polygon when there is one, else a MultiPolygon.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        if polygons.count == 1 {
            try container.encode("Polygon", forKey: .type)
            try container.encode(polygons[0], forKey: .coordinates)
        } else {
            try container.encode("MultiPolygon", forKey: .type)
            try container.encode(polygons, forKey: .coordinates)
        }
    }
}
