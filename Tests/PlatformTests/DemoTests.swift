import Foundation
import Testing
@testable import Platform
import SQLKit
@testable import Store

/// The demo shows the same day at any hour: most parcels scanned in, none refused.
@Suite struct DemoTests {
    @Test func theDemoDayHasTheSameShapeAtAnyHour() async throws {
        let hub = try HubRecord(.init(id: "hub", name: "Hub", operatorId: "op", municipalityId: nil, location: [10.6, 59.9],
                                      timeZone: "Europe/Oslo", opens: "06:00", closes: "20:00"))
        for clock in ["00:00:30", "04:29:00", "12:00:00", "23:59:00"] {
            let now = try Wire.instant("2026-03-29T\(clock)+02:00", field: "now")  // also the night of the change to summer time
            let (announced, scans) = try DemoSeed.dayShape(hub: hub, now: now)
            #expect(Wire.today(in: hub.zone, now: announced) == Wire.today(in: hub.zone, now: now), "announced today, at \(clock)")
            #expect(announced < scans.lowerBound && scans.upperBound.timeIntervalSince(now) <= 3600, "scans accepted at \(clock)")
        }
    }

    @Test func aSeededDemoHasMostParcelsAtTheHub() async throws {
        try await TestPlatform.with(.sqlite, configure: { $0.demo = true; $0.runsPlanningWorker = false }) { platform in
            struct Count: Decodable { var status: String; var n: Int }
            let counts: [Count] = try await Store(platform.app.db).rows("SELECT status, COUNT(*) AS n FROM parcels GROUP BY status")
            let total = counts.reduce(0) { $0 + $1.n }, atHub = counts.first { $0.status == "at-hub" }?.n ?? 0
            #expect(total == 75 && Double(atHub) > 0.7 * Double(total), "\(counts)")
        }
    }

    /// A site no vehicle reaches by road (registered at 0° 0°) does not stop the hub's planning:
    /// the day is planned, and that site's parcel waits with the reason.
    @Test func aSiteFarFromAnyRoadWaitsWithoutFailingThePlan() async throws {
        try await TestPlatform.with(.sqlite, configure: { $0.demo = true; $0.runsPlanningWorker = true }) { platform in
            let store = Store(platform.app.db)
            let admin = try await platform.adminToken()
            let carrier = try await Tokens.issue(accountId: "alnabru-dispatcher", name: "test", store: store).secret
            let hub = try await Tokens.issue(accountId: "hub-dispatcher", name: "test", store: store).secret
            let recipient = try #require((try await platform.call(.GET, "/v1/sites", token: admin).array.first)?["recipientId"] as? String)
            let site = try await platform.call(.POST, "/v1/sites", token: admin, json: [
                "id": "far-away", "recipientId": recipient, "name": "Null Island", "address": "0° 0°", "location": [0, 0],
                "timeWindows": ["mon": [["06:00", "18:00"]], "tue": [["06:00", "18:00"]], "wed": [["06:00", "18:00"]], "thu": [["06:00", "18:00"]],
                                "fri": [["06:00", "18:00"]], "sat": [["06:00", "18:00"]], "sun": [["06:00", "18:00"]]]])
            #expect(site.status == .created, "\(site.text)")
            let shipment = try await platform.call(.POST, "/v1/shipments", token: carrier, json: [
                "reference": "FAR-1", "hubId": "fornebu", "siteId": "far-away", "parcels": [["barcode": "FAR-001", "weightKg": 2]]])
            #expect(shipment.status == .created, "\(shipment.text)")
            let queued = try await platform.call(.POST, "/v1/hubs/fornebu/plans", token: hub, json: ["timeLimitSeconds": 0.5])
            let plan = try await platform.waitForPlan(try #require(queued.object["id"] as? String), token: hub)
            #expect(plan.object["status"] as? String == "done", "\(plan.text.prefix(400))")
            let waiting = (plan.object["unassigned"] as? [[String: Any]] ?? []).first { ($0["barcodes"] as? [String])?.contains("FAR-001") == true }
            #expect((waiting?["reason"] as? String)?.contains("is more than") == true, "\(waiting ?? [:])")
            #expect(((plan.object["routes"] as? [Any]) ?? []).isEmpty == false, "the rest of the day is planned")
        }
    }
}
