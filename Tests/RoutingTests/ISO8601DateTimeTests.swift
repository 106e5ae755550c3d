import Foundation
import Testing
@testable import Routing

@Suite struct ISO8601DateTimeTests {
    /// 2026-11-25T07:30:00Z.
    let instant = Date(timeIntervalSince1970: 1_795_591_800)

    @Test func readsTheOffsetAsWritten() throws {
        for (text, offset) in [("2026-11-25T08:30:00+01:00", 3600), ("2026-11-25T07:30:00Z", 0), ("2026-11-25T02:00:00-05:30", -19_800),
                               ("2026-11-25T08:30:00+0100", 3600), ("2026-11-25T09:30:00+02", 7200)] {
            let parsed = try #require(ISO8601DateTime.parse(text), "\(text)")
            #expect(parsed.date == instant, "\(text)")
            #expect(parsed.offsetSeconds == offset, "\(text)")
        }
    }

    @Test func readsFractionalSeconds() throws {
        let parsed = try #require(ISO8601DateTime.parse("2026-11-25T08:30:00.250+01:00"))
        #expect(parsed.date.timeIntervalSince1970 == instant.timeIntervalSince1970 + 0.25)
        #expect(parsed.offsetSeconds == 3600)
        #expect(ISO8601DateTime.parse("2026-11-25T07:30:00.5Z")?.date.timeIntervalSince1970 == instant.timeIntervalSince1970 + 0.5)
    }

    @Test func refusesTimesWithoutAnOffset() {
        for text in ["2026-11-25T08:30:00", "2026-11-25", "2026-11-25 08:30:00+01:00", "08:30", "", "2026-11-25T08:30:00+1"] {
            #expect(ISO8601DateTime.parse(text) == nil, "\(text)")
        }
    }

    /// Dates and times the calendar lacks are refused, not rolled over into the next day or month.
    @Test func refusesDatesAndTimesThatWouldRollOver() {
        for text in ["2026-02-30T10:00:00Z", "2026-12-04T25:00:00+01:00", "2026-13-01T00:00:00Z", "2026-04-31T08:00:00+02:00", "2026-12-04T10:60:00Z"] {
            #expect(ISO8601DateTime.parse(text) == nil, "\(text)")
        }
        #expect(ISO8601DateTime.parse("2028-02-29T10:00:00Z") != nil, "a leap day is a day")
        // Outside 1970–2999: refused (Oslo's local mean time before 1895 has no offset the writer can give back).
        for text in ["1890-01-01T00:00:00+00:43", "0001-01-01T00:00:00Z", "1969-12-31T23:59:59Z", "3000-01-01T00:00:00Z"] {
            #expect(ISO8601DateTime.parse(text) == nil, "\(text)")
        }
    }

    @Test func writesWholeSecondsAtTheOffset() {
        let late = instant.addingTimeInterval(0.75)
        #expect(ISO8601DateTime.format(late, offsetSeconds: 3600) == "2026-11-25T08:30:00+01:00")
        #expect(ISO8601DateTime.format(late, offsetSeconds: 0) == "2026-11-25T07:30:00Z")
        #expect(ISO8601DateTime.format(instant, offsetSeconds: -19_800) == "2026-11-25T02:00:00-05:30")
    }

    @Test func writesAZoneAtTheOffsetItHasThatDay() throws {
        let oslo = try #require(TimeZone(identifier: "Europe/Oslo"))
        #expect(ISO8601DateTime.format(instant, in: oslo) == "2026-11-25T08:30:00+01:00")
        let midsummer = try #require(ISO8601DateTime.parse("2026-06-21T12:00:00Z")).date
        #expect(ISO8601DateTime.format(midsummer, in: oslo) == "2026-06-21T14:00:00+02:00")
    }

    @Test func writeThenReadIsTheIdentity() throws {
        for offset in [0, 3600, -19_800, 45_900] {
            let text = ISO8601DateTime.format(instant, offsetSeconds: offset)
            let parsed = try #require(ISO8601DateTime.parse(text), "\(text)")
            #expect(parsed.date == instant && parsed.offsetSeconds == offset, "\(text)")
        }
    }
}
