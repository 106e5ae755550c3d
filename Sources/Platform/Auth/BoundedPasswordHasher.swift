import Foundation
#if os(Linux)
import Glibc
#endif
import NIOConcurrencyHelpers
import Vapor

/// Password hashing on a thread pool of its own, so that a flood of log-ins uses at most that
/// pool's threads and can never starve the database drivers or the route planner of theirs.
/// At most `maximumWaiting` hashes wait or run at once; past that a log-in is answered 503 at
/// once instead of queueing without end.
///
/// The stored form is `sha256-bcrypt$` + bcrypt(base64(SHA-256(password))): bcrypt reads only
/// the first 72 bytes of what it hashes, and the SHA-256 pre-hash (44 characters of base64, no
/// NUL bytes) makes every character of a password up to the policy's 128 count. The mirror has
/// no maintained Argon2id or scrypt for Swift (swift-crypto offers neither), and Vapor's bcrypt
/// is the maintained one, so it stays bcrypt. Hashes stored without the prefix (before this
/// scheme) still verify, and are replaced at the next successful log-in.
final class BoundedPasswordHasher: LifecycleHandler, Sendable {
    static let scheme = "sha256-bcrypt$"

    let cost: Int
    let maximumWaiting: Int
    private let pool: NIOThreadPool
    private let inFlight = NIOLockedValueBox(0)

    init(cost: Int, threads: Int = 1, maximumWaiting: Int = 16) {
        self.cost = cost
        self.maximumWaiting = maximumWaiting
        pool = NIOThreadPool(numberOfThreads: threads)
        pool.start()
    }

    /// The stored form of a new password.
    func hash(_ password: String) async throws -> String {
        let cost = cost
        return try await run { Self.scheme + (try Bcrypt.hash(Self.prehash(password), cost: cost)) }
    }

    /// Whether `password` matches `stored`, and whether `stored` should be replaced by a hash
    /// of the current scheme.
    func verify(_ password: String, stored: String) async throws -> (matches: Bool, needsRehash: Bool) {
        try await run {
            if stored.hasPrefix(Self.scheme) {
                return (try Bcrypt.verify(Self.prehash(password), created: String(stored.dropFirst(Self.scheme.count))), false)
            }
            return (try Bcrypt.verify(password, created: stored), true)
        }
    }

    /// A stored hash of no password, verified against for unknown e-mail addresses so that
    /// their answer takes as long as a known one's.
    func decoy() async throws -> String {
        if let decoy = decoyHash.withLockedValue({ $0 }) { return decoy }
        let made = try await hash(Secrets.random())
        decoyHash.withLockedValue { $0 = made }
        return made
    }
    private let decoyHash = NIOLockedValueBox<String?>(nil)

    private static func prehash(_ password: String) -> String {
        Data(SHA256.hash(data: Data(password.utf8))).base64EncodedString()
    }

    private func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        let admitted = inFlight.withLockedValue { count -> Bool in
            guard count < maximumWaiting else { return false }
            count += 1
            return true
        }
        guard admitted else { throw Problem(.serviceUnavailable, "too many log-ins are being checked at once; try again in a few seconds") }
        defer { inFlight.withLockedValue { $0 -= 1 } }
        return try await pool.runIfActive {
            Self.yieldToOtherWork()
            return try work()
        }
    }

    /// Hashing threads run at a lower scheduling priority (nice 10), so that while they are
    /// busy the event loops, the database drivers and the planner keep their share of the CPU.
    /// (On Linux the nice value belongs to the calling thread; a system call per hash is cheap
    /// beside the hash.)
    private static func yieldToOtherWork() {
        #if os(Linux)
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 10)
        #endif
    }

    func shutdownAsync(_ application: Application) async {
        try? await pool.shutdownGracefully()
    }

    func shutdown(_ application: Application) {
        try? pool.syncShutdownGracefully()
    }
}
