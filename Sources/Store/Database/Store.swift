import Foundation
import SQLKit

/// The platform's database: SQL through SQLKit on whichever driver is configured (an SQLite
/// file or PostgreSQL). Every query is plain SQL that both dialects accept; the few
/// differences (identity columns, row locking, catalogue tables) are decided by `dialect`.
///
/// Queries are grouped by aggregate in this module (directory, parcels and events, plans and
/// routes, sessions and tokens, figures); the server speaks to them in the domain's words and
/// never writes SQL itself. Nothing here knows HTTP.
public struct Store: Sendable {
    public enum Dialect: Sendable { case sqlite, postgres }

    /// The database as SQLKit sees it (a connection pool, or one session of a transaction).
    let sql: any SQLDatabase
    public let dialect: Dialect
    /// Whether this store is the session of an open transaction (which holds the write lock).
    private let inTransaction: Bool

    /// A store on a database of either driver (Fluent's SQLite and PostgreSQL databases are both `SQLDatabase`s).
    public init(_ sql: any SQLDatabase) {
        self.init(sql, inTransaction: false)
    }

    /// A store on `database` when it is an SQL database, as both drivers' databases are; nil otherwise.
    public init?(sqlDatabase database: Any) {
        guard let sql = database as? any SQLDatabase else { return nil }
        self.init(sql)
    }

    private init(_ sql: any SQLDatabase, inTransaction: Bool) {
        self.sql = sql
        self.inTransaction = inTransaction
        dialect = sql.dialect.name == "postgresql" ? .postgres : .sqlite
    }

    /// The dialect's name as the health check reports it.
    public var dialectName: String { dialect == .sqlite ? "sqlite" : "postgresql" }

    /// SQLite allows one writer at a time, and a connection waiting for the write lock occupies
    /// one of the few threads the driver runs on — the writer holding the lock may then find
    /// none to commit on. So SQLite writes queue here, in the process, before they start.
    private static let sqliteWriteLock = AsyncLock()

    private func writing<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        guard dialect == .sqlite, !inTransaction else { return try await body() }
        return try await Self.sqliteWriteLock.withLock(body)
    }

    /// Runs `body` in one transaction on one connection. SQLite takes the write lock at the start
    /// (`BEGIN IMMEDIATE`), so concurrent writers wait instead of failing at commit.
    /// Inside a transaction already, `body` joins it.
    public func transaction<T: Sendable>(_ body: @escaping @Sendable (Store) async throws -> T) async throws -> T {
        if inTransaction { return try await body(self) }
        let dialect = dialect
        return try await writing {
            try await sql.withSession { session in
                let store = Store(session, inTransaction: true)
                let sql = store.sql
                try await sql.raw(dialect == .sqlite ? "BEGIN IMMEDIATE" : "BEGIN").run()
                do {
                    let result = try await body(store)
                    try await sql.raw("COMMIT").run()
                    return result
                } catch {
                    try? await sql.raw("ROLLBACK").run()
                    throw error
                }
            }
        }
    }

    /// Inside `transaction`: runs `body` so that what it wrote is undone alone when it throws,
    /// and the transaction goes on (a batch item that fails part-way). Outside one, `body`
    /// runs as it is: a savepoint means nothing on a pooled connection.
    public func savepoint<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        guard inTransaction else { return try await body() }
        try await run("SAVEPOINT item")
        do {
            let result = try await body()
            try await run("RELEASE SAVEPOINT item")
            return result
        } catch {
            try await run("ROLLBACK TO SAVEPOINT item")
            try await run("RELEASE SAVEPOINT item")
            throw error
        }
    }

    /// Rows of `query`, decoded with snake_case columns mapped to camelCase properties.
    func rows<T: Decodable & Sendable>(_ query: SQLQueryString, as type: T.Type = T.self) async throws -> [T] {
        try await sql.raw(query).all(decoding: T.self, keyDecodingStrategy: Self.columnNames)
    }

    func row<T: Decodable & Sendable>(_ query: SQLQueryString, as type: T.Type = T.self) async throws -> T? {
        try await sql.raw(query).first(decoding: T.self, keyDecodingStrategy: Self.columnNames)
    }

    /// A property's column: `shipmentId` → `shipment_id`. SQLKit's own conversion looks up
    /// Unicode properties for every column of every row, which showed in the intake's profile;
    /// the names here are ASCII camelCase.
    static let columnNames = SQLRowDecoder.KeyDecodingStrategy.custom { keys in
        var column: [UInt8] = []
        for byte in (keys.last?.stringValue ?? "").utf8 {
            if byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") {
                column.append(UInt8(ascii: "_"))
                column.append(byte + 32)
            } else {
                column.append(byte)
            }
        }
        return ColumnKey(stringValue: String(decoding: column, as: UTF8.self))
    }

    private struct ColumnKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// One text column of every row.
    func strings(_ query: SQLQueryString, column: String) async throws -> [String] {
        try await sql.raw(query).all().map { try $0.decode(column: column, as: String.self) }
    }

    /// Runs a statement that writes (in its own transaction unless inside `transaction`).
    func run(_ query: SQLQueryString) async throws {
        try await writing { try await sql.raw(query).run() }
    }

    /// Runs a writing statement with a `RETURNING` clause; nil when it wrote no row.
    func runReturning(_ query: SQLQueryString) async throws -> (any SQLRow)? {
        try await writing { try await sql.raw(query).first() }
    }

    /// The most rows one statement writes or names: every database's limit of bound values
    /// per statement stays far off.
    static let rowsPerStatement = 500

    /// `items` in slices of at most `rowsPerStatement`, one statement each.
    static func statements<T>(_ items: [T]) -> [ArraySlice<T>] {
        stride(from: 0, to: items.count, by: rowsPerStatement).map { items[$0..<min($0 + rowsPerStatement, items.count)] }
    }

    /// Rows a writing statement's `RETURNING` clause gives back.
    func writingRows<T: Decodable & Sendable>(_ query: SQLQueryString, as type: T.Type = T.self) async throws -> [T] {
        try await writing { try await rows(query) }
    }

    /// The number of rows `query` (a `SELECT COUNT(*) AS n …`) counts.
    func count(_ query: SQLQueryString) async throws -> Int {
        try await sql.raw(query).first()?.decode(column: "n", as: Int.self) ?? 0
    }

    /// Runs an insert; a violated uniqueness rule becomes `StoreError.duplicate(what)`.
    func insert(_ query: SQLQueryString, existing what: String) async throws {
        do {
            try await run(query)
        } catch where StoreError.isUniqueViolation(error) {
            throw StoreError.duplicate(what)
        }
    }
}

/// Milliseconds since 1970, the stored form of every instant (sortable and exact in both databases).
public typealias EpochMilliseconds = Int64

extension Date {
    public var epochMilliseconds: EpochMilliseconds { EpochMilliseconds((timeIntervalSince1970 * 1000).rounded()) }
    public init(epochMilliseconds: EpochMilliseconds) { self.init(timeIntervalSince1970: Double(epochMilliseconds) / 1000) }
}
