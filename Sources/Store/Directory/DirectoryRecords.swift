import Domain
import Foundation
import Geo
import Routing

/// An account as stored (its password hash is read only by the log-in).
public struct AccountRecord: Codable, Sendable, Equatable {
    public var id: String
    public var organisationId: String
    public var name: String
    public var role: Role
    public var email: String?

    public init(id: String, organisationId: String, name: String, role: Role, email: String?) {
        self.id = id
        self.organisationId = organisationId
        self.name = name
        self.role = role
        self.email = email
    }
}

/// An API token as stored: its secret only as a hash.
public struct TokenRecord: Decodable, Sendable {
    public var id: String
    public var accountId: String
    public var name: String
    public var createdAt: EpochMilliseconds
    public var revokedAt: EpochMilliseconds?
}

/// A consolidation hub: who operates it, in which municipality, where, and its opening hours
/// (seconds after local midnight in `timeZone`).
public struct HubRecord: Decodable, Sendable {
    public var id: String
    public var name: String
    public var operatorId: String
    public var municipalityId: String?
    public var longitude: Double
    public var latitude: Double
    public var timeZone: String
    public var opens: Int
    public var closes: Int
    /// Electricity the hub uses per parcel handled (sorting, light, heat), for its ISO 14083
    /// hub operation; nil when not known.
    public var energyPerParcelKwh: Double?

    public init(id: String, name: String, operatorId: String, municipalityId: String?, location: Coordinate, timeZone: String, opens: Int, closes: Int,
                energyPerParcelKwh: Double? = nil) {
        self.id = id
        self.name = name
        self.operatorId = operatorId
        self.municipalityId = municipalityId
        longitude = location.longitude
        latitude = location.latitude
        self.timeZone = timeZone
        self.opens = opens
        self.closes = closes
        self.energyPerParcelKwh = energyPerParcelKwh
    }

    public var location: Coordinate { Coordinate(longitude: longitude, latitude: latitude) }
    public var zone: TimeZone { TimeZone(identifier: timeZone) ?? .gmt }
}

/// A vehicle of a hub's fleet.
public struct VehicleRecord: Decodable, Sendable {
    public var id: String
    public var hubId: String
    public var type: String
    public var capacityKg: Int
    public var capacityParcels: Int
    /// Comma-separated temperature classes besides ambient.
    public var temperatures: String
    public var rangeKm: Double?
    /// The licence plate, where the operator gave it.
    public var registration: String?

    public init(id: String, hubId: String, category: VehicleCategory, capacityKg: Int, capacityParcels: Int,
                temperatures: Set<TemperatureClass>, rangeKm: Double?, registration: String? = nil) {
        self.id = id
        self.hubId = hubId
        type = category.rawValue
        self.capacityKg = capacityKg
        self.capacityParcels = capacityParcels
        self.temperatures = temperatures.map(\.rawValue).sorted().joined(separator: ",")
        self.rangeKm = rangeKm
        self.registration = registration
    }

    public var temperatureClasses: Set<TemperatureClass> { Set(temperatures.split(separator: ",").compactMap { TemperatureClass(rawValue: String($0)) }) }

    /// The vehicle in the planner's terms.
    public var fleetVehicle: FleetVehicle {
        FleetVehicle(id: id, category: VehicleCategory(rawValue: type) ?? .eVan, capacityKg: capacityKg,
                     capacityParcels: capacityParcels, temperatures: temperatureClasses, rangeKm: rangeKm)
    }
}

/// A recipient's delivery site.
public struct SiteRecord: Decodable, Sendable {
    public var id: String
    public var recipientId: String
    public var name: String
    public var address: String
    public var longitude: Double
    public var latitude: Double
    /// JSON: weekday name → [[start, end]] in `HH:MM`.
    public var timeWindows: String
    public var accessNotes: String?
    public var serviceSeconds: Int

    public init(id: String, recipientId: String, name: String, address: String, location: Coordinate, timeWindows: String,
                accessNotes: String?, serviceSeconds: Int) {
        self.id = id
        self.recipientId = recipientId
        self.name = name
        self.address = address
        longitude = location.longitude
        latitude = location.latitude
        self.timeWindows = timeWindows
        self.accessNotes = accessNotes
        self.serviceSeconds = serviceSeconds
    }

    public var location: Coordinate { Coordinate(longitude: longitude, latitude: latitude) }
}
