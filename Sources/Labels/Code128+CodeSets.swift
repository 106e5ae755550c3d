extension Code128 {
    /// One unit of input: an ASCII character or the FNC1 function character.
    enum Element: Hashable, Sendable {
        case ascii(UInt8)
        case fnc1

        var isDigit: Bool {
            if case let .ascii(byte) = self { return (0x30...0x39).contains(byte) }
            return false
        }
    }

    enum CodeSet: CaseIterable, Sendable {
        case a, b, c

        /// The start character value for a symbol that begins in this set.
        var startValue: Int {
            switch self {
            case .a: 103
            case .b: 104
            case .c: 105
            }
        }

        /// The value that switches to this set from another one (same in every set).
        var switchValue: Int {
            switch self {
            case .a: 101
            case .b: 100
            case .c: 99
            }
        }

        /// The value of a single element in set A or B, or nil if the set cannot carry it.
        func value(of element: Element) -> Int? {
            guard case let .ascii(byte) = element else { return Code128.fnc1Value }
            let code = Int(byte)
            switch self {
            case .a: return code < 32 ? code + 64 : (code < 96 ? code - 32 : nil)
            case .b: return code >= 32 ? code - 32 : nil
            case .c: return nil
            }
        }
    }

    static let fnc1Value = 102
    static let shiftValue = 98

    /// Cost of encoding the rest of the input: symbol count first, then code-set changes.
    private struct Cost: Comparable {
        var symbols: Int
        var changes: Int

        static func < (lhs: Cost, rhs: Cost) -> Bool {
            (lhs.symbols, lhs.changes) < (rhs.symbols, rhs.changes)
        }

        func adding(symbols: Int, changes: Int) -> Cost {
            Cost(symbols: self.symbols + symbols, changes: self.changes + changes)
        }
    }

    /// The best way to go on from a position while in a code set: stay, or switch first.
    private struct Step {
        var cost: Cost
        var encodeIn: CodeSet
    }

    /// Start character plus data values, with code sets chosen for the fewest symbols.
    ///
    /// Dynamic programming from the end: for each position and current set, the cheapest
    /// continuation either encodes the next element(s) in that set or switches set first.
    /// Ties prefer fewer code-set changes, then set C, then B, then A.
    static func encode(_ elements: [Element]) -> [Int] {
        let count = elements.count
        let sets = CodeSet.allCases
        var best = [[CodeSet: Step]](repeating: [:], count: count + 1)
        for set in sets {
            best[count][set] = Step(cost: Cost(symbols: 0, changes: 0), encodeIn: set)
        }
        var stayCosts = [[CodeSet: Cost]](repeating: [:], count: count + 1)
        for position in stride(from: count - 1, through: 0, by: -1) {
            for set in sets {
                stayCosts[position][set] = stayCost(elements, at: position, in: set, best: best)
            }
            for set in sets {
                var choice = stayCosts[position][set].map { Step(cost: $0, encodeIn: set) }
                for target in [CodeSet.c, .b, .a] where target != set {
                    guard let cost = stayCosts[position][target]?.adding(symbols: 1, changes: 1) else { continue }
                    if choice.map({ cost < $0.cost }) ?? true {
                        choice = Step(cost: cost, encodeIn: target)
                    }
                }
                best[position][set] = choice
            }
        }
        let start = [CodeSet.c, .b, .a]
            .compactMap { set in stayCosts[0][set].map { (set, $0) } }
            .min { $0.1 < $1.1 }?.0 ?? .b
        return emit(elements, startingIn: start, best: best)
    }

    /// Cost of encoding what comes at `position` without changing set, or nil if impossible.
    private static func stayCost(
        _ elements: [Element], at position: Int, in set: CodeSet, best: [[CodeSet: Step]]
    ) -> Cost? {
        let element = elements[position]
        switch set {
        case .c:
            if element == .fnc1 {
                return best[position + 1][.c]?.cost.adding(symbols: 1, changes: 0)
            }
            guard position + 1 < elements.count, element.isDigit, elements[position + 1].isDigit else { return nil }
            return best[position + 2][.c]?.cost.adding(symbols: 1, changes: 0)
        case .a, .b:
            guard let rest = best[position + 1][set]?.cost else { return nil }
            if set.value(of: element) != nil { return rest.adding(symbols: 1, changes: 0) }
            return rest.adding(symbols: 2, changes: 1)
        }
    }

    private static func emit(_ elements: [Element], startingIn start: CodeSet, best: [[CodeSet: Step]]) -> [Int] {
        var values = [start.startValue]
        var set = start
        var position = 0
        while position < elements.count {
            let target = best[position][set]?.encodeIn ?? set
            if target != set {
                values.append(target.switchValue)
                set = target
            }
            let element = elements[position]
            if set == .c {
                if element == .fnc1 {
                    values.append(fnc1Value)
                    position += 1
                } else {
                    values.append(pairValue(elements[position], elements[position + 1]))
                    position += 2
                }
            } else if let value = set.value(of: element) {
                values.append(value)
                position += 1
            } else {
                let other: CodeSet = set == .a ? .b : .a
                values.append(shiftValue)
                values.append(other.value(of: element) ?? 0)
                position += 1
            }
        }
        return values
    }

    private static func pairValue(_ tens: Element, _ ones: Element) -> Int {
        guard case let .ascii(high) = tens, case let .ascii(low) = ones else { return 0 }
        return Int(high - 0x30) * 10 + Int(low - 0x30)
    }
}
