import Domain
import Foundation

/// A way to reach a recipient's site: an e-mail address or a phone number, in the language the
/// messages are written in. Kept once, read only by the recipient and the hub staff.
public struct ContactRecord: Codable, Sendable, Equatable {
    public var id: String
    public var siteId: String
    public var channel: String
    public var address: String
    /// `nb` or `en`.
    public var language: String
    public var createdBy: String
    public var createdAt: EpochMilliseconds
    /// When the contact opted out with a message's link; no message goes to it after that.
    public var optedOutAt: EpochMilliseconds?

    public init(id: String, siteId: String, channel: ContactChannel, address: String, language: String, createdBy: String,
                createdAt: EpochMilliseconds, optedOutAt: EpochMilliseconds? = nil) {
        (self.id, self.siteId, self.channel, self.address, self.language) = (id, siteId, channel.rawValue, address, language)
        (self.createdBy, self.createdAt, self.optedOutAt) = (createdBy, createdAt, optedOutAt)
    }
}

/// The stops of a dispatched route, as tracking links and notices are made from them.
public struct NoticeStop: Sendable {
    public var siteId: String
    public var hubId: String
    public var planDate: String
    public var windowKey: String
    public var window: ArrivalWindow
    public var barcodes: [String]
    /// The first moment its messages may go (after the quiet hours).
    public var sendAt: Date

    public init(siteId: String, hubId: String, planDate: String, windowKey: String, window: ArrivalWindow, barcodes: [String], sendAt: Date) {
        (self.siteId, self.hubId, self.planDate, self.windowKey, self.window, self.barcodes) = (siteId, hubId, planDate, windowKey, window, barcodes)
        self.sendAt = sendAt
    }
}

/// A message claimed for sending, with what it says: the delivery's window, the hub, the site
/// and the number of parcels — and the raw link secrets, kept until it is sent.
public struct NoticeJob: Sendable {
    public var id: String
    public var attempts: Int
    public var channel: String
    public var address: String
    public var language: String
    public var siteName: String
    public var hubName: String
    public var timeZone: String
    public var windowStart: EpochMilliseconds
    public var windowEnd: EpochMilliseconds
    public var parcelCount: Int
    public var linkToken: String
    public var optOutToken: String
}

/// How one attempt at a message ended.
public struct NoticeOutcome: Sendable {
    public var id: String
    /// nil: sent.
    public var error: String?
    /// When to try again; nil with an error: given up (dead).
    public var retryAt: Date?

    public init(id: String, error: String?, retryAt: Date?) {
        (self.id, self.error, self.retryAt) = (id, error, retryAt)
    }
}

/// A tracking link as its page shows it.
public struct TrackingRecord: Sendable {
    public var hubName: String
    public var siteName: String
    public var timeZone: String
    public var planDate: String
    public var windowStart: EpochMilliseconds
    public var windowEnd: EpochMilliseconds
    /// The parcels' states, and when each reached it.
    public var parcels: [(status: ParcelStatus, since: EpochMilliseconds)]
}

/// A message to a site's contact, as the site's log shows it. The contact's channel and
/// address are gone once the contact was removed.
public struct NoticeRecord: Decodable, Sendable {
    public var id, contactId, planDate, state: String
    public var channel, address, lastError: String?
    public var windowStart, windowEnd, createdAt: EpochMilliseconds
    public var sentAt: EpochMilliseconds?
    public var attempts: Int
}

/// A message's state in the outbox.
public enum NoticeState: String, Sendable, CaseIterable {
    case queued, sent, dead
    /// Not sent: its contact opted out or was removed first.
    case suppressed
}
