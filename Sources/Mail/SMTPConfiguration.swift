import Foundation
import NIOCore
import NIOSSL

extension SMTPClient {
    /// How the connection is secured.
    public enum TLSMode: Sendable, Equatable {
        /// Plain TCP throughout (port 25 between servers, or a local relay). Credentials travel in clear text.
        case none
        /// Plain TCP, then STARTTLS (RFC 3207) before anything else is sent; fails if the server does not offer it.
        case startTLS
        /// TLS from the first byte (RFC 8314 "implicit TLS", usually port 465).
        case implicitTLS
    }

    /// A user name and password for SMTP AUTH (RFC 4954), sent with PLAIN, or LOGIN if that is all the server offers.
    public struct Credentials: Sendable, Equatable {
        public var username: String
        public var password: String

        public init(username: String, password: String) {
            self.username = username
            self.password = password
        }
    }

    /// ``TLSMode`` with the TLS context made for it.
    enum TLSSetup: Sendable {
        case none
        case startTLS(NIOSSLContext)
        case implicit(NIOSSLContext)
    }

    /// Where and how to connect.
    public struct Configuration: Sendable {
        /// The server's host name or IP address; with TLS, the name its certificate must show.
        public var host: String
        public var port: Int
        public var tlsMode: TLSMode
        /// Credentials for AUTH, or nil to send without authenticating.
        public var credentials: Credentials?
        /// The name this client gives in EHLO; should be the sending host's fully qualified domain name.
        public var heloName: String
        /// Longest wait for the TCP connection.
        public var connectTimeout: Duration
        /// Longest wait for each server reply, and for the TLS handshake.
        public var replyTimeout: Duration
        /// PEM files with CA or self-signed certificates to trust in addition to the system's trust roots.
        public var additionalTrustedCertificateFiles: [String]

        /// - Parameter port: defaults to 587 for ``TLSMode/startTLS``, 465 for ``TLSMode/implicitTLS``, 25 for ``TLSMode/none``.
        public init(
            host: String,
            port: Int? = nil,
            tlsMode: TLSMode = .startTLS,
            credentials: Credentials? = nil,
            heloName: String = Configuration.localHostName,
            connectTimeout: Duration = .seconds(10),
            replyTimeout: Duration = .seconds(60),
            additionalTrustedCertificateFiles: [String] = []
        ) {
            self.host = host
            self.port = port ?? Self.defaultPort(for: tlsMode)
            self.tlsMode = tlsMode
            self.credentials = credentials
            self.heloName = heloName
            self.connectTimeout = connectTimeout
            self.replyTimeout = replyTimeout
            self.additionalTrustedCertificateFiles = additionalTrustedCertificateFiles
        }

        /// This machine's host name if it is a valid EHLO argument, else `localhost`.
        public static var localHostName: String {
            let name = ProcessInfo.processInfo.hostName
            return MailAddress.isValidDomain(name, minimumLabels: 1) ? name : "localhost"
        }

        private static func defaultPort(for mode: TLSMode) -> Int {
            switch mode {
            case .none: 25
            case .startTLS: 587
            case .implicitTLS: 465
            }
        }

        /// The TLS context this configuration needs, and when to use it.
        func makeTLSSetup() throws(SMTPError) -> TLSSetup {
            switch tlsMode {
            case .none: return .none
            case .startTLS: return .startTLS(try makeTLSContext())
            case .implicitTLS: return .implicit(try makeTLSContext())
            }
        }

        private func makeTLSContext() throws(SMTPError) -> NIOSSLContext {
            var tls = TLSConfiguration.makeClientConfiguration()
            tls.minimumTLSVersion = .tlsv12
            tls.additionalTrustRoots = additionalTrustedCertificateFiles.map { .file($0) }
            do {
                return try NIOSSLContext(configuration: tls)
            } catch {
                throw SMTPError(stage: .connect(host: host, port: port), reason: .invalidConfiguration("TLS: \(error)"))
            }
        }

        /// The name to send in TLS SNI and to match the certificate against; nil for an IP address,
        /// whose certificate is then matched by its IP address entries.
        var tlsServerName: String? {
            (try? SocketAddress(ipAddress: host, port: 0)) == nil ? host : nil
        }

        /// Refuses values that would break the command syntax, before any connection is made.
        func validate() throws(SMTPError) {
            let stage = SMTPError.Stage.connect(host: host, port: port)
            let isHostName = MailAddress.isValidDomain(heloName, minimumLabels: 1)
            let isAddressLiteral = heloName.hasPrefix("[") && heloName.hasSuffix("]")
                && heloName.utf8.allSatisfy { (0x21...0x7E).contains($0) }
            guard isHostName || isAddressLiteral else {
                throw SMTPError(stage: stage, reason: .invalidConfiguration("heloName '\(heloName)' is not a domain name or address literal"))
            }
            guard (1...65535).contains(port) else {
                throw SMTPError(stage: stage, reason: .invalidConfiguration("port \(port) is out of range"))
            }
        }
    }
}
