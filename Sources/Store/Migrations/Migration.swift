import Foundation
import SQLKit

/// One named, append-only step of the schema. Its name — a short, stable key such as
/// `v3-known-login-addresses`, never edited — is recorded in `schema_migrations` when it is
/// applied; a released migration is never changed, a change is a new one.
public struct Migration: Sendable {
    public let name: String
    /// The statements, given the dialect (identity columns differ).
    let statements: @Sendable (Store.Dialect) -> [String]

    init(_ name: String, _ statements: @escaping @Sendable (Store.Dialect) -> [String]) {
        self.name = name
        self.statements = statements
    }
}

/// Brings a database to the newest schema: applies, in order and in one transaction, the
/// migrations whose names are not recorded yet. On PostgreSQL an advisory lock lets several
/// instances start at once safely.
public enum Migrator {
    /// Applies what is missing; returns the names it applied.
    @discardableResult
    public static func migrate(_ store: Store, migrations: [Migration] = Schema.migrations) async throws -> [String] {
        if store.dialect == .sqlite {
            // Write-ahead logging: readers never block the writer; commits stay fully synced
            // (the bundled SQLite's default `synchronous = FULL`).
            try await store.run("PRAGMA journal_mode = WAL")
        }
        return try await store.transaction { store in
            if store.dialect == .postgres { try await store.run("SELECT pg_advisory_xact_lock(7263014)") }
            try await store.run("CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at BIGINT NOT NULL)")
            try await adoptNumberedVersions(store, migrations: migrations)
            let done = Set(try await store.strings("SELECT name FROM schema_migrations", column: "name"))
            if let unknown = done.subtracting(migrations.map(\.name)).sorted().first { throw StoreError.newerSchema(unknown) }
            var applied: [String] = []
            for migration in migrations where !done.contains(migration.name) {
                for statement in migration.statements(store.dialect) { try await store.run(SQLQueryString(statement)) }
                try await store.run("INSERT INTO schema_migrations (name, applied_at) VALUES (\(bind: migration.name), \(bind: Date().epochMilliseconds))")
                applied.append(migration.name)
            }
            return applied
        }
    }

    /// The names of the applied migrations, in the order they were applied.
    public static func applied(_ store: Store) async throws -> [String] {
        try await store.strings("SELECT name FROM schema_migrations ORDER BY applied_at, name", column: "name")
    }

    /// Releases up to 0.4 numbered their schema versions by position (`schema_versions`):
    /// version n is the n-th migration. Their numbers are recorded here by name. The old table
    /// stays, so an instance of the previous release still running beside this one (a rolling
    /// deploy) or started again (a rollback) finds the schema it knows.
    private static func adoptNumberedVersions(_ store: Store, migrations: [Migration]) async throws {
        let catalogue: SQLQueryString = store.dialect == .sqlite
            ? "SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'schema_versions'"
            : "SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'schema_versions'"
        guard try await store.count(catalogue) == 1 else { return }
        struct Version: Decodable { var version: Int; var appliedAt: Int64 }
        let versions: [Version] = try await store.rows("SELECT version, applied_at FROM schema_versions ORDER BY version")
        for version in versions {
            guard version.version >= 1, version.version <= migrations.count else { throw StoreError.newerSchema("version \(version.version)") }
            try await store.run("""
                INSERT INTO schema_migrations (name, applied_at) VALUES (\(bind: migrations[version.version - 1].name), \(bind: version.appliedAt))
                ON CONFLICT (name) DO NOTHING
                """)
        }
    }
}
