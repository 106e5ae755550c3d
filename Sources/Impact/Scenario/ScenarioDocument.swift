import Foundation
import Geo
import Routing

/// A consolidation scenario: recipients, carriers and their depots, the hub and its fleet,
/// how demand is drawn, the zone to measure, and the sensitivity to explore. Every parameter
/// that is not data should name its source in `sources` (see docs/scenario-json.md).
public struct ScenarioDocument: Decodable, Sendable {
    public struct VehicleSpec: Decodable, Sendable {
        public var type: VehicleCategory
        public var capacityKg: Int
        public var capacityParcels: Int
        /// For the hub fleet: how many; carriers get as many vehicles as they need.
        public var count: Int?
        public var fixedCost: Double?
        public var costPerKm: Double?
        public var costPerHour: Double?
        enum CodingKeys: String, CodingKey, CaseIterable { case type, capacityKg, capacityParcels, count, fixedCost, costPerKm, costPerHour }
        public init(from decoder: Decoder) throws {
            try decoder.rejectUnknownKeys(CodingKeys.self)
            let c = try decoder.container(keyedBy: CodingKeys.self)
            type = try c.decode(VehicleCategory.self, forKey: .type)
            capacityKg = try c.decode(Int.self, forKey: .capacityKg)
            capacityParcels = try c.decode(Int.self, forKey: .capacityParcels)
            count = try c.decodeIfPresent(Int.self, forKey: .count)
            fixedCost = try c.decodeIfPresent(Double.self, forKey: .fixedCost)
            costPerKm = try c.decodeIfPresent(Double.self, forKey: .costPerKm)
            costPerHour = try c.decodeIfPresent(Double.self, forKey: .costPerHour)
            guard capacityKg > 0, capacityParcels > 0 else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "capacities must be > 0"))
            }
            if let count, count < 1 { throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath + [CodingKeys.count], debugDescription: "count must be ≥ 1")) }
        }
    }

    public struct Hub: Decodable, Sendable {
        public var location: Coordinate
        public var vehicles: [VehicleSpec]
        /// Electricity per parcel handled at the hub (kWh); nil when unknown (then 0, and said so).
        public var energyPerParcelKWh: Double?
        enum CodingKeys: String, CodingKey, CaseIterable { case location, vehicles, energyPerParcelKWh }
        public init(from decoder: Decoder) throws {
            try decoder.rejectUnknownKeys(CodingKeys.self)
            let c = try decoder.container(keyedBy: CodingKeys.self)
            location = try c.decode(Coordinate.self, forKey: .location)
            vehicles = try c.decode([VehicleSpec].self, forKey: .vehicles)
            energyPerParcelKWh = try c.decodeIfPresent(Double.self, forKey: .energyPerParcelKWh)
            guard !vehicles.isEmpty else { throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath + [CodingKeys.vehicles], debugDescription: "the hub needs at least one vehicle")) }
            guard vehicles.allSatisfy({ $0.count != nil }) else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath + [CodingKeys.vehicles], debugDescription: "every hub vehicle needs a count"))
            }
        }
    }

    public struct Carrier: Decodable, Sendable {
        public var id: String
        public var depot: Coordinate
        public var vehicle: VehicleSpec
        /// Share of all deliveries this carrier makes (shares are normalised over carriers).
        public var marketShare: Double
        enum CodingKeys: String, CodingKey, CaseIterable { case id, depot, vehicle, marketShare }
        public init(from decoder: Decoder) throws {
            try decoder.rejectUnknownKeys(CodingKeys.self)
            let c = try decoder.container(keyedBy: CodingKeys.self)
            id = try c.decode(String.self, forKey: .id)
            depot = try c.decode(Coordinate.self, forKey: .depot)
            vehicle = try c.decode(VehicleSpec.self, forKey: .vehicle)
            marketShare = try c.decode(Double.self, forKey: .marketShare)
            guard marketShare > 0 else { throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath + [CodingKeys.marketShare], debugDescription: "must be > 0")) }
        }
    }

    public struct Recipient: Decodable, Sendable {
        public var id: String
        public var location: Coordinate
        public var category: String
        /// Local clock times "HH:MM" when deliveries may start.
        public var timeWindow: [String]?
        enum CodingKeys: String, CodingKey, CaseIterable { case id, location, category, timeWindow }
        public init(from decoder: Decoder) throws {
            try decoder.rejectUnknownKeys(CodingKeys.self)
            let c = try decoder.container(keyedBy: CodingKeys.self)
            id = try c.decode(String.self, forKey: .id)
            location = try c.decode(Coordinate.self, forKey: .location)
            category = try c.decode(String.self, forKey: .category)
            timeWindow = try c.decodeIfPresent([String].self, forKey: .timeWindow)
            if let timeWindow {
                guard timeWindow.count == 2, let start = ClockTime.seconds(timeWindow[0]), let end = ClockTime.seconds(timeWindow[1]), start < end else {
                    throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath + [CodingKeys.timeWindow], debugDescription: "expected [\"HH:MM\", \"HH:MM\"] with the start before the end"))
                }
            }
        }
    }

    public struct Demand: Decodable, Sendable {
        /// Mean deliveries per week by recipient category; "default" for the others.
        public var deliveriesPerWeek: [String: Double]
        /// Parcels per delivery follow a geometric distribution on 1, 2, … with this mean (≥ 1).
        public var meanParcelsPerDelivery: Double
        public var parcelWeightKg: Double
        enum CodingKeys: String, CodingKey, CaseIterable { case deliveriesPerWeek, meanParcelsPerDelivery, parcelWeightKg }
        public init(from decoder: Decoder) throws {
            try decoder.rejectUnknownKeys(CodingKeys.self)
            let c = try decoder.container(keyedBy: CodingKeys.self)
            deliveriesPerWeek = try c.decode([String: Double].self, forKey: .deliveriesPerWeek)
            meanParcelsPerDelivery = try c.decode(Double.self, forKey: .meanParcelsPerDelivery)
            parcelWeightKg = try c.decode(Double.self, forKey: .parcelWeightKg)
            guard meanParcelsPerDelivery >= 1 else { throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath + [CodingKeys.meanParcelsPerDelivery], debugDescription: "must be ≥ 1")) }
            guard parcelWeightKg > 0 else { throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath + [CodingKeys.parcelWeightKg], debugDescription: "must be > 0")) }
            guard deliveriesPerWeek["default"] != nil else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath + [CodingKeys.deliveriesPerWeek], debugDescription: "needs a \"default\" entry"))
            }
            for (key, value) in deliveriesPerWeek where value < 0 || value > 50 {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath + [CodingKeys.deliveriesPerWeek, AnyCodingKey(stringValue: key)], debugDescription: "expected 0…50 deliveries per week"))
            }
        }
    }

    /// A policy variant, simulated with every carrier delivering via the hub.
    public struct PolicyVariant: Decodable, Sendable {
        public var name: String
        /// Working-day indices (0 = first day of the week) on which recipients of
        /// `fixedDayCategories` receive goods; deliveries of other days wait for the next one.
        public var fixedDeliveryDays: [Int]?
        public var fixedDayCategories: [String]?
        /// A local-time window ["HH:MM", "HH:MM"] replacing the daytime window of recipients of
        /// `eveningCategories`; the hub's vehicles then work until the window closes.
        public var eveningWindow: [String]?
        public var eveningCategories: [String]?
        enum CodingKeys: String, CodingKey, CaseIterable { case name, fixedDeliveryDays, fixedDayCategories, eveningWindow, eveningCategories }
        public init(from decoder: Decoder) throws {
            try decoder.rejectUnknownKeys(CodingKeys.self)
            let c = try decoder.container(keyedBy: CodingKeys.self)
            name = try c.decode(String.self, forKey: .name)
            fixedDeliveryDays = try c.decodeIfPresent([Int].self, forKey: .fixedDeliveryDays)
            fixedDayCategories = try c.decodeIfPresent([String].self, forKey: .fixedDayCategories)
            eveningWindow = try c.decodeIfPresent([String].self, forKey: .eveningWindow)
            eveningCategories = try c.decodeIfPresent([String].self, forKey: .eveningCategories)
            if let days = fixedDeliveryDays, days.isEmpty || !days.allSatisfy({ (0..<5).contains($0) }) {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath + [CodingKeys.fixedDeliveryDays], debugDescription: "expected working-day indices 0…4"))
            }
            if let window = eveningWindow {
                guard window.count == 2, let start = ClockTime.seconds(window[0]), let end = ClockTime.seconds(window[1]), start < end else {
                    throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath + [CodingKeys.eveningWindow], debugDescription: "expected [\"HH:MM\", \"HH:MM\"] with the start before the end"))
                }
            }
        }
    }

    public struct Source: Decodable, Sendable {
        public var parameter: String
        public var source: String
    }

    public var name: String
    public var description: String?
    public var attribution: String?
    public var seed: UInt64
    /// Working days simulated (5 = one week).
    public var days: Int
    /// Optimiser time per plan, seconds: the same for every plan, so the comparison is fair.
    public var planTimeLimit: Double
    public var stopServiceSeconds: Double
    public var parcelServiceSeconds: Double
    public var hub: Hub
    public var carriers: [Carrier]
    public var recipients: [Recipient]
    public var demand: Demand
    /// The zone whose traffic is measured: a GeoJSON Polygon's outer ring.
    public var zone: [Coordinate]?
    /// Shares of carriers joining the hub to compare (default [1]).
    public var hubParticipation: [Double]
    /// Carriers (ids) that always deliver via the hub in consolidated variants: e.g. the
    /// municipality's own suppliers under its framework agreements, for a base volume.
    public var municipalCarriers: [String]
    public var policyVariants: [PolicyVariant]
    public var sources: [Source]

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, description, attribution, seed, days, planTimeLimit, stopServiceSeconds, parcelServiceSeconds
        case hub, carriers, recipients, demand, zone, hubParticipation, municipalCarriers, policyVariants, sources
    }

    public init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        description = try c.decodeIfPresent(String.self, forKey: .description)
        attribution = try c.decodeIfPresent(String.self, forKey: .attribution)
        seed = try c.decodeIfPresent(UInt64.self, forKey: .seed) ?? 1
        days = try c.decode(Int.self, forKey: .days)
        planTimeLimit = try c.decodeIfPresent(Double.self, forKey: .planTimeLimit) ?? 1
        stopServiceSeconds = try c.decodeIfPresent(Double.self, forKey: .stopServiceSeconds) ?? 180
        parcelServiceSeconds = try c.decodeIfPresent(Double.self, forKey: .parcelServiceSeconds) ?? 30
        hub = try c.decode(Hub.self, forKey: .hub)
        carriers = try c.decode([Carrier].self, forKey: .carriers)
        recipients = try c.decode([Recipient].self, forKey: .recipients)
        demand = try c.decode(Demand.self, forKey: .demand)
        if c.contains(.zone) {
            let polygon = try c.decode(ZonePolygon.self, forKey: .zone)
            zone = polygon.ring
        }
        hubParticipation = try c.decodeIfPresent([Double].self, forKey: .hubParticipation) ?? [1]
        municipalCarriers = try c.decodeIfPresent([String].self, forKey: .municipalCarriers) ?? []
        policyVariants = try c.decodeIfPresent([PolicyVariant].self, forKey: .policyVariants) ?? []
        sources = try c.decodeIfPresent([Source].self, forKey: .sources) ?? []
        func fail(_ key: CodingKeys, _ message: String) -> DecodingError {
            DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath + [key], debugDescription: message))
        }
        guard (1...366).contains(days) else { throw fail(.days, "expected 1…366 days") }
        guard planTimeLimit > 0, planTimeLimit <= 600 else { throw fail(.planTimeLimit, "expected 0 < seconds ≤ 600") }
        guard !carriers.isEmpty else { throw fail(.carriers, "needs at least one carrier") }
        guard !recipients.isEmpty else { throw fail(.recipients, "needs at least one recipient") }
        guard hubParticipation.allSatisfy({ (0...1).contains($0) }), !hubParticipation.isEmpty else { throw fail(.hubParticipation, "shares must lie in 0…1") }
        var seen = Set<String>()
        for (index, recipient) in recipients.enumerated() where !seen.insert(recipient.id).inserted {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath + [CodingKeys.recipients, AnyCodingKey(intValue: index)!, AnyCodingKey(stringValue: "id")], debugDescription: "duplicate recipient id '\(recipient.id)'"))
        }
        for (index, id) in municipalCarriers.enumerated() where !carriers.contains(where: { $0.id == id }) {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath + [CodingKeys.municipalCarriers, AnyCodingKey(intValue: index)!], debugDescription: "unknown carrier id '\(id)'"))
        }
        seen = []
        for (index, carrier) in carriers.enumerated() where !seen.insert(carrier.id).inserted {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath + [CodingKeys.carriers, AnyCodingKey(intValue: index)!, AnyCodingKey(stringValue: "id")], debugDescription: "duplicate carrier id '\(carrier.id)'"))
        }
    }

    /// Reads a scenario file, naming the JSON path of the first problem.
    public static func read(data: Data, file: String) throws -> ScenarioDocument {
        do {
            return try JSONDecoder().decode(ScenarioDocument.self, from: data)
        } catch let error as DecodingError {
            throw FormatError(file: file, error.pathAndMessage)
        } catch {
            throw FormatError(file: file, "not valid JSON: \(error.localizedDescription)")
        }
    }
}

/// A GeoJSON Polygon; only the outer ring is used.
struct ZonePolygon: Decodable {
    var ring: [Coordinate]
    enum CodingKeys: String, CodingKey, CaseIterable { case type, coordinates }
    init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        guard try c.decode(String.self, forKey: .type) == "Polygon" else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath + [CodingKeys.type], debugDescription: "expected a GeoJSON Polygon"))
        }
        let rings = try c.decode([[Coordinate]].self, forKey: .coordinates)
        guard let outer = rings.first, outer.count >= 4, outer.first == outer.last else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath + [CodingKeys.coordinates], debugDescription: "a Polygon's outer ring needs ≥ 4 positions, the last equal to the first (RFC 7946 §3.1.6)"))
        }
        ring = outer
    }
}

/// "HH:MM" local clock times as seconds after midnight.
enum ClockTime {
    static func seconds(_ text: String) -> Double? {
        let parts = text.split(separator: ":")
        guard parts.count == 2, let h = Int(parts[0]), let m = Int(parts[1]), (0...24).contains(h), (0..<60).contains(m) else { return nil }
        return Double(h * 3600 + m * 60)
    }
}
