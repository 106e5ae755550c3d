import AsyncHTTPClient
import NIOConcurrencyHelpers
import Vapor

/// A background loop of a server instance (an outbox's dispatcher, the impact accounting), run
/// from boot to shutdown: it runs its step again at once while the step finds work, and after
/// `idle` when it found none or failed (the error is logged). It owns the HTTP client the step
/// sends with, if any, and shuts it down after the step in progress has finished.
final class BackgroundWorker: LifecycleHandler, Sendable {
    /// One round of work; answers whether it found any.
    typealias Step = @Sendable () async throws -> Bool

    private let name: String
    private let idle: Duration
    private let client: HTTPClient?
    private let makeStep: @Sendable (Application, HTTPClient?) -> Step
    private let stopping = NIOLockedValueBox(false)
    private let task = NIOLockedValueBox<Task<Void, Never>?>(nil)

    /// `makeStep` is called once the application has booted, with the client to send with.
    init(name: String, idle: Duration, client: HTTPClient, makeStep: @escaping @Sendable (Application, HTTPClient) -> Step) {
        (self.name, self.idle, self.client) = (name, idle, client)
        self.makeStep = { application, _ in makeStep(application, client) }
    }

    /// A loop that sends nothing over HTTP.
    init(name: String, idle: Duration, makeStep: @escaping @Sendable (Application) -> Step) {
        (self.name, self.idle, self.client) = (name, idle, nil)
        self.makeStep = { application, _ in makeStep(application) }
    }

    func didBoot(_ application: Application) throws {
        let step = makeStep(application, client)
        let started = Task { [name, idle, stopping, logger = application.logger] in
            while !Task.isCancelled && !stopping.withLockedValue({ $0 }) {
                do {
                    if try await step() { continue }
                } catch {
                    logger.error("\(name): \(String(reflecting: error))")
                }
                try? await Task.sleep(for: idle)
            }
        }
        task.withLockedValue { $0 = started }
    }

    func shutdownAsync(_ application: Application) async {
        stopping.withLockedValue { $0 = true }
        let running = task.withLockedValue { $0 }
        running?.cancel()
        await running?.value
        try? await client?.shutdown()
    }

    func shutdown(_ application: Application) {
        stopping.withLockedValue { $0 = true }
        task.withLockedValue { $0 }?.cancel()
        try? client?.syncShutdown()
    }
}
