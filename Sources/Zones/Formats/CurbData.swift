import Foundation
import Geo

/// The Open Mobility Foundation's Curb Data Specification (CDS 1.0), Curbs API: the objects a
/// city publishes about its curbs. Samlast keeps loading bays in these very objects, so what
/// it publishes is what it stores. Field names are the specification's; timestamps are
/// milliseconds since the epoch, lengths whole centimetres.
public enum CDS {
    /// Every Curbs API response: `{"version", "time_zone", "last_updated", "currency", "data"}`.
    public struct Envelope: Codable, Hashable, Sendable {
        public var version: String
        public var timeZone: String
        public var lastUpdated: Int64
        public var currency: String
        public var author: String?
        public var licenseUrl: String?
        public var data: Payload

        public init(version: String = "1.0", timeZone: String, lastUpdated: Int64, currency: String = "NOK", author: String? = nil, licenseUrl: String? = nil, data: Payload) {
            self.version = version; self.timeZone = timeZone; self.lastUpdated = lastUpdated; self.currency = currency
            self.author = author; self.licenseUrl = licenseUrl; self.data = data
        }

        enum CodingKeys: String, CodingKey {
            case version, data, currency, author
            case timeZone = "time_zone", lastUpdated = "last_updated", licenseUrl = "license_url"
        }
    }

    /// `data` of an envelope: each endpoint fills one list; a whole data set fills several.
    public struct Payload: Codable, Hashable, Sendable {
        public var zones: [CurbZone]?
        public var areas: [CurbArea]?
        public var spaces: [CurbSpace]?
        public var objects: [CurbObject]?
        public var policies: [CurbPolicy]?

        public init(zones: [CurbZone]? = nil, areas: [CurbArea]? = nil, spaces: [CurbSpace]? = nil, objects: [CurbObject]? = nil, policies: [CurbPolicy]? = nil) {
            self.zones = zones; self.areas = areas; self.spaces = spaces; self.objects = objects; self.policies = policies
        }
    }

    public struct CurbZone: Codable, Hashable, Sendable {
        public var curbZoneId: String
        public var geometry: ZoneArea
        public var curbPolicyIds: [String]
        public var prevPolicies: [PreviousPolicy]?
        public var publishedDate: Int64
        public var lastUpdatedDate: Int64
        public var prevCurbZoneIds: [String]?
        public var startDate: Int64
        public var endDate: Int64?
        public var locationReferences: [LocationReference]?
        public var name: String?
        public var userZoneId: String?
        public var streetName: String?
        public var crossStreetStartName: String?
        public var crossStreetEndName: String?
        /// Centimetres along the curb.
        public var length: Int?
        public var availableSpaceLengths: [Int]?
        public var availabilityTime: Int64?
        public var width: Int?
        public var parkingAngle: String?
        public var numSpaces: Int?
        public var streetSide: String?
        public var median: Bool?
        public var entireRoadway: Bool?
        public var curbAreaIds: [String]?
        public var curbSpaceIds: [String]?

        public init(curbZoneId: String, geometry: ZoneArea, curbPolicyIds: [String], publishedDate: Int64, lastUpdatedDate: Int64, startDate: Int64) {
            self.curbZoneId = curbZoneId; self.geometry = geometry; self.curbPolicyIds = curbPolicyIds
            self.publishedDate = publishedDate; self.lastUpdatedDate = lastUpdatedDate; self.startDate = startDate
        }

        enum CodingKeys: String, CodingKey {
            case geometry, name, length, width, median
            case curbZoneId = "curb_zone_id", curbPolicyIds = "curb_policy_ids", prevPolicies = "prev_policies", publishedDate = "published_date"
            case lastUpdatedDate = "last_updated_date", prevCurbZoneIds = "prev_curb_zone_ids", startDate = "start_date", endDate = "end_date"
            case locationReferences = "location_references", userZoneId = "user_zone_id", streetName = "street_name"
            case crossStreetStartName = "cross_street_start_name", crossStreetEndName = "cross_street_end_name"
            case availableSpaceLengths = "available_space_lengths", availabilityTime = "availability_time", parkingAngle = "parking_angle"
            case numSpaces = "num_spaces", streetSide = "street_side", entireRoadway = "entire_roadway", curbAreaIds = "curb_area_ids", curbSpaceIds = "curb_space_ids"
        }
    }

    public struct PreviousPolicy: Codable, Hashable, Sendable {
        public var curbPolicyIds: [String]
        public var startDate: Int64
        public var endDate: Int64
        enum CodingKeys: String, CodingKey { case curbPolicyIds = "curb_policy_ids", startDate = "start_date", endDate = "end_date" }
    }

    public struct LocationReference: Codable, Hashable, Sendable {
        public var source: String
        public var refId: String
        public var start: Int
        public var end: Int
        public var side: String?
        enum CodingKeys: String, CodingKey { case source, start, end, side, refId = "ref_id" }
    }

    public struct CurbArea: Codable, Hashable, Sendable {
        public var curbAreaId: String
        public var geometry: ZoneArea
        public var name: String?
        public var publishedDate: Int64
        public var lastUpdatedDate: Int64
        public var curbZoneIds: [String]

        public init(curbAreaId: String, geometry: ZoneArea, name: String?, publishedDate: Int64, lastUpdatedDate: Int64, curbZoneIds: [String]) {
            self.curbAreaId = curbAreaId; self.geometry = geometry; self.name = name
            self.publishedDate = publishedDate; self.lastUpdatedDate = lastUpdatedDate; self.curbZoneIds = curbZoneIds
        }

        enum CodingKeys: String, CodingKey {
            case geometry, name
            case curbAreaId = "curb_area_id", publishedDate = "published_date", lastUpdatedDate = "last_updated_date", curbZoneIds = "curb_zone_ids"
        }
    }

    public struct CurbSpace: Codable, Hashable, Sendable {
        public var curbSpaceId: String
        public var geometry: ZoneArea
        public var name: String?
        public var publishedDate: Int64
        public var lastUpdatedDate: Int64
        public var curbZoneId: String
        public var spaceNumber: Int?
        public var length: Int
        public var width: Int?
        public var available: Bool?
        public var availabilityTime: Int64?

        enum CodingKeys: String, CodingKey {
            case geometry, name, length, width, available
            case curbSpaceId = "curb_space_id", publishedDate = "published_date", lastUpdatedDate = "last_updated_date", curbZoneId = "curb_zone_id"
            case spaceNumber = "space_number", availabilityTime = "availability_time"
        }
    }

    /// Things at the curb (CDS 1.1): signs, bollards, parcel lockers, chargers.
    public struct CurbObject: Codable, Hashable, Sendable {
        public var curbObjectId: String
        public var geometry: PointGeometry
        public var curbZoneId: String?
        public var curbSpaceId: String?
        public var curbPolicyId: String?
        public var objectType: String
        public var name: String
        public var description: String?
        public var owner: String?
        public var `operator`: String?
        public var publishedDate: Int64
        public var lastUpdatedDate: Int64

        enum CodingKeys: String, CodingKey {
            case geometry, name, description, owner, `operator`
            case curbObjectId = "curb_object_id", curbZoneId = "curb_zone_id", curbSpaceId = "curb_space_id", curbPolicyId = "curb_policy_id"
            case objectType = "object_type", publishedDate = "published_date", lastUpdatedDate = "last_updated_date"
        }
    }

    /// A GeoJSON Point geometry.
    public struct PointGeometry: Codable, Hashable, Sendable {
        public var type = "Point"
        public var coordinates: Coordinate
    }

    public struct CurbPolicy: Codable, Hashable, Sendable {
        public var curbPolicyId: String
        public var publishedDate: Int64
        /// Lower numbers win.
        public var priority: Int
        public var rules: [Rule]
        public var timeSpans: [TimeSpan]?
        public var dataSourceOperatorId: [String]?
        public var name: String?
        public var description: String?

        public init(curbPolicyId: String, publishedDate: Int64, priority: Int, rules: [Rule], timeSpans: [TimeSpan]? = nil, name: String? = nil) {
            self.curbPolicyId = curbPolicyId; self.publishedDate = publishedDate; self.priority = priority
            self.rules = rules; self.timeSpans = timeSpans; self.name = name
        }

        enum CodingKeys: String, CodingKey {
            case priority, rules, name, description
            case curbPolicyId = "curb_policy_id", publishedDate = "published_date", timeSpans = "time_spans", dataSourceOperatorId = "data_source_operator_id"
        }
    }

    public struct Rule: Codable, Hashable, Sendable {
        /// `parking`, `no parking`, `loading`, `no loading`, `unloading`, `no unloading`, `stopping`, `no stopping`, `travel`, `no travel`.
        public var activity: String
        public var maxStay: Int?
        public var maxStayUnit: String?
        public var noReturn: Int?
        public var noReturnUnit: String?
        /// A vehicle must have every class listed; absent means everyone.
        public var userClasses: [String]?
        public var rate: [Rate]?

        public init(activity: String, maxStay: Int? = nil, maxStayUnit: String? = nil, userClasses: [String]? = nil) {
            self.activity = activity; self.maxStay = maxStay; self.maxStayUnit = maxStayUnit; self.userClasses = userClasses
        }

        enum CodingKeys: String, CodingKey {
            case activity, rate
            case maxStay = "max_stay", maxStayUnit = "max_stay_unit", noReturn = "no_return", noReturnUnit = "no_return_unit", userClasses = "user_classes"
        }
    }

    /// CDS time span: every criterion given must hold; times of day are local, end excluded.
    public struct TimeSpan: Codable, Hashable, Sendable {
        public var startDate: Int64?
        public var endDate: Int64?
        public var daysOfWeek: [String]?
        public var daysOfMonth: [Int]?
        public var months: [Int]?
        public var timeOfDayStart: String?
        public var timeOfDayEnd: String?
        public var designatedPeriod: String?
        public var designatedPeriodExcept: Bool?

        public init(daysOfWeek: [String]? = nil, timeOfDayStart: String? = nil, timeOfDayEnd: String? = nil, designatedPeriod: String? = nil, designatedPeriodExcept: Bool? = nil) {
            self.daysOfWeek = daysOfWeek; self.timeOfDayStart = timeOfDayStart; self.timeOfDayEnd = timeOfDayEnd
            self.designatedPeriod = designatedPeriod; self.designatedPeriodExcept = designatedPeriodExcept
        }

        enum CodingKeys: String, CodingKey {
            case months
            case startDate = "start_date", endDate = "end_date", daysOfWeek = "days_of_week", daysOfMonth = "days_of_month"
            case timeOfDayStart = "time_of_day_start", timeOfDayEnd = "time_of_day_end"
            case designatedPeriod = "designated_period", designatedPeriodExcept = "designated_period_except"
        }
    }

    public struct Rate: Codable, Hashable, Sendable {
        public var rate: Int
        public var rateUnit: String
        public var rateUnitPeriod: String?
        public var incrementDuration: Int?
        public var incrementAmount: Int?
        public var startDuration: Int?
        public var endDuration: Int?
        public var maximumFee: Int?

        enum CodingKeys: String, CodingKey {
            case rate
            case rateUnit = "rate_unit", rateUnitPeriod = "rate_unit_period", incrementDuration = "increment_duration"
            case incrementAmount = "increment_amount", startDuration = "start_duration", endDuration = "end_duration", maximumFee = "maximum_fee"
        }
    }
}
