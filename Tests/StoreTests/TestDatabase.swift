import FluentKit
import FluentSQLiteDriver
import Foundation
import Logging
import NIOCore
import NIOPosix
@testable import Store

/// An SQLite file of its own for one test, opened the way the server opens it, without HTTP.
struct TestDatabase {
    let path: String
    private let threadPool: NIOThreadPool
    private let databases: Databases
    let store: Store

    private init(path: String) {
        self.path = path
        threadPool = NIOThreadPool(numberOfThreads: 1)
        threadPool.start()
        databases = Databases(threadPool: threadPool, on: MultiThreadedEventLoopGroup.singleton)
        databases.use(.sqlite(.file(path)), as: .sqlite)
        // The configuration was registered just above.
        store = Store(databases.database(logger: Logger(label: "store-tests"), on: MultiThreadedEventLoopGroup.singleton.any())!)
    }

    /// Runs `body` on a new database file, loaded first from `script` (SQL statements, one
    /// per line ending in `;`, as `sqlite3 .dump` writes them) when given.
    static func with(script: String? = nil, _ body: (TestDatabase) async throws -> Void) async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("samlast-store-\(UUID().uuidString).sqlite").path
        let database = TestDatabase(path: path)
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        do {
            if let script { try await database.load(script) }
            try await body(database)
            await database.close()
        } catch {
            await database.close()
            throw error
        }
    }

    private func load(_ script: String) async throws {
        var statement = ""
        for line in script.split(separator: "\n", omittingEmptySubsequences: false) {
            statement += line + "\n"
            guard line.hasSuffix(";") else { continue }
            let text = statement.trimmingCharacters(in: .whitespacesAndNewlines)
            statement = ""
            if text.hasPrefix("PRAGMA") || text == "BEGIN TRANSACTION;" || text == "COMMIT;" { continue }
            try await store.sql.raw(SQLQueryString(text)).run()
        }
    }

    private func close() async {
        await databases.shutdownAsync()
        try? await threadPool.shutdownGracefully()
    }
}
