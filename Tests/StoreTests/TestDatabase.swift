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
        // The configuration was registered just above, and Fluent's SQLite database is an SQL database.
        store = Store(sqlDatabase: databases.database(logger: Logger(label: "store-tests"), on: MultiThreadedEventLoopGroup.singleton.any()) as Any)!
    }

    /// Runs `body` on a new database file, or on a copy of `file` when given.
    static func with(copyOf file: URL? = nil, _ body: (TestDatabase) async throws -> Void) async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("samlast-store-\(UUID().uuidString).sqlite").path
        if let file { try FileManager.default.copyItem(atPath: file.path, toPath: path) }
        let database = TestDatabase(path: path)
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        do {
            try await body(database)
            await database.close()
        } catch {
            await database.close()
            throw error
        }
    }

    private func close() async {
        await databases.shutdownAsync()
        try? await threadPool.shutdownGracefully()
    }
}
