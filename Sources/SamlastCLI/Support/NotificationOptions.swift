import ArgumentParser
import Domain
import Foundation
import Mail
import Platform

/// `samlast serve`'s options for recipient notices: the SMTP server, the SMS gateway, quiet
/// hours and how long tracking links live. Secrets come from the environment, never the command line.
struct NotificationOptions: ParsableArguments {
    @Option(help: "SMTP server for e-mail notices; without it, no e-mail is queued. Password: SAMLAST_SMTP_PASSWORD.")
    var smtpHost: String?
    @Option(help: "SMTP port (587 with starttls, 465 with tls, 25 with none).") var smtpPort: Int?
    @Option(help: "SMTP transport security: starttls, tls (implicit, from the first byte) or none.") var smtpTls = "starttls"
    @Option(help: "SMTP user name, when the server wants one.") var smtpUser: String?
    @Option(help: ArgumentHelp("Sender of e-mail notices, e.g. 'varsel@hub.example.no' or 'Fornebu HUB <varsel@hub.example.no>'.", valueName: "address"))
    var mailFrom: String?
    @Option(help: ArgumentHelp("HTTP endpoint of an SMS gateway (docs/notifications.md); without it, no text message is queued. Token: SAMLAST_SMS_GATEWAY_TOKEN.", valueName: "url"))
    var smsGatewayUrl: String?
    @Option(help: "Sender name or number of text messages.") var smsSender = "Samlast"
    @Option(help: ArgumentHelp("Hours without messages, in the hub's time zone; a notice due then waits. 'none' for none.", valueName: "HH:MM-HH:MM"))
    var quietHours = "21:00-07:00"
    @Option(help: "Days a tracking link works after its delivery is finished.") var trackingDays = 7
    @Flag(help: "Do not send notices from this instance (another instance does).") var noNoticeWorker = false

    /// The settings these options describe; `environment` gives the secrets.
    func settings(environment: [String: String]) throws -> NotificationSettings {
        let quiet: QuietHours
        if quietHours == "none" {
            quiet = QuietHours(start: 0, end: 0)
        } else {
            guard let parsed = QuietHours(quietHours) else { throw ValidationError("--quiet-hours: '\(quietHours)' is not HH:MM-HH:MM, like 21:00-07:00") }
            quiet = parsed
        }
        guard (1...365).contains(trackingDays) else { throw ValidationError("--tracking-days: must be between 1 and 365") }
        return NotificationSettings(runsDispatcher: !noNoticeWorker, email: try email(environment: environment), sms: try sms(environment: environment),
                                    quietHours: quiet, tracking: TrackingLifetime(daysAfterDelivery: trackingDays))
    }

    private func email(environment: [String: String]) throws -> NotificationSettings.Email? {
        guard let smtpHost else {
            if mailFrom != nil || smtpUser != nil { throw ValidationError("--mail-from and --smtp-user need --smtp-host") }
            return nil
        }
        let mode: SMTPClient.TLSMode
        switch smtpTls {
        case "starttls": mode = .startTLS
        case "tls": mode = .implicitTLS
        case "none": mode = .none
        default: throw ValidationError("--smtp-tls: '\(smtpTls)' is not starttls, tls or none")
        }
        if let smtpPort, !(1...65535).contains(smtpPort) { throw ValidationError("--smtp-port: must be between 1 and 65535") }
        guard let mailFrom, let from = Self.mailbox(mailFrom) else {
            throw ValidationError("--mail-from: give the sender, e.g. 'Fornebu HUB <varsel@hub.example.no>'")
        }
        var credentials: SMTPClient.Credentials?
        if let smtpUser {
            guard let password = environment["SAMLAST_SMTP_PASSWORD"], !password.isEmpty else {
                throw ValidationError("--smtp-user: set the password in SAMLAST_SMTP_PASSWORD")
            }
            credentials = SMTPClient.Credentials(username: smtpUser, password: password)
        }
        return NotificationSettings.Email(smtp: SMTPClient.Configuration(host: smtpHost, port: smtpPort, tlsMode: mode, credentials: credentials),
                                          from: from)
    }

    private func sms(environment: [String: String]) throws -> NotificationSettings.SMSGateway? {
        guard let smsGatewayUrl else { return nil }
        guard let url = URL(string: smsGatewayUrl), ["http", "https"].contains(url.scheme ?? ""), url.host?.isEmpty == false else {
            throw ValidationError("--sms-gateway-url: '\(smsGatewayUrl)' is not an http:// or https:// address")
        }
        let token = environment["SAMLAST_SMS_GATEWAY_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
        return NotificationSettings.SMSGateway(url: smsGatewayUrl, token: token, sender: smsSender)
    }

    /// `Name <address>` or a bare address.
    static func mailbox(_ text: String) -> MailAddress? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let open = trimmed.lastIndex(of: "<"), trimmed.hasSuffix(">") {
            let address = String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)])
            let name = trimmed[..<open].trimmingCharacters(in: CharacterSet(charactersIn: " \""))
            return address.contains("@") ? MailAddress(address, displayName: name.isEmpty ? nil : name) : nil
        }
        return trimmed.contains("@") && !trimmed.contains(" ") ? MailAddress(trimmed) : nil
    }
}
