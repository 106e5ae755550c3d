import ArgumentParser
import Foundation
import Lockers

/// `samlast-locker-verify`: what an offline locker runs to check an access token — the Lockers
/// library and the platform's public key, no network. Exit 0 opens the door, 1 refuses it
/// (with the reason), 2 is a usage error.
@main
struct LockerVerify: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "samlast-locker-verify",
        abstract: "Check a locker access token offline: signature, site, compartment, purpose, validity window, one use.",
        discussion: """
        The ledger file keeps the nonces of tokens that opened a door, until they expire, so a \
        token opens once. Refusal reasons: \(AccessTokenVerifier.Refusal.allCases.map(\.rawValue).joined(separator: ", ")).
        """)

    @Argument(help: "The token, SL1.<payload>.<signature>.") var token: String
    @Option(help: "The platform's Ed25519 public key, base64.") var publicKey: String
    @Option(help: "This locker's site id.") var site: String
    @Option(help: "The compartment being opened.") var compartment: String
    @Option(help: "deposit, pickup, return-drop-off or collection.") var purpose: String = "pickup"
    @Option(help: "The locker's clock, ISO 8601 with offset (default: now).") var at: String?
    @Option(help: "The nonce ledger file (created when missing).") var ledger: String?

    func run() throws {
        guard let verifier = AccessTokenVerifier(publicKeyBase64: publicKey) else { throw ValidationError("--public-key: not an Ed25519 public key in base64") }
        let purposes: [String: AccessPurpose] = ["deposit": .deposit, "pickup": .pickup, "return-drop-off": .returnDropOff, "collection": .collection]
        guard let purpose = purposes[purpose] else { throw ValidationError("--purpose: one of \(purposes.keys.sorted().joined(separator: ", "))") }
        let instant: Date
        if let at {
            guard let parsed = ISO8601DateFormatter().date(from: at) else { throw ValidationError("--at: '\(at)' is not ISO 8601 with an offset") }
            instant = parsed
        } else {
            instant = Date()
        }
        var nonces = NonceLedger()
        if let ledger, let data = FileManager.default.contents(atPath: ledger) {
            do { nonces = try JSONDecoder().decode(NonceLedger.self, from: data) } catch { throw ValidationError("--ledger: \(ledger) is not a nonce ledger") }
        }
        let opened: AccessToken
        do { opened = try verifier.open(token, purpose: purpose, siteId: site, compartmentId: compartment, at: instant, ledger: &nonces) } catch {
            print("refused: \(error.rawValue)")
            throw ExitCode(1)
        }
        if let ledger { try JSONEncoder().encode(nonces).write(to: URL(fileURLWithPath: ledger)) }
        print("opened: \(opened.siteId)/\(opened.compartmentId), valid until \(Date(timeIntervalSince1970: Double(opened.notAfter)))")
    }
}
