import Foundation
import Testing
import Vapor
@testable import Platform

/// Set-based intake answers as item-by-item intake did: every outcome of a batch in its place,
/// the parcel's state the latest event by time; and keyset pages walk the list as page
/// numbers do.
@Suite struct IntakeSetTests {
    /// `minutes` from now, ISO 8601 (events may be up to an hour ahead of the clock).
    static func later(_ minutes: Int) -> String { ISO8601DateFormatter().string(from: Date().addingTimeInterval(Double(minutes) * 60)) }

    @Test(arguments: Backend.allCases)
    func aBatchWithEveryOutcomeAnswersItemByItem(_ backend: Backend) async throws {
        try await TestPlatform.with(backend) { platform in
            let world = try await World(platform)
            try await world.announce("S-1", barcodes: ["S-001", "S-002"], site: "site-school-1", as: "carrierA")
            try await world.announce("S-2", barcodes: ["B-001"], site: "site-school-1", as: "carrierB")
            let before = Self.later(5)
            try await world.expect(.created, .POST, "/v1/events", as: "hub",
                                   ["eventId": "before", "barcode": "S-002", "type": "arrived-at-hub", "time": before])
            func event(_ id: String, _ barcode: String, _ type: String, _ time: String) -> [String: Any] {
                ["eventId": id, "barcode": barcode, "type": type, "time": time]
            }
            // One time for e1, read once: two readings could straddle a second and differ.
            let sortedAt = Self.later(20)
            let events: [[String: Any]] = [
                event("e1", "S-001", "sorted", sortedAt),                               // created
                event("before", "S-002", "arrived-at-hub", before),                     // stored before: duplicate
                event("e1", "S-001", "sorted", sortedAt),                               // repeated in the batch: duplicate
                event("e1", "S-001", "returned", sortedAt),                             // the id with other content: conflict
                event("e2", "NO-SUCH", "sorted", Self.later(20)),                       // unknown parcel
                event("e3", "S-001", "sorted", "yesterday"),                            // bad time
                event("e4", "S-001", "arrived-at-hub", Self.later(10)),                 // earlier than e1: stored, state unchanged
                event("e5", "B-001", "arrived-at-hub", Self.later(10)),                 // another carrier's parcel, the hub's event: created
            ]
            let reply = try await world.expect(.ok, .POST, "/v1/events/batch", as: "hub", ["events": events])
            let results = try #require(reply.object["results"] as? [[String: Any]])
            #expect(results.map { $0["index"] as? Int } == Array(0..<8))
            #expect(results.map { $0["outcome"] as? String } == ["created", "duplicate", "duplicate", "rejected", "rejected", "rejected", "created", "created"])
            let statuses = results.map { result -> Int in ((result["problem"] as? [String: Any])?["status"] as? Int) ?? 0 }
            #expect(statuses == [0, 0, 0, 409, 404, 400, 0, 0], "\(reply.text)")
            #expect((results[3]["problem"] as? [String: Any])?["detail"] as? String == "$.events[3].eventId: event 'e1' was recorded before with different content")
            #expect(reply.object["created"] as? Int == 3 && reply.object["duplicates"] as? Int == 2 && reply.object["rejected"] as? Int == 3)

            let parcel = try await world.expect(.ok, .GET, "/v1/parcels/S-001", as: "carrierA")
            #expect(parcel.object["status"] as? String == "sorted", "the latest event by time, not the last to arrive")
            let log = (parcel.object["events"] as? [[String: Any]] ?? []).compactMap { $0["eventId"] as? String }
            #expect(log.filter { $0 != log.first } == ["e4", "e1"], "\(log)")
            // A carrier records no hub scans, in a batch as alone.
            let carrier = try await world.expect(.ok, .POST, "/v1/events/batch", as: "carrierA",
                                                 ["events": [event("c1", "S-001", "sorted", Self.later(30))]])
            #expect(((carrier.object["results"] as? [[String: Any]])?.first?["problem"] as? [String: Any])?["status"] as? Int == 403)
        }
    }

    @Test(arguments: Backend.allCases)
    func cursorPagesWalkTheListAsPageNumbersDo(_ backend: Backend) async throws {
        try await TestPlatform.with(backend) { platform in
            let world = try await World(platform)
            try await world.announce("P-1", barcodes: ["K-1", "K-2", "K-3", "K-4"], site: "site-school-1", as: "carrierA")
            try await world.announce("P-2", barcodes: ["K-5", "K-6", "K-7"], site: "site-school-1", as: "carrierA")
            try await world.scanIn(["K-3", "K-6"], at: Self.later(5))
            var byNumber: [String] = []
            for page in 1...3 {
                let reply = try await world.expect(.ok, .GET, "/v1/parcels?perPage=3&page=\(page)", as: "carrierA")
                byNumber += (reply.object["items"] as? [[String: Any]] ?? []).compactMap { $0["barcode"] as? String }
            }
            var byCursor: [String] = []
            var cursor: String?
            var pages = 0
            repeat {
                let reply = try await world.expect(.ok, .GET, "/v1/parcels?perPage=3" + (cursor.map { "&cursor=\($0)" } ?? ""), as: "carrierA")
                byCursor += (reply.object["items"] as? [[String: Any]] ?? []).compactMap { $0["barcode"] as? String }
                #expect(reply.object["total"] as? Int == (cursor == nil ? 7 : nil), "counted on the first page, by number, only")
                cursor = reply.object["nextCursor"] as? String
                pages += 1
            } while cursor != nil && pages < 10
            #expect(pages == 3)
            #expect(byCursor == byNumber && Set(byCursor).count == 7, "\(byCursor) by cursor, \(byNumber) by number")
            #expect(Array(byCursor.prefix(2)).sorted() == ["K-3", "K-6"], "the scanned parcels' state is the newest")

            let bad = try await world.expect(.badRequest, .GET, "/v1/parcels?cursor=not-a-cursor", as: "carrierA")
            #expect(bad.text.contains("cursor: 'not-a-cursor' is no cursor this server gave"))
            let both = try await world.expect(.badRequest, .GET, "/v1/parcels?page=2&cursor=\(PageCursor(time: 0, id: "K-1").text)", as: "carrierA")
            #expect(both.text.contains("not both"))
            // Another carrier's cursor position shows nothing of this carrier.
            let other = try await world.expect(.ok, .GET, "/v1/parcels?cursor=\(PageCursor(time: Int64.max, id: "").text)", as: "carrierB")
            #expect((other.object["items"] as? [Any])?.isEmpty == true)
        }
    }
}
