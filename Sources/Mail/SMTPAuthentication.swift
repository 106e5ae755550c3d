import Foundation

/// SMTP AUTH (RFC 4954) with the SASL mechanisms PLAIN (RFC 4616) and LOGIN.
enum SMTPAuthentication {
    /// Authenticates with PLAIN if offered, else LOGIN.
    static func authenticate(
        _ credentials: SMTPClient.Credentials,
        offered: [String],
        over connection: SMTPConnection
    ) async throws(SMTPError) {
        if offered.contains("PLAIN") {
            let response = base64("\0\(credentials.username)\0\(credentials.password)")
            let stage = SMTPError.Stage.auth(mechanism: "PLAIN")
            try await connection.command("AUTH PLAIN \(response)", stage: stage).require(235, stage: stage)
        } else if offered.contains("LOGIN") {
            let stage = SMTPError.Stage.auth(mechanism: "LOGIN")
            try await connection.command("AUTH LOGIN", stage: stage).require(334, stage: stage)
            try await connection.command(base64(credentials.username), stage: stage).require(334, stage: stage)
            try await connection.command(base64(credentials.password), stage: stage).require(235, stage: stage)
        } else {
            throw SMTPError(stage: .auth(mechanism: nil), reason: .noSupportedAuthMechanism(offered: offered))
        }
    }

    private static func base64(_ text: String) -> String {
        Data(text.utf8).base64EncodedString()
    }
}
