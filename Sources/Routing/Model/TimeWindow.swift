/// An interval in which service may *start*, in the problem's time unit (seconds for real
/// problems, abstract units for literature benchmarks). Arriving early means waiting.
public struct TimeWindow: Hashable, Sendable, Codable {
    public var start: Double
    public var end: Double

    public init(start: Double, end: Double) {
        self.start = start
        self.end = end
    }

    /// The whole time line: no constraint.
    public static let always = TimeWindow(start: 0, end: .greatestFiniteMagnitude)

    public func contains(_ time: Double) -> Bool { time >= start && time <= end }
}
