import Foundation
import Geo
import Testing
@testable import Zones

@Suite struct CurbEventsTests {
    static let key = PlateKey(secret: Data(repeating: 7, count: 32))!
    static let fornebu = Coordinate(longitude: 10.62, latitude: 59.90)

    static func event(_ n: Int, _ type: CDS.Event.EventType, at time: String, plate: String? = nil, bay: String? = nil,
                      position: Coordinate = fornebu, lanes: [String]? = nil) -> CDS.Event {
        let millis = Int64(at(time).timeIntervalSince1970 * 1000)
        return CDS.Event(eventId: String(format: "00000000-0000-4000-8000-%012d", n), eventType: type, eventLocation: position, eventTime: millis,
                         eventPublicationTime: millis + 2000, dataSourceType: "camera", dataSourceDeviceId: "6f1c3c0e-5b1a-4c36-9f53-1b7f7b0f0a11",
                         curbZoneId: bay, vehicleLicensePlate: plate, vehicleType: "van", vehicleBlockedLaneTypes: lanes)
    }

    static func feed(_ events: [CDS.Event]) -> Data {
        CurbEvents.write(CDS.EventFeed(timeZone: "Europe/Oslo", lastUpdated: 1_780_000_000_000, events: events))
    }

    /// The specification's examples read, timestamps and lengths written as strings included.
    @Test(arguments: ["events-curb-event-minimum.json", "events-fleet-operator.json"])
    func publishedExamplesParse(name: String) throws {
        let feed = try CurbEvents.read(try fixture(name), region: .world)
        let event = try #require(feed.data.events.first)
        #expect(event.eventType == .parkStart && event.eventTime == 1_552_678_578_632 && event.position == Coordinate(longitude: -85.7629808, latitude: 38.257341))
        if name == "events-fleet-operator.json" { #expect(event.vehicleLength == 670 && event.vehicleLicensePlate == nil && event.vehicleId == "USDOT 33213") }
        // Written back (numbers where the example had strings) and read again: the same events.
        #expect(try CurbEvents.read(CurbEvents.write(feed), region: .world) == feed)
    }

    @Test func badFeedsNameTheEventAndTheField() throws {
        func problem(_ events: [CDS.Event]) -> String? {
            do { _ = try CurbEvents.read(Self.feed(events), now: at("2026-06-01T12:00:00+02:00")); return nil } catch { return error.description }
        }
        var notUUID = Self.event(1, .enterArea, at: "2026-06-01T08:00:00+02:00"); notUUID.eventId = "cam-1"
        #expect(problem([Self.event(2, .enterArea, at: "2026-06-01T08:00:00+02:00"), notUUID]) == "$.data.events[1].event_id: 'cam-1' is not a UUID")
        #expect(problem([Self.event(1, .enterArea, at: "2026-06-01T08:00:00+02:00"), Self.event(1, .exitArea, at: "2026-06-01T08:10:00+02:00")])?
            .hasPrefix("$.data.events[1].event_id:") == true)
        let swapped = Self.event(1, .enterArea, at: "2026-06-01T08:00:00+02:00", position: Coordinate(longitude: 59.90, latitude: 10.62))
        #expect(problem([swapped])?.contains("$.data.events[0].event_location.geometry.coordinates") == true)
        #expect(problem([swapped])?.contains("longitude and latitude look swapped") == true)
        #expect(problem([Self.event(1, .enterArea, at: "2026-06-01T14:00:00+02:00")])?.hasPrefix("$.data.events[0].event_time:") == true, "two hours ahead of now")
        var source = Self.event(1, .enterArea, at: "2026-06-01T08:00:00+02:00"); source.dataSourceType = "drone"
        #expect(problem([source])?.hasPrefix("$.data.events[0].data_source_type: 'drone' is not one of") == true)
        let unknownType = String(decoding: Self.feed([Self.event(1, .enterArea, at: "2026-06-01T08:00:00+02:00")]), as: UTF8.self)
            .replacingOccurrences(of: "enter_area", with: "double_park")
        #expect(throws: CurbDocument.Problem.self) { try CurbEvents.read(Data(unknownType.utf8), now: at("2026-06-01T12:00:00+02:00")) }
        do { _ = try CurbEvents.read(Data(unknownType.utf8), now: at("2026-06-01T12:00:00+02:00")) } catch {
            #expect(error.path == "$.data.events[0].event_type" && error.reason.contains("'double_park' is not one of comms_lost"), "\(error)")
        }
        var spaceship = Self.event(1, .enterArea, at: "2026-06-01T08:00:00+02:00"); spaceship.vehicleType = "spaceship"
        #expect(problem([spaceship])?.hasPrefix("$.data.events[0].vehicle_type: 'spaceship' is not one of") == true)
        var device = Self.event(1, .enterArea, at: "2026-06-01T08:00:00+02:00"); device.dataSourceDeviceId = "abc"
        #expect(problem([device]) == "$.data.events[0].data_source_device_id: 'abc' is not a UUID")
        var long = Self.event(1, .enterArea, at: "2026-06-01T08:00:00+02:00", plate: String(repeating: "A", count: 40))
        #expect(problem([long])?.hasPrefix("$.data.events[0].vehicle_license_plate:") == true)
        long.vehicleLicensePlate = "EK\u{0}1"
        #expect(problem([long])?.hasPrefix("$.data.events[0].vehicle_license_plate:") == true)
        var early = Self.event(1, .enterArea, at: "2026-06-01T08:00:00+02:00"); early.eventPublicationTime = early.eventTime - 3_600_000
        #expect(problem([early])?.hasPrefix("$.data.events[0].event_publication_time:") == true)
        // A time that is no whole number says so, at its field.
        let fractional = String(decoding: Self.feed([Self.event(1, .enterArea, at: "2026-06-01T08:00:00+02:00")]), as: UTF8.self)
            .replacingOccurrences(of: "\"last_updated\" : 1780000000000", with: "\"last_updated\" : 1.5")
        do { _ = try CurbEvents.read(Data(fractional.utf8), now: at("2026-06-01T12:00:00+02:00")); Issue.record("1.5 read as a time") } catch {
            #expect(error.path == "$.last_updated" && error.reason.contains("not a whole number"), "\(error)")
        }
    }

    @Test func platesAreKeyedHashesOfTheirLettersAndDigits() throws {
        let key = Self.key
        #expect(key.hash("EL 12345") == key.hash("el-12345") && key.hash("EL12345") == key.hash(" EL 123 45 "))
        #expect(key.hash("EL 12345") != key.hash("EL 12346"))
        #expect(key.hash("EL 12345")?.count == 32)
        #expect(PlateKey(secret: Data(repeating: 8, count: 32))?.hash("EL 12345") != key.hash("EL 12345"), "another deployment, another hash")
        #expect(key.hash(" - ") == nil && PlateKey(secret: Data(count: 16)) == nil)
        #expect(PlateKey.newSecret() != PlateKey.newSecret())
    }

    @Test func observedEventsKeepNoVehicleIdentifier() throws {
        var event = Self.event(1, .parkStart, at: "2026-06-01T08:00:00+02:00", plate: "EL 12345", bay: "b-1", lanes: ["travel"])
        event.vehicleId = "FLEET-77"
        event.vehiclePermitNumber = "P-1"
        event.vehiclePropulsionTypes = ["electric"]
        let observed = ObservedEvent(event, key: Self.key, zones: [SampleZone.fornebu])
        #expect(observed.zoneId == "fornebu-sentrum" && observed.curbZoneId == "b-1" && observed.blocksTraffic && observed.zeroEmission == true)
        #expect(observed.plateHash == Self.key.hash("EL12345"))
        let stored = String(decoding: try JSONEncoder().encode(observed), as: UTF8.self)
        #expect(!stored.contains("12345") && !stored.contains("FLEET") && !stored.contains("P-1"))
        // A fleet's own vehicle id is no plate (no declaration could match it); a stop in the parking lane is not double parking.
        var noPlate = Self.event(2, .parkStart, at: "2026-06-01T08:00:00+02:00", lanes: ["parking"]); noPlate.vehicleId = "FLEET-77"
        noPlate.vehiclePropulsionTypes = ["combustion", "electric"]
        let second = ObservedEvent(noPlate, key: Self.key, zones: [SampleZone.fornebu])
        #expect(second.plateHash == nil && !second.blocksTraffic && second.zeroEmission == false)
        #expect(noPlate.withoutVehicleIdentifiers.vehicleId == nil && noPlate.withoutVehicleIdentifiers.vehiclePermitNumber == nil)
        let outside = ObservedEvent(Self.event(3, .enterArea, at: "2026-06-01T08:00:00+02:00", position: Coordinate(longitude: 10.75, latitude: 59.91)),
                                    key: Self.key, zones: [SampleZone.fornebu])
        #expect(outside.zoneId == nil && outside.zeroEmission == nil && outside.plateHash == nil)
    }

    /// Hand-computed: which entries a trip explains.
    @Test func entriesAreMatchedToTheNearestDeclaredTripOfTheSamePlate() throws {
        let key = Self.key
        func observed(_ n: Int, _ time: String, _ plate: String?) -> ObservedEvent {
            ObservedEvent(Self.event(n, .enterArea, at: time, plate: plate), key: key, zones: [SampleZone.fornebu])
        }
        func trip(_ id: String, _ plate: String?, _ time: String) -> ZoneTrip {
            ZoneTrip(id: id, operatorId: "carrier-a", vehicle: ZoneVehicle.typical(of: .eVan, payloadKg: 800, parcelCapacity: 80),
                     plateHash: plate.flatMap(key.hash), entry: at(time), manifest: Manifest(parcels: 1, volumeM3: 1, weightKg: 1, recipientsInZone: 1))
        }
        let events = [
            observed(1, "2026-06-01T08:05:00+02:00", "AB 10001"),   // T-1 declared 08:00: declared
            observed(2, "2026-06-01T09:00:00+02:00", "AB 10002"),   // T-2 declared 09:31: 31 min off, undeclared
            observed(3, "2026-06-01T09:10:00+02:00", nil),          // no plate: unidentified
            observed(4, "2026-06-01T10:00:00+02:00", "AB 10003"),   // T-3 (10:20) and T-4 (10:10): the nearer, T-4
            observed(5, "2026-06-01T10:15:00+02:00", "AB 10003"),   // T-3 is left: declared
            observed(6, "2026-06-01T10:16:00+02:00", "AB 10003"),   // both used: undeclared
            ObservedEvent(Self.event(7, .exitArea, at: "2026-06-01T10:30:00+02:00", plate: "AB 10003"), key: key, zones: [SampleZone.fornebu]),
            observed(8, "2026-06-01T11:05:00+02:00", "AB 10009"),   // no trip with the plate; T-5, declared without one at 11:00, may be it
        ]
        let trips = [trip("T-1", "AB10001", "2026-06-01T08:00:00+02:00"), trip("T-2", "AB 10002", "2026-06-01T09:31:00+02:00"),
                     trip("T-3", "AB 10003", "2026-06-01T10:20:00+02:00"), trip("T-4", "ab-10003", "2026-06-01T10:10:00+02:00"),
                     trip("T-5", nil, "2026-06-01T11:00:00+02:00")]
        let matched = EntryMatching.match(entries: events.reversed(), trips: trips)
        #expect(matched.map(\.finding) == [.declared, .undeclared, .unidentified, .declared, .declared, .undeclared, .declaredWithoutPlate],
                "exit events are not entries")
        #expect(matched.map(\.tripId) == ["T-1", nil, nil, "T-4", "T-3", nil, "T-5"])
    }

    @Test func baysAreOccupiedBetweenParkStartAndParkEnd() throws {
        let key = Self.key
        let events = [
            Self.event(1, .parkStart, at: "2026-06-01T08:00:00+02:00", bay: "b-1"), Self.event(2, .parkStart, at: "2026-06-01T08:02:00+02:00", bay: "b-1"),
            Self.event(3, .parkEnd, at: "2026-06-01T08:10:00+02:00", bay: "b-1"), Self.event(4, .parkEnd, at: "2026-06-01T07:00:00+02:00", bay: "b-2"),
            Self.event(5, .parkStart, at: "2026-06-01T08:00:00+02:00", bay: "b-2"), Self.event(6, .enterArea, at: "2026-06-01T08:00:00+02:00", bay: "b-3"),
        ].map { ObservedEvent($0, key: key, zones: []) }
        #expect(BayObservation.parked(events.shuffled()) == ["b-1": 1, "b-2": 1])
    }
}
