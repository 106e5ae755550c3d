import FluentPostgresDriver
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import Platform
import SQLKit
@testable import Store

/// The databases every platform test runs on: an SQLite file always, and PostgreSQL at
/// `SAMLAST_TEST_POSTGRES_URL` (which `scripts/test` starts). Without that variable the
/// PostgreSQL runs fail, saying how to provide it — they never skip silently.
enum Backend: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite, postgres
    var testDescription: String { rawValue }

    static var postgresURL: String? { ProcessInfo.processInfo.environment["SAMLAST_TEST_POSTGRES_URL"] }

    /// `databaseURL` (a fresh PostgreSQL database) reached through the PgBouncer that
    /// scripts/test starts in transaction-pooling mode in front of the test server.
    static func throughPooler(_ databaseURL: String) throws -> String {
        guard let port = ProcessInfo.processInfo.environment["SAMLAST_TEST_PGBOUNCER_PORT"].flatMap(Int.init) else {
            throw TestSetupError("SAMLAST_TEST_PGBOUNCER_PORT is not set: run the tests with scripts/test, which starts PgBouncer")
        }
        guard var components = URLComponents(string: databaseURL) else { throw TestSetupError("bad database URL \(databaseURL)") }
        components.port = port
        return components.string!
    }

    /// A new, empty database of this kind; returns the server configuration using it.
    func freshConfiguration() async throws -> PlatformConfiguration {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("samlast-test-\(UUID().uuidString)").path
        var configuration = PlatformConfiguration(dataDirectory: directory, passwordCost: 4, planningPollInterval: .milliseconds(50),
                                                  impact: try ImpactSettings(runsWorker: false, counterfactualSeeds: [1, 2]))
        if self == .postgres {
            guard let url = Self.postgresURL else {
                throw TestSetupError("SAMLAST_TEST_POSTGRES_URL is not set: run the tests with scripts/test, which starts a throwaway PostgreSQL")
            }
            configuration.databaseURL = try await Self.createDatabase(serverURL: url)
        }
        return configuration
    }

    /// Creates a database named for one test on the server of `serverURL`; returns its URL.
    private static func createDatabase(serverURL: String) async throws -> String {
        let name = "samlast_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        let app = try await Application.make(.testing)
        app.databases.use(.postgres(configuration: try SQLPostgresConfiguration(url: serverURL), maxConnectionsPerEventLoop: 1), as: .psql)
        do {
            try await (app.db as! any SQLDatabase).raw("CREATE DATABASE \(unsafeRaw: name)").run()
        } catch {
            try await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
        guard var components = URLComponents(string: serverURL) else { throw TestSetupError("bad SAMLAST_TEST_POSTGRES_URL") }
        components.path = "/" + name
        return components.string!
    }
}

struct TestSetupError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// A configured platform application for one test, with helpers to call its API.
struct TestPlatform: Sendable {
    let app: Application
    let tester: any TestingApplicationTester

    /// Runs `body` on a fresh platform on `backend` (its configuration changed by `configure`),
    /// shutting it down afterwards.
    static func with(_ backend: Backend, configure: (inout PlatformConfiguration) -> Void = { _ in },
                     _ body: (TestPlatform) async throws -> Void) async throws {
        var configuration = try await backend.freshConfiguration()
        configure(&configuration)
        let app = try await Application.make(.testing)
        do {
            try await configurePlatform(app, configuration)
            let platform = TestPlatform(app: app, tester: try app.testing())
            try await body(platform)
        } catch {
            try await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
        print("answers validated against the OpenAPI document so far: \(ContractValidator.validated.withLockedValue { $0 })")
    }

    /// An API token for the bootstrap platform admin.
    func adminToken() async throws -> String {
        try await Tokens.issue(accountId: "admin", name: "test", store: Store(app.db)).secret
    }

    struct Reply {
        var status: HTTPStatus
        var headers: HTTPHeaders
        var text: String
        /// The body's bytes, for answers that are not text (PDFs).
        var data: Data
        var json: Any? { try? JSONSerialization.jsonObject(with: Data(text.utf8)) }
        var object: [String: Any] { json as? [String: Any] ?? [:] }
        var array: [[String: Any]] { json as? [[String: Any]] ?? [] }
    }

    /// Sends a request; `body` may be a JSON-serialisable value or a raw string (sent as is).
    @discardableResult
    func call(_ method: HTTPMethod, _ path: String, token: String?, json body: Any? = nil, raw: String? = nil,
              contentType: String = "application/json", headers extra: [(String, String)] = []) async throws -> Reply {
        var headers = HTTPHeaders(extra)
        if let token { headers.add(name: .authorization, value: "Bearer \(token)") }
        var buffer: ByteBuffer?
        if let body {
            buffer = ByteBuffer(data: try JSONSerialization.data(withJSONObject: body, options: [.fragmentsAllowed]))
        } else if let raw {
            buffer = ByteBuffer(string: raw)
        }
        if buffer != nil { headers.replaceOrAdd(name: .contentType, value: contentType) }
        let response = try await tester.sendRequest(method, path, headers: headers, body: buffer)
        let reply = Reply(status: response.status, headers: response.headers, text: response.body.string, data: Data(buffer: response.body))
        if path.hasPrefix("/v1/") {
            for problem in ContractValidator.shared.problems(method: method.rawValue, path: path, status: Int(reply.status.code),
                                                             contentType: reply.headers.first(name: .contentType), body: reply.text) {
                Issue.record("the answer breaks the OpenAPI document: \(problem)")
            }
        }
        return reply
    }

    /// Polls a plan until it is done (or failed), for at most `seconds`.
    func waitForPlan(_ id: String, token: String, seconds: Double = 60) async throws -> Reply {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            let reply = try await call(.GET, "/v1/plans/\(id)", token: token)
            if let status = reply.object["status"] as? String, status == "done" || status == "failed" { return reply }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw TestSetupError("plan \(id) did not finish in \(seconds) s")
    }
}
