import Domain
import Store

// The wire format of recipient notices: contacts and the public tracking view.

extension ContactChannel: APIEnumeration {}
extension DeliveryProgress: APIEnumeration {}

extension ContactsController.ContactBody: APIModel {
    static var schemaName: String { "ContactRequest" }
    static var isRequest: Bool { true }
    static var rules: [String: FieldRule] {
        ["address": FieldRule(["minLength": 3, "maxLength": TextPolicy.emailLength])
            .and(.describe("email: an address (case-folded); sms: a phone number, E.164 (+4791234567) or eight Norwegian digits")),
         "language": .values(["nb", "en"]).and(.describe("Language of the messages (nb)"))]
    }
}

extension ContactsController.ContactView: APIModel {
    static var schemaName: String { "Contact" }
    static var rules: [String: FieldRule] {
        ["createdAt": .dateTime, "optedOutAt": .dateTime.and(.describe("When the contact opted out with a message's link")),
         "language": .values(["nb", "en"])]
    }
}

extension TrackingController.TrackingView: APIModel {
    static var schemaName: String { "Tracking" }
    static var rules: [String: FieldRule] {
        ["windowStart": .dateTime, "windowEnd": .dateTime, "finishedAt": .dateTime, "expiresAt": .dateTime,
         "parcelCount": .range(minimum: 0)]
    }
}

extension ContactsController.NoticeView: APIModel {
    static var schemaName: String { "Notice" }
    static var rules: [String: FieldRule] {
        ["date": .date, "windowStart": .dateTime, "windowEnd": .dateTime, "createdAt": .dateTime, "sentAt": .dateTime,
         "state": .values(NoticeState.allCases.map(\.rawValue)), "lastError": .describe("Why the last attempt failed")]
    }
}
