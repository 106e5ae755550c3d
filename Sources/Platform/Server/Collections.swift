extension Dictionary {
    /// A dictionary of `pairs` in which a repeated key keeps its first value. Stored and client
    /// data can hold keys that Swift compares as equal although the database keeps them apart
    /// (two Unicode spellings of one barcode), so no dictionary built from data may trap on them.
    init<S: Sequence>(firstWins pairs: S) where S.Element == (Key, Value) {
        self.init(pairs, uniquingKeysWith: { first, _ in first })
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
