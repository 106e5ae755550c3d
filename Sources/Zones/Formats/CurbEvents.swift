import Foundation
import Geo
import Routing

extension CDS {
    /// A Curb Event of the CDS Events API: something a sensor, camera, meter, officer or fleet
    /// feed saw at the curb. Field names are the specification's; vehicle identifiers
    /// (`vehicle_id`, `vehicle_license_plate`) are read so they can be hashed, and are never stored.
    public struct Event: Codable, Hashable, Sendable {
        public enum EventType: String, Codable, Hashable, Sendable, CaseIterable {
            case commsLost = "comms_lost", commsRestored = "comms_restored", decommissioned
            case parkStart = "park_start", parkEnd = "park_end", scheduledReport = "scheduled_report"
            case enterArea = "enter_area", exitArea = "exit_area"
        }

        public var eventId: String
        public var eventType: EventType
        public var eventPurpose: String?
        public var eventLocation: PointFeature
        /// Milliseconds since the epoch.
        public var eventTime: Int64
        public var eventPublicationTime: Int64
        public var curbZoneId: String?
        public var curbAreaIds: [String]?
        public var curbSpaceId: String?
        public var dataSourceType: String
        public var dataSourceOperatorId: String?
        public var dataSourceOperatorName: String?
        public var dataSourceDeviceId: String
        public var vehicleId: String?
        public var vehicleLicensePlate: String?
        public var vehiclePermitNumber: String?
        /// Centimetres.
        public var vehicleLength: Int?
        public var vehicleType: String?
        public var vehiclePropulsionTypes: [String]?
        public var vehicleBlockedLaneTypes: [String]?

        public init(eventId: String, eventType: EventType, eventLocation: Coordinate, eventTime: Int64, eventPublicationTime: Int64, dataSourceType: String,
                    dataSourceDeviceId: String, curbZoneId: String? = nil, vehicleLicensePlate: String? = nil, vehicleLength: Int? = nil,
                    vehicleType: String? = nil, vehiclePropulsionTypes: [String]? = nil, vehicleBlockedLaneTypes: [String]? = nil) {
            self.eventId = eventId; self.eventType = eventType; self.eventLocation = PointFeature(geometry: PointGeometry(coordinates: eventLocation))
            self.eventTime = eventTime; self.eventPublicationTime = eventPublicationTime; self.dataSourceType = dataSourceType
            self.dataSourceDeviceId = dataSourceDeviceId; self.curbZoneId = curbZoneId; self.vehicleLicensePlate = vehicleLicensePlate
            self.vehicleLength = vehicleLength; self.vehicleType = vehicleType; self.vehiclePropulsionTypes = vehiclePropulsionTypes
            self.vehicleBlockedLaneTypes = vehicleBlockedLaneTypes
        }

        enum CodingKeys: String, CodingKey {
            case eventId = "event_id", eventType = "event_type", eventPurpose = "event_purpose", eventLocation = "event_location"
            case eventTime = "event_time", eventPublicationTime = "event_publication_time", curbZoneId = "curb_zone_id"
            case curbAreaIds = "curb_area_ids", curbSpaceId = "curb_space_id", dataSourceType = "data_source_type"
            case dataSourceOperatorId = "data_source_operator_id", dataSourceOperatorName = "data_source_operator_name"
            case dataSourceDeviceId = "data_source_device_id", vehicleId = "vehicle_id", vehicleLicensePlate = "vehicle_license_plate"
            case vehiclePermitNumber = "vehicle_permit_number", vehicleLength = "vehicle_length", vehicleType = "vehicle_type"
            case vehiclePropulsionTypes = "vehicle_propulsion_types", vehicleBlockedLaneTypes = "vehicle_blocked_lane_types"
        }

        /// The specification's own examples give timestamps and lengths as strings of digits as
        /// well as numbers; both are read, numbers are written.
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            func integer(_ key: CodingKeys) throws -> Int64? {
                guard c.contains(key), try !c.decodeNil(forKey: key) else { return nil }
                return try CDS.wholeNumber(c, key)
            }
            func required(_ key: CodingKeys) throws -> Int64 {
                guard let value = try integer(key) else {
                    throw DecodingError.keyNotFound(key, DecodingError.Context(codingPath: c.codingPath, debugDescription: "required"))
                }
                return value
            }
            eventId = try c.decode(String.self, forKey: .eventId)
            let type = try c.decode(String.self, forKey: .eventType)
            guard let eventType = EventType(rawValue: type) else {
                throw DecodingError.dataCorruptedError(forKey: .eventType, in: c,
                                                       debugDescription: "'\(type)' is not one of \(EventType.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            self.eventType = eventType
            eventPurpose = try c.decodeIfPresent(String.self, forKey: .eventPurpose)
            eventLocation = try c.decode(PointFeature.self, forKey: .eventLocation)
            eventTime = try required(.eventTime)
            eventPublicationTime = try required(.eventPublicationTime)
            curbZoneId = try c.decodeIfPresent(String.self, forKey: .curbZoneId)
            curbAreaIds = try c.decodeIfPresent([String].self, forKey: .curbAreaIds)
            curbSpaceId = try c.decodeIfPresent(String.self, forKey: .curbSpaceId)
            dataSourceType = try c.decode(String.self, forKey: .dataSourceType)
            dataSourceOperatorId = try c.decodeIfPresent(String.self, forKey: .dataSourceOperatorId)
            dataSourceOperatorName = try c.decodeIfPresent(String.self, forKey: .dataSourceOperatorName)
            dataSourceDeviceId = try c.decode(String.self, forKey: .dataSourceDeviceId)
            vehicleId = try c.decodeIfPresent(String.self, forKey: .vehicleId)
            vehicleLicensePlate = try c.decodeIfPresent(String.self, forKey: .vehicleLicensePlate)
            vehiclePermitNumber = try c.decodeIfPresent(String.self, forKey: .vehiclePermitNumber)
            vehicleLength = try integer(.vehicleLength).map { Int(clamping: $0) }
            vehicleType = try c.decodeIfPresent(String.self, forKey: .vehicleType)
            vehiclePropulsionTypes = try c.decodeIfPresent([String].self, forKey: .vehiclePropulsionTypes)
            vehicleBlockedLaneTypes = try c.decodeIfPresent([String].self, forKey: .vehicleBlockedLaneTypes)
        }

        /// Where it happened.
        public var position: Coordinate { eventLocation.geometry.coordinates }
        public var time: Date { Date(timeIntervalSince1970: Double(eventTime) / 1000) }
    }

    /// A whole number written as a JSON number or a string of digits (the specification's own
    /// examples do both), with an error that says what is wrong with it.
    static func wholeNumber<Key: CodingKey>(_ c: KeyedDecodingContainer<Key>, _ key: Key) throws -> Int64 {
        if let number = try? c.decode(Int64.self, forKey: key) { return number }
        if let number = try? c.decode(Double.self, forKey: key) {
            throw DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: "\(number) is not a whole number within ±9.2e18")
        }
        guard let text = try? c.decode(String.self, forKey: key) else {
            throw DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: "expected a whole number")
        }
        guard let number = Int64(text) else { throw DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: "'\(text)' is not a whole number") }
        return number
    }

    /// A GeoJSON Feature with a Point geometry (`event_location`); its properties (any JSON) are not read.
    public struct PointFeature: Codable, Hashable, Sendable {
        public var type = "Feature"
        public var geometry: PointGeometry

        public init(geometry: PointGeometry) { self.geometry = geometry }
    }

    /// An Events API response: `{"version", "time_zone", "last_updated", "data": {"events": [...]}}`.
    public struct EventFeed: Codable, Hashable, Sendable {
        public struct Events: Codable, Hashable, Sendable {
            public var events: [Event]
        }

        public var version: String
        public var timeZone: String
        public var lastUpdated: Int64
        public var author: String?
        public var licenseUrl: String?
        public var data: Events

        public init(version: String = "1.0", timeZone: String, lastUpdated: Int64, author: String? = nil, events: [Event]) {
            self.version = version; self.timeZone = timeZone; self.lastUpdated = lastUpdated; self.author = author; self.data = Events(events: events)
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            version = try c.decode(String.self, forKey: .version)
            timeZone = try c.decode(String.self, forKey: .timeZone)
            lastUpdated = try CDS.wholeNumber(c, .lastUpdated)
            author = try c.decodeIfPresent(String.self, forKey: .author)
            licenseUrl = try c.decodeIfPresent(String.self, forKey: .licenseUrl)
            data = try c.decode(Events.self, forKey: .data)
        }

        enum CodingKeys: String, CodingKey {
            case version, data, author
            case timeZone = "time_zone", lastUpdated = "last_updated", licenseUrl = "license_url"
        }
    }
}

/// Reads and writes CDS Events feeds, checking what the specification requires beyond JSON
/// types: UUID event ids, unique within the feed, the source-type vocabulary, a Point inside
/// the expected region, and no event from the future.
public enum CurbEvents {
    public static let sourceTypes: Set<String> = ["data_feed", "camera", "above_ground", "in_ground", "meter", "in_person", "other"]
    public static let vehicleTypes: Set<String> = ["bicycle", "cargo_bicycle", "car", "scooter", "moped", "motorcycle", "truck", "van", "freight", "other", "unspecified"]
    /// Lanes whose blocking makes a stop double parking (CDS lane types other than `parking`).
    public static let trafficLanes: Set<String> = ["travel", "turn", "bike", "bus", "shoulder", "median", "sidewalk"]

    /// Reads a feed; `now` bounds event times (a sensor's clock may run up to five minutes ahead).
    public static func read(_ data: Data, region: ExpectedRegion = .norway, now: Date = Date()) throws(CurbDocument.Problem) -> CDS.EventFeed {
        let feed = try CurbDocument.decode(CDS.EventFeed.self, from: data)
        guard feed.version.range(of: #"^1\.[0-9]+$"#, options: .regularExpression) != nil else {
            throw CurbDocument.Problem(path: "$.version", reason: "'\(feed.version)' is not a CDS 1.x version")
        }
        guard TimeZone(identifier: feed.timeZone) != nil else { throw CurbDocument.Problem(path: "$.time_zone", reason: "'\(feed.timeZone)' is not an IANA time zone") }
        guard feed.lastUpdated > 0, feed.lastUpdated <= Int64((now.timeIntervalSince1970 + 86_400) * 1000) else {
            throw CurbDocument.Problem(path: "$.last_updated", reason: "\(feed.lastUpdated) is not a time up to now in milliseconds since 1970")
        }
        var ids: Set<String> = []
        let latest = Int64((now.timeIntervalSince1970 + 300) * 1000)
        for (i, event) in feed.data.events.enumerated() {
            let path = "$.data.events[\(i)]"
            guard UUID(uuidString: event.eventId) != nil else { throw CurbDocument.Problem(path: "\(path).event_id", reason: "'\(event.eventId)' is not a UUID") }
            guard ids.insert(event.eventId.lowercased()).inserted else { throw CurbDocument.Problem(path: "\(path).event_id", reason: "'\(event.eventId)' appears twice") }
            guard sourceTypes.contains(event.dataSourceType) else {
                throw CurbDocument.Problem(path: "\(path).data_source_type", reason: "'\(event.dataSourceType)' is not one of \(sourceTypes.sorted().joined(separator: ", "))")
            }
            guard UUID(uuidString: event.dataSourceDeviceId) != nil else {
                throw CurbDocument.Problem(path: "\(path).data_source_device_id", reason: "'\(event.dataSourceDeviceId)' is not a UUID")
            }
            if let type = event.vehicleType, !vehicleTypes.contains(type) {
                throw CurbDocument.Problem(path: "\(path).vehicle_type", reason: "'\(type)' is not one of \(vehicleTypes.sorted().joined(separator: ", "))")
            }
            for (key, value) in [("vehicle_license_plate", event.vehicleLicensePlate), ("vehicle_id", event.vehicleId), ("vehicle_permit_number", event.vehiclePermitNumber)] {
                if let value, value.count > 32 || value.unicodeScalars.contains(where: { CharacterSet.controlCharacters.contains($0) }) {
                    throw CurbDocument.Problem(path: "\(path).\(key)", reason: "at most 32 characters, none of them control characters")
                }
            }
            guard event.eventLocation.type == "Feature" else { throw CurbDocument.Problem(path: "\(path).event_location.type", reason: "must be Feature") }
            guard event.eventLocation.geometry.type == "Point" else { throw CurbDocument.Problem(path: "\(path).event_location.geometry.type", reason: "must be Point") }
            do { _ = try ZoneArea.validated(point: event.position, region: region) } catch {
                throw CurbDocument.Problem(path: "\(path).event_location.geometry.coordinates", reason: error.description)
            }
            guard event.eventTime > 0, event.eventTime <= latest else {
                throw CurbDocument.Problem(path: "\(path).event_time", reason: "\(event.eventTime) is not a time up to now in milliseconds since 1970")
            }
            guard event.eventPublicationTime >= event.eventTime - 300_000, event.eventPublicationTime <= latest else {
                throw CurbDocument.Problem(path: "\(path).event_publication_time", reason: "\(event.eventPublicationTime) is not a time between the event and now")
            }
            if let length = event.vehicleLength, !(1...3000).contains(length) {
                throw CurbDocument.Problem(path: "\(path).vehicle_length", reason: "\(length) cm is not a vehicle length")
            }
        }
        return feed
    }

    /// The feed as JSON with sorted keys.
    public static func write(_ feed: CDS.EventFeed) -> Data { CurbDocument.encode(feed) }
}
