/// A mailbox: an e-mail address with an optional display name, as in `"Kari Nordmann" <kari@example.no>`.
public struct MailAddress: Sendable, Hashable {
    /// The addr-spec, `local@domain`.
    public let address: String
    /// The human-readable name shown by mail clients; any Unicode text without line breaks.
    public let displayName: String?

    /// Creates a mailbox. Validation happens when a ``MailMessage`` is built, so errors can name the field.
    public init(_ address: String, displayName: String? = nil) {
        self.address = address
        self.displayName = displayName
    }
}

extension MailAddress {
    /// The part after the last `@`.
    var domain: String {
        guard let at = address.lastIndex(of: "@") else { return "" }
        return String(address[address.index(after: at)...])
    }

    /// Whether `candidate` is a plain ASCII `dot-atom@domain` address (RFC 5321 §4.1.2, RFC 5322 §3.4.1).
    ///
    /// Quoted local parts, address literals and internationalised addresses (SMTPUTF8) are refused:
    /// they are legal but rare, and the client does not negotiate SMTPUTF8.
    /// The domain must have at least two labels.
    static func isValidAddress(_ candidate: String) -> Bool {
        let bytes = Array(candidate.utf8)
        guard bytes.count <= 254, let at = bytes.lastIndex(of: UInt8(ascii: "@")) else { return false }
        let localPart = bytes[..<at]
        let domain = bytes[(at + 1)...]
        return isValidLocalPart(localPart) && isValidDomain(domain)
    }

    private static func isValidLocalPart(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard (1...64).contains(bytes.count) else { return false }
        let atoms = bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        return atoms.allSatisfy { atom in !atom.isEmpty && atom.allSatisfy(isAtext) }
    }

    /// Whether `bytes` is a host name: dot-separated labels of letters, digits and inner hyphens.
    static func isValidDomain(_ name: String, minimumLabels: Int) -> Bool {
        isValidDomain(Array(name.utf8)[...], minimumLabels: minimumLabels)
    }

    private static func isValidDomain(_ bytes: ArraySlice<UInt8>, minimumLabels: Int = 2) -> Bool {
        guard (1...253).contains(bytes.count) else { return false }
        let labels = bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard labels.count >= minimumLabels else { return false }
        return labels.allSatisfy { label in
            guard (1...63).contains(label.count),
                  label.first != UInt8(ascii: "-"), label.last != UInt8(ascii: "-") else { return false }
            return label.allSatisfy { isASCIILetterOrDigit($0) || $0 == UInt8(ascii: "-") }
        }
    }

    static func isASCIILetterOrDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
            || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    /// RFC 5322 §3.2.3 `atext`: letters, digits and ``!#$%&'*+-/=?^_`{|}~``.
    static func isAtext(_ byte: UInt8) -> Bool {
        isASCIILetterOrDigit(byte) || "!#$%&'*+-/=?^_`{|}~".utf8.contains(byte)
    }
}
