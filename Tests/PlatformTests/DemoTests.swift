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
}
