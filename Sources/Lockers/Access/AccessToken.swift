import Crypto
import Foundation

/// What a token opens a compartment for.
public enum AccessPurpose: UInt8, Hashable, Sendable, Codable, CaseIterable {
    case deposit = 1, pickup = 2, returnDropOff = 3, collection = 4
}

/// A compact signed permission to open one compartment once within a window: the platform signs
/// it (Ed25519), an offline locker checks it with the platform's public key alone. Written as
/// `SL1.<payload>.<signature>`, both base64url without padding; the payload is binary: purpose,
/// window, nonce, site and compartment.
public struct AccessToken: Hashable, Sendable {
    public var purpose: AccessPurpose
    public var siteId: String
    public var compartmentId: String
    /// Seconds since 1970, `[notBefore, notAfter)`.
    public var notBefore: Int64
    public var notAfter: Int64
    /// 16 random bytes: a locker opens for each nonce once.
    public var nonce: Data

    public init(purpose: AccessPurpose, siteId: String, compartmentId: String, notBefore: Date, notAfter: Date, nonce: Data) {
        self.purpose = purpose; self.siteId = siteId; self.compartmentId = compartmentId
        self.notBefore = Int64(notBefore.timeIntervalSince1970.rounded(.down)); self.notAfter = Int64(notAfter.timeIntervalSince1970.rounded(.up))
        self.nonce = nonce
    }

    static let prefix = "SL1"

    /// The signed bytes: purpose, notBefore, notAfter (big-endian), nonce, then site and compartment
    /// each as a length byte and UTF-8.
    var payload: Data {
        var bytes = Data([purpose.rawValue])
        for value in [notBefore, notAfter] { withUnsafeBytes(of: value.bigEndian) { bytes.append(contentsOf: $0) } }
        bytes.append(nonce)
        for text in [siteId, compartmentId] {
            let utf8 = Data(text.utf8)
            bytes.append(UInt8(min(utf8.count, 255)))
            bytes.append(utf8.prefix(255))
        }
        return bytes
    }

    /// The token read back from its payload; nil when the bytes are not one.
    init?(payload bytes: Data) {
        let bytes = [UInt8](bytes)
        guard bytes.count >= 1 + 16 + 16 + 2, let purpose = AccessPurpose(rawValue: bytes[0]) else { return nil }
        func int64(_ at: Int) -> Int64 { bytes[at..<at + 8].reduce(Int64(0)) { $0 << 8 | Int64($1) } }
        var cursor = 17 + 16
        var texts: [String] = []
        for _ in 0..<2 {
            guard cursor < bytes.count else { return nil }
            let length = Int(bytes[cursor])
            guard cursor + 1 + length <= bytes.count, let text = String(bytes: bytes[(cursor + 1)..<(cursor + 1 + length)], encoding: .utf8) else { return nil }
            texts.append(text)
            cursor += 1 + length
        }
        guard cursor == bytes.count else { return nil }
        self.purpose = purpose
        notBefore = int64(1)
        notAfter = int64(9)
        nonce = Data(bytes[17..<33])
        siteId = texts[0]
        compartmentId = texts[1]
    }
}

/// Signs access tokens with the platform's Ed25519 key.
public struct AccessTokenIssuer: Sendable {
    private let key: Curve25519.Signing.PrivateKey

    public init(privateKey: Curve25519.Signing.PrivateKey) { key = privateKey }

    /// An issuer from the 32-byte private key in base64 (as a deployment keeps it); nil when it is not one.
    public init?(privateKeyBase64 text: String) {
        guard let raw = Data(base64Encoded: text), let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: raw) else { return nil }
        self.init(privateKey: key)
    }

    /// The public key lockers verify with, base64.
    public var publicKey: String { key.publicKey.rawRepresentation.base64EncodedString() }

    /// A token for `purpose` at the compartment, valid `[from, until)`, with a fresh nonce.
    public func issue(_ purpose: AccessPurpose, siteId: String, compartmentId: String, from: Date, until: Date) throws -> (token: AccessToken, text: String) {
        var generator = SystemRandomNumberGenerator()
        let nonce = Data((0..<16).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
        let token = AccessToken(purpose: purpose, siteId: siteId, compartmentId: compartmentId, notBefore: from, notAfter: until, nonce: nonce)
        return (token, try sign(token))
    }

    /// A site or compartment id longer than a token holds (255 bytes of UTF-8).
    public struct IdentifierTooLong: Error, Sendable {}

    /// The token as text.
    public func sign(_ token: AccessToken) throws -> String {
        guard token.siteId.utf8.count <= 255, token.compartmentId.utf8.count <= 255, token.nonce.count == 16 else { throw IdentifierTooLong() }
        let payload = token.payload
        let signature = try key.signature(for: payload)
        return "\(AccessToken.prefix).\(Base64URL.encode(payload)).\(Base64URL.encode(signature))"
    }
}

/// Checks access tokens where they are used, without a network: the signature against the
/// platform's public key, the site and compartment, the window (with a clock allowance), and
/// that the nonce was not used before (`NonceLedger`, the locker's memory of opened tokens).
public struct AccessTokenVerifier: Sendable {
    /// Why a token does not open the door.
    public enum Refusal: String, Error, Hashable, Sendable, CaseIterable {
        case malformed = "malformed"
        case badSignature = "bad-signature"
        case wrongSite = "wrong-site"
        case wrongCompartment = "wrong-compartment"
        case wrongPurpose = "wrong-purpose"
        case notYetValid = "not-yet-valid"
        case expired = "expired"
        case replayed = "replayed"
    }

    private let key: Curve25519.Signing.PublicKey
    /// How far the locker's clock may be off, seconds.
    public var clockAllowance: Int64

    public init(publicKey: Curve25519.Signing.PublicKey, clockAllowance: Int64 = 60) {
        key = publicKey
        self.clockAllowance = clockAllowance
    }

    /// A verifier from the base64 public key; nil when it is not an Ed25519 key.
    public init?(publicKeyBase64 text: String, clockAllowance: Int64 = 60) {
        guard let raw = Data(base64Encoded: text), let key = try? Curve25519.Signing.PublicKey(rawRepresentation: raw) else { return nil }
        self.init(publicKey: key, clockAllowance: clockAllowance)
    }

    /// The token read and checked; on success its nonce is entered in `ledger`, so the same token
    /// opens nothing again.
    public func open(_ text: String, purpose: AccessPurpose, siteId: String, compartmentId: String, at instant: Date,
                     ledger: inout NonceLedger) throws(Refusal) -> AccessToken {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == AccessToken.prefix, let payload = Base64URL.decode(parts[1]), let signature = Base64URL.decode(parts[2]),
              !payload.isEmpty, signature.count == 64 else {
            throw .malformed
        }
        guard key.isValidSignature(signature, for: payload) else { throw .badSignature }
        guard let token = AccessToken(payload: payload) else { throw .malformed }
        guard token.siteId == siteId else { throw .wrongSite }
        guard token.compartmentId == compartmentId else { throw .wrongCompartment }
        guard token.purpose == purpose else { throw .wrongPurpose }
        let now = Int64(instant.timeIntervalSince1970)
        guard now + clockAllowance >= token.notBefore else { throw .notYetValid }
        guard now - clockAllowance < token.notAfter else { throw .expired }
        guard ledger.enter(token.nonce, until: token.notAfter + clockAllowance, now: now) else { throw .replayed }
        return token
    }
}

/// The nonces a locker has opened for, each kept until its token could no longer be valid.
public struct NonceLedger: Hashable, Sendable, Codable {
    private var entries: [Data: Int64] = [:]

    public init() {}

    /// Enters `nonce` until `expiry` (seconds since 1970); false when it is there already.
    mutating func enter(_ nonce: Data, until expiry: Int64, now: Int64) -> Bool {
        entries = entries.filter { $0.value > now }
        guard entries[nonce] == nil else { return false }
        entries[nonce] = expiry
        return true
    }

    public var count: Int { entries.count }
}

enum Base64URL {
    static func encode(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    static func decode(_ text: Substring) -> Data? {
        guard text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else { return nil }
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        return Data(base64Encoded: base64)
    }
}
