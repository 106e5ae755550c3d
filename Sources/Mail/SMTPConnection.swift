import NIOCore
import NIOPosix
import NIOSSL

/// One TCP connection to an SMTP server, optionally under TLS, that sends command lines and awaits replies.
///
/// All mutable state lives in the ``SMTPReplyReader`` on the channel's event loop; this value only
/// submits work there, so it is safe to share.
struct SMTPConnection: Sendable {
    private let channel: any Channel
    private let reader: NIOLoopBound<SMTPReplyReader>
    private let replyTimeout: Duration

    /// Connects, with TLS from the first byte for ``SMTPClient/TLSSetup/implicit(_:)``.
    static func open(
        _ configuration: SMTPClient.Configuration,
        tls: SMTPClient.TLSSetup,
        group: any EventLoopGroup
    ) async throws(SMTPError) -> SMTPConnection {
        let stage = SMTPError.Stage.connect(host: configuration.host, port: configuration.port)
        let serverName = configuration.tlsServerName
        let implicitTLS: NIOSSLContext? = if case let .implicit(context) = tls { context } else { nil }
        let bootstrap = ClientBootstrap(group: group)
            .connectTimeout(TimeAmount(configuration.connectTimeout))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let implicitTLS {
                        let tls = try NIOSSLClientHandler(context: implicitTLS, serverHostname: serverName)
                        try channel.pipeline.syncOperations.addHandler(tls)
                    }
                    try channel.pipeline.syncOperations.addHandler(SMTPReplyReader(eventLoop: channel.eventLoop))
                }
            }
        let channel: any Channel
        do {
            channel = try await bootstrap.connect(host: configuration.host, port: configuration.port).get()
        } catch {
            throw SMTPError(stage: stage, reason: .connectionFailed(describe(connectError: error)))
        }
        do {
            let reader = try await channel.eventLoop.submit {
                NIOLoopBound(try channel.pipeline.syncOperations.handler(type: SMTPReplyReader.self), eventLoop: channel.eventLoop)
            }.get()
            return SMTPConnection(channel: channel, reader: reader, replyTimeout: configuration.replyTimeout)
        } catch {
            channel.close(promise: nil)
            throw SMTPError(stage: stage, reason: .connectionClosed)
        }
    }

    /// The last address tried and why it failed, rather than NIO's full record of every attempt.
    private static func describe(connectError error: any Error) -> String {
        guard let failure = error as? NIOConnectionError, let last = failure.connectionErrors.last else {
            return "\(error)"
        }
        return "\(last.target): \(last.error)"
    }

    /// Sends `line` followed by CRLF and returns the reply.
    func command(_ line: String, stage: SMTPError.Stage) async throws(SMTPError) -> SMTPReply {
        var buffer = channel.allocator.buffer(capacity: line.utf8.count + 2)
        buffer.writeString(line)
        buffer.writeString("\r\n")
        return try await exchange(sending: buffer, stage: stage)
    }

    /// Sends raw bytes (such as the dot-stuffed message content) and returns the reply.
    func send(_ bytes: [UInt8], stage: SMTPError.Stage) async throws(SMTPError) -> SMTPReply {
        try await exchange(sending: channel.allocator.buffer(bytes: bytes), stage: stage)
    }

    /// Waits for a reply without sending anything, as for the greeting.
    func readReply(stage: SMTPError.Stage) async throws(SMTPError) -> SMTPReply {
        try await exchange(sending: nil, stage: stage)
    }

    /// Puts TLS under the connection after a `220` to STARTTLS and waits for the handshake.
    func startTLS(_ context: NIOSSLContext, serverName: String?) async throws(SMTPError) {
        let reader = self.reader
        let channel = self.channel
        do {
            try await channel.eventLoop.submit {
                guard !reader.value.hasUnreadInput else {
                    throw SMTPTransportFailure(reason: .protocolViolation("server sent data after its STARTTLS reply"))
                }
                let tls = try NIOSSLClientHandler(context: context, serverHostname: serverName)
                try channel.pipeline.syncOperations.addHandler(tls, position: .first)
            }.get()
        } catch {
            channel.close(promise: nil)
            throw SMTPError(stage: .startTLS, reason: SMTPReplyReader.reason(for: error))
        }
        try await awaitTLSHandshake()
    }

    /// Waits until the TLS handshake has finished.
    func awaitTLSHandshake() async throws(SMTPError) {
        let reader = self.reader
        let timeout = replyTimeout
        do {
            try await channel.eventLoop.flatSubmit { reader.value.tlsHandshakeCompleted(timeout: timeout) }.get()
        } catch {
            throw SMTPError(stage: .tlsHandshake, reason: SMTPReplyReader.reason(for: error))
        }
    }

    /// Closes the connection now; safe to call more than once and from any thread.
    func closeNow() {
        channel.close(promise: nil)
    }

    /// Closes the connection and waits until it is closed.
    func close() async {
        try? await channel.close().get()
    }

    private func exchange(sending bytes: ByteBuffer?, stage: SMTPError.Stage) async throws(SMTPError) -> SMTPReply {
        let reader = self.reader
        let channel = self.channel
        let timeout = replyTimeout
        do {
            return try await channel.eventLoop.flatSubmit {
                if let bytes {
                    // A failed write closes the channel, which fails the reply below.
                    channel.writeAndFlush(bytes, promise: nil)
                }
                return reader.value.nextReply(timeout: timeout)
            }.get()
        } catch {
            throw SMTPError(stage: stage, reason: SMTPReplyReader.reason(for: error))
        }
    }
}
