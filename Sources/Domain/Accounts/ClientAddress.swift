/// The client a request comes from, as the log-in throttle counts it: the peer of the
/// connection, or — when the peer is a proxy the operator trusts — the address that proxy says
/// it forwarded for (`X-Forwarded-For`, read from the right, skipping trusted proxies). An IPv6
/// client counts by its /64, since one host holds a whole /64 and could otherwise change its
/// address at every attempt.
public enum ClientAddress {
    /// The throttle's name for the client of a request from `peer` with these
    /// `X-Forwarded-For` values (in header order), given the trusted proxies' addresses.
    public static func key(peer: String?, forwardedFor: [String], trustedProxies: Set<String>) -> String {
        guard let peer = peer.map(canonical) else { return "unknown" }
        let trustedProxies = Set(trustedProxies.map(canonical))
        guard trustedProxies.contains(peer) else { return counted(peer) }
        let hops = forwardedFor.flatMap { $0.split(separator: ",") }.map { canonical(String($0)) }.filter { !$0.isEmpty }
        // The rightmost hop not a trusted proxy is the first one a proxy of ours saw; what
        // stands left of it the client wrote itself.
        guard let client = hops.reversed().first(where: { !trustedProxies.contains($0) }) else { return counted(peer) }
        return counted(client)
    }

    /// Whether `text` is an IPv4 or IPv6 address.
    public static func isAddress(_ text: String) -> Bool {
        let value = normalised(text)
        if value.contains(":") { return ipv6Groups(value) != nil }
        let octets = value.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets.allSatisfy { !$0.isEmpty && $0.count <= 3 && UInt8($0) != nil }
    }

    /// One spelling per address, so `[::1]`, `0:0::1` and `::1` compare equal: IPv6 as its eight
    /// groups in lower-case hex, IPv4 as written.
    static func canonical(_ text: String) -> String {
        let value = normalised(text)
        guard value.contains(":"), let groups = ipv6Groups(value) else { return value }
        return groups.map { String($0, radix: 16) }.joined(separator: ":")
    }

    /// An address as written, trimmed, without brackets or a zone (`[fe80::1%eth0]`).
    static func normalised(_ text: String) -> String {
        var value = Substring(text.trimmingCharactersInSet(" \t"))
        if value.hasPrefix("["), let end = value.firstIndex(of: "]") { value = value[value.index(after: value.startIndex)..<end] }
        if let zone = value.firstIndex(of: "%") { value = value[..<zone] }
        return value.lowercased()
    }

    /// The counted form: IPv4 as it is, IPv6 as its first 64 bits (`2001:db8:0:1::/64`).
    static func counted(_ address: String) -> String {
        guard address.contains(":"), let groups = ipv6Groups(address) else { return address }
        if groups[0...5] == [0, 0, 0, 0, 0, 0xffff] { return "\(groups[6] >> 8).\(groups[6] & 0xff).\(groups[7] >> 8).\(groups[7] & 0xff)" }
        return groups[0..<4].map { String($0, radix: 16) }.joined(separator: ":") + "::/64"
    }

    /// The eight 16-bit groups of an IPv6 address (with `::` expanded, a dotted IPv4 tail read),
    /// or nil when it is none.
    static func ipv6Groups(_ address: String) -> [UInt16]? {
        let halves = address.components(separatedBy: "::")
        guard halves.count <= 2 else { return nil }
        func groups(_ part: String) -> [UInt16]? {
            guard !part.isEmpty else { return [] }
            var result: [UInt16] = []
            for piece in part.split(separator: ":", omittingEmptySubsequences: false) {
                if piece.contains(".") {
                    let octets = piece.split(separator: ".").compactMap { UInt8($0) }
                    guard octets.count == 4 else { return nil }
                    result += [UInt16(octets[0]) << 8 | UInt16(octets[1]), UInt16(octets[2]) << 8 | UInt16(octets[3])]
                } else {
                    guard (1...4).contains(piece.count), let value = UInt16(piece, radix: 16) else { return nil }
                    result.append(value)
                }
            }
            return result
        }
        guard let head = groups(halves[0]), let tail = halves.count == 2 ? groups(halves[1]) : [] else { return nil }
        if halves.count == 1 { return head.count == 8 ? head : nil }
        guard head.count + tail.count < 8 else { return nil }
        return head + Array(repeating: 0, count: 8 - head.count - tail.count) + tail
    }
}

private extension String {
    func trimmingCharactersInSet(_ characters: String) -> String {
        var value = Substring(self)
        while let first = value.first, characters.contains(first) { value = value.dropFirst() }
        while let last = value.last, characters.contains(last) { value = value.dropLast() }
        return String(value)
    }
}
