import Domain
import Foundation
import Mail

/// How a server instance notifies recipients: by e-mail through an SMTP server, by text message
/// through an HTTP gateway, or not at all (neither configured: no message is queued). Every
/// instance may send; they share the outbox safely.
public struct NotificationSettings: Sendable {
    /// E-mail: the SMTP server and the sender the messages come from.
    public struct Email: Sendable {
        public var smtp: SMTPClient.Configuration
        public var from: MailAddress

        public init(smtp: SMTPClient.Configuration, from: MailAddress) {
            (self.smtp, self.from) = (smtp, from)
        }
    }

    /// Text messages: an HTTP endpoint that takes `POST {"to", "from", "text", "reference"}`
    /// as JSON with a bearer token and answers 2xx once it has the message (docs/notifications.md).
    public struct SMSGateway: Sendable {
        public var url: String
        public var token: String?
        /// The sender name or number shown on the phone.
        public var sender: String

        public init(url: String, token: String?, sender: String) {
            (self.url, self.token, self.sender) = (url, token, sender)
        }
    }

    public var runsDispatcher: Bool
    public var email: Email?
    public var sms: SMSGateway?
    /// No message goes out in these hours of the hub's time zone; it waits for their end.
    public var quietHours: QuietHours
    public var tracking: TrackingLifetime
    /// Retries of a message the server or gateway did not take (a refusal for good is not retried).
    public var schedule: DeliverySchedule
    public var pollInterval: Duration

    public init(runsDispatcher: Bool = true, email: Email? = nil, sms: SMSGateway? = nil, quietHours: QuietHours = QuietHours(),
                tracking: TrackingLifetime = TrackingLifetime(), schedule: DeliverySchedule = DeliverySchedule(base: 30, cap: 1800, maximumAttempts: 12),
                pollInterval: Duration = .milliseconds(500)) {
        (self.runsDispatcher, self.email, self.sms, self.quietHours) = (runsDispatcher, email, sms, quietHours)
        (self.tracking, self.schedule, self.pollInterval) = (tracking, schedule, pollInterval)
    }

    /// The channels messages are queued for: those configured.
    var channels: [ContactChannel] {
        (email == nil ? [] : [.email]) + (sms == nil ? [] : [.sms])
    }
}
