import Fluent
import Foundation
import SQLKit

/// The platform's database: SQL through SQLKit on whichever Fluent driver is configured
/// (SQLite file or PostgreSQL). Every query is plain SQL that both dialects accept; the few
/// differences (identity columns, row locking) are in `Dialect`.
struct Store: Sendable {
    enum Dialect: Sendable { case sqlite, postgres }

    let database: any Database
    let dialect: Dialect
    /// Whether this store is the connection of an open transaction (which holds the write lock).
    private let inTransaction: Bool

    init(_ database: any Database) {
        self.init(database, inTransaction: false)
    }

    private init(_ database: any Database, inTransaction: Bool) {
        self.database = database
        self.inTransaction = inTransaction
        dialect = (database as? any SQLDatabase)?.dialect.name == "postgresql" ? .postgres : .sqlite
    }

    /// SQLite allows one writer at a time, and a connection waiting for the write lock occupies
    /// one of the few threads the driver runs on — the writer holding the lock may then find
    /// none to commit on. So SQLite writes queue here, in the process, before they start.
    private static let sqliteWriteLock = AsyncLock()

    private func writing<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        guard dialect == .sqlite, !inTransaction else { return try await body() }
        return try await Self.sqliteWriteLock.withLock(body)
    }

    var sql: any SQLDatabase { database as! any SQLDatabase }

    /// Runs `body` in one transaction on one connection. SQLite takes the write lock at the start
    /// (`BEGIN IMMEDIATE`), so concurrent writers wait instead of failing at commit.
    func transaction<T: Sendable>(_ body: @escaping @Sendable (Store) async throws -> T) async throws -> T {
        let dialect = dialect
        return try await writing {
            try await database.withConnection { connection in
                let store = Store(connection, inTransaction: true)
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

    /// Rows of `query`, decoded with snake_case columns mapped to camelCase properties.
    func rows<T: Decodable & Sendable>(_ query: SQLQueryString, as type: T.Type = T.self) async throws -> [T] {
        try await sql.raw(query).all(decoding: T.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    func row<T: Decodable & Sendable>(_ query: SQLQueryString, as type: T.Type = T.self) async throws -> T? {
        try await sql.raw(query).first(decoding: T.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    /// Runs a statement that writes (in its own transaction unless inside `transaction`).
    func run(_ query: SQLQueryString) async throws {
        try await writing { try await sql.raw(query).run() }
    }

    /// Runs a writing statement with a `RETURNING` clause; nil when it wrote no row.
    func runReturning(_ query: SQLQueryString) async throws -> (any SQLRow)? {
        try await writing { try await sql.raw(query).first() }
    }

    /// The number of rows `query` (a `SELECT COUNT(*) AS n …`) counts.
    func count(_ query: SQLQueryString) async throws -> Int {
        try await sql.raw(query).first()?.decode(column: "n", as: Int.self) ?? 0
    }
}

/// Milliseconds since 1970, the stored form of every instant (sortable and exact in both databases).
typealias EpochMilliseconds = Int64

extension Date {
    var epochMilliseconds: EpochMilliseconds { EpochMilliseconds((timeIntervalSince1970 * 1000).rounded()) }
    init(epochMilliseconds: EpochMilliseconds) { self.init(timeIntervalSince1970: Double(epochMilliseconds) / 1000) }
}

/// A first-come, first-served lock for async code.
actor AsyncLock {
    private var locked = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func withLock<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        await acquire()
        defer { release() }
        return try await body()
    }

    private func acquire() async {
        guard locked else {
            locked = true
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    private func release() {
        if waiters.isEmpty { locked = false } else { waiters.removeFirst().resume() }
    }
}
