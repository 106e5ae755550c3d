/// A failure while talking to an SMTP server: the stage it happened in and why.
///
/// `description` reads like `RCPT TO <a@b.no>: 550 mailbox unavailable`. Use ``isPermanent`` to decide
/// whether to retry: 4xx replies, refused or dropped connections and timeouts are transient.
public struct SMTPError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The step of the SMTP dialogue that failed.
    public enum Stage: Sendable, Equatable, CustomStringConvertible {
        case connect(host: String, port: Int)
        case greeting
        case ehlo
        case startTLS
        case tlsHandshake
        /// AUTH with the named mechanism, or before one was chosen.
        case auth(mechanism: String?)
        case mailFrom(String)
        case rcptTo(String)
        case data
        /// The reply to the message content, after the terminating `.`.
        case messageContent
        case reset
        case quit

        public var description: String {
            switch self {
            case let .connect(host, port): "connect to \(host):\(port)"
            case .greeting: "greeting"
            case .ehlo: "EHLO"
            case .startTLS: "STARTTLS"
            case .tlsHandshake: "TLS handshake"
            case let .auth(mechanism): mechanism.map { "AUTH \($0)" } ?? "AUTH"
            case let .mailFrom(address): "MAIL FROM <\(address)>"
            case let .rcptTo(address): "RCPT TO <\(address)>"
            case .data: "DATA"
            case .messageContent: "message content"
            case .reset: "RSET"
            case .quit: "QUIT"
            }
        }
    }

    /// What went wrong.
    public enum Reason: Sendable, Equatable, CustomStringConvertible {
        /// The server answered with a code other than the expected one.
        case reply(SMTPReply)
        /// The TCP connection could not be made (refused, unreachable, name not resolved, connect timeout).
        case connectionFailed(String)
        /// The connection ended before the expected reply arrived.
        case connectionClosed
        /// No reply (or TLS handshake) within the configured timeout.
        case timedOut(Duration)
        /// The TLS handshake failed, e.g. the certificate is not trusted or names another host.
        case tlsFailed(String)
        /// TLS is configured but the server does not offer STARTTLS; nothing further is sent in plain text.
        case startTLSNotOffered
        /// Credentials are configured but the server offers neither AUTH PLAIN nor AUTH LOGIN.
        case noSupportedAuthMechanism(offered: [String])
        /// The server sent something that is not a valid SMTP reply at this point.
        case protocolViolation(String)
        /// The client configuration cannot be used (bad HELO name, unreadable certificate file, …).
        case invalidConfiguration(String)

        public var description: String {
            switch self {
            case let .reply(reply): reply.description
            case let .connectionFailed(detail): "connection failed: \(detail)"
            case .connectionClosed: "connection closed by the server"
            case let .timedOut(duration): "no answer within \(duration)"
            case let .tlsFailed(detail): "TLS failed: \(detail)"
            case .startTLSNotOffered: "server does not offer STARTTLS; refusing to continue without TLS"
            case let .noSupportedAuthMechanism(offered):
                "server offers no supported AUTH mechanism (PLAIN, LOGIN); it offers: "
                    + (offered.isEmpty ? "none" : offered.joined(separator: " "))
            case let .protocolViolation(detail): "protocol violation: \(detail)"
            case let .invalidConfiguration(detail): "invalid configuration: \(detail)"
            }
        }
    }

    public let stage: Stage
    public let reason: Reason

    public init(stage: Stage, reason: Reason) {
        self.stage = stage
        self.reason = reason
    }

    /// The server's reply code, when the failure is a reply.
    public var replyCode: Int? {
        if case let .reply(reply) = reason { reply.code } else { nil }
    }

    /// Whether sending the same message again is expected to fail again.
    ///
    /// True for 5xx replies, unexpected positive replies, TLS and authentication mechanism problems,
    /// protocol violations and configuration errors; false for 4xx replies and connection trouble
    /// (refused, closed, timed out), which are worth retrying later.
    public var isPermanent: Bool {
        switch reason {
        case let .reply(reply): !reply.isTransientFailure
        case .connectionFailed, .connectionClosed, .timedOut: false
        case .tlsFailed, .startTLSNotOffered, .noSupportedAuthMechanism, .protocolViolation, .invalidConfiguration: true
        }
    }

    /// The opposite of ``isPermanent``: retrying later may succeed.
    public var isTransient: Bool { !isPermanent }

    public var description: String { "\(stage): \(reason)" }
}
