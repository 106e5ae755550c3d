import Foundation
import Testing
import Vapor
import Zones
@testable import Platform

extension World {
    /// Adds an account of `role` in an existing organisation, with its token, as `party`.
    mutating func addAccount(_ party: String, organisation: String, role: String) async throws {
        try await expect(.created, .POST, "/v1/accounts", as: "admin", ["organisationId": organisation, "name": party, "role": role, "id": "acc-\(party)"])
        accounts[party] = "acc-\(party)"
        tokens[party] = try await expect(.created, .POST, "/v1/tokens", as: "admin", ["accountId": "acc-\(party)", "name": "test"]).object["token"] as? String
    }

    /// The sample Fornebu zone as Bærum's, with the hub operator certified as a consolidator.
    static var fornebuZone: Zone {
        var zone = SampleZone.fornebu
        zone.certifiedConsolidators = ["hubco"]
        return zone
    }

    /// Bærum's case officer (a municipality writer) imports the sample zone and bays.
    mutating func setUpZones() async throws {
        try await addAccount("caseOfficer", organisation: "baerum", role: "writer")
        let zones = try #require(try JSONSerialization.jsonObject(with: ZoneDocument.write([Self.fornebuZone])) as? [String: Any])
        try await expect(.ok, .PUT, "/v1/zones", as: "caseOfficer", zones)
        let envelope = CDS.Envelope(timeZone: "Europe/Oslo", lastUpdated: SampleZone.published,
                                    data: CDS.Payload(zones: SampleZone.bays.map(\.curb), policies: SampleZone.bays.flatMap(\.policies)))
        let bays = try #require(try JSONSerialization.jsonObject(with: CurbDocument.write(envelope)) as? [String: Any])
        try await expect(.ok, .PUT, "/v1/bays", as: "caseOfficer", bays)
    }

    /// A trip declaration body entering the sample zone now-ish (`entry`), as JSON.
    static func trip(_ id: String, entry: String, volume: Double, recipients: Int, category: String = "van", zeroEmission: Bool = false) -> [String: Any] {
        ["tripId": id, "zoneId": "fornebu-sentrum", "entry": entry,
         "vehicle": dieselVan.merging(["category": category, "zeroEmission": zeroEmission]) { $1 },
         "manifest": ["parcels": 20, "volumeM3": volume, "weightKg": 200, "recipientsInZone": recipients]]
    }

    /// A weekday (Monday–Friday, not a holiday) in the last two weeks at `time` Oslo time, as ISO 8601.
    static func recentWorkday(at time: String) -> String {
        let clock = try! ZoneClock()
        var date = clock.local(Date()).date.adding(days: -1)
        while date.isoWeekday > 5 || clock.isHoliday(date) { date = date.adding(days: -1) }
        let local = LocalTime(text: time)!
        return Wire.format(clock.instant(date, local)!, in: TimeZone(identifier: "Europe/Oslo")!)
    }
}

extension World {
    /// The next 15-minute slot, at least a quarter of an hour ahead, when any delivery may load at
    /// the sample bays (outside workdays' 07:00–16:00), as ISO 8601 start and end.
    static func openBaySlot(after now: Date = Date()) -> (start: String, end: String) {
        let clock = try! ZoneClock()
        let quarter = 900.0
        var start = Date(timeIntervalSince1970: ((now.timeIntervalSince1970 / quarter).rounded(.up) + 1) * quarter)
        let (date, time) = clock.local(start)
        if date.isoWeekday <= 5 && !clock.isHoliday(date) && time.minutes >= 7 * 60 && time.minutes < 16 * 60 {
            start = clock.instant(date, LocalTime(hour: 16))!
        }
        let oslo = TimeZone(identifier: "Europe/Oslo")!
        return (Wire.format(start, in: oslo), Wire.format(start.addingTimeInterval(quarter), in: oslo))
    }

    static var dieselVan: [String: Any] { ["category": "van", "zeroEmission": false, "grossWeightKg": 3500, "lengthM": 6, "volumeCapacityM3": 12, "payloadKg": 1000] }
}

extension World {
    /// A CDS curb event at `time` (ISO 8601), as a camera of the municipality sends it.
    static func curbEvent(_ n: Int, _ type: String, at time: String, plate: String? = nil, bay: String? = nil,
                          position: [Double] = [10.62, 59.90], lanes: [String]? = nil) throws -> [String: Any] {
        let millis = Int64(try Wire.instant(time, field: "time").timeIntervalSince1970 * 1000)
        var event: [String: Any] = [
            "event_id": String(format: "0c0ffee0-0000-4000-8000-%012d", n), "event_type": type, "event_time": millis, "event_publication_time": millis + 1000,
            "event_location": ["type": "Feature", "geometry": ["type": "Point", "coordinates": position]],
            "data_source_type": "camera", "data_source_device_id": "5d7a1d2e-1b7e-4c1a-9d3c-0a6f1c2b3e4f", "vehicle_type": "van",
        ]
        event["vehicle_license_plate"] = plate
        event["curb_zone_id"] = bay
        event["vehicle_blocked_lane_types"] = lanes
        return event
    }

    /// A CDS Events feed of `events`.
    static func curbFeed(_ events: [[String: Any]]) -> [String: Any] {
        ["version": "1.0", "time_zone": "Europe/Oslo", "last_updated": Int64(Date().timeIntervalSince1970 * 1000), "data": ["events": events]]
    }
}
