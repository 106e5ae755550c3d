import Crypto
import Foundation

/// Vehicle identifiers (licence plates, fleet numbers) as keyed hashes: HMAC-SHA256 under a
/// secret of the deployment, truncated to 128 bits, hex. The same plate always gives the same
/// hash under one key, so sensor entries can be matched to declared trips, but without the key
/// no hash can be turned back into a plate by trying every plate. Plates are compared by their
/// letters and digits only: `EL 12345`, `el-12345` and `EL12345` are one vehicle.
public struct PlateKey: Sendable {
    private let key: SymmetricKey

    /// - Parameter secret: at least 32 bytes.
    public init?(secret: Data) {
        guard secret.count >= 32 else { return nil }
        key = SymmetricKey(data: secret)
    }

    /// A fresh random secret for a new deployment.
    public static func newSecret() -> Data {
        SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }
    }

    /// The hash of a plate; nil when the text has no letter or digit.
    public func hash(_ plate: String) -> String? {
        let normalised = String(plate.uppercased().unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) }.map(Character.init))
        guard !normalised.isEmpty else { return nil }
        let code = HMAC<SHA256>.authenticationCode(for: Data(normalised.utf8), using: key)
        return code.prefix(16).map { String(format: "%02x", $0) }.joined()
    }
}
