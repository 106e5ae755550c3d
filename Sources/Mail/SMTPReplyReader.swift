import NIOCore
import NIOSSL
import NIOTLS

/// The failure reason a connection reports to whoever waits on it; the caller adds the stage.
struct SMTPTransportFailure: Error {
    let reason: SMTPError.Reason
}

/// Splits the server's bytes into reply lines, assembles replies, and hands them to the one waiting command.
///
/// Lives on the channel's event loop; every method must be called there.
final class SMTPReplyReader: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    /// Longer lines are a protocol violation; RFC 5321 §4.5.3.1.5 allows 512 octets.
    private static let maxLineLength = 4096

    private struct Waiter<Value> {
        let promise: EventLoopPromise<Value>
        let timer: Scheduled<Void>
    }

    private let eventLoop: any EventLoop
    private var context: ChannelHandlerContext?
    private var unreadBytes = ByteBuffer()
    private var parser = SMTPReplyParser()
    private var unclaimedReplies: [SMTPReply] = []
    private var replyWaiter: Waiter<SMTPReply>?
    private var handshakeWaiter: Waiter<Void>?
    private var isHandshakeCompleted = false
    private var failure: SMTPError.Reason?

    init(eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
    }

    /// Whether the server sent anything not yet consumed by a command.
    ///
    /// Must be false when TLS starts: bytes sent in clear text before the handshake could be an injection
    /// attempt, and RFC 3207 §4.2 says to discard them; refusing is safer.
    var hasUnreadInput: Bool {
        unreadBytes.readableBytes > 0 || !unclaimedReplies.isEmpty || parser.isInsideReply
    }

    /// The next reply, failing with ``SMTPTransportFailure`` on timeout, error or close.
    func nextReply(timeout: Duration) -> EventLoopFuture<SMTPReply> {
        if !unclaimedReplies.isEmpty {
            return eventLoop.makeSucceededFuture(unclaimedReplies.removeFirst())
        }
        if let failure {
            return eventLoop.makeFailedFuture(SMTPTransportFailure(reason: failure))
        }
        guard replyWaiter == nil else {
            return eventLoop.makeFailedFuture(SMTPTransportFailure(reason: .protocolViolation("two commands awaited a reply at once")))
        }
        let promise = eventLoop.makePromise(of: SMTPReply.self)
        replyWaiter = Waiter(promise: promise, timer: scheduleTimeout(timeout))
        return promise.futureResult
    }

    /// Completes when the TLS handler in front of this one reports a finished handshake.
    func tlsHandshakeCompleted(timeout: Duration) -> EventLoopFuture<Void> {
        if isHandshakeCompleted {
            return eventLoop.makeSucceededVoidFuture()
        }
        if let failure {
            return eventLoop.makeFailedFuture(SMTPTransportFailure(reason: failure))
        }
        let promise = eventLoop.makePromise(of: Void.self)
        handshakeWaiter = Waiter(promise: promise, timer: scheduleTimeout(timeout))
        return promise.futureResult
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        fail(with: .connectionClosed)
        self.context = nil
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var bytes = unwrapInboundIn(data)
        unreadBytes.writeBuffer(&bytes)
        while let line = takeLine() {
            do {
                if let reply = try parser.consume(line) {
                    deliver(reply)
                }
            } catch {
                fail(with: .protocolViolation("malformed reply line '\(error.line)'"), closing: context)
                return
            }
        }
        unreadBytes.discardReadBytes()
        if unreadBytes.readableBytes > Self.maxLineLength {
            fail(with: .protocolViolation("reply line longer than \(Self.maxLineLength) bytes"), closing: context)
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let tlsEvent = event as? TLSUserEvent, case .handshakeCompleted = tlsEvent {
            isHandshakeCompleted = true
            if let waiter = handshakeWaiter {
                handshakeWaiter = nil
                waiter.timer.cancel()
                waiter.promise.succeed()
            }
        }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        fail(with: Self.reason(for: error), closing: context)
    }

    func channelInactive(context: ChannelHandlerContext) {
        fail(with: .connectionClosed)
        context.fireChannelInactive()
    }

    /// Removes and returns the next line up to LF (a preceding CR is dropped), if a whole line has arrived.
    private func takeLine() -> String? {
        guard let newline = unreadBytes.readableBytesView.firstIndex(of: UInt8(ascii: "\n")),
              var line = unreadBytes.readSlice(length: newline - unreadBytes.readerIndex + 1)
        else { return nil }
        var bytes = line.readBytes(length: line.readableBytes) ?? []
        bytes.removeLast()
        if bytes.last == UInt8(ascii: "\r") {
            bytes.removeLast()
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private func deliver(_ reply: SMTPReply) {
        guard let waiter = replyWaiter else {
            unclaimedReplies.append(reply)
            return
        }
        replyWaiter = nil
        waiter.timer.cancel()
        waiter.promise.succeed(reply)
    }

    private func scheduleTimeout(_ timeout: Duration) -> Scheduled<Void> {
        eventLoop.assumeIsolated().scheduleTask(in: TimeAmount(timeout)) {
            self.fail(with: .timedOut(timeout), closing: self.context)
        }
    }

    /// Fails every waiter and all later waits with `reason` (the first reason wins), optionally closing the channel.
    private func fail(with reason: SMTPError.Reason, closing context: ChannelHandlerContext? = nil) {
        if failure == nil {
            failure = reason
        }
        let error = SMTPTransportFailure(reason: failure ?? reason)
        if let waiter = replyWaiter {
            replyWaiter = nil
            waiter.timer.cancel()
            waiter.promise.fail(error)
        }
        if let waiter = handshakeWaiter {
            handshakeWaiter = nil
            waiter.timer.cancel()
            waiter.promise.fail(error)
        }
        context?.close(promise: nil)
    }

    /// Classifies an error from the channel: TLS failures apart from all other I/O trouble.
    static func reason(for error: any Error) -> SMTPError.Reason {
        if let failure = error as? SMTPTransportFailure {
            return failure.reason
        }
        if case NIOSSLError.uncleanShutdown = error {
            return .connectionClosed
        }
        if error is NIOSSLError || error is NIOSSLExtraError || error is BoringSSLError {
            return .tlsFailed(String(describing: error))
        }
        return .connectionFailed(String(describing: error))
    }
}
