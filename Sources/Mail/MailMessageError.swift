/// Why a ``MailMessage`` could not be built. Each case names the offending field, e.g. `to[1]`.
public enum MailMessageError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The value in `field` is not an address this library accepts.
    case invalidAddress(field: String, value: String)
    /// A header value contains CR or LF, which would let it inject further header fields.
    case lineBreakInHeader(field: String)
    /// The message has no recipient.
    case noRecipients
    /// The Message-ID domain is not a host name.
    case invalidMessageIDDomain(String)
    /// The List-Unsubscribe URL is not an absolute `https` URL, as RFC 8058 one-click requires.
    case invalidUnsubscribeURL(String)

    public var description: String {
        switch self {
        case let .invalidAddress(field, value):
            "\(field): '\(value)' is not an e-mail address"
        case let .lineBreakInHeader(field):
            "\(field): line breaks (CR or LF) are not allowed in a header value"
        case .noRecipients:
            "to: at least one recipient is required"
        case let .invalidMessageIDDomain(domain):
            "messageIDDomain: '\(domain)' is not a domain name"
        case let .invalidUnsubscribeURL(url):
            "listUnsubscribe: '\(url)' is not an https URL"
        }
    }
}
