import NIOConcurrencyHelpers
import Vapor

/// A background loop of a server instance: runs `step` again at once while it finds work, and
/// after `idle` when it found none or failed (the error is logged), until `stop()`.
final class PollingLoop: Sendable {
    private let name: String
    private let idle: Duration
    private let stopping = NIOLockedValueBox(false)
    private let task = NIOLockedValueBox<Task<Void, Never>?>(nil)

    init(name: String, idle: Duration) {
        (self.name, self.idle) = (name, idle)
    }

    /// Starts the loop; `step` answers whether it found work.
    func start(logger: Logger, _ step: @escaping @Sendable () async throws -> Bool) {
        let started = Task { [name, idle, stopping] in
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

    /// Stops the loop and waits for its step in progress.
    func stop() async {
        stopping.withLockedValue { $0 = true }
        let running = task.withLockedValue { $0 }
        running?.cancel()
        await running?.value
    }

    /// Stops the loop without waiting (for the synchronous shutdown path).
    func cancel() {
        stopping.withLockedValue { $0 = true }
        task.withLockedValue { $0 }?.cancel()
    }
}
