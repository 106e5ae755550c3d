import Geo
import Foundation
import Testing
import Vapor
import Zones
@testable import Platform

/// 200 clients at once racing for the slots of 10 one-space bays: every slot goes to exactly
/// one, every other gets a 409 naming the full slot, holds lapse on time (five minutes), and a
/// confirmed booking nobody arrives for frees its slot ten minutes after its start. The
/// server's clock is the test's, moved on by hand.
@Suite struct BayContentionTests {
    static let clients = 200, bays = 10, slots = 4
    static let oslo = TimeZone(identifier: "Europe/Oslo")!

    /// Ten bays of one marked space each, open to every delivery at any time.
    static var envelope: CDS.Envelope {
        let policy = CDS.CurbPolicy(curbPolicyId: DeliveryBayCSV.nameBasedUUID("contention-policy"), publishedDate: 0, priority: 1,
                                    rules: [CDS.Rule(activity: "loading", maxStay: 60, userClasses: ["delivery"])], name: "Varelevering")
        let zones = (0..<bays).map { n -> CDS.CurbZone in
            let point = Coordinate(longitude: 10.615 + Double(n) * 0.001, latitude: 59.897)
            var curb = CDS.CurbZone(curbZoneId: DeliveryBayCSV.nameBasedUUID("contention-\(n)"), geometry: DeliveryBayCSV.rectangle(around: point, lengthCm: 800, widthCm: 250),
                                    curbPolicyIds: [policy.curbPolicyId], publishedDate: 0, lastUpdatedDate: 0, startDate: 0)
            curb.numSpaces = 1
            curb.userZoneId = "race-\(n)"
            return curb
        }
        return CDS.Envelope(timeZone: "Europe/Oslo", lastUpdated: 0, data: CDS.Payload(zones: zones, policies: [policy]))
    }

    @Test(arguments: Backend.allCases)
    func everySlotGoesToExactlyOneClient(_ backend: Backend) async throws {
        let clock = TestClock()
        let firstSlot = Date(timeIntervalSince1970: ((clock.now.timeIntervalSince1970 / 900).rounded(.up) + 1) * 900)
        try await TestPlatform.with(backend, configure: { $0.bookingRules.confirmWithinMinutesOfArrival = 24 * 60; $0.now = { clock.now } }) { platform in
            var world = try await World(platform)
            try await world.addAccount("caseOfficer", organisation: "baerum", role: "writer")
            let body = try #require(try JSONSerialization.jsonObject(with: CurbDocument.write(Self.envelope)) as? [String: Any])
            try await world.expect(.ok, .PUT, "/v1/bays", as: "caseOfficer", body)
            let bayIds = (Self.envelope.data.zones ?? []).map(\.curbZoneId)
            func hold(_ bay: Int, _ slot: Int, vehicle: String) -> [String: Any] {
                let start = firstSlot.addingTimeInterval(Double(slot) * 900)
                return ["vehicleRef": vehicle, "vehicle": World.dieselVan, "start": Wire.format(start, in: Self.oslo), "end": Wire.format(start.addingTimeInterval(900), in: Self.oslo)]
            }
            let tokens = ["carrierA", "carrierB", "hub", "otherHub"].compactMap { world.tokens[$0] }

            struct Attempt: Sendable { var client: Int; var bay: Int; var slot: Int; var status: UInt; var booking: String?; var text: String; var seconds: Double }
            let started = ContinuousClock.now
            let attempts = try await withThrowingTaskGroup(of: Attempt.self) { group in
                for k in 0..<Self.clients {
                    let (bay, slot) = (k % Self.bays, (k / Self.bays) % Self.slots)
                    let body = hold(bay, slot, vehicle: "race-van-\(k)")
                    let token = tokens[k % tokens.count]
                    group.addTask {
                        let clock = ContinuousClock.now
                        let reply = try await platform.call(.POST, "/v1/bays/\(bayIds[bay])/bookings", token: token, json: body)
                        let elapsed = ContinuousClock.now - clock
                        return Attempt(client: k, bay: bay, slot: slot, status: reply.status.code, booking: reply.object["id"] as? String, text: reply.text,
                                       seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            let wall = ContinuousClock.now - started
            // Exactly one winner per bay and slot; every loser a 409 that says the slot is full.
            var winners: [String: [Attempt]] = [:]
            for attempt in attempts where attempt.status == 201 { winners["\(attempt.bay)/\(attempt.slot)", default: []].append(attempt) }
            #expect(winners.count == Self.bays * Self.slots && winners.values.allSatisfy { $0.count == 1 }, "\(winners.mapValues(\.count))")
            let losers = attempts.filter { $0.status != 201 }
            #expect(losers.count == Self.clients - Self.bays * Self.slots)
            #expect(losers.allSatisfy { $0.status == 409 && $0.text.contains("is fully booked in the slot starting") }, "\(losers.first?.text ?? "")")
            for (index, bay) in bayIds.enumerated() {
                let occupancy = try await world.expect(.ok, .GET, "/v1/bays/\(bay)/occupancy?date=\(Wire.format(firstSlot, in: Self.oslo).prefix(10))", as: "carrierA")
                let claimed = (occupancy.object["slots"] as? [[String: Any]] ?? []).compactMap { $0["claimed"] as? Int }
                #expect(claimed.allSatisfy { $0 == 1 } && claimed.count >= 1, "bay \(index): \(claimed)")
            }
            let latencies = attempts.map(\.seconds).sorted()
            let line = String(format: "bay contention (%@): %d clients, %d slots: wall %.0f ms, p50 %.1f ms, p99 %.1f ms, max %.1f ms", "\(backend)", Self.clients,
                              Self.bays * Self.slots, Double(wall.components.attoseconds) / 1e15 + Double(wall.components.seconds) * 1000,
                              latencies[latencies.count / 2] * 1000, latencies[latencies.count * 99 / 100] * 1000, (latencies.last ?? 0) * 1000)
            print(line)

            // Confirm bay 0's first slot; five minutes on, the other holds have lapsed, the confirmed one has not.
            let winner = try #require(winners["0/0"]?.first)
            let confirmed = try #require(winner.booking)
            let confirmReply = try await platform.call(.POST, "/v1/bookings/\(confirmed)/confirm", token: tokens[winner.client % tokens.count], json: [String: Any]())
            #expect(confirmReply.status == .ok, "\(confirmReply.text)")
            clock.advance(seconds: 299)
            try await world.expect(.conflict, .POST, "/v1/bays/\(bayIds[1])/bookings", as: "carrierA", hold(1, 0, vehicle: "late-1"))
            clock.advance(seconds: 2)
            try await world.expect(.created, .POST, "/v1/bays/\(bayIds[1])/bookings", as: "carrierA", hold(1, 0, vehicle: "late-1"))
            try await world.expect(.conflict, .POST, "/v1/bays/\(bayIds[0])/bookings", as: "carrierA", hold(0, 0, vehicle: "late-2"))
            // Nobody arrives: ten minutes after the start the slot is free again.
            clock.advance(seconds: firstSlot.timeIntervalSince(clock.now) + 599)
            try await world.expect(.conflict, .POST, "/v1/bays/\(bayIds[0])/bookings", as: "carrierB", hold(0, 0, vehicle: "late-3"))
            clock.advance(seconds: 2)
            try await world.expect(.created, .POST, "/v1/bays/\(bayIds[0])/bookings", as: "carrierB", hold(0, 0, vehicle: "late-3"))
            let own = try await platform.call(.GET, "/v1/bookings", token: tokens[winner.client % tokens.count]).array
            #expect(own.first { $0["id"] as? String == confirmed }?["status"] as? String == "no-show")
        }
    }

    /// One vehicle asking for 20 slots at once across the ten bays: the cap on a vehicle's open
    /// holds (two) holds under the race too; the rest are told to confirm or release one.
    @Test(arguments: Backend.allCases)
    func oneVehicleRacingForManySlotsGetsNoMoreThanItsCap(_ backend: Backend) async throws {
        let clock = TestClock()
        let firstSlot = Date(timeIntervalSince1970: ((clock.now.timeIntervalSince1970 / 900).rounded(.up) + 1) * 900)
        try await TestPlatform.with(backend, configure: { $0.now = { clock.now } }) { platform in
            var world = try await World(platform)
            try await world.addAccount("caseOfficer", organisation: "baerum", role: "writer")
            let body = try #require(try JSONSerialization.jsonObject(with: CurbDocument.write(Self.envelope)) as? [String: Any])
            try await world.expect(.ok, .PUT, "/v1/bays", as: "caseOfficer", body)
            let bayIds = (Self.envelope.data.zones ?? []).map(\.curbZoneId)
            let token = try #require(world.tokens["carrierA"])
            let statuses = try await withThrowingTaskGroup(of: (UInt, String).self) { group in
                for k in 0..<20 {
                    let start = firstSlot.addingTimeInterval(Double(k / Self.bays) * 900)
                    let hold: [String: Any] = ["vehicleRef": "greedy-van", "vehicle": World.dieselVan, "start": Wire.format(start, in: Self.oslo),
                                               "end": Wire.format(start.addingTimeInterval(900), in: Self.oslo)]
                    group.addTask {
                        let reply = try await platform.call(.POST, "/v1/bays/\(bayIds[k % Self.bays])/bookings", token: token, json: hold)
                        return (reply.status.code, reply.text)
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            // At most its cap, and never two places at once: one hold in each of the two slots.
            #expect(statuses.filter { $0.0 == 201 }.count == BookingRules.standard.maximumHoldsPerVehicle, "\(statuses.map(\.0))")
            #expect(statuses.filter { $0.0 != 201 }.allSatisfy { $0.0 == 409 && ($0.1.contains("open holds") || $0.1.contains("already has a booking at that time")) },
                    "\(statuses.first { $0.0 != 201 }?.1 ?? "")")
        }
    }
}
