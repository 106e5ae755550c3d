import Foundation
import Synchronization

/// A clock a test moves on by hand, given to the server as `PlatformConfiguration.now`: a
/// hold's five minutes pass in no time, and a busy machine cannot make them pass early.
final class TestClock: Sendable {
    private let time: Mutex<Date>

    init(_ start: Date = Date()) { time = Mutex(start) }

    var now: Date { time.withLock { $0 } }

    func advance(seconds: Double) { time.withLock { $0 = $0.addingTimeInterval(seconds) } }
}
