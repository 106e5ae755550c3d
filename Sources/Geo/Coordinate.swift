/// A point on the Earth in WGS 84 degrees, in GeoJSON order (longitude first).
public struct Coordinate: Hashable, Sendable, Codable, CustomStringConvertible {
    public var longitude: Double
    public var latitude: Double

    public init(longitude: Double, latitude: Double) {
        self.longitude = longitude
        self.latitude = latitude
    }

    /// Whether the values lie within the WGS 84 ranges (|lon| ≤ 180, |lat| ≤ 90) and are finite.
    public var isValid: Bool {
        longitude.isFinite && latitude.isFinite && abs(longitude) <= 180 && abs(latitude) <= 90
    }

    /// Mean Earth radius used for great-circle distances (IUGG, metres).
    public static let earthRadiusMetres = 6_371_008.8

    /// Great-circle (haversine) distance in metres.
    public func greatCircleDistance(to other: Coordinate) -> Double {
        let toRadians = Double.pi / 180
        let phi1 = latitude * toRadians, phi2 = other.latitude * toRadians
        let dPhi = phi2 - phi1
        let dLambda = (other.longitude - longitude) * toRadians
        let sinHalfPhi = sin(dPhi / 2), sinHalfLambda = sin(dLambda / 2)
        let a = sinHalfPhi * sinHalfPhi + cos(phi1) * cos(phi2) * sinHalfLambda * sinHalfLambda
        return 2 * Coordinate.earthRadiusMetres * asin(min(1, a.squareRoot()))
    }

    public var description: String { "[\(longitude), \(latitude)]" }

    // GeoJSON position: [longitude, latitude].
    public init(from decoder: Decoder) throws {
        var container = try decoder.unkeyedContainer()
        longitude = try container.decode(Double.self)
        latitude = try container.decode(Double.self)
        guard container.isAtEnd || container.count == 3 else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "expected a GeoJSON position [longitude, latitude]")
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.unkeyedContainer()
        try container.encode(longitude)
        try container.encode(latitude)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
