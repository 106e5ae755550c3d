import Foundation
import Testing
@testable import Domain

/// Who sees a site's contacts, how addresses are kept, when messages may go, which stops make
/// one delivery, and what a tracking link says and how long it lives.
@Suite struct NoticeRulesTests {
    static let oslo = TimeZone(identifier: "Europe/Oslo")!

    static func principal(_ kind: Organisation.Kind, _ role: Role, organisation: String) -> Principal {
        DirectoryRulesTests.principal(kind, role, organisation: organisation)
    }

    @Test func contactsAreTheRecipientsAndTheServingHubsOnly() {
        func access(_ kind: Organisation.Kind, _ role: Role, _ organisation: String, write: Bool = false) -> HubRules.Access {
            ContactRules.access(Self.principal(kind, role, organisation: organisation), toContactsOfSiteOf: "school",
                                servingOperators: ["hubco"], write: write)
        }
        #expect(access(.recipient, .viewer, "school") == .granted)
        #expect(access(.recipient, .writer, "school", write: true) == .granted)
        #expect(access(.recipient, .viewer, "school", write: true) == .refused)
        #expect(access(.hubOperator, .viewer, "hubco") == .granted)
        #expect(access(.hubOperator, .writer, "hubco", write: true) == .granted)
        #expect(access(.hubOperator, .driver, "hubco") == .stranger, "drivers deliver; they need no contact")
        #expect(access(.hubOperator, .writer, "otherhub") == .stranger, "a hub the site's parcels do not go through")
        #expect(access(.recipient, .admin, "shop") == .stranger)
        for kind in [Organisation.Kind.carrier, .shipper, .municipality] {
            #expect(access(kind, .admin, "school") == .stranger, "\(kind) with the recipient's id as its own still is no recipient")
            #expect(access(kind, .admin, "hubco") == .stranger)
        }
        #expect(access(.platform, .admin, "platform", write: true) == .granted)
        #expect(access(.platform, .viewer, "platform") == .stranger)
    }

    @Test func addressesAreKeptInOneForm() throws {
        #expect(try ContactChannel.email.normalised(" Rektor@Skole.Example.NO ") == "rektor@skole.example.no")
        #expect(try ContactChannel.sms.normalised("912 34 567") == "+4791234567")
        #expect(try ContactChannel.sms.normalised("0047 912-34-567") == "+4791234567")
        #expect(try ContactChannel.sms.normalised("+46 70 123 45 67") == "+46701234567")
        for bad in ["12345", "+0123456789", "+47 912 34 56a", "", "+1234567890123456"] {
            #expect(throws: TextPolicy.Violation.self, "\(bad)") { try ContactChannel.sms.normalised(bad) }
        }
        #expect(throws: TextPolicy.Violation.self) { try ContactChannel.email.normalised("rektor@") }
    }

    @Test func quietHoursHoldMessagesUntilTheyEnd() throws {
        let quiet = try #require(QuietHours("21:00-07:00"))
        #expect(quiet.description == "21:00-07:00")
        #expect(quiet.contains(minute: 22 * 60) && quiet.contains(minute: 3 * 60) && !quiet.contains(minute: 7 * 60) && !quiet.contains(minute: 12 * 60))
        let evening = try #require(ISO8601DateFormatter().date(from: "2026-12-03T22:15:00+01:00"))
        #expect(quiet.earliestSend(from: evening, in: Self.oslo) == ISO8601DateFormatter().date(from: "2026-12-04T07:00:00+01:00"))
        let noon = try #require(ISO8601DateFormatter().date(from: "2026-12-03T12:00:00+01:00"))
        #expect(quiet.earliestSend(from: noon, in: Self.oslo) == noon)
        // The night summer time ends, 03:00 comes twice; 07:00 is still 07:00 on the clock.
        let october = try #require(ISO8601DateFormatter().date(from: "2026-10-25T01:30:00+02:00"))
        #expect(quiet.earliestSend(from: october, in: Self.oslo) == ISO8601DateFormatter().date(from: "2026-10-25T07:00:00+01:00"))
        let daytime = try #require(QuietHours("12:00-13:00"))
        #expect(daytime.contains(minute: 12 * 60 + 30) && !daytime.contains(minute: 13 * 60))
        #expect(!QuietHours(start: 0, end: 0).contains(minute: 0), "equal ends mean no quiet hours")
        for bad in ["21-07", "25:00-07:00", "21:00", "21:00-07:60"] { #expect(QuietHours(bad) == nil, "\(bad)") }
    }

    @Test func theWindowToldRoundsOutwards() throws {
        let eta = try #require(ISO8601DateFormatter().date(from: "2026-12-03T10:07:00+01:00"))
        let window = ArrivalWindow(earliest: eta, latest: eta)
        #expect(window.start == ISO8601DateFormatter().date(from: "2026-12-03T09:45:00+01:00"))
        #expect(window.end == ISO8601DateFormatter().date(from: "2026-12-03T10:45:00+01:00"))
        let later = ArrivalWindow(earliest: eta.addingTimeInterval(3600), latest: eta.addingTimeInterval(3600))
        #expect(window.union(later) == ArrivalWindow(start: window.start, end: later.end))
    }

    @Test func stopsInOneSiteWindowAreOneDelivery() {
        let windows = [(start: 8 * 60, end: 10 * 60), (start: 13 * 60, end: 15 * 60)]
        #expect(DeliveryWindowKey.key(arrivalMinute: 8 * 60 + 10, siteWindows: windows) == "08:00-10:00")
        #expect(DeliveryWindowKey.key(arrivalMinute: 9 * 60 + 50, siteWindows: windows) == "08:00-10:00")
        #expect(DeliveryWindowKey.key(arrivalMinute: 14 * 60, siteWindows: windows) == "13:00-15:00")
        #expect(DeliveryWindowKey.key(arrivalMinute: 11 * 60 + 30, siteWindows: windows) == "at-11", "outside the windows: the hour")
        #expect(DeliveryWindowKey.key(arrivalMinute: 11 * 60 + 30, siteWindows: []) == "at-11")
    }

    @Test func progressIsReadOffTheParcels() {
        #expect(DeliveryProgress(parcels: [.sorted, .sorted]) == .planned)
        #expect(DeliveryProgress(parcels: [.outForDelivery, .sorted]) == .onTheWay)
        #expect(DeliveryProgress(parcels: [.delivered, .delivered]) == .delivered)
        #expect(DeliveryProgress(parcels: [.delivered, .failed]) == .partlyDelivered)
        #expect(DeliveryProgress(parcels: [.failed, .returned]) == .notDelivered)
        #expect(DeliveryProgress(parcels: []) == .planned)
        #expect(DeliveryProgress.isFinished([.delivered, .failed]) && !DeliveryProgress.isFinished([.delivered, .outForDelivery]))
        #expect(!DeliveryProgress.isFinished([]))
    }

    @Test func linksExpireDaysAfterTheDelivery() {
        let windowEnd = Date(timeIntervalSince1970: 1_800_000_000)
        let lifetime = TrackingLifetime(daysAfterDelivery: 7, daysUnfinished: 30)
        let delivered = windowEnd.addingTimeInterval(-600)
        #expect(lifetime.expiry(windowEnd: windowEnd, finishedAt: delivered) == delivered.addingTimeInterval(7 * 86_400))
        #expect(lifetime.expiry(windowEnd: windowEnd, finishedAt: nil) == windowEnd.addingTimeInterval(30 * 86_400))
    }

    @Test func linkTokensHaveOneShape() {
        #expect(LinkToken.isWellFormed(String(repeating: "aZ0-_", count: 5) + "ab"))
        #expect(!LinkToken.isWellFormed(String(repeating: "a", count: 26)))
        #expect(!LinkToken.isWellFormed(String(repeating: "a", count: 26) + "/"))
        #expect(!LinkToken.isWellFormed(String(repeating: "a", count: 26) + "é"))
        #expect(LinkToken.bytes * 8 >= 128, "at least 128 bits")
        #expect((LinkToken.bytes * 4 + 2) / 3 == LinkToken.length, "unpadded base64 of the bytes")
    }
}
