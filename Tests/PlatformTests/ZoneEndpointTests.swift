import Foundation
import Geo
import Store
import Testing
import Vapor
import Zones
@testable import Platform

/// Zones, trips, permits and bays through the API on both databases: the verdicts are the rule
/// engine's, retries are safe, bad input is refused whole with what and where.
@Suite struct ZoneEndpointTests {
    static let oslo = TimeZone(identifier: "Europe/Oslo")!

    @Test(arguments: Backend.allCases)
    func tripsGetTheRuleEnginesVerdictsAndRetriesAreSafe(_ backend: Backend) async throws {
        try await TestPlatform.with(backend) { platform in
            var world = try await World(platform)
            try await world.setUpZones()
            let monday = World.recentWorkday(at: "09:00")
            let good = World.trip("T-1", entry: monday, volume: 8, recipients: 5), poor = World.trip("T-2", entry: monday, volume: 3, recipients: 1)
            let declared = try await world.expect(.created, .POST, "/v1/zones/trips", as: "carrierA", ["trips": [good, poor]]).array
            let verdicts = declared.compactMap { $0["verdict"] as? [String: Any] }
            #expect(verdicts.map { $0["outcome"] as? String } == ["compliant", "non-compliant"])
            #expect((verdicts[1]["violations"] as? [[String: Any]])?.compactMap { $0["code"] as? String } == ["fill-below-minimum", "too-few-recipients"])
            // The same as the library says for the same trip.
            let rules = try ZoneRules(World.fornebuZone)
            let vehicle = ZoneVehicle(category: .van, zeroEmission: false, grossWeightKg: 3500, lengthM: 6, volumeCapacityM3: 12, payloadKg: 1000)
            let expected = rules.check(ZoneTrip(id: "T-2", operatorId: "carrier-a", vehicle: vehicle, entry: try Wire.instant(monday, field: "entry"),
                                                manifest: Manifest(parcels: 20, volumeM3: 3, weightKg: 200, recipientsInZone: 1)))
            #expect((verdicts[1]["violations"] as? [[String: Any]])?.compactMap { $0["message"] as? String } == expected.violations.map(\.message))
            // Sent again unchanged: the stored answer; changed: a conflict, nothing written.
            let again = try await world.expect(.created, .POST, "/v1/zones/trips", as: "carrierA", ["trips": [good]]).array
            #expect(again.first?["declaredAt"] as? String == declared.first?["declaredAt"] as? String)
            let changed = World.trip("T-1", entry: monday, volume: 9, recipients: 5), fresh = World.trip("T-3", entry: monday, volume: 9, recipients: 5)
            try await world.expect(.conflict, .POST, "/v1/zones/trips", as: "carrierA", ["trips": [fresh, changed]])
            #expect(try await world.expect(.ok, .GET, "/v1/zones/trips", as: "carrierA").array.count == 2)
            // CSV declarations, with the line and column of what is wrong.
            let header = TripDeclarationCSV.columns.joined(separator: ",")
            let line = "C-1,fornebu-sentrum,van,false,3500,6,12,1000,,\(monday),20,8,200,5,EK 10001"
            let csv = try await platform.call(.POST, "/v1/zones/trips", token: world.tokens["carrierB"], raw: "\(header)\n\(line)\n", contentType: "text/csv")
            #expect(csv.status == .created && csv.text.contains("\"outcome\":\"compliant\""), "\(csv.text)")
            let broken = try await platform.call(.POST, "/v1/zones/trips", token: world.tokens["carrierB"],
                                                 raw: "\(header)\n\(line.replacingOccurrences(of: "C-1,", with: "C-2,").replacingOccurrences(of: ",van,", with: ",lorry,"))\n", contentType: "text/csv")
            #expect(broken.status == .badRequest && broken.text.contains("line 2, column vehicle_category: 'lorry' is not one of"), "\(broken.text)")
            // Bad JSON: the path and what is wrong.
            var unknownZone = World.trip("T-4", entry: monday, volume: 8, recipients: 5); unknownZone["zoneId"] = "oslo-sentrum"
            #expect(try await world.expect(.unprocessableEntity, .POST, "/v1/zones/trips", as: "carrierA", ["trips": [unknownZone]]).text.contains("trips[0].zoneId: no zone 'oslo-sentrum'"))
            var noOffset = World.trip("T-5", entry: "2026-12-07T09:00:00", volume: 8, recipients: 5); noOffset["tripId"] = "T-5"
            #expect(try await world.expect(.badRequest, .POST, "/v1/zones/trips", as: "carrierA", ["trips": [noOffset]]).text.contains("$.trips[0].entry"))
            // A weight no vehicle has (it once stopped the server, formatting the reason as a whole number).
            var heavy = World.trip("T-7", entry: monday, volume: 8, recipients: 5)
            heavy["vehicle"] = World.dieselVan.merging(["grossWeightKg": 1e308]) { $1 }
            #expect(try await world.expect(.badRequest, .POST, "/v1/zones/trips", as: "carrierA", ["trips": [heavy]]).text.contains("vehicle.grossWeightKg"))
            // A manifest the vehicle cannot have carried: more than its load space, more recipients than parcels.
            #expect(try await world.expect(.badRequest, .POST, "/v1/zones/trips", as: "carrierA",
                                           ["trips": [World.trip("T-9", entry: monday, volume: 499, recipients: 5)]]).text.contains("does not fit"))
            #expect(try await world.expect(.badRequest, .POST, "/v1/zones/trips", as: "carrierA",
                                           ["trips": [World.trip("T-10", entry: monday, volume: 8, recipients: 25)]]).text.contains("cannot share 20 parcels"))
            // CSV is held to the same: impossible manifests, hexadecimal numbers, entries centuries ago.
            for (bad, expected) in [(line.replacingOccurrences(of: ",20,8,200,5,", with: ",20,8,1e308,5,"), "column weight_kg"),
                                    (line.replacingOccurrences(of: ",20,8,200,5,", with: ",20,8,200,9223372036854775807,"), "recipientsInZone"),
                                    (line.replacingOccurrences(of: ",6,12,", with: ",0x10,12,"), "column length_m"),
                                    (line.replacingOccurrences(of: monday, with: "0001-01-01T00:00:00Z"), "column entry")] {
                let reply = try await platform.call(.POST, "/v1/zones/trips", token: world.tokens["carrierB"],
                                                    raw: "\(header)\n\(bad.replacingOccurrences(of: "C-1,", with: "C-9,"))\n", contentType: "text/csv")
                #expect(reply.status == .badRequest && reply.text.contains(expected), "\(bad): \(reply.text)")
            }
            // A fraction where a whole number belongs is named at its field.
            var fraction = World.trip("T-11", entry: monday, volume: 8, recipients: 5)
            fraction["manifest"] = ["parcels": 20.5, "volumeM3": 8, "weightKg": 200, "recipientsInZone": 5]
            let named = try await world.expect(.badRequest, .POST, "/v1/zones/trips", as: "carrierA", ["trips": [fraction]])
            #expect(named.text.contains("$.trips[0].manifest.parcels: expected a whole number"), "\(named.text)")
            var rolled = World.trip("T-8", entry: "2026-02-30T10:00:00+01:00", volume: 8, recipients: 5); rolled["tripId"] = "T-8"
            #expect(try await world.expect(.badRequest, .POST, "/v1/zones/trips", as: "carrierA", ["trips": [rolled]]).text.contains("$.trips[0].entry"))
            var negative = World.trip("T-6", entry: monday, volume: -1, recipients: 5); negative["tripId"] = "T-6"
            #expect(try await world.expect(.badRequest, .POST, "/v1/zones/trips", as: "carrierA", ["trips": [negative]]).text.contains("manifest.volumeM3"))
        }
    }

    /// The hub's routes declare their trips into the zone when they are dispatched: the load on
    /// board at the first stop inside, the recipients inside, the fleet's vehicle as the rules see
    /// it, judged as the library judges; carriers do not see them.
    @Test(arguments: Backend.allCases)
    func dispatchDeclaresTheHubsOwnTripsFromThePlan(_ backend: Backend) async throws {
        try await TestPlatform.with(backend) { platform in
            var world = try await World(platform)
            try await world.setUpZones()
            try await world.announce("Z-A", barcodes: ["ZA-1", "ZA-2", "ZA-3"], site: "site-school-1", as: "carrierA")
            try await world.expect(.created, .POST, "/v1/shipments", as: "carrierB",
                                   ["reference": "Z-B", "hubId": "hub-a", "siteId": "site-shop-2", "parcels": [["barcode": "ZB-1", "weightKg": 2.0]]])
            try await world.scanIn(["ZA-1", "ZA-2", "ZA-3", "ZB-1"])
            let routes = try await world.planToday()["routes"] as? [[String: Any]] ?? []
            #expect(!routes.isEmpty)
            for route in routes {
                try await world.expect(.ok, .POST, "/v1/routes/\(route["id"] as? String ?? "")/dispatch", as: "hub", ["driverId": world.accounts["driver"] ?? ""])
            }
            let trips = try await world.expect(.ok, .GET, "/v1/zones/trips", as: "hub").array
            #expect(trips.count == routes.count, "one trip per route, every stop is inside the zone")
            let rules = try ZoneRules(World.fornebuZone)
            for route in routes {
                let routeId = try #require(route["id"] as? String), stops = route["stops"] as? [[String: Any]] ?? []
                let trip = try #require(trips.first { $0["tripId"] as? String == "\(routeId)/fornebu-sentrum" })
                #expect(trip["source"] as? String == "plan" && trip["operatorId"] as? String == "hubco")
                #expect(trip["entry"] as? String == stops.first?["eta"] as? String, "entry at the first stop inside")
                let parcels = World.parcels(on: route), measured = parcels.filter { $0.hasPrefix("ZA") }.count
                let manifest = Manifest(parcels: parcels.count, volumeM3: Double(measured) * 0.024 + Double(parcels.count - measured) * RouteTrips.assumedParcelVolumeM3,
                                        weightKg: Double(measured) * 4.5 + Double(parcels.count - measured) * 2.0,
                                        recipientsInZone: Set(stops.compactMap { $0["siteId"] as? String }).count)
                let stored = try #require(trip["manifest"] as? [String: Any])
                #expect(stored["parcels"] as? Int == manifest.parcels && stored["recipientsInZone"] as? Int == manifest.recipientsInZone)
                #expect(abs((stored["volumeM3"] as? Double ?? 0) - manifest.volumeM3) < 1e-9 && abs((stored["weightKg"] as? Double ?? 0) - manifest.weightKg) < 1e-9)
                let isVan = route["vehicleId"] as? String == "van-1"
                let vehicle = ZoneVehicle.typical(of: isVan ? .eVan : .eCargoBike, payloadKg: isVan ? 800 : 200, parcelCapacity: isVan ? 80 : 25)
                let expected = rules.check(ZoneTrip(id: "\(routeId)/fornebu-sentrum", operatorId: "hubco", vehicle: vehicle,
                                                    entry: try Wire.instant(trip["entry"] as? String ?? "", field: "entry"), manifest: manifest))
                let verdict = try #require(trip["verdict"] as? [String: Any])
                #expect(verdict["outcome"] as? String == expected.outcome.rawValue)
                #expect((verdict["violations"] as? [[String: Any]])?.compactMap { $0["code"] as? String } == expected.violations.map(\.code.rawValue))
            }
            #expect(try await world.expect(.ok, .GET, "/v1/zones/trips", as: "carrierA").array.isEmpty)
            #expect(try await world.expect(.ok, .GET, "/v1/zones/trips", as: "otherHub").array.isEmpty)
            // The routes' lines inside the zone, in the aggregate view (the platform admin's: one operator is withheld from the municipality).
            let planId = try #require(routes.first?["planId"] as? String)
            let lines = (try await world.expect(.ok, .GET, "/v1/plans/\(planId)/geojson", as: "hub").object["features"] as? [[String: Any]] ?? [])
                .compactMap { ($0["geometry"] as? [String: Any])?["coordinates"] as? [[Double]] }
            let metres = lines.reduce(0.0) { $0 + World.fornebuZone.area.lengthInside($1.map { Coordinate(longitude: $0[0], latitude: $0[1]) }) }
            let month = String(try #require(trips.first?["entry"] as? String).prefix(7))
            let aggregate = try await world.expect(.ok, .GET, "/v1/zones/fornebu-sentrum/compliance?month=\(month)", as: "admin").object
            #expect(metres > 0 && aggregate["hubKmInZone"] as? Double == (metres / 100).rounded() / 10, "\(aggregate)")
        }
    }

    /// Camera events: plates kept only as keyed hashes, retries counted, entries matched to the
    /// trips declared with the same plate, the rest flagged for the municipality alone; events
    /// past the retention period are refused and deleted.
    @Test(arguments: Backend.allCases)
    func curbEventsArePseudonymisedMatchedAndKeptForTheRetentionPeriod(_ backend: Backend) async throws {
        let clock = TestClock()
        try await TestPlatform.with(backend, configure: { $0.now = { clock.now } }) { platform in
            var world = try await World(platform)
            try await world.setUpZones()
            let monday = World.recentWorkday(at: "09:00")
            let start = try Wire.instant(monday, field: "monday")
            func at(_ minutes: Double) -> String { Wire.format(start.addingTimeInterval(minutes * 60), in: Self.oslo) }
            var declared = World.trip("T-CAM", entry: monday, volume: 8, recipients: 5)
            declared["plate"] = "EK 10001"
            try await world.expect(.created, .POST, "/v1/zones/trips", as: "carrierA", ["trips": [declared]])
            let bay = SampleZone.bays[0].id
            let events = [
                try World.curbEvent(1, "enter_area", at: at(5), plate: "ek-10001"),                 // the declared trip, 5 minutes on
                try World.curbEvent(2, "enter_area", at: at(30), plate: "EK 20002"),                // nobody declared it
                try World.curbEvent(3, "enter_area", at: at(40)),                                   // no plate read
                try World.curbEvent(4, "park_start", at: at(45), plate: "EK 20002", bay: bay, lanes: ["travel"]),
                try World.curbEvent(5, "enter_area", at: at(50), plate: "EK 30003", position: [10.75, 59.91]),   // outside the zone
            ]
            let receipt = try await world.expect(.ok, .POST, "/v1/cds/events", as: "caseOfficer", World.curbFeed(events)).object
            #expect(receipt["added"] as? Int == 5 && receipt["duplicates"] as? Int == 0 && receipt["retentionDays"] as? Int == 30)
            let again = try await world.expect(.ok, .POST, "/v1/cds/events", as: "caseOfficer", World.curbFeed(events)).object
            #expect(again["added"] as? Int == 0 && again["duplicates"] as? Int == 5, "a retry adds nothing")
            var shouted = events[0]; shouted["event_id"] = (events[0]["event_id"] as? String ?? "").uppercased()
            #expect(try await world.expect(.ok, .POST, "/v1/cds/events", as: "caseOfficer", World.curbFeed([shouted])).object["duplicates"] as? Int == 1,
                    "an event id in capitals is the same event")
            var changed = events[1]; changed["vehicle_type"] = "truck"
            try await world.expect(.conflict, .POST, "/v1/cds/events", as: "caseOfficer", World.curbFeed([try World.curbEvent(6, "exit_area", at: at(60)), changed]))

            let period = "from=\(at(-60).addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")&to=\(at(120).addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")"
            let entries = try await world.expect(.ok, .GET, "/v1/zones/fornebu-sentrum/entries?\(period)", as: "municipality")
            let summary = entries.object
            #expect(summary["entries"] as? Int == 3 && summary["declared"] as? Int == 1 && summary["undeclared"] as? Int == 1, "\(entries.text)")
            #expect(summary["unidentified"] as? Int == 1 && summary["doubleParking"] as? Int == 1)
            let flagged = try #require((summary["undeclaredEntries"] as? [[String: Any]])?.first)
            #expect(flagged["eventId"] as? String == "0c0ffee0-0000-4000-8000-000000000002" && (flagged["plateHash"] as? String)?.count == 32)
            #expect(!entries.text.contains("carrier-a") && !entries.text.contains("T-CAM"), "which operator a declared entry was is not the municipality's to see")
            let feed = try await world.expect(.ok, .GET, "/v1/cds/events?\(period)", as: "municipality")
            #expect(feed.headers.contentType?.description.hasPrefix("application/vnd.cds+json") == true)
            #expect(((feed.object["data"] as? [String: Any])?["events"] as? [Any])?.count == 5)
            // In pages of two: the Link header names the next, which starts after the last event.
            var pages: [[String]] = [], next: String? = "/v1/cds/events?\(period)&limit=2"
            while let path = next, pages.count < 5 {
                let page = try await world.expect(.ok, .GET, path, as: "municipality")
                pages.append(((page.object["data"] as? [String: Any])?["events"] as? [[String: Any]] ?? []).compactMap { $0["event_id"] as? String })
                next = page.headers.first(name: "Link").flatMap { $0.firstMatch(of: /<([^>]+)>; rel="next"/).map { String($0.output.1) } }
            }
            #expect(pages.map(\.count) == [2, 2, 1] && Set(pages.flatMap { $0 }).count == 5, "\(pages)")
            for reply in [entries, feed] {
                #expect(!reply.text.contains("EK 20002") && !reply.text.contains("10001") && !reply.text.contains("vehicle_license_plate"), "\(reply.text)")
            }
            // Only the municipality reads its events and entries.
            for party in ["carrierA", "hub", "otherMunicipality", "driver"] {
                let entriesReply = try await platform.call(.GET, "/v1/zones/fornebu-sentrum/entries?\(period)", token: world.tokens[party])
                #expect(entriesReply.status == .forbidden, "\(party): \(entriesReply.text)")
            }
            #expect(try await world.expect(.ok, .GET, "/v1/cds/events?\(period)", as: "otherMunicipality").text.contains("0c0ffee0") == false)
            try await world.expect(.forbidden, .POST, "/v1/cds/events", as: "carrierA", World.curbFeed(events))
            try await world.expect(.forbidden, .POST, "/v1/cds/events", as: "municipality", World.curbFeed(events))

            // Bad feeds name the event and field; nothing of them is kept.
            var swapped = try World.curbEvent(7, "enter_area", at: at(70)); swapped["event_location"] = ["type": "Feature", "geometry": ["type": "Point", "coordinates": [59.90, 10.62]]]
            let bad = try await world.expect(.badRequest, .POST, "/v1/cds/events", as: "caseOfficer", World.curbFeed([try World.curbEvent(8, "enter_area", at: at(71)), swapped]))
            #expect(bad.text.contains("$.data.events[1].event_location.geometry.coordinates") && bad.text.contains("swapped"), "\(bad.text)")
            #expect(try await world.expect(.ok, .GET, "/v1/cds/events?\(period)", as: "municipality").text.contains("0c0ffee0-0000-4000-8000-000000000008") == false,
                    "the good event of a refused feed is not kept")
            let old = Wire.format(clock.now.addingTimeInterval(-31 * 86_400), in: Self.oslo)
            let stale = try await world.expect(.unprocessableEntity, .POST, "/v1/cds/events", as: "caseOfficer", World.curbFeed([try World.curbEvent(9, "enter_area", at: old)]))
            #expect(stale.text.contains("$.data.events[0].event_time") && stale.text.contains("30-day retention"), "\(stale.text)")

            // A bay's sensors: a van parked ten minutes ago is there now.
            try await world.expect(.ok, .POST, "/v1/cds/events", as: "caseOfficer",
                                   World.curbFeed([try World.curbEvent(10, "park_start", at: Wire.format(clock.now.addingTimeInterval(-600), in: Self.oslo), bay: bay)]))
            let occupancy = try await world.expect(.ok, .GET, "/v1/bays/\(bay)/occupancy", as: "carrierB").object
            #expect(occupancy["parkedNow"] as? Int == 1)

            // Thirty days on, the next feed deletes what has passed the retention period, and the
            // retention worker's round forgets the declared trip's plate hash (the trip stays).
            let store = Store(platform.app.db)
            func declaredPlate() async throws -> String?? {
                try await store.zoneTrips(.all, zoneId: "fornebu-sentrum", from: 0, to: Int64.max / 2, limit: 100).first { $0.tripId == "T-CAM" }.map(\.plateHash)
            }
            let hashed = try await Self.plateKeyHash(of: "EK10001", platform)
            let before = try await declaredPlate()
            #expect(hashed != nil && before == .some(hashed))
            clock.advance(seconds: 31 * 86_400)
            try await CurbEventsController.forgetPastRetention(store, configuration: platform.app.platform.configuration)
            let after = try await declaredPlate()
            #expect(after == .some(nil), "the trip is kept, its plate hash is not")
            try await world.expect(.ok, .POST, "/v1/cds/events", as: "caseOfficer",
                                   World.curbFeed([try World.curbEvent(11, "enter_area", at: Wire.format(clock.now, in: Self.oslo))]))
            func query(_ date: Date) -> String { Wire.format(date, in: .gmt).addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "" }
            let recent = "from=\(query(clock.now.addingTimeInterval(-34 * 86_400)))&to=\(query(clock.now.addingTimeInterval(86_400)))"
            let left = try await world.expect(.ok, .GET, "/v1/cds/events?\(recent)", as: "municipality").object
            #expect(((left["data"] as? [String: Any])?["events"] as? [[String: Any]])?.compactMap { $0["event_id"] as? String } == ["0c0ffee0-0000-4000-8000-000000000011"])
            // A period longer than 35 days is refused, not cut short.
            let wide = "from=2020-01-01T00:00:00Z&to=2100-01-01T00:00:00Z"
            #expect(try await world.expect(.badRequest, .GET, "/v1/cds/events?\(wide)", as: "municipality").text.contains("at most 35 days"))
        }
    }

    /// Planning puts a loading bay on a stop within walking distance of one that is open to the
    /// vehicle and has a space then; the driver's manifest and page say where to park.
    @Test(arguments: Backend.allCases)
    func plansParkAtANearbyBayWithASpace(_ backend: Backend) async throws {
        try await TestPlatform.with(backend) { platform in
            var world = try await World(platform)
            try await world.setUpZones()
            let bay = SampleZone.bays[0]
            // 25 m from the first sample bay; the school is 240 m from it, out of walking distance.
            try await world.expect(.created, .POST, "/v1/sites", as: "recipient1", [
                "id": "site-annex", "name": "Skolens anneks", "address": "Snarøyveien 1", "location": [bay.position.longitude, bay.position.latitude + 0.000225],
                "timeWindows": World.everyDay])
            try await world.announce("BAY-1", barcodes: ["BAY-001"], site: "site-annex", as: "carrierA")
            try await world.announce("BAY-2", barcodes: ["BAY-002"], site: "site-school-1", as: "carrierA")
            try await world.scanIn(["BAY-001", "BAY-002"])
            let routes = try await world.planToday()["routes"] as? [[String: Any]] ?? []
            let stops = routes.flatMap { $0["stops"] as? [[String: Any]] ?? [] }
            #expect(stops.first { $0["siteId"] as? String == "site-annex" }?["bayId"] as? String == bay.id, "\(stops)")
            #expect(stops.first { $0["siteId"] as? String == "site-school-1" }?["bayId"] == nil)
            let route = try #require(routes.first { World.parcels(on: $0).contains("BAY-001") })
            try await world.expect(.ok, .POST, "/v1/routes/\(route["id"] as? String ?? "")/dispatch", as: "hub", ["driverId": world.accounts["driver"] ?? ""])
            let page = try await platform.call(.GET, "/ui/driver?lang=en", token: world.tokens["driver"])
            #expect(page.text.contains("Park at loading bay Lastelomme 1"), "\(page.text)")
        }
    }

    @Test(arguments: Backend.allCases)
    func importsAreAllOrNothingAndVersioned(_ backend: Backend) async throws {
        try await TestPlatform.with(backend) { platform in
            var world = try await World(platform)
            try await world.setUpZones()
            // The same file again changes nothing; a changed rule is version 2 of the zone.
            let document = try #require(try JSONSerialization.jsonObject(with: ZoneDocument.write([World.fornebuZone])) as? [String: Any])
            #expect(try await world.expect(.ok, .PUT, "/v1/zones", as: "caseOfficer", document).array.first?["changed"] as? Bool == false)
            var stricter = World.fornebuZone
            stricter.policies[0].consolidation?.minimumRecipients = 4
            let changed = try #require(try JSONSerialization.jsonObject(with: ZoneDocument.write([stricter])) as? [String: Any])
            #expect(try await world.expect(.ok, .PUT, "/v1/zones", as: "caseOfficer", changed).array.first?["version"] as? Int == 2)
            // A file with one broken feature is refused whole, naming it; nothing is written.
            var other = World.fornebuZone
            other.id = "lysaker"
            var text = String(decoding: ZoneDocument.write([other, stricter]), as: UTF8.self)
            text = text.replacingOccurrences(of: "10.64", with: "99.64")
            let refused = try await platform.call(.PUT, "/v1/zones", token: world.tokens["caseOfficer"], raw: text, contentType: "application/geo+json")
            #expect(refused.status == .badRequest && refused.text.contains("features[0]: polygon 0, ring 0, position 1"), "\(refused.text)")
            let zones = try await platform.call(.GET, "/v1/zones", token: world.tokens["carrierA"])
            #expect(!zones.text.contains("lysaker") && zones.headers.first(name: .contentType) == "application/geo+json")
            // Another municipality may not take over Bærum's zone.
            try await world.addAccount("askerOfficer", organisation: "asker", role: "writer")
            try await world.expect(.conflict, .PUT, "/v1/zones", as: "askerOfficer", changed)
            // Bays: a CSV with a bad row is refused with its line and column, and nothing is written.
            let csv = DeliveryBayCSV.write(SampleZone.bays).replacingOccurrences(of: "Lastelomme 2", with: "Lastelomme 2\u{1}")
            let badBays = try await platform.call(.PUT, "/v1/bays", token: world.tokens["caseOfficer"], raw: csv.replacingOccurrences(of: ",2400,", with: ",24000,"), contentType: "text/csv")
            #expect(badBays.status == .badRequest && badBays.text.contains("line 3, column LONGUEUR"), "\(badBays.text)")
            // What the CDS endpoints publish is what was imported.
            let published = try await platform.call(.GET, "/v1/cds/curbs/zones", token: world.tokens["carrierA"])
            #expect(published.headers.first(name: .contentType)?.hasPrefix("application/vnd.cds+json") == true)
            let envelope = try CurbDocument.read(published.data)
            // Listed by id.
            let byId = SampleZone.bays.sorted { $0.id < $1.id }
            #expect(envelope.data.zones == byId.map(\.curb))
            let areas = try CurbDocument.read(try await platform.call(.GET, "/v1/cds/curbs/areas", token: world.tokens["carrierA"]).data)
            #expect(areas.data.areas?.first?.curbZoneIds == byId.map(\.id))
        }
    }

    @Test(arguments: Backend.allCases)
    func complianceIsOwnForOperatorsAndAggregateForTheMunicipality(_ backend: Backend) async throws {
        try await TestPlatform.with(backend) { platform in
            var world = try await World(platform)
            try await world.setUpZones()
            let monday = World.recentWorkday(at: "10:00")
            let month = String(monday.prefix(7))
            try await world.expect(.created, .POST, "/v1/zones/trips", as: "carrierA", ["trips": [World.trip("A-1", entry: monday, volume: 8, recipients: 5)]])
            try await world.expect(.created, .POST, "/v1/zones/trips", as: "carrierB", ["trips": [World.trip("B-1", entry: monday, volume: 2, recipients: 5)]])
            let own = try await world.expect(.ok, .GET, "/v1/zones/fornebu-sentrum/compliance?month=\(month)", as: "carrierA").object
            #expect(own["coverage"] as? String == "own" && own["entries"] as? Int == 1 && own["compliant"] as? Int == 1)
            // The report page: the carrier's own month, without the other carrier's trip.
            let ownReport = try await platform.call(.GET, "/ui/zones/fornebu-sentrum/report?month=\(month)&lang=en", token: world.tokens["carrierA"])
            #expect(ownReport.status == .ok && ownReport.text.contains("Trips of") && ownReport.text.contains("<svg"), "\(ownReport.text)")
            #expect(!ownReport.text.contains("too few recipients") && !ownReport.text.contains("fill rate below"), "B's non-compliant trip is not in A's report")
            // Two operators: withheld from the municipality; a third makes the aggregate visible.
            #expect(try await world.expect(.ok, .GET, "/v1/zones/fornebu-sentrum/compliance?month=\(month)", as: "municipality").object["withheld"] as? Bool == true)
            let withheldReport = try await platform.call(.GET, "/ui/zones/fornebu-sentrum/report?month=\(month)&lang=en", token: world.tokens["municipality"])
            #expect(withheldReport.status == .ok && withheldReport.text.contains("Withheld"), "\(withheldReport.text)")
            try await world.expect(.created, .POST, "/v1/zones/trips", as: "hub", ["trips": [World.trip("H-1", entry: monday, volume: 10, recipients: 8, zeroEmission: true)]])
            let all = try await world.expect(.ok, .GET, "/v1/zones/fornebu-sentrum/compliance?month=\(month)", as: "municipality").object
            #expect(all["withheld"] as? Bool == false && all["operators"] as? Int == 3 && all["entries"] as? Int == 3 && all["compliant"] as? Int == 2)
            #expect(all["sharePercentCompliant"] as? Double == 66.7)
            #expect(!all.keys.contains("trips"))
            let report = try await platform.call(.GET, "/ui/zones/fornebu-sentrum/report?month=\(month)&lang=en", token: world.tokens["municipality"])
            #expect(report.text.contains("All operators' trips, summed; operators: 3") && report.text.contains("fill rate below the minimum"), "\(report.text)")
            for stranger in ["driver", "otherMunicipality", "shipper"] {
                let refused = try await platform.call(.GET, "/ui/zones/fornebu-sentrum/report?month=\(month)", token: world.tokens[stranger])
                #expect(refused.status == .forbidden, "\(stranger): \(refused.status)")
            }
        }
    }

    /// The aggregate is withheld by the operators whose trips count: a third operator whose trip
    /// entered after the rules ended adds no figure, so the other two could still be told apart.
    @Test(arguments: Backend.allCases)
    func operatorsWhoseTripsDoNotCountDoNotLiftTheWithholding(_ backend: Backend) async throws {
        try await TestPlatform.with(backend) { platform in
            var world = try await World(platform)
            try await world.setUpZones()
            let clock = try ZoneClock()
            let today = clock.local(Date()).date
            let first = today.month == 1 ? LocalDate(year: today.year - 1, month: 12, day: 1) : LocalDate(year: today.year, month: today.month - 1, day: 1)
            var ending = World.fornebuZone
            ending.validUntil = clock.instant(first.adding(days: 10), LocalTime(minutes: 0))
            let document = try #require(try JSONSerialization.jsonObject(with: ZoneDocument.write([ending])) as? [String: Any])
            try await world.expect(.ok, .PUT, "/v1/zones", as: "caseOfficer", document)
            func entry(_ days: Int) throws -> String { Wire.format(try #require(clock.instant(first.adding(days: days), LocalTime(hour: 9))), in: Self.oslo) }
            try await world.expect(.created, .POST, "/v1/zones/trips", as: "carrierA", ["trips": [World.trip("A-1", entry: try entry(3), volume: 8, recipients: 5)]])
            try await world.expect(.created, .POST, "/v1/zones/trips", as: "carrierB", ["trips": [World.trip("B-1", entry: try entry(4), volume: 2, recipients: 5)]])
            let late = try await world.expect(.created, .POST, "/v1/zones/trips", as: "hub", ["trips": [World.trip("H-1", entry: try entry(20), volume: 9, recipients: 5)]])
            #expect((late.array.first?["verdict"] as? [String: Any])?["outcome"] as? String == "not-in-force")
            let month = String(first.description.prefix(7))
            let view = try await world.expect(.ok, .GET, "/v1/zones/fornebu-sentrum/compliance?month=\(month)", as: "municipality").object
            #expect(view["withheld"] as? Bool == true && view["operators"] as? Int == 2 && view["entries"] == nil, "\(view)")
        }
    }

    @Test(arguments: Backend.allCases)
    func permitsAreGrantedByRuleOrByTheCaseOfficerAndThenExempt(_ backend: Backend) async throws {
        try await TestPlatform.with(backend) { platform in
            var world = try await World(platform)
            try await world.setUpZones()
            let from = Wire.format(Date().addingTimeInterval(-30 * 86_400), in: Self.oslo), until = Wire.format(Date().addingTimeInterval(30 * 86_400), in: Self.oslo)
            let electric = World.dieselVan.merging(["zeroEmission": true]) { $1 }
            let automatic = try await world.expect(.created, .POST, "/v1/zones/fornebu-sentrum/permits", as: "carrierA",
                                                   ["vehicle": electric, "validFrom": from, "validUntil": until, "waives": ["fill-below-minimum"], "justification": "new route"]).object
            #expect(automatic["status"] as? String == "granted" && (automatic["decision"] as? String)?.contains("Zero-emission fill relief") == true)
            let pending = try await world.expect(.created, .POST, "/v1/zones/fornebu-sentrum/permits", as: "carrierB",
                                                 ["vehicle": World.dieselVan, "validFrom": from, "validUntil": until, "waives": ["fill-below-minimum"], "justification": "ramp-up"]).object
            #expect(pending["status"] as? String == "pending" && (pending["decision"] as? String)?.contains("the vehicle is not zero-emission") == true)
            let id = try #require(pending["id"] as? String)
            // The case officer's inbox has it; the viewer of the municipality may not decide.
            #expect(try await world.expect(.ok, .GET, "/v1/permits?status=pending", as: "caseOfficer").array.compactMap { $0["id"] as? String } == [id])
            try await world.expect(.forbidden, .POST, "/v1/permits/\(id)/decision", as: "municipality", ["status": "granted", "reason": "ok"])
            try await world.expect(.badRequest, .POST, "/v1/permits/\(id)/decision", as: "caseOfficer", ["status": "maybe", "reason": "ok"])
            let granted = try await world.expect(.ok, .POST, "/v1/permits/\(id)/decision", as: "caseOfficer", ["status": "granted", "reason": "Pilot volumes"]).object
            #expect(granted["status"] as? String == "granted" && granted["decidedBy"] as? String == "acc-caseOfficer")
            try await world.expect(.conflict, .POST, "/v1/permits/\(id)/decision", as: "caseOfficer", ["status": "refused", "reason": "changed my mind"])
            // A half-full trip of carrier B is now exempt, naming the permit.
            let trip = try await world.expect(.created, .POST, "/v1/zones/trips", as: "carrierB",
                                              ["trips": [World.trip("B-9", entry: World.recentWorkday(at: "09:00"), volume: 6, recipients: 4)]]).array
            let verdict = try #require(trip.first?["verdict"] as? [String: Any])
            #expect(verdict["outcome"] as? String == "exempt" && verdict["permitId"] as? String == id)
            // Bad applications: nothing to waive, a period backwards.
            try await world.expect(.badRequest, .POST, "/v1/zones/fornebu-sentrum/permits", as: "carrierA",
                                   ["vehicle": electric, "validFrom": until, "validUntil": from, "waives": ["no-access"], "justification": "x"])
            try await world.expect(.badRequest, .POST, "/v1/zones/fornebu-sentrum/permits", as: "carrierA",
                                   ["vehicle": electric, "validFrom": from, "validUntil": until, "waives": ["speeding"], "justification": "x"])
        }
    }

    @Test(arguments: Backend.allCases)
    func bookingsHoldConfirmLapseAndRelease(_ backend: Backend) async throws {
        let clock = TestClock()
        try await TestPlatform.with(backend, configure: { $0.bookingRules.confirmWithinMinutesOfArrival = 24 * 60; $0.now = { clock.now } }) { platform in
            var world = try await World(platform)
            try await world.setUpZones()
            let bay = SampleZone.bays[0].id  // 15 m unmarked: two vans
            let slot = World.openBaySlot()
            func hold(_ party: String, _ vehicle: String) -> [String: Any] { ["vehicleRef": vehicle, "vehicle": World.dieselVan, "start": slot.start, "end": slot.end] }
            let first = try await world.expect(.created, .POST, "/v1/bays/\(bay)/bookings", as: "carrierA", hold("carrierA", "van-a1")).object
            try await world.expect(.created, .POST, "/v1/bays/\(bay)/bookings", as: "carrierB", hold("carrierB", "van-b1"))
            let full = try await world.expect(.conflict, .POST, "/v1/bays/\(bay)/bookings", as: "hub", hold("hub", "van-h1"))
            #expect(full.text.contains("is fully booked in the slot starting"))
            // Confirm the first; the second lapses after its five minutes, and its space is free again.
            let id = try #require(first["id"] as? String)
            #expect(try await world.expect(.ok, .POST, "/v1/bookings/\(id)/confirm", as: "carrierA", [String: Any]()).object["status"] as? String == "confirmed")
            clock.advance(seconds: 299)
            try await world.expect(.conflict, .POST, "/v1/bays/\(bay)/bookings", as: "hub", hold("hub", "van-h1"))
            clock.advance(seconds: 2)
            let again = try await world.expect(.created, .POST, "/v1/bays/\(bay)/bookings", as: "hub", hold("hub", "van-h1")).object
            #expect(again["status"] as? String == "held")
            #expect(try await world.expect(.ok, .GET, "/v1/bookings", as: "carrierB").array.first?["status"] as? String == "expired")
            // A lapsed hold cannot be confirmed; a released booking frees its space.
            let lapsed = try #require(try await world.expect(.ok, .GET, "/v1/bookings", as: "carrierB").array.first?["id"] as? String)
            try await world.expect(.conflict, .POST, "/v1/bookings/\(lapsed)/confirm", as: "carrierB", [String: Any]())
            try await world.expect(.noContent, .DELETE, "/v1/bookings/\(id)", as: "carrierA")
            try await world.expect(.created, .POST, "/v1/bays/\(bay)/bookings", as: "carrierB", hold("carrierB", "van-b2"))
            // Bad holds: off the slot grid, longer than the bay allows, a vehicle too long, a consolidated-only hour.
            var offGrid = hold("carrierA", "van-a2"); offGrid["start"] = Wire.format(try Wire.instant(slot.start, field: "").addingTimeInterval(60), in: Self.oslo)
            #expect(try await world.expect(.unprocessableEntity, .POST, "/v1/bays/\(bay)/bookings", as: "carrierA", offGrid).text.contains("15-minute slots"))
            var long = hold("carrierA", "van-a2"); long["end"] = Wire.format(try Wire.instant(slot.start, field: "").addingTimeInterval(3600), in: Self.oslo)
            #expect(try await world.expect(.unprocessableEntity, .POST, "/v1/bays/\(bay)/bookings", as: "carrierA", long).text.contains("exceed the 30 minutes"))
            var truck = hold("carrierA", "truck-1"); truck["vehicle"] = ["category": "heavy-truck", "zeroEmission": false, "grossWeightKg": 26000, "lengthM": 16.5, "volumeCapacityM3": 60, "payloadKg": 14000]
            #expect(try await world.expect(.unprocessableEntity, .POST, "/v1/bays/\(bay)/bookings", as: "carrierA", truck).text.contains("too short"))
            try await world.expect(.notFound, .POST, "/v1/bays/no-such-bay/bookings", as: "carrierA", hold("carrierA", "van-a2"))
            // One vehicle is in one place: the hub's held van cannot hold another bay in the same slot.
            let elsewhere = try await world.expect(.conflict, .POST, "/v1/bays/\(SampleZone.bays[1].id)/bookings", as: "hub", hold("hub", "van-h1"))
            #expect(elsewhere.text.contains("already has a booking at that time"))
            // The municipality publishes its bays again: bookings stay.
            let envelope = CDS.Envelope(timeZone: "Europe/Oslo", lastUpdated: SampleZone.published,
                                        data: CDS.Payload(zones: SampleZone.bays.map(\.curb), policies: SampleZone.bays.flatMap(\.policies)))
            let bays = try #require(try JSONSerialization.jsonObject(with: CurbDocument.write(envelope)) as? [String: Any])
            try await world.expect(.ok, .PUT, "/v1/bays", as: "caseOfficer", bays)
            #expect(try await world.expect(.ok, .GET, "/v1/bookings", as: "carrierB").array.count == 2)
        }
    }

    /// The hash the platform gives a plate, from the key it uses.
    static func plateKeyHash(of plate: String, _ platform: TestPlatform) async throws -> String? {
        try await CurbEventsController.plateKey(platform.app, Store(platform.app.db)).hash(plate)
    }
}
