import Foundation
import Testing
import Vapor
@testable import Platform

/// Wrong requests get a 4xx problem+json naming the field, row or id, and write nothing.
@Suite struct BadInputTests {
    @Test(arguments: Backend.allCases)
    func malformedRequestsAreRefusedWithThePlace(_ backend: Backend) async throws {
        try await TestPlatform.with(backend) { platform in
            let world = try await World(platform)
            let token = world.tokens["carrierA"]
            func refused(_ status: HTTPStatus, _ path: String, raw: String, contentType: String = "application/json", mentions: String,
                         sourceLocation: SourceLocation = #_sourceLocation) async throws {
                let reply = try await platform.call(.POST, path, token: token, raw: raw, contentType: contentType)
                #expect(reply.status == status, "\(reply.text)", sourceLocation: sourceLocation)
                #expect(reply.headers.contentType?.description == "application/problem+json", sourceLocation: sourceLocation)
                #expect((reply.object["detail"] as? String)?.contains(mentions) == true, "\(reply.text)", sourceLocation: sourceLocation)
            }
            let good = #"{"reference":"R-1","hubId":"hub-a","siteId":"site-school-1","parcels":[{"barcode":"X-1","weightKg":2}]}"#
            try await refused(.badRequest, "/v1/shipments", raw: #"{"reference": "R-1", "#, mentions: "not valid JSON")
            try await refused(.badRequest, "/v1/shipments", raw: good.replacingOccurrences(of: #""weightKg":2"#, with: #""weightKg":2,"colour":"red""#),
                              mentions: "$.parcels[0].colour: unknown field")
            try await refused(.badRequest, "/v1/shipments", raw: good.replacingOccurrences(of: #""reference":"R-1","#, with: ""),
                              mentions: "$.reference: required field is missing")
            try await refused(.badRequest, "/v1/shipments", raw: good.replacingOccurrences(of: #""weightKg":2"#, with: #""weightKg":"heavy""#),
                              mentions: "$.parcels[0].weightKg: expected a number")
            try await refused(.badRequest, "/v1/shipments", raw: good.replacingOccurrences(of: #""weightKg":2"#, with: #""weightKg":-2"#),
                              mentions: "$.parcels[0].weightKg")
            try await refused(.unsupportedMediaType, "/v1/shipments", raw: good, contentType: "text/plain", mentions: "application/json")
            try await refused(.unprocessableEntity, "/v1/shipments", raw: good.replacingOccurrences(of: "site-school-1", with: "nowhere"),
                              mentions: "$.siteId: site 'nowhere' does not exist")
            try await refused(.badRequest, "/v1/events", raw: #"{"eventId":"e","barcode":"X-1","type":"sorted","time":"2026-11-25 08:00"}"#,
                              mentions: "$.time")
            try await refused(.badRequest, "/v1/events", raw: #"{"eventId":"e","barcode":"X-1","type":"teleported","time":"2026-11-25T08:00:00Z"}"#,
                              mentions: "$.type")
            // Nothing of the refused shipments was stored.
            #expect((try await world.expect(.ok, .GET, "/v1/parcels", as: "carrierA")).object["total"] as? Int == 0)
            // Lists check their paging.
            let page = try await platform.call(.GET, "/v1/parcels?perPage=0", token: token)
            #expect(page.status == .badRequest && page.text.contains("perPage"))
        }
    }

    @Test(arguments: Backend.allCases)
    func duplicatesConflictsAndUnknownParcels(_ backend: Backend) async throws {
        try await TestPlatform.with(backend) { platform in
            let world = try await World(platform)
            try await world.announce("A-1", barcodes: ["A-001"], site: "site-school-1", as: "carrierA")
            let event: [String: Any] = ["eventId": "scan-1", "barcode": "A-001", "type": "arrived-at-hub", "time": World.now]
            try await world.expect(.created, .POST, "/v1/events", as: "hub", event)
            let retry = try await world.expect(.ok, .POST, "/v1/events", as: "hub", event)
            #expect(retry.object["eventId"] as? String == "scan-1")
            var changed = event
            changed["type"] = "sorted"
            let conflict = try await world.expect(.conflict, .POST, "/v1/events", as: "hub", changed)
            #expect(conflict.text.contains("$.eventId: event 'scan-1' was recorded before with different content"))
            let unknown = try await world.expect(.notFound, .POST, "/v1/events", as: "hub",
                                                 ["eventId": "scan-2", "barcode": "NO-SUCH", "type": "arrived-at-hub", "time": World.now])
            #expect(unknown.text.contains("$.barcode: parcel 'NO-SUCH' was not found"))
            let future = try await world.expect(.unprocessableEntity, .POST, "/v1/events", as: "hub", [
                "eventId": "scan-3", "barcode": "A-001", "type": "sorted", "time": Wire.format(Date().addingTimeInterval(86_400), in: .gmt)])
            #expect(future.text.contains("in the future"))
            // A route the hub does not have, or one that is no identifier, is refused and names the field.
            let noRoute = try await world.expect(.unprocessableEntity, .POST, "/v1/events", as: "hub", [
                "eventId": "load-1", "barcode": "A-001", "type": "loaded", "routeId": "rte_nowhere", "time": World.now])
            #expect(noRoute.text.contains("$.routeId: 'rte_nowhere' is no route of this parcel's hub"))
            try await world.expect(.badRequest, .POST, "/v1/events", as: "hub", [
                "eventId": "load-2", "barcode": "A-001", "type": "loaded", "routeId": "<route>", "time": World.now])
            // Retries racing each other: one is stored, the others are acknowledged as duplicates.
            let racing = #"{"eventId": "sort-1", "barcode": "A-001", "type": "sorted", "time": ""# + World.now + #""}"#
            let hubToken = world.tokens["hub"]
            let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for _ in 0..<8 { group.addTask { try await platform.call(.POST, "/v1/events", token: hubToken, raw: racing).status } }
                return try await group.reduce(into: [HTTPStatus]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .created }.count == 1 && statuses.filter { $0 == .ok }.count == 7, "\(statuses)")
            let parcel = try await world.expect(.ok, .GET, "/v1/parcels/A-001", as: "hub")
            #expect((parcel.object["events"] as? [Any])?.count == 3, "announced, one scan, one sort: retries and refusals stored nothing")

            // A barcode that exists already: the whole shipment is refused and nothing of it stored.
            let clash = try await world.expect(.conflict, .POST, "/v1/shipments", as: "carrierB", [
                "reference": "B-1", "hubId": "hub-a", "siteId": "site-shop-2",
                "parcels": [["barcode": "B-001", "weightKg": 1], ["barcode": "A-001", "weightKg": 1]]])
            #expect(clash.text.contains("$.parcels[1].barcode: parcel 'A-001' already exists"))
            #expect((try await world.expect(.ok, .GET, "/v1/parcels", as: "carrierB")).object["total"] as? Int == 0)
            // The reference is free again, and a reused reference with other content is a conflict.
            try await world.announce("B-1", barcodes: ["B-001"], site: "site-shop-2", as: "carrierB")
            try await world.expect(.conflict, .POST, "/v1/shipments", as: "carrierB", [
                "reference": "B-1", "hubId": "hub-a", "siteId": "site-shop-2", "parcels": [["barcode": "B-002", "weightKg": 1]]])
            // The same Idempotency-Key with another request is refused.
            let body: [String: Any] = ["reference": "B-2", "hubId": "hub-a", "siteId": "site-shop-2", "parcels": [["barcode": "B-020", "weightKg": 1]]]
            try await world.expect(.created, .POST, "/v1/shipments", as: "carrierB", body, headers: [("Idempotency-Key", "same")])
            var other = body
            other["reference"] = "B-3"
            try await world.expect(.unprocessableEntity, .POST, "/v1/shipments", as: "carrierB", other, headers: [("Idempotency-Key", "same")])
        }
    }

    @Test(arguments: Backend.allCases)
    func batchesAnswerPerItemAndCSVIsAllOrNothing(_ backend: Backend) async throws {
        try await TestPlatform.with(backend) { platform in
            let world = try await World(platform)
            let batch = try await world.expect(.ok, .POST, "/v1/shipments/batch", as: "carrierA", ["shipments": [
                ["reference": "A-1", "hubId": "hub-a", "siteId": "site-school-1", "parcels": [["barcode": "A-001", "weightKg": 1]]],
                ["reference": "A-2", "hubId": "hub-a", "siteId": "site-school-1", "parcels": [["barcode": "A-002", "weightKg": 0]]],
                ["reference": "A-3", "hubId": "hub-a", "siteId": "site-shop-2", "parcels": [["barcode": "A-003", "weightKg": 2]]],
                ["reference": "A-1", "hubId": "hub-a", "siteId": "site-school-1", "parcels": [["barcode": "A-001", "weightKg": 1]]],
            ]])
            let results = batch.object["results"] as? [[String: Any]] ?? []
            #expect(results.map { $0["outcome"] as? String } == ["created", "rejected", "created", "duplicate"])
            #expect(((results[1]["problem"] as? [String: Any])?["detail"] as? String)?.hasPrefix("$.shipments[1].parcels[0].weightKg") == true)
            #expect((try await world.expect(.ok, .GET, "/v1/parcels", as: "carrierA")).object["total"] as? Int == 2)

            let csv = """
                reference,hub_id,site_id,barcode,weight_kg,temperature
                C-1,hub-a,site-school-1,C-001,3.5,ambient
                C-1,hub-a,site-school-1,C-002,heavy,ambient
                C-2,hub-a,site-shop-2,C-003,1,chilled

                """
            let refused = try await platform.call(.POST, "/v1/shipments/import", token: world.tokens["carrierA"], raw: csv, contentType: "text/csv")
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.text.contains("row 3, column weight_kg: 'heavy' is not a number"), "\(refused.text)")
            #expect((try await world.expect(.ok, .GET, "/v1/parcels", as: "carrierA")).object["total"] as? Int == 2, "a refused file stores no row")
            let quoted = try await platform.call(.POST, "/v1/shipments/import", token: world.tokens["carrierA"],
                                                 raw: "reference,hub_id,site_id,barcode,weight_kg\n\"C-1\",hub-a,site-school-1,\"C-001\",\"3.5\"\nC-1,hub-a,site-school-1,C-002,4\n",
                                                 contentType: "text/csv")
            #expect(quoted.status == .ok, "\(quoted.text)")
            #expect(quoted.object["parcels"] as? Int == 2)
            let badHeader = try await platform.call(.POST, "/v1/shipments/import", token: world.tokens["carrierA"],
                                                    raw: "reference,hub,site_id,barcode,weight_kg\n", contentType: "text/csv")
            #expect(badHeader.status == .unprocessableEntity && badHeader.text.contains("unknown column 'hub'"), "\(badHeader.text)")
        }
    }

    @Test func impossibleLoadsComeBackUnassignedWithAReason() async throws {
        try await TestPlatform.with(.sqlite) { platform in
            let world = try await World(platform)
            try await world.expect(.created, .POST, "/v1/shipments", as: "carrierA", [
                "reference": "HEAVY", "hubId": "hub-a", "siteId": "site-school-1", "parcels": [["barcode": "H-1", "weightKg": 1500, "pallet": true]]])
            try await world.scanIn(["H-1"])
            let plan = try await world.planToday()
            let unassigned = plan["unassigned"] as? [[String: Any]] ?? []
            #expect(unassigned.first?["barcodes"] as? [String] == ["H-1"])
            #expect((unassigned.first?["reason"] as? String)?.isEmpty == false)
            // A hub without vehicles cannot plan.
            try await world.expect(.created, .POST, "/v1/hubs", as: "admin", [
                "id": "hub-c", "name": "Hub C", "operatorId": "otherhub", "location": [10.5, 59.9], "timeZone": "Europe/Oslo",
                "opens": "06:00", "closes": "18:00"])
            let empty = try await world.expect(.unprocessableEntity, .POST, "/v1/hubs/hub-c/plans", as: "otherHub", [String: Any]())
            #expect(empty.text.contains("has no vehicles"))
        }
    }
}
