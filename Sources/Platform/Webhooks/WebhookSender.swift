import AsyncHTTPClient
import Domain
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import Store

/// Sends one webhook message: checks the target's addresses against the SSRF rule
/// (`WebhookTarget`), signs the body (`WebhookSignature`) and posts it, without following
/// redirects. Any 2xx is a delivery; anything else, a timeout or a refused address is a
/// failed attempt with its reason.
///
/// The host name is resolved and checked here, then resolved again by the HTTP client when it
/// connects: a name whose answer changes between the two (DNS rebinding) could still reach a
/// private address. Deployments that must rule that out send webhooks through an egress proxy.
struct WebhookSender: Sendable {
    let client: HTTPClient
    let allowPrivateTargets: Bool
    let timeout: TimeAmount

    static let userAgent = "Samlast-Webhooks/1.0"
    /// The most of a receiver's answer that is read (and logged, cut to 200 characters).
    static let maximumResponseBytes = 64 * 1024

    func send(_ job: WebhookJob, now: Date = Date()) async -> WebhookAttempt {
        let started = ContinuousClock.now
        func attempt(status: Int?, error: String?) -> WebhookAttempt {
            WebhookAttempt(deliveryId: job.id, attempt: job.attempts + 1, startedAt: now.epochMilliseconds,
                           durationMs: Int((ContinuousClock.now - started) / .milliseconds(1)), statusCode: status, error: error)
        }
        if let refusal = await refusal(of: job.url) { return attempt(status: nil, error: refusal) }
        guard let signer = WebhookSignature(secret: job.secret) else { return attempt(status: nil, error: "the subscription's secret is not a whsec_ secret") }
        let body = Data(job.payload.utf8)
        let timestamp = Int64(now.timeIntervalSince1970)
        var request = HTTPClientRequest(url: job.url)
        request.method = .POST
        request.headers = [
            "content-type": "application/json", "user-agent": Self.userAgent, "webhook-id": job.id,
            "webhook-timestamp": String(timestamp), "webhook-signature": signer.signature(id: job.id, timestamp: timestamp, body: body),
        ]
        request.body = .bytes(ByteBuffer(bytes: body))
        do {
            let response = try await client.execute(request, timeout: timeout)
            let answer = try await response.body.collect(upTo: Self.maximumResponseBytes)
            let status = Int(response.status.code)
            guard (200..<300).contains(status) else {
                let text = String(buffer: answer).prefix(200)
                return attempt(status: status, error: "the receiver answered \(status)\(text.isEmpty ? "" : ": \(text)")")
            }
            return attempt(status: status, error: nil)
        } catch {
            return attempt(status: nil, error: "no answer: \(String(describing: error).prefix(200))")
        }
    }

    /// Why the URL may not be called now: refused by the rule as written, or a host name that
    /// resolves to a refused address (or to nothing).
    func refusal(of url: String) async -> String? {
        let host: String
        switch WebhookTarget.check(url, allowPrivate: allowPrivateTargets) {
        case .failure(let refused): return "target refused: \(refused.reason)"
        case .success(let name): host = name
        }
        // A numeric address was judged by `check`; a name is judged by what it resolves to.
        guard !allowPrivateTargets, !WebhookTarget.isNumericAddress(host) else { return nil }
        let addresses: [String]
        do { addresses = try await Self.resolve(host) } catch { return "target refused: '\(host)' does not resolve (\(error))" }
        for address in addresses {
            if let reason = WebhookTarget.refusal(ofAddress: address) { return "target refused: '\(host)' resolves to \(address): \(reason)" }
        }
        return addresses.isEmpty ? "target refused: '\(host)' has no address" : nil
    }

    /// The addresses a host name resolves to, looked up on NIO's blocking-work threads.
    static func resolve(_ host: String) async throws -> [String] {
        try await NIOThreadPool.singleton.runIfActive {
            var hints = addrinfo()
            hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
            var list: UnsafeMutablePointer<addrinfo>?
            let status = getaddrinfo(host, nil, &hints, &list)
            guard status == 0 else { throw ResolutionError(reason: String(cString: gai_strerror(status))) }
            defer { freeaddrinfo(list) }
            var addresses: [String] = []
            var next = list
            while let info = next {
                var text = [CChar](repeating: 0, count: Int(NI_MAXHOST))
                if getnameinfo(info.pointee.ai_addr, info.pointee.ai_addrlen, &text, socklen_t(text.count), nil, 0, NI_NUMERICHOST) == 0 {
                    addresses.append(String(cString: text))
                }
                next = info.pointee.ai_next
            }
            return addresses
        }
    }

    struct ResolutionError: Error, CustomStringConvertible { var reason: String; var description: String { reason } }
}
