/// Where a webhook may be sent. A server that posts to addresses its users choose must not be
/// turned against its own network (server-side request forgery): loopback, private, link-local
/// (cloud metadata at 169.254.169.254), carrier-grade NAT, multicast and reserved addresses are
/// refused unless the operator allows private targets. The rule applies to the address given
/// and, at every delivery, to each address its host name resolves to.
public enum WebhookTarget {
    /// Why a target is refused.
    public struct Refused: Error, Sendable, Equatable, CustomStringConvertible {
        public var reason: String
        public var description: String { reason }
        init(_ reason: String) { self.reason = reason }
    }

    /// Checks a subscription URL: `https` (or `http`), a host, no user or password in it.
    /// Returns the URL's host, or the reason it is refused.
    public static func check(_ url: String, allowPrivate: Bool) -> Result<String, Refused> {
        guard let (scheme, rest) = split(url, at: "://"), ["https", "http"].contains(scheme.lowercased()) else {
            return .failure(Refused("must be an http or https URL"))
        }
        let authority = String(rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" })
        if authority.contains("@") { return .failure(Refused("must not carry a user name or password")) }
        let host: String
        if authority.hasPrefix("[") {
            guard let end = authority.firstIndex(of: "]") else { return .failure(Refused("has an unclosed IPv6 address")) }
            host = String(authority[authority.index(after: authority.startIndex)..<end])
        } else {
            host = String(authority.prefix { $0 != ":" })
        }
        guard !host.isEmpty else { return .failure(Refused("has no host")) }
        if allowPrivate { return .success(host) }
        let name = host.lowercased().trimmingSuffix(".")
        if name == "localhost" || name.hasSuffix(".localhost") || name.hasSuffix(".internal") || name.hasSuffix(".local") {
            return .failure(Refused("'\(host)' is a local name; private targets are refused unless the operator allows them"))
        }
        if let reason = refusal(ofAddress: host) { return .failure(Refused(reason)) }
        return .success(host)
    }

    /// Why a numeric address (IPv4 dotted or IPv6) is refused as a target, or nil when it is
    /// public or not an address at all.
    public static func refusal(ofAddress text: String) -> String? {
        if let v4 = IPv4(text) { return v4.isPublic ? nil : "\(text) is a \(v4.kind) address; private targets are refused unless the operator allows them" }
        if let v6 = IPv6(text) {
            if let mapped = v6.mappedIPv4 { return mapped.isPublic ? nil : "\(text) maps to the \(mapped.kind) address \(mapped)" }
            return v6.isPublic ? nil : "\(text) is a \(v6.kind) IPv6 address; private targets are refused unless the operator allows them"
        }
        return nil
    }

    /// Whether the host is written as an IPv4 or IPv6 address rather than a name.
    public static func isNumericAddress(_ host: String) -> Bool { IPv4(host) != nil || IPv6(host) != nil }

    private static func split(_ text: String, at separator: String) -> (String, String)? {
        guard let range = text.range(of: separator) else { return nil }
        return (String(text[..<range.lowerBound]), String(text[range.upperBound...]))
    }
}

/// An IPv4 address and the special-purpose block it falls in (RFC 6890).
struct IPv4: CustomStringConvertible {
    var value: UInt32

    init?(_ text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var value: UInt32 = 0
        for part in parts {
            guard !part.isEmpty, part.count <= 3, part.allSatisfy(\.isASCII), let byte = UInt8(part) else { return nil }
            value = value << 8 | UInt32(byte)
        }
        self.value = value
    }

    init(value: UInt32) { self.value = value }

    var description: String { (0..<4).map { String(value >> (24 - 8 * $0) & 0xff) }.joined(separator: ".") }

    private static let blocks: [(base: UInt32, bits: UInt32, kind: String)] = [
        (0x0000_0000, 8, "'this network'"), (0x0A00_0000, 8, "private"), (0x6440_0000, 10, "carrier-grade NAT"),
        (0x7F00_0000, 8, "loopback"), (0xA9FE_0000, 16, "link-local"), (0xAC10_0000, 12, "private"), (0xC000_0000, 24, "IETF protocol"),
        (0xC000_0200, 24, "documentation"), (0xC0A8_0000, 16, "private"), (0xC612_0000, 15, "benchmarking"), (0xC633_6400, 24, "documentation"),
        (0xCB00_7100, 24, "documentation"), (0xE000_0000, 4, "multicast"), (0xF000_0000, 4, "reserved"),
    ]

    var kind: String {
        Self.blocks.first { value >> (32 - $0.bits) == $0.base >> (32 - $0.bits) }?.kind ?? "public"
    }

    var isPublic: Bool { kind == "public" }
}

/// An IPv6 address (read as the log-in throttle reads it) and its special-purpose blocks.
struct IPv6 {
    var groups: [UInt16]

    init?(_ text: String) {
        guard text.contains(":"), let groups = ClientAddress.ipv6Groups(ClientAddress.normalised(text)) else { return nil }
        self.groups = groups
    }

    /// The IPv4 address of an IPv4-mapped (`::ffff:a.b.c.d`) or IPv4-compatible address.
    var mappedIPv4: IPv4? {
        guard groups[0..<5].allSatisfy({ $0 == 0 }), groups[5] == 0xffff || (groups[5] == 0 && groups[6] != 0) else { return nil }
        return IPv4(value: UInt32(groups[6]) << 16 | UInt32(groups[7]))
    }

    var kind: String {
        if groups.allSatisfy({ $0 == 0 }) { return "unspecified" }
        if groups[0..<7].allSatisfy({ $0 == 0 }) && groups[7] == 1 { return "loopback" }
        switch groups[0] {
        case 0xfc00...0xfdff: return "unique local"
        case 0xfe80...0xfebf: return "link-local"
        case 0xfec0...0xfeff: return "site-local"
        case 0xff00...0xffff: return "multicast"
        case 0x2001 where groups[1] == 0x0db8: return "documentation"
        case 0x0064 where groups[1] == 0xff9b: return "NAT64"
        default: return "public"
        }
    }

    var isPublic: Bool { kind == "public" }
}

private extension String {
    func trimmingSuffix(_ suffix: String) -> String { hasSuffix(suffix) ? String(dropLast(suffix.count)) : self }
}
