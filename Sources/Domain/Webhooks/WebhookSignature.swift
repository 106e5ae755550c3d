import Crypto
import Foundation

/// Signatures of webhook messages as the Standard Webhooks specification defines them
/// (https://www.standardwebhooks.com, version 1): the receiver recomputes
/// `base64(HMAC-SHA256(key, "<webhook-id>.<webhook-timestamp>.<body>"))`, where `key` is the
/// base64-decoded part of the `whsec_…` secret after the prefix, and finds it among the
/// space-separated `v1,<signature>` entries of the `webhook-signature` header.
public struct WebhookSignature: Sendable {
    public static let secretPrefix = "whsec_"
    /// How far a message's timestamp may be from the receiver's clock before it is refused as a replay.
    public static let tolerance: TimeInterval = 300

    let key: SymmetricKey

    /// The signer of a `whsec_…` secret; nil when it is not one.
    public init?(secret: String) {
        guard secret.hasPrefix(Self.secretPrefix), let bytes = Data(base64Encoded: String(secret.dropFirst(Self.secretPrefix.count))),
              bytes.count >= 24 else { return nil }
        key = SymmetricKey(data: bytes)
    }

    /// A new random secret of 32 bytes, in the `whsec_` form.
    public static func newSecret() -> String {
        secretPrefix + SymmetricKey(size: .bits256).withUnsafeBytes { Data($0).base64EncodedString() }
    }

    /// The `webhook-signature` header's value for a message.
    public func signature(id: String, timestamp: Int64, body: Data) -> String {
        var content = Data("\(id).\(timestamp).".utf8)
        content.append(body)
        return "v1," + Data(HMAC<SHA256>.authenticationCode(for: content, using: key)).base64EncodedString()
    }

    /// Why a received message is not authentic, or nil when it is: a signature of this secret
    /// among the header's entries, and a timestamp within `tolerance` of `now`.
    public func refusal(id: String, timestamp: String, signatures: String, body: Data, now: Date = Date()) -> String? {
        guard let seconds = Int64(timestamp) else { return "webhook-timestamp: '\(timestamp)' is not a number of seconds" }
        guard abs(Double(seconds) - now.timeIntervalSince1970) <= Self.tolerance else {
            return "webhook-timestamp: \(seconds) is more than \(Int(Self.tolerance)) s from now (a replayed or delayed message)"
        }
        var content = Data("\(id).\(seconds).".utf8)
        content.append(body)
        for entry in signatures.split(separator: " ") where entry.hasPrefix("v1,") {
            if let mac = Data(base64Encoded: String(entry.dropFirst(3))),
               HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: content, using: key) { return nil }
        }
        return "webhook-signature: no v1 signature of this secret matches"
    }
}
