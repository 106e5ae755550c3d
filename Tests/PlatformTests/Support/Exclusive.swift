/// Keeps tests that time the server to the second (the log-in throttle's one-second wait) from
/// running while a test keeps both cores busy solving plans: under that load the second can be
/// over before the test's next request arrives.
actor Exclusive {
    static let shared = Exclusive()
    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    /// Runs `body` while no other `run` body runs.
    func run<T: Sendable>(_ body: @Sendable () async throws -> T) async rethrows -> T {
        while busy { await withCheckedContinuation { waiting.append($0) } }
        busy = true
        defer {
            busy = false
            if !waiting.isEmpty { waiting.removeFirst().resume() }
        }
        return try await body()
    }
}
