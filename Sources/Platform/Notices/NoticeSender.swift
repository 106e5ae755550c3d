import AsyncHTTPClient
import Domain
import Foundation
import Mail
import NIOCore
import NIOHTTP1
import Pages
import Store

/// Sends one recipient notice: renders it in the contact's language and hands it to the SMTP
/// server or the SMS gateway.
struct NoticeSender: Sendable {
    let settings: NotificationSettings
    let publicURL: String
    let client: HTTPClient

    /// How an attempt ended.
    enum Outcome: Sendable, Equatable {
        case sent
        /// The server or gateway may take it later (unreachable, busy, a 4xx SMTP reply).
        case failed(String)
        /// It never will (the mailbox does not exist, the gateway refuses the number).
        case refused(String)
    }

    func send(_ job: NoticeJob) async -> Outcome {
        let zone = TimeZone(identifier: job.timeZone) ?? .gmt
        let start = Wire.format(job.windowStart, in: zone), end = Wire.format(job.windowEnd, in: zone)
        let notice = RecipientNotice(
            hubName: job.hubName, siteName: job.siteName, date: String(start.prefix(10)), windowStart: WebPage.clock(start),
            windowEnd: WebPage.clock(end), parcelCount: job.parcelCount, baseURL: publicURL, trackingToken: job.linkToken,
            optOutToken: job.optOutToken)
        let rendered = notice.rendered(in: Language(code: job.language) ?? .nb)
        switch ContactChannel(rawValue: job.channel) {
        case .email?: return await sendEmail(rendered, to: job.address, optOut: notice.optOutURL, zone: zone)
        case .sms?: return await sendSMS(rendered.sms, to: job.address, reference: job.id)
        case nil: return .refused("unknown channel '\(job.channel)'")
        }
    }

    private func sendEmail(_ notice: RecipientNotice.Rendered, to address: String, optOut: String, zone: TimeZone) async -> Outcome {
        guard let email = settings.email else { return .failed("no SMTP server is configured (--smtp-host)") }
        do {
            // RFC 8058 one-click opt-out needs an https link; over plain http the body's link remains.
            let oneClick = optOut.hasPrefix("https://") ? URL(string: optOut) : nil
            let message = try MailMessage(from: email.from, to: [MailAddress(address)], subject: notice.subject, textBody: notice.text,
                                          htmlBody: notice.html, listUnsubscribe: oneClick, timeZone: zone)
            try await SMTPClient(configuration: email.smtp).send(message)
            return .sent
        } catch let error as MailMessageError {
            return .refused("the message cannot be made: \(error)")
        } catch let error as SMTPError {
            return error.isPermanent ? .refused("\(error)") : .failed("\(error)")
        } catch {
            return .failed("\(error)")
        }
    }

    private func sendSMS(_ text: String, to number: String, reference: String) async -> Outcome {
        guard let gateway = settings.sms else { return .failed("no SMS gateway is configured (--sms-gateway-url)") }
        do {
            var request = HTTPClientRequest(url: gateway.url)
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "application/json")
            if let token = gateway.token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
            let body = try JSONSerialization.data(withJSONObject: ["to": number, "from": gateway.sender, "text": text, "reference": reference])
            request.body = .bytes(ByteBuffer(data: body))
            let response = try await client.execute(request, timeout: .seconds(15))
            let status = Int(response.status.code)
            switch status {
            case 200..<300: return .sent
            case 408, 429, 500...: return .failed("the SMS gateway answered \(status)")
            default: return .refused("the SMS gateway refused the message with \(status)")
            }
        } catch {
            return .failed("the SMS gateway: \(error)")
        }
    }
}
