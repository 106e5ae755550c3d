/// A file that could not be read, with the place and what was expected there.
public struct FormatError: Error, CustomStringConvertible, Equatable {
    public var file: String
    /// 1-based line number, or nil when the problem concerns the whole file.
    public var line: Int?
    public var message: String

    public init(file: String, line: Int? = nil, _ message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String {
        if let line { return "\(file):\(line): \(message)" }
        return "\(file): \(message)"
    }
}

/// Numbered, whitespace-split lines of a text file (CRLF tolerated).
struct TextLines {
    let file: String
    let lines: [(number: Int, fields: [Substring])]

    init(text: String, file: String) {
        self.file = file
        var result: [(Int, [Substring])] = []
        var number = 0
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            number += 1
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
            if !fields.isEmpty { result.append((number, fields)) }
        }
        lines = result
    }

    func error(_ line: Int?, _ message: String) -> FormatError { FormatError(file: file, line: line, message) }

    func number(_ field: Substring, line: Int, what: String) throws(FormatError) -> Double {
        guard let value = Double(field), value.isFinite else {
            throw error(line, "expected a number for \(what), found '\(field)'")
        }
        return value
    }

    /// A whole number written as an integer or a decimal ("10" or "10.0"), within ±2^53.
    func wholeNumber(_ value: Double, line: Int, what: String) throws(FormatError) -> Int {
        guard value == value.rounded(), abs(value) <= 9_007_199_254_740_992 else {
            throw error(line, "expected a whole number for \(what), found \(value)")
        }
        return Int(value)
    }

    func integer(_ field: Substring, line: Int, what: String) throws(FormatError) -> Int {
        guard let value = Int(field) else { throw error(line, "expected an integer for \(what), found '\(field)'") }
        return value
    }
}

extension TextLines {
    /// Refuses a location count whose matrices would not fit, before they are allocated.
    func checkLocationCount(_ count: Int, line: Int?) throws(FormatError) {
        guard count <= Problem.maximumLocations else {
            throw error(line, "\(count) locations is more than the \(Problem.maximumLocations) Samlast plans at once")
        }
    }
}

/// Euclidean distances in double precision between 2-D points, the convention of the
/// Solomon, Gehring-Homberger and Li & Lim benchmarks (travel time = distance).
func euclideanMatrix(_ points: [(x: Double, y: Double)], round: Bool = false) -> TravelMatrix {
    let n = points.count
    var values = [Double](repeating: 0, count: n * n)
    for i in 0..<n {
        for j in 0..<n where i != j {
            let dx = points[i].x - points[j].x, dy = points[i].y - points[j].y
            let d = (dx * dx + dy * dy).squareRoot()
            values[i * n + j] = round ? (d + 0.5).rounded(.down) : d
        }
    }
    return TravelMatrix(count: n, distances: values, durations: values)
}
