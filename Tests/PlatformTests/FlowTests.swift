import Foundation
import Testing
import Vapor
@testable import Platform

/// The whole hub flow through the HTTP API, on SQLite and on PostgreSQL: carriers announce,
/// the hub scans in and plans, a driver delivers with proof, and each party sees its part.
@Suite struct FlowTests {
    /// A barcode as long as the identifier rule allows is dispatched and delivered like any
    /// other: the events the platform derives from it keep within the rule, and a retry of the
    /// stop's outcome is recognised.
    @Test func theLongestBarcodesAreDispatchedAndDelivered() async throws {
        try await TestPlatform.with(.sqlite) { platform in
            let world = try await World(platform)
            let barcode = String(repeating: "7", count: 100)
            try await world.announce("LONG-1", barcodes: [barcode], site: "site-school-1", as: "carrierA")
            try await world.expect(.created, .POST, "/v1/events", as: "hub",
                                   ["eventId": "scan-long", "barcode": barcode, "type": "arrived-at-hub", "time": World.now])
            let route = try #require((try await world.planToday()["routes"] as? [[String: Any]])?.first?["id"] as? String)
            try await world.expect(.ok, .POST, "/v1/routes/\(route)/dispatch", as: "hub", ["driverId": world.accounts["driver"] ?? ""])
            let completion: [String: Any] = ["eventId": String(repeating: "e", count: 100), "outcome": "delivered", "time": World.now, "receiverName": "Kari"]
            let done = try await world.expect(.created, .POST, "/v1/routes/\(route)/stops/0/completion", as: "driver", completion)
            let events = try #require(done.object["events"] as? [[String: Any]])
            #expect(events.count == 1 && (events[0]["eventId"] as? String)?.count ?? 0 <= 100)
            let retry = try await world.expect(.ok, .POST, "/v1/routes/\(route)/stops/0/completion", as: "driver", completion)
            #expect(retry.object["duplicate"] as? Bool == true)
            let parcel = try await world.expect(.ok, .GET, "/v1/parcels/\(barcode)", as: "carrierA")
            #expect(parcel.object["status"] as? String == "delivered")
        }
    }

    @Test(arguments: Backend.allCases)
    func announceScanPlanDeliverAndSee(_ backend: Backend) async throws {
        try await TestPlatform.with(backend) { platform in
            let world = try await World(platform)
            // Carriers announce; a retry with the same Idempotency-Key replays the first answer.
            let body: [String: Any] = ["reference": "A-1", "hubId": "hub-a", "siteId": "site-school-1",
                                       "parcels": [["barcode": "A-001", "weightKg": 12.5], ["barcode": "A-002", "weightKg": 3, "temperature": "chilled"]]]
            let first = try await world.expect(.created, .POST, "/v1/shipments", as: "carrierA", body, headers: [("Idempotency-Key", "k-1")])
            let retry = try await world.expect(.created, .POST, "/v1/shipments", as: "carrierA", body, headers: [("Idempotency-Key", "k-1")])
            #expect(retry.headers.first(name: "Idempotent-Replayed") == "true")
            #expect(retry.object["id"] as? String == first.object["id"] as? String)
            // The same reference and content without a key is a retry too: 200, same shipment.
            let again = try await world.expect(.ok, .POST, "/v1/shipments", as: "carrierA", body)
            #expect(again.object["id"] as? String == first.object["id"] as? String)
            try await world.announce("B-1", barcodes: ["B-001"], site: "site-shop-2", as: "carrierB")
            try await world.announce("S-1", barcodes: ["S-001"], site: "site-school-1", as: "shipper", carrierId: "carrier-b")

            // The hub scans everything in.
            try await world.scanIn(["A-001", "A-002", "B-001", "S-001"])
            let atHub = try await world.expect(.ok, .GET, "/v1/parcels?status=at-hub", as: "hub")
            #expect(atHub.object["total"] as? Int == 4)

            // Plan: one stop per recipient per route, every parcel on a route.
            let plan = try await world.planToday()
            let routes = try #require(plan["routes"] as? [[String: Any]])
            let stops = routes.flatMap { $0["stops"] as? [[String: Any]] ?? [] }
            #expect(Set(stops.flatMap { $0["parcels"] as? [String] ?? [] }) == ["A-001", "A-002", "B-001", "S-001"])
            let schoolStops = stops.filter { $0["siteId"] as? String == "site-school-1" }
            #expect(schoolStops.count == 1 && (schoolStops[0]["parcels"] as? [String])?.count == 3, "one stop for the school's three parcels")
            #expect((plan["unassigned"] as? [Any])?.isEmpty == true)
            let chilledRoute = try #require(routes.first { ($0["stops"] as? [[String: Any]] ?? []).contains { ($0["parcels"] as? [String] ?? []).contains("A-002") } })
            #expect(chilledRoute["vehicleId"] as? String == "van-1", "the chilled parcel rides the chilled van")

            // GeoJSON of the plan: a LineString per route.
            let planId = try #require(plan["id"] as? String)
            let geo = try await world.expect(.ok, .GET, "/v1/plans/\(planId)/geojson", as: "hub")
            let features = geo.object["features"] as? [[String: Any]] ?? []
            #expect(features.filter { ($0["geometry"] as? [String: Any])?["type"] as? String == "LineString" }.count == routes.count)
            #expect(geo.headers.contentType?.description.contains("geo+json") == true)

            // Dispatch the school's route to the driver; its parcels go out for delivery.
            let routeId = try #require(routes.first { ($0["stops"] as? [[String: Any]] ?? []).contains { $0["siteId"] as? String == "site-school-1" } }?["id"] as? String)
            try await world.expect(.ok, .POST, "/v1/routes/\(routeId)/dispatch", as: "hub", ["driverId": world.accounts["driver"]!])
            try await world.expect(.conflict, .POST, "/v1/routes/\(routeId)/dispatch", as: "hub", ["driverId": world.accounts["driver"]!])
            let mine = try await world.expect(.ok, .GET, "/v1/driver/routes", as: "driver")
            #expect(mine.array.map { $0["id"] as? String } == [routeId])
            let manifest = try await world.expect(.ok, .GET, "/v1/routes/\(routeId)/manifest", as: "driver")
            let manifestStops = manifest.object["stops"] as? [[String: Any]] ?? []
            let schoolIndex = try #require(manifestStops.first { $0["siteId"] as? String == "site-school-1" }?["index"] as? Int)
            #expect(manifestStops.first { $0["siteId"] as? String == "site-school-1" }?["accessNotes"] as? String != nil, "drivers see access notes")

            // The driver completes the stop with proof; a retry is acknowledged without a second record.
            let proof: [String: Any] = ["eventId": "pod-1", "outcome": "delivered", "time": World.now, "receiverName": "Kari Vaktmester",
                                        "photoReference": "photos/pod-1.jpg"]
            let done = try await world.expect(.created, .POST, "/v1/routes/\(routeId)/stops/\(schoolIndex)/completion", as: "driver", proof)
            #expect((done.object["events"] as? [Any])?.count == 3)
            let retried = try await world.expect(.ok, .POST, "/v1/routes/\(routeId)/stops/\(schoolIndex)/completion", as: "driver", proof)
            #expect(retried.object["duplicate"] as? Bool == true)

            // The carrier sees "delivered" with the proof; the recipient sees its deliveries only.
            let parcel = try await world.expect(.ok, .GET, "/v1/parcels/A-001", as: "carrierA")
            #expect(parcel.object["status"] as? String == "delivered")
            #expect(parcel.object["siteName"] as? String == "Oksenøya skole")
            let events = parcel.object["events"] as? [[String: Any]] ?? []
            #expect(events.map { $0["type"] as? String } == ["announced", "arrived-at-hub", "loaded", "out-for-delivery", "delivered"])
            #expect(events.last?["receiverName"] as? String == "Kari Vaktmester")
            let deliveries = try await world.expect(.ok, .GET, "/v1/parcels", as: "recipient1")
            let items = deliveries.object["items"] as? [[String: Any]] ?? []
            #expect(Set(items.compactMap { $0["barcode"] as? String }) == ["A-001", "A-002", "S-001"])
            #expect(items.allSatisfy { $0["status"] as? String == "delivered" })
            let shop = try await world.expect(.ok, .GET, "/v1/parcels", as: "recipient2")
            let shopOnRoute = World.parcels(on: try #require(routes.first { $0["id"] as? String == routeId })).contains("B-001")
            #expect((shop.object["items"] as? [[String: Any]])?.map { $0["status"] as? String } == [shopOnRoute ? "out-for-delivery" : "at-hub"])

            // The hub operator sees aggregated figures for its hub; with only two carriers the
            // municipality gets the hub's row with every figure withheld.
            let stats = try await world.expect(.ok, .GET, "/v1/stats", as: "hub")
            let hubFigures = try #require((stats.object["hubs"] as? [[String: Any]])?.first)
            #expect(hubFigures["hubId"] as? String == "hub-a")
            #expect(hubFigures["parcelsDelivered"] as? Int == 3)
            #expect(hubFigures["parcelsAnnounced"] as? Int == 4)
            #expect(hubFigures["carriers"] as? String == "fewer than 3")
            let municipal = try #require((try await world.expect(.ok, .GET, "/v1/stats", as: "municipality").object["hubs"] as? [[String: Any]])?.first)
            #expect(municipal["hubId"] as? String == "hub-a" && municipal["suppressed"] as? Bool == true)
            #expect(municipal["parcelsDelivered"] == nil && municipal["parcelsAnnounced"] == nil && municipal["distanceKm"] == nil, "\(municipal)")
        }
    }

    @Test(arguments: Backend.allCases)
    func replanKeepsDispatchedRoutesAndTakesLateParcels(_ backend: Backend) async throws {
        try await TestPlatform.with(backend) { platform in
            let world = try await World(platform)
            try await world.announce("A-1", barcodes: ["A-001", "A-002"], site: "site-school-1", as: "carrierA")
            try await world.scanIn(["A-001", "A-002"])
            let first = try await world.planToday()
            let route = try #require((first["routes"] as? [[String: Any]])?.first)
            let routeId = try #require(route["id"] as? String)
            try await world.expect(.ok, .POST, "/v1/routes/\(routeId)/dispatch", as: "hub", ["driverId": world.accounts["driver"]!])

            // A late parcel for the shop arrives; the re-plan keeps the dispatched route as it is.
            try await world.announce("B-9", barcodes: ["B-900"], site: "site-shop-2", as: "carrierB")
            try await world.scanIn(["B-900"])
            let second = try await world.planToday()
            let routes = second["routes"] as? [[String: Any]] ?? []
            let kept = try #require(routes.first { $0["id"] as? String == routeId })
            #expect(kept["dispatchedAt"] as? String != nil)
            #expect(Set(World.parcels(on: kept)) == ["A-001", "A-002"])
            let others = routes.filter { $0["id"] as? String != routeId }
            #expect(others.flatMap(World.parcels(on:)) == ["B-900"])
            #expect(!others.contains { $0["vehicleId"] as? String == kept["vehicleId"] as? String }, "the dispatched vehicle is busy")
            let late = try await world.expect(.ok, .GET, "/v1/parcels/B-900", as: "carrierB")
            #expect(late.object["eta"] as? String != nil, "the late parcel has an ETA from the new plan")
        }
    }

    @Test(arguments: Backend.allCases)
    func eventsOrderByEventTimeNotArrival(_ backend: Backend) async throws {
        try await TestPlatform.with(backend) { platform in
            let world = try await World(platform)
            try await world.announce("A-1", barcodes: ["A-001"], site: "site-school-1", as: "carrierA")
            let zone = TimeZone(identifier: "Europe/Oslo")!
            let later = Wire.format(Date().addingTimeInterval(600), in: zone), earlier = Wire.format(Date().addingTimeInterval(300), in: zone)
            try await world.expect(.created, .POST, "/v1/events", as: "hub", ["eventId": "e2", "barcode": "A-001", "type": "sorted", "time": later])
            try await world.expect(.created, .POST, "/v1/events", as: "hub", ["eventId": "e1", "barcode": "A-001", "type": "arrived-at-hub", "time": earlier])
            let parcel = try await world.expect(.ok, .GET, "/v1/parcels/A-001", as: "carrierA")
            #expect(parcel.object["status"] as? String == "sorted", "the older event, arriving late, does not override the newer one")
            #expect((parcel.object["events"] as? [[String: Any]])?.map { $0["type"] as? String } == ["announced", "arrived-at-hub", "sorted"])
        }
    }
}
