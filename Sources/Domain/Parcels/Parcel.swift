import Foundation

/// Temperature requirements of a parcel, which decide the vehicles that may carry it.
public enum TemperatureClass: String, Sendable, Hashable, Codable, CaseIterable {
    case ambient, chilled, frozen
}

/// A parcel (kolli): the unit that is scanned, carried and delivered.
public struct Parcel: Sendable, Hashable, Codable, Identifiable {
    /// The barcode printed on the label, unique on the platform.
    public var id: String
    public var shipmentId: String
    /// The carrier organisation that brings the parcel to the hub.
    public var carrierId: String
    /// The shipper (supplier) organisation, when known.
    public var shipperId: String?
    /// The recipient organisation.
    public var recipientId: String
    public var hubId: String
    public var weightKg: Double
    public var volumeLitres: Double?
    public var isPallet: Bool
    public var temperature: TemperatureClass

    public init(id: String, shipmentId: String, carrierId: String, shipperId: String? = nil, recipientId: String, hubId: String,
                weightKg: Double, volumeLitres: Double? = nil, isPallet: Bool = false, temperature: TemperatureClass = .ambient) {
        self.id = id
        self.shipmentId = shipmentId
        self.carrierId = carrierId
        self.shipperId = shipperId
        self.recipientId = recipientId
        self.hubId = hubId
        self.weightKg = weightKg
        self.volumeLitres = volumeLitres
        self.isPallet = isPallet
        self.temperature = temperature
    }
}
