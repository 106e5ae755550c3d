import Foundation

/// One version of a zone's rule set: the GeoJSON feature as imported.
public struct ZoneRecord: Codable, Sendable, Equatable {
    public var id: String
    public var version: Int
    public var municipalityId: String
    public var name: String
    public var validFrom: EpochMilliseconds
    public var validUntil: EpochMilliseconds?
    /// The zone as one GeoJSON Feature (Samlast's zone document).
    public var document: String
    public var createdAt: EpochMilliseconds

    public init(id: String, version: Int, municipalityId: String, name: String, validFrom: EpochMilliseconds, validUntil: EpochMilliseconds?,
                document: String, createdAt: EpochMilliseconds) {
        self.id = id; self.version = version; self.municipalityId = municipalityId; self.name = name
        self.validFrom = validFrom; self.validUntil = validUntil; self.document = document; self.createdAt = createdAt
    }
}

/// A trip into a zone with the verdict it got when it was declared (or derived from the hub's plan).
public struct ZoneTripRecord: Codable, Sendable, Equatable {
    public var operatorId: String
    public var tripId: String
    public var zoneId: String
    public var zoneVersion: Int
    /// `declared` (API or CSV) or `plan` (the hub's own, from its routes and events).
    public var source: String
    public var entryAt: EpochMilliseconds
    public var outcome: String
    /// The trip as JSON.
    public var trip: String
    /// The verdict as JSON.
    public var verdict: String
    public var declaredAt: EpochMilliseconds
    /// The keyed hash of the vehicle's plate, kept apart from `trip` so that it is forgotten
    /// after the retention period while the trip and its verdict stay.
    public var plateHash: String?

    public init(operatorId: String, tripId: String, zoneId: String, zoneVersion: Int, source: String, entryAt: EpochMilliseconds, outcome: String,
                trip: String, verdict: String, declaredAt: EpochMilliseconds, plateHash: String?) {
        self.operatorId = operatorId; self.tripId = tripId; self.zoneId = zoneId; self.zoneVersion = zoneVersion; self.source = source
        self.entryAt = entryAt; self.outcome = outcome; self.trip = trip; self.verdict = verdict; self.declaredAt = declaredAt
        self.plateHash = plateHash
    }
}

/// An application for an exemption and, once decided, the decision.
public struct PermitRecord: Codable, Sendable, Equatable {
    public var id: String
    public var zoneId: String
    public var operatorId: String
    /// `pending`, `granted` or `refused`.
    public var status: String
    /// The application as JSON.
    public var application: String
    /// Why: the automatic rule that granted it, the reasons it went to a case officer, or the officer's words.
    public var decision: String
    public var decidedBy: String?
    public var validFrom: EpochMilliseconds
    public var validUntil: EpochMilliseconds
    public var createdAt: EpochMilliseconds
    public var decidedAt: EpochMilliseconds?

    public init(id: String, zoneId: String, operatorId: String, status: String, application: String, decision: String, decidedBy: String?,
                validFrom: EpochMilliseconds, validUntil: EpochMilliseconds, createdAt: EpochMilliseconds, decidedAt: EpochMilliseconds?) {
        self.id = id; self.zoneId = zoneId; self.operatorId = operatorId; self.status = status; self.application = application
        self.decision = decision; self.decidedBy = decidedBy; self.validFrom = validFrom; self.validUntil = validUntil
        self.createdAt = createdAt; self.decidedAt = decidedAt
    }
}

/// A loading bay: its CDS curb zone and policies as one JSON document.
public struct BayRecord: Codable, Sendable, Equatable {
    public var id: String
    public var municipalityId: String
    public var localId: String?
    public var document: String
    public var longitude: Double
    public var latitude: Double
    public var updatedAt: EpochMilliseconds

    public init(id: String, municipalityId: String, localId: String?, document: String, longitude: Double, latitude: Double, updatedAt: EpochMilliseconds) {
        self.id = id; self.municipalityId = municipalityId; self.localId = localId; self.document = document
        self.longitude = longitude; self.latitude = latitude; self.updatedAt = updatedAt
    }
}

/// A booking of a bay's slots by an operator's vehicle.
public struct BookingRecord: Codable, Sendable, Equatable {
    public var id: String
    public var bayId: String
    public var operatorId: String
    public var vehicleRef: String
    public var startAt: EpochMilliseconds
    public var endAt: EpochMilliseconds
    /// `held`, `confirmed`, `arrived` or `released`; a held or confirmed booking past `expiresAt` has lapsed.
    public var status: String
    /// When its claims lapse: the hold's end, or a confirmed booking's no-show release; nil once arrived or released.
    public var expiresAt: EpochMilliseconds?
    public var createdAt: EpochMilliseconds
    public var updatedAt: EpochMilliseconds

    public init(id: String, bayId: String, operatorId: String, vehicleRef: String, startAt: EpochMilliseconds, endAt: EpochMilliseconds,
                status: String, expiresAt: EpochMilliseconds?, createdAt: EpochMilliseconds, updatedAt: EpochMilliseconds) {
        self.id = id; self.bayId = bayId; self.operatorId = operatorId; self.vehicleRef = vehicleRef; self.startAt = startAt
        self.endAt = endAt; self.status = status; self.expiresAt = expiresAt; self.createdAt = createdAt; self.updatedAt = updatedAt
    }
}

/// How many of a bay's spaces are claimed in one slot (no operator named).
public struct SlotOccupancy: Codable, Sendable, Equatable {
    public var slotStart: EpochMilliseconds
    public var claimed: Int
}

/// A stop of a route as a zone's rules need it: where, whom, what is handed over, when.
public struct RouteTripStop: Decodable, Sendable, Equatable {
    public var stopIndex: Int
    public var recipientId: String
    public var longitude: Double
    public var latitude: Double
    public var eta: EpochMilliseconds
    public var parcels: Int
    public var weightKg: Double
    /// Σ length × width × height of the stop's parcels that were announced with all three, m³.
    public var measuredVolumeM3: Double
    /// Parcels announced without dimensions.
    public var unmeasured: Int
}

/// The vehicle a route is driven with, as the fleet records it.
public struct RouteVehicleRecord: Decodable, Sendable, Equatable {
    public var vehicleType: String
    public var capacityKg: Int
    public var capacityParcels: Int
    public var registration: String?
}

/// A curb event (CDS Events) as stored: vehicle identifiers replaced by a keyed hash.
public struct CurbEventRecord: Codable, Sendable, Equatable {
    public var municipalityId: String
    public var eventId: String
    public var eventType: String
    public var occurredAt: EpochMilliseconds
    /// The bay (CDS curb zone) it happened at.
    public var curbZoneId: String?
    public var plateHash: String?
    /// The CDS event as JSON, without `vehicle_license_plate`, `vehicle_id` or `vehicle_permit_number`.
    public var event: String
    public var receivedAt: EpochMilliseconds

    public init(municipalityId: String, eventId: String, eventType: String, occurredAt: EpochMilliseconds, curbZoneId: String?,
                plateHash: String?, event: String, receivedAt: EpochMilliseconds) {
        self.municipalityId = municipalityId; self.eventId = eventId; self.eventType = eventType; self.occurredAt = occurredAt
        self.curbZoneId = curbZoneId; self.plateHash = plateHash; self.event = event; self.receivedAt = receivedAt
    }
}
