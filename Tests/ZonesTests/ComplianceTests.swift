import Foundation
import Testing
@testable import Zones

/// Verdicts worked out by hand from the rules in `Fixtures` (Oslo is UTC+1 in December,
/// UTC+2 from 29 March to 25 October 2026).
@Suite struct ComplianceTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var trip: ZoneTrip
        var zone: Zone
        var outcome: ZoneVerdict.Outcome
        var violations: [ViolationCode]
        var governing: String?
        var outranked: [String] = []
        var testDescription: String { trip.id }
    }

    static let van = Vehicles.dieselVan, eVan = Vehicles.electricVan, bike = Vehicles.cargoBike
    static let monday = "2026-12-07T09:00:00+01:00"

    static let cases: [Case] = [
        // 8 of 12 m³ is 66.7 % by volume; five recipients.
        Case(trip: trip("T01 van two-thirds full", van, monday, volume: 8, weight: 400, recipients: 5), zone: Fixtures.fornebu, outcome: .compliant, violations: [], governing: "consolidated-day"),
        // 50 % by volume and 45 % by weight: neither threshold.
        Case(trip: trip("T02 van half full", van, monday, volume: 6, weight: 450, recipients: 4), zone: Fixtures.fornebu, outcome: .nonCompliant, violations: [.fillBelowMinimum], governing: "consolidated-day"),
        // 6 of 10 m³ is exactly 60 %, three recipients exactly the minimum.
        Case(trip: trip("T03 e-van at both minimums", eVan, monday, volume: 6, weight: 100, recipients: 3), zone: Fixtures.fornebu, outcome: .compliant, violations: [], governing: "consolidated-day"),
        // Light by volume (17 %) but 500 of 1,000 kg is 50 % by weight.
        Case(trip: trip("T04 van full by weight", van, monday, volume: 2, weight: 500, recipients: 3), zone: Fixtures.fornebu, outcome: .compliant, violations: [], governing: "consolidated-day"),
        Case(trip: trip("T05 van two recipients", van, monday, volume: 9, weight: 300, recipients: 2), zone: Fixtures.fornebu, outcome: .nonCompliant, violations: [.tooFewRecipients], governing: "consolidated-day"),
        // Every reason, not the first: 25 % / 10 % and one recipient.
        Case(trip: trip("T06 van nearly empty, one recipient", van, monday, volume: 3, weight: 100, recipients: 1), zone: Fixtures.fornebu, outcome: .nonCompliant, violations: [.fillBelowMinimum, .tooFewRecipients], governing: "consolidated-day"),
        // The hub window (priority 1) outranks the consolidation rule (priority 2) for cargo bikes on workdays.
        Case(trip: trip("T07 cargo bike on a Monday", bike, monday, volume: 0.3, weight: 20, recipients: 1), zone: Fixtures.fornebu, outcome: .compliant, violations: [], governing: "hub-window", outranked: ["consolidated-day"]),
        // On Saturday the hub window is closed and the consolidation rule governs: 20 % and one recipient.
        Case(trip: trip("T08 cargo bike on a Saturday", bike, "2026-12-05T09:00:00+01:00", volume: 0.3, weight: 20, recipients: 1), zone: Fixtures.fornebu, outcome: .nonCompliant, violations: [.fillBelowMinimum, .tooFewRecipients], governing: "consolidated-day"),
        // 26 t exceeds the zone's 18 t; otherwise it would meet the rule (80 %, six recipients).
        Case(trip: trip("T09 heavy truck", Vehicles.heavyTruck, monday, volume: 40, weight: 5000, recipients: 6), zone: Fixtures.fornebu, outcome: .nonCompliant, violations: [.vehicleNotAllowed], governing: "consolidated-day"),
        // Friday 23:30: the night rule's evening part.
        Case(trip: trip("T10 truck Friday 23:30", Vehicles.truck, "2026-12-04T23:30:00+01:00", volume: 30, weight: 3000, recipients: 4), zone: Fixtures.fornebu, outcome: .nonCompliant, violations: [.noAccess], governing: "night-quiet"),
        // Saturday 05:59: the same span, past midnight.
        Case(trip: trip("T11 truck Saturday 05:59", Vehicles.truck, "2026-12-05T05:59:00+01:00", volume: 30, weight: 3000, recipients: 4), zone: Fixtures.fornebu, outcome: .nonCompliant, violations: [.noAccess], governing: "night-quiet"),
        // Saturday 06:00: the night span has ended (its end is excluded), the day rule starts (75 %, four recipients).
        Case(trip: trip("T12 truck Saturday 06:00", Vehicles.truck, "2026-12-05T06:00:00+01:00", volume: 30, weight: 3000, recipients: 4), zone: Fixtures.fornebu, outcome: .compliant, violations: [], governing: "consolidated-day"),
        // Sunday morning: no policy for anyone, and the zone is closed by default.
        Case(trip: trip("T13 e-van Sunday 10:00", eVan, "2026-12-06T10:00:00+01:00", volume: 9, weight: 300, recipients: 5), zone: Fixtures.fornebu, outcome: .nonCompliant, violations: [.noAccess], governing: nil),
        Case(trip: trip("T14 e-van Sunday 19:00", eVan, "2026-12-06T19:00:00+01:00", volume: 1, weight: 50, recipients: 2), zone: Fixtures.fornebu, outcome: .compliant, violations: [], governing: "zero-emission-evening"),
        Case(trip: trip("T15 diesel van Sunday 19:00", van, "2026-12-06T19:00:00+01:00", volume: 10, weight: 500, recipients: 6), zone: Fixtures.fornebu, outcome: .nonCompliant, violations: [.noAccess], governing: nil),
        // Christmas Day (a Friday): the holiday rule (priority 0) outranks the day rule, which is also in force.
        Case(trip: trip("T16 e-van Christmas Day", eVan, "2026-12-25T10:00:00+01:00", volume: 9, weight: 300, recipients: 5), zone: Fixtures.fornebu, outcome: .nonCompliant, violations: [.noAccess], governing: "holiday-closed", outranked: ["consolidated-day"]),
        // Ascension Day, 39 days after Easter Sunday (5 April 2026), in summer time.
        Case(trip: trip("T17 e-van Ascension Day", eVan, "2026-05-14T10:00:00+02:00", volume: 9, weight: 300, recipients: 5), zone: Fixtures.fornebu, outcome: .nonCompliant, violations: [.noAccess], governing: "holiday-closed", outranked: ["consolidated-day"]),
        // On a holiday the hub window (holidays excluded) is not in force for the bike either.
        Case(trip: trip("T18 cargo bike Christmas Day", bike, "2026-12-25T10:00:00+01:00", volume: 0.3, weight: 20, recipients: 1), zone: Fixtures.fornebu, outcome: .nonCompliant, violations: [.noAccess], governing: "holiday-closed", outranked: ["consolidated-day"]),
        // 21 of 35 m³ is exactly 60 %.
        Case(trip: trip("T19 e-truck at noon", Vehicles.electricTruck, "2026-12-07T12:00:00+01:00", volume: 21, weight: 2000, recipients: 3), zone: Fixtures.fornebu, outcome: .compliant, violations: [], governing: "consolidated-day"),
        Case(trip: trip("T20 truck full by weight", Vehicles.truck, monday, volume: 10, weight: 4500, recipients: 3), zone: Fixtures.fornebu, outcome: .compliant, violations: [], governing: "consolidated-day"),
        Case(trip: trip("T21 van at 17:59", van, "2026-12-07T17:59:00+01:00", volume: 8, weight: 400, recipients: 5), zone: Fixtures.fornebu, outcome: .compliant, violations: [], governing: "consolidated-day"),
        Case(trip: trip("T22 van at 18:00", van, "2026-12-07T18:00:00+01:00", volume: 8, weight: 400, recipients: 5), zone: Fixtures.fornebu, outcome: .nonCompliant, violations: [.noAccess], governing: nil),
        Case(trip: trip("T23 certified hub, six recipients", van, monday, volume: 1, recipients: 6, operator: "fornebu-hub"), zone: Fixtures.lysaker, outcome: .compliant, violations: [], governing: "certified"),
        Case(trip: trip("T24 uncertified carrier", van, monday, volume: 1, recipients: 6, operator: "carrier-b"), zone: Fixtures.lysaker, outcome: .nonCompliant, violations: [.notCertifiedConsolidator], governing: "certified"),
        Case(trip: trip("T25 certified hub, nine recipients", van, monday, volume: 1, recipients: 9, operator: "fornebu-hub"), zone: Fixtures.lysaker, outcome: .nonCompliant, violations: [.tooManyRecipients], governing: "certified"),
        Case(trip: trip("T26 before the rules took effect", van, "2025-12-31T23:59:00+01:00", volume: 0, recipients: 0), zone: Fixtures.fornebu, outcome: .notInForce, violations: [], governing: nil),
        // Around summer time: 02:00–03:00 every day. On 29 March the clocks jump from 02:00 to 03:00,
        // so the window does not occur; on 25 October 02:00–03:00 occurs twice and both hours count.
        Case(trip: trip("D1 29 March 01:30 CET", van, "2026-03-29T01:30:00+01:00", recipients: 1), zone: Fixtures.nightWindow, outcome: .nonCompliant, violations: [.noAccess], governing: nil),
        Case(trip: trip("D2 29 March 00:59:59Z is 01:59 CET", van, "2026-03-29T00:59:59Z", recipients: 1), zone: Fixtures.nightWindow, outcome: .nonCompliant, violations: [.noAccess], governing: nil),
        Case(trip: trip("D3 29 March 01:00Z is 03:00 CEST", van, "2026-03-29T01:00:00Z", recipients: 1), zone: Fixtures.nightWindow, outcome: .nonCompliant, violations: [.noAccess], governing: nil),
        Case(trip: trip("D4 28 March 02:30 CET", van, "2026-03-28T02:30:00+01:00", recipients: 1), zone: Fixtures.nightWindow, outcome: .compliant, violations: [], governing: "two-to-three"),
        Case(trip: trip("D5 25 October first 02:30 (CEST)", van, "2026-10-25T02:30:00+02:00", recipients: 1), zone: Fixtures.nightWindow, outcome: .compliant, violations: [], governing: "two-to-three"),
        Case(trip: trip("D6 25 October second 02:30 (CET)", van, "2026-10-25T02:30:00+01:00", recipients: 1), zone: Fixtures.nightWindow, outcome: .compliant, violations: [], governing: "two-to-three"),
        Case(trip: trip("D7 25 October 03:00 CET", van, "2026-10-25T03:00:00+01:00", recipients: 1), zone: Fixtures.nightWindow, outcome: .nonCompliant, violations: [.noAccess], governing: nil),
    ]

    @Test(arguments: cases) func handComputedVerdict(_ c: Case) throws {
        let verdict = try ZoneRules(c.zone).check(c.trip)
        #expect(verdict.outcome == c.outcome)
        #expect(verdict.violations.map(\.code) == c.violations, "\(verdict.violations.map(\.message))")
        #expect(verdict.governingPolicyId == c.governing)
        #expect(verdict.outrankedPolicyIds == c.outranked)
        #expect(verdict.violations.allSatisfy { !$0.message.isEmpty })
    }

    @Test func reasonsSayWhatWasFoundAndWhatWasNeeded() throws {
        let verdict = try ZoneRules(Fixtures.fornebu).check(trip("T06", Self.van, Self.monday, volume: 3, weight: 100, recipients: 1))
        #expect(verdict.violations.map(\.message) == [
            "filled 25 % by volume, 10 % by weight; needs 60 % by volume or 50 % by weight",
            "serves 1 recipients in the zone; needs at least 3",
        ])
        #expect(verdict.localTime == "2026-12-07 09:00 (mon)")
        let christmas = try ZoneRules(Fixtures.fornebu).check(trip("T16", Self.eVan, "2026-12-25T10:00:00+01:00", recipients: 5))
        #expect(christmas.localTime == "2026-12-25 10:00 (fri, holiday)")
        #expect(christmas.violations.first?.message.contains("policy 'holiday-closed'") == true)
    }

    @Test func aPermitExemptsOnlyWhatItWaives() throws {
        let rules = try ZoneRules(Fixtures.fornebu)
        let permit = Permit(id: "P-1", zoneId: "fornebu-sentrum", operatorId: "carrier-a", validFrom: at("2026-12-01T00:00:00+01:00"),
                            validUntil: at("2027-01-01T00:00:00+01:00"), waives: [.fillBelowMinimum])
        let halfFull = trip("T02", Self.van, Self.monday, volume: 6, weight: 450, recipients: 4)
        let exempt = rules.check(halfFull, permits: [permit])
        #expect(exempt.outcome == .exempt && exempt.permitId == "P-1" && exempt.violations.map(\.code) == [.fillBelowMinimum])
        // Too few recipients as well: the permit does not waive that.
        #expect(rules.check(trip("T06", Self.van, Self.monday, volume: 3, weight: 100, recipients: 1), permits: [permit]).outcome == .nonCompliant)
        // Another operator's permit, an expired one, one for another zone, one bound to another plate: none applies.
        var other = permit; other.operatorId = "carrier-b"
        var expired = permit; expired.validUntil = at("2026-12-07T08:59:00+01:00")
        var elsewhere = permit; elsewhere.zoneId = "lysaker-gate"
        var plate = permit; plate.plateHash = "hash-of-another-plate"
        for permit in [other, expired, elsewhere, plate] { #expect(rules.check(halfFull, permits: [permit]).outcome == .nonCompliant) }
        // A permit limited to zero-emission vehicles does not cover a diesel van.
        var zeroEmission = permit; zeroEmission.vehicles = VehicleClass(zeroEmissionOnly: true)
        #expect(rules.check(halfFull, permits: [zeroEmission]).outcome == .nonCompliant)
    }

    @Test func applicationsAreGrantedByRuleOrLeftToTheCaseOfficer() {
        let zone = Fixtures.fornebu
        let from = at("2027-01-04T00:00:00+01:00")
        let asked = PermitApplication(zoneId: zone.id, operatorId: "carrier-a", vehicle: Vehicles.electricVan, validFrom: from,
                                      validUntil: from.addingTimeInterval(30 * 86_400), waives: [.fillBelowMinimum], justification: "new customer, volumes ramping up")
        #expect(zone.decide(asked) == .granted(rule: "Zero-emission fill relief"))
        var diesel = asked; diesel.vehicle = Vehicles.dieselVan
        #expect(zone.decide(diesel) == .forCaseOfficer(reasons: ["Zero-emission fill relief: the vehicle is not zero-emission"]))
        var long = asked; long.validUntil = from.addingTimeInterval(120 * 86_400)
        #expect(zone.decide(long) == .forCaseOfficer(reasons: ["Zero-emission fill relief: 120 days exceed its 90"]))
        var more = asked; more.waives = [.fillBelowMinimum, .noAccess]
        #expect(zone.decide(more) == .forCaseOfficer(reasons: ["Zero-emission fill relief: it does not waive no-access"]))
        #expect(asked.problem == nil)
        var empty = asked; empty.waives = []
        #expect(empty.problem?.hasPrefix("waives") == true)
    }

    @Test func holidaysFollowEaster() {
        #expect(NorwegianHolidays.easterSunday(2026) == LocalDate(year: 2026, month: 4, day: 5))
        #expect(NorwegianHolidays.easterSunday(2027) == LocalDate(year: 2027, month: 3, day: 28))
        #expect(NorwegianHolidays.easterSunday(2038) == LocalDate(year: 2038, month: 4, day: 25))
        let holidays2026 = (0..<365).map { LocalDate(year: 2026, month: 1, day: 1).adding(days: $0) }.filter(NorwegianHolidays.isHoliday).map(\.description)
        #expect(holidays2026 == ["2026-01-01", "2026-04-02", "2026-04-03", "2026-04-05", "2026-04-06", "2026-05-01", "2026-05-14",
                                 "2026-05-17", "2026-05-24", "2026-05-25", "2026-12-25", "2026-12-26"])
        #expect(LocalDate(year: 2026, month: 12, day: 3).isoWeekday == 4)
        #expect(LocalDate(iso: "2026-02-29") == nil && LocalDate(iso: "2028-02-29") != nil)
    }
}
