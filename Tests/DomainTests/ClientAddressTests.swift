import Domain
import Testing

/// Whom the log-in throttle counts: the peer, or behind trusted proxies the client they name;
/// IPv6 clients by their /64; and from a known address, not the account as a whole.
@Suite struct ClientAddressTests {
    @Test func withoutTrustedProxiesThePeerIsTheClient() {
        #expect(ClientAddress.key(peer: "203.0.113.7", forwardedFor: ["198.51.100.1"], trustedProxies: []) == "203.0.113.7")
        #expect(ClientAddress.key(peer: nil, forwardedFor: [], trustedProxies: []) == "unknown")
    }

    @Test func behindTrustedProxiesTheRightmostUntrustedHopIsTheClient() {
        let proxies: Set = ["10.0.0.2", "10.0.0.3"]
        // The client wrote the first entry itself; what our proxies added is to the right.
        #expect(ClientAddress.key(peer: "10.0.0.2", forwardedFor: ["1.2.3.4, 203.0.113.7"], trustedProxies: proxies) == "203.0.113.7")
        #expect(ClientAddress.key(peer: "10.0.0.2", forwardedFor: ["203.0.113.7", "10.0.0.3"], trustedProxies: proxies) == "203.0.113.7")
        // A request that reached the proxy without the header counts as the proxy.
        #expect(ClientAddress.key(peer: "10.0.0.2", forwardedFor: [], trustedProxies: proxies) == "10.0.0.2")
        // A proxy configured in another spelling is the same proxy.
        #expect(ClientAddress.key(peer: "::1", forwardedFor: ["203.0.113.7"], trustedProxies: ["[0:0::1]"]) == "203.0.113.7")
        // An untrusted peer's header is not believed.
        #expect(ClientAddress.key(peer: "198.51.100.9", forwardedFor: ["203.0.113.7"], trustedProxies: proxies) == "198.51.100.9")
    }

    @Test func ipv6ClientsCountByTheirSlash64() {
        let a = ClientAddress.key(peer: "2001:db8:1:2:aaaa::1", forwardedFor: [], trustedProxies: [])
        let b = ClientAddress.key(peer: "[2001:DB8:1:2:ffff:ffff:ffff:ffff]", forwardedFor: [], trustedProxies: [])
        #expect(a == "2001:db8:1:2::/64" && a == b)
        #expect(ClientAddress.key(peer: "2001:db8:1:3::1", forwardedFor: [], trustedProxies: []) != a)
        #expect(ClientAddress.key(peer: "::ffff:192.0.2.5", forwardedFor: [], trustedProxies: []) == "192.0.2.5")
        #expect(ClientAddress.key(peer: "fe80::1%eth0", forwardedFor: [], trustedProxies: []) == "fe80:0:0:0::/64")
    }

    @Test func addressesAreRecognised() {
        for good in ["127.0.0.1", "10.0.0.2", "::1", "2001:db8::8a2e:370:7334", "::ffff:192.0.2.5", "[::1]"] { #expect(ClientAddress.isAddress(good), "\(good)") }
        for bad in ["", "localhost", "256.1.1.1", "1.2.3", "1:2:3:4:5:6:7:8:9", "2001:db8:::1", "12345::"] { #expect(!ClientAddress.isAddress(bad), "\(bad)") }
    }

    @Test func fromAKnownAddressTheAccountKeyDoesNotCount() {
        let all = LoginThrottle.keys(email: "kari@hub.no", address: "203.0.113.7").map(\.0)
        let known = LoginThrottle.keys(email: "kari@hub.no", address: "203.0.113.7", known: true).map(\.0)
        #expect(all == [.accountFromAddress, .account, .address])
        #expect(known == [.accountFromAddress, .address])
    }
}
