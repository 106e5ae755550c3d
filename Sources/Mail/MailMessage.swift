import Foundation

/// A notification e-mail: sender, recipients, subject, a plain-text body and optionally an HTML alternative.
///
/// All fields are checked when the message is built, so a `MailMessage` that exists can always be rendered
/// and sent; in particular no header value can carry a line break (header injection).
public struct MailMessage: Sendable {
    /// The author, used for the `From` header and as the SMTP envelope sender.
    public let from: MailAddress
    /// The recipients, used for the `To` header and as the SMTP envelope recipients.
    public let to: [MailAddress]
    /// Where replies should go, if not to ``from``.
    public let replyTo: MailAddress?
    /// The subject line; any Unicode text without line breaks.
    public let subject: String
    /// The plain-text body. Line breaks may be LF, CRLF or CR; a final line break is added if missing.
    public let textBody: String
    /// An HTML alternative to ``textBody``; when present the message is `multipart/alternative`.
    public let htmlBody: String?
    /// An HTTPS URL that unsubscribes the recipient with one POST (RFC 8058 one-click).
    public let listUnsubscribe: URL?
    /// The `Message-ID` value including angle brackets, e.g. `<3f2c…@samlast.no>`.
    public let messageID: String
    /// The origination date written to the `Date` header.
    public let date: Date
    /// The time zone whose offset the `Date` header shows.
    public let timeZone: TimeZone
    /// The multipart boundary, fixed per message so that rendering is repeatable.
    let boundary: String

    /// Builds and validates a message.
    ///
    /// - Parameters:
    ///   - messageIDDomain: the domain after the `@` of the generated Message-ID; defaults to the sender's domain.
    ///   - date: the origination date; defaults to now.
    /// - Throws: ``MailMessageError`` naming the first invalid field.
    public init(
        from: MailAddress,
        to: [MailAddress],
        replyTo: MailAddress? = nil,
        subject: String,
        textBody: String,
        htmlBody: String? = nil,
        listUnsubscribe: URL? = nil,
        messageIDDomain: String? = nil,
        date: Date = Date(),
        timeZone: TimeZone = .current
    ) throws(MailMessageError) {
        try Self.validate(from, field: "from")
        guard !to.isEmpty else { throw .noRecipients }
        for (index, recipient) in to.enumerated() {
            try Self.validate(recipient, field: "to[\(index)]")
        }
        if let replyTo {
            try Self.validate(replyTo, field: "replyTo")
        }
        try Self.rejectLineBreaks(subject, field: "subject")
        if let listUnsubscribe {
            try Self.validate(unsubscribeURL: listUnsubscribe)
        }
        let domain = messageIDDomain ?? from.domain
        try Self.rejectLineBreaks(domain, field: "messageIDDomain")
        guard MailAddress.isValidDomain(domain, minimumLabels: 1) else { throw .invalidMessageIDDomain(domain) }

        self.from = from
        self.to = to
        self.replyTo = replyTo
        self.subject = subject
        self.textBody = textBody
        self.htmlBody = htmlBody
        self.listUnsubscribe = listUnsubscribe
        self.messageID = "<\(UUID().uuidString.lowercased())@\(domain)>"
        self.date = date
        self.timeZone = timeZone
        // "=_" cannot occur in quoted-printable output, so the boundary never collides with a body line.
        self.boundary = "=_samlast_\(UUID().uuidString.lowercased())"
    }

    private static func validate(_ mailbox: MailAddress, field: String) throws(MailMessageError) {
        try rejectLineBreaks(mailbox.address, field: field)
        if let displayName = mailbox.displayName {
            try rejectLineBreaks(displayName, field: "\(field).displayName")
        }
        guard MailAddress.isValidAddress(mailbox.address) else {
            throw .invalidAddress(field: field, value: mailbox.address)
        }
    }

    private static func validate(unsubscribeURL url: URL) throws(MailMessageError) {
        let text = url.absoluteString
        try rejectLineBreaks(text, field: "listUnsubscribe")
        guard url.scheme?.lowercased() == "https", url.host?.isEmpty == false,
              text.utf8.count <= 900, text.utf8.allSatisfy({ (0x21...0x7E).contains($0) && $0 != UInt8(ascii: ">") })
        else { throw .invalidUnsubscribeURL(text) }
    }

    private static func rejectLineBreaks(_ value: String, field: String) throws(MailMessageError) {
        if value.utf8.contains(where: { $0 == 0x0D || $0 == 0x0A }) {
            throw .lineBreakInHeader(field: field)
        }
    }
}
