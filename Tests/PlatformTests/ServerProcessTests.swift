import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Testing

/// The `samlast serve` process as operators run it: killed with SIGKILL mid-stream it loses no
/// acknowledged write; it refuses oversized bodies; several instances share one PostgreSQL.
@Suite struct ServerProcessTests {
    /// A `samlast serve` process on a port of its own.
    final class Server: @unchecked Sendable {
        let process = Process()
        let port: Int
        let log: URL

        init(arguments: [String], port: Int = Server.freePort()) throws {
            self.port = port
            log = FileManager.default.temporaryDirectory.appendingPathComponent("samlast-serve-\(UUID().uuidString).log")
            FileManager.default.createFile(atPath: log.path, contents: nil)
            process.executableURL = Self.executable
            process.arguments = ["serve", "--port", String(port), "--log-level", "notice"] + arguments
            process.standardError = try FileHandle(forWritingTo: log)
            process.standardOutput = FileHandle.nullDevice
            try process.run()
        }

        /// A port no socket holds now: the kernel's pick for a socket bound to port 0 (a random
        /// port collided with another test's listener once).
        static func freePort() -> Int {
            let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            defer { close(descriptor) }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let bound = withUnsafeMutablePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                    bind(descriptor, socketAddress, length) == 0 && getsockname(descriptor, socketAddress, &length) == 0
                }
            }
            return bound ? Int(UInt16(bigEndian: address.sin_port)) : Int.random(in: 20000...59999)
        }

        static var executable: URL {
            var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            while !FileManager.default.isExecutableFile(atPath: directory.appendingPathComponent("samlast").path), directory.path != "/" {
                directory.deleteLastPathComponent()
            }
            return directory.appendingPathComponent("samlast")
        }

        var output: String { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }

        /// Waits until /health answers.
        func ready(_ client: HTTPClient) async throws {
            for _ in 0..<300 {
                if let reply = try? await call(client, .GET, "/health", token: nil), reply.status == .ok { return }
                guard process.isRunning else { throw TestSetupError("samlast serve exited: \(output)") }
                try await Task.sleep(for: .milliseconds(100))
            }
            throw TestSetupError("samlast serve did not answer on port \(port): \(output)")
        }

        /// The admin token a new database prints once.
        var adminToken: String? {
            output.firstMatch(of: /store it safely\): (slt_[A-Za-z0-9_-]+)/).map { String($0.output.1) }
        }

        func kill() {
            Foundation.kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }

        func stop() {
            if process.isRunning { process.terminate(); process.waitUntilExit() }
        }

        struct Reply { var status: HTTPResponseStatus; var text: String; var object: [String: Any] }

        @discardableResult
        func call(_ client: HTTPClient, _ method: HTTPMethod, _ path: String, token: String?, json: Any? = nil, raw: String? = nil) async throws -> Reply {
            var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)\(path)")
            request.method = method
            if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
            if let json {
                request.headers.add(name: "Content-Type", value: "application/json")
                request.body = .bytes(ByteBuffer(data: try JSONSerialization.data(withJSONObject: json)))
            } else if let raw {
                request.headers.add(name: "Content-Type", value: "application/json")
                request.body = .bytes(ByteBuffer(string: raw))
            }
            let response = try await client.execute(request, timeout: .seconds(30))
            let body = try await response.body.collect(upTo: 10 * 1024 * 1024)
            let text = String(buffer: body)
            return Reply(status: response.status, text: text,
                         object: (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:])
        }
    }

    /// Sets up a hub operator, a carrier, a recipient site and one parcel; returns the tokens.
    static func populate(_ server: Server, _ client: HTTPClient) async throws -> (hub: String, carrier: String) {
        let admin = try #require(server.adminToken, "no admin token in: \(server.output)")
        var tokens: [String: String] = [:]
        for (organisation, kind) in [("hubco", "hub-operator"), ("carrier-a", "carrier"), ("school", "recipient")] {
            try await server.call(client, .POST, "/v1/organisations", token: admin, json: ["id": organisation, "name": organisation, "kind": kind])
            try await server.call(client, .POST, "/v1/accounts", token: admin,
                                  json: ["id": "acc-\(organisation)", "organisationId": organisation, "name": organisation, "role": "writer"])
            tokens[organisation] = try await server.call(client, .POST, "/v1/tokens", token: admin,
                                                         json: ["accountId": "acc-\(organisation)", "name": "t"]).object["token"] as? String
        }
        let hub = try await server.call(client, .POST, "/v1/hubs", token: admin, json: [
            "id": "hub-a", "name": "Hub A", "operatorId": "hubco", "location": [10.6285, 59.9072], "timeZone": "Europe/Oslo",
            "opens": "06:00", "closes": "20:00"])
        #expect(hub.status == .created, "\(hub.text)")
        try await server.call(client, .POST, "/v1/hubs/hub-a/vehicles", token: tokens["hubco"],
                              json: ["id": "van-1", "type": "e-van", "capacityKg": 800, "capacityParcels": 80])
        try await server.call(client, .POST, "/v1/sites", token: tokens["school"], json: [
            "id": "site-1", "name": "School", "address": "Street 1", "location": [10.61281, 59.89842],
            "timeWindows": ["mon": [["07:00", "16:00"]], "tue": [["07:00", "16:00"]], "wed": [["07:00", "16:00"]], "thu": [["07:00", "16:00"]],
                            "fri": [["07:00", "16:00"]], "sat": [["07:00", "16:00"]], "sun": [["07:00", "16:00"]]]])
        let shipment = try await server.call(client, .POST, "/v1/shipments", token: tokens["carrier-a"], json: [
            "reference": "R-1", "hubId": "hub-a", "siteId": "site-1", "parcels": [["barcode": "P-1", "weightKg": 2]]])
        #expect(shipment.status == .created, "\(shipment.text)")
        return (try #require(tokens["hubco"]), try #require(tokens["carrier-a"]))
    }

    /// A server on `backend` under `writers` connections posting events, stopped by `stop` once
    /// 300 are acknowledged, then started again on the same data: the acknowledged event ids
    /// and those stored, and what `stop` returned.
    static func stopUnderLoad<Outcome: Sendable>(
        _ backend: Backend, writers: Int, batch: Int = 1, stop: @escaping @Sendable (Server) async throws -> Outcome
    ) async throws -> (acknowledged: Set<String>, stored: Set<String>, outcome: Outcome) {
        let configuration = try await backend.freshConfiguration()
        let arguments = configuration.databaseURL.map { ["--database-url", $0] } ?? ["--data-directory", configuration.dataDirectory]
        let client = HTTPClient.shared
        let first = try Server(arguments: arguments)
        defer { first.stop() }
        try await first.ready(client)
        let (hubToken, _) = try await Self.populate(first, client)
        let acknowledged = Acknowledged()
        let stopper = Task {
            while await acknowledged.count < 300 { try await Task.sleep(for: .milliseconds(5)) }
            return try await stop(first)
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<writers {
                group.addTask {
                    for index in 0..<100_000 {
                        let time = ISO8601DateFormatter().string(from: Date())
                        let events = (0..<batch).map { ["eventId": "w\(writer)-\(index)-\($0)", "barcode": "P-1", "type": "sorted", "time": time] }
                        if batch == 1 {
                            guard let reply = try? await first.call(client, .POST, "/v1/events", token: hubToken, json: events[0]),
                                  reply.status == .created else { return }
                        } else {
                            guard let reply = try? await first.call(client, .POST, "/v1/events/batch", token: hubToken, json: ["events": events]),
                                  reply.status == .ok, reply.object["created"] as? Int == batch else { return }
                        }
                        for event in events { await acknowledged.add(event["eventId"]!) }
                    }
                }
            }
            try await group.waitForAll()
        }
        let outcome = try await stopper.value
        let second = try Server(arguments: arguments)
        defer { second.stop() }
        try await second.ready(client)
        let parcel = try await second.call(client, .GET, "/v1/parcels/P-1", token: hubToken)
        let log = (parcel.object["events"] as? [[String: Any]] ?? []).compactMap { $0["eventId"] as? String }
        #expect(log.count == Set(log).count, "an event stored twice in the parcel's log")
        return (await acknowledged.ids, Set(log), outcome)
    }

    /// Four writers post events as fast as they can; the server is killed while they do.
    @Test(arguments: Backend.allCases)
    func acknowledgedEventsSurviveKillMinus9(_ backend: Backend) async throws {
        let (ids, stored, _) = try await Self.stopUnderLoad(backend, writers: 4) { $0.kill() }
        #expect(ids.count >= 300)
        let lost = ids.subtracting(stored)
        #expect(lost.isEmpty, "\(lost.count) of \(ids.count) acknowledged events lost after kill -9")
        print("kill -9 on \(backend.rawValue): \(ids.count) events acknowledged before the kill, \(stored.count) stored, \(lost.count) lost")
    }

    /// Four writers post 100-event batches; the server is killed while they do. Every event of
    /// an acknowledged batch is stored, and none twice (the log has one entry per id).
    @Test(arguments: Backend.allCases)
    func acknowledgedBatchesSurviveKillMinus9(_ backend: Backend) async throws {
        let (ids, stored, _) = try await Self.stopUnderLoad(backend, writers: 4, batch: 100) { $0.kill() }
        #expect(ids.count >= 300)
        let lost = ids.subtracting(stored)
        #expect(lost.isEmpty, "\(lost.count) of \(ids.count) acknowledged batch events lost after kill -9")
        print("kill -9 during 100-event batches on \(backend.rawValue): \(ids.count) events acknowledged, \(stored.count) stored, \(lost.count) lost")
    }

    /// A rolling deploy: SIGTERM while 16 connections post events. The server answers what it
    /// has in flight, exits 0 within 10 s, and every acknowledged event is stored.
    @Test(arguments: Backend.allCases)
    func sigtermUnderLoadStopsCleanly(_ backend: Backend) async throws {
        let (ids, stored, (took, status, reason, log)) = try await Self.stopUnderLoad(backend, writers: 16) { server in
            let clock = ContinuousClock(), start = clock.now
            server.process.terminate()
            while server.process.isRunning && clock.now - start < .seconds(15) { try await Task.sleep(for: .milliseconds(20)) }
            let running = server.process.isRunning
            return (clock.now - start, running ? -1 : server.process.terminationStatus,
                    running ? Process.TerminationReason.uncaughtSignal : server.process.terminationReason, String(server.output.suffix(2000)))
        }
        #expect(reason == .exit && status == 0, "exit \(status) (\(reason)) after SIGTERM: \(log)")
        #expect(took < .seconds(10), "stopped after \(took)")
        let lost = ids.subtracting(stored)
        #expect(lost.isEmpty, "\(lost.count) of \(ids.count) acknowledged events lost after SIGTERM")
        print("SIGTERM on \(backend.rawValue) under 16 connections: exit \(status) after \(took), \(ids.count) acknowledged, \(stored.count) stored, \(lost.count) lost")
    }

    /// The probe's crash: two spellings of one barcode, then a plan. The running server refuses
    /// both spellings naming the field, plans, and stays up.
    @Test func twoSpellingsOfOneBarcodeThenAPlanLeaveTheServerUp() async throws {
        let configuration = try await Backend.sqlite.freshConfiguration()
        let client = HTTPClient.shared
        let server = try Server(arguments: ["--data-directory", configuration.dataDirectory])
        defer { server.stop() }
        try await server.ready(client)
        let (hubToken, carrierToken) = try await Self.populate(server, client)
        for (index, barcode) in ["B\u{C5}1", "BA\u{30A}1"].enumerated() {
            let reply = try await server.call(client, .POST, "/v1/shipments", token: carrierToken, json: [
                "reference": "U-\(index)", "hubId": "hub-a", "siteId": "site-1", "parcels": [["barcode": barcode, "weightKg": 1]]])
            #expect(reply.status == .badRequest && reply.text.contains("$.parcels[0].barcode"), "\(reply.text)")
        }
        let queued = try await server.call(client, .POST, "/v1/hubs/hub-a/plans", token: hubToken, json: ["timeLimitSeconds": 0.3])
        let id = try #require(queued.object["id"] as? String, "\(queued.text)")
        var status = ""
        for _ in 0..<100 where status != "done" && status != "failed" {
            try await Task.sleep(for: .milliseconds(100))
            status = try await server.call(client, .GET, "/v1/plans/\(id)", token: hubToken).object["status"] as? String ?? ""
        }
        #expect(status == "done")
        #expect(server.process.isRunning)
        #expect(try await server.call(client, .GET, "/health", token: nil).status == .ok)
    }

    @Test func oversizedBodiesAreRefusedWith413() async throws {
        let configuration = try await Backend.sqlite.freshConfiguration()
        let client = HTTPClient.shared
        let server = try Server(arguments: ["--data-directory", configuration.dataDirectory, "--maximum-body-bytes", "4096"])
        defer { server.stop() }
        try await server.ready(client)
        let admin = try #require(server.adminToken)
        let reply = try await server.call(client, .POST, "/v1/events/batch", token: admin,
                                          raw: #"{"events":["# + String(repeating: #"{"eventId":"x","barcode":"y","type":"sorted","time":"2026-11-25T08:00:00Z"},"#, count: 100) + "]}")
        #expect(reply.status == .payloadTooLarge)
        #expect(reply.text.contains("larger than the limit of 4096 bytes"), "\(reply.text)")
    }

    /// Two instances on one PostgreSQL: both answer for the same data, and each queued plan is
    /// worked on by exactly one of them.
    @Test func twoInstancesShareOnePostgreSQL() async throws {
        let configuration = try await Backend.postgres.freshConfiguration()
        let url = try #require(configuration.databaseURL)
        let client = HTTPClient.shared
        let one = try Server(arguments: ["--database-url", url])
        defer { one.stop() }
        try await one.ready(client)
        let (hubToken, carrierToken) = try await Self.populate(one, client)
        let two = try Server(arguments: ["--database-url", url])
        defer { two.stop() }
        try await two.ready(client)

        let onTwo = try await two.call(client, .GET, "/v1/parcels/P-1", token: carrierToken)
        #expect(onTwo.object["status"] as? String == "announced", "\(onTwo.text)")
        var plans: [String] = []
        for index in 0..<6 {
            let server = index.isMultiple(of: 2) ? one : two
            let reply = try await server.call(client, .POST, "/v1/hubs/hub-a/plans", token: hubToken, json: ["timeLimitSeconds": 0.3])
            plans += [try #require(reply.object["id"] as? String, "\(reply.text)")]
        }
        for id in plans {
            var status = ""
            for _ in 0..<200 where status != "done" {
                status = try await one.call(client, .GET, "/v1/plans/\(id)", token: hubToken).object["status"] as? String ?? ""
                if status != "done" { try await Task.sleep(for: .milliseconds(100)) }
            }
            #expect(status == "done", "plan \(id)")
        }
        // A plan worked on twice would hold its parcel twice.
        for id in plans {
            let plan = try await two.call(client, .GET, "/v1/plans/\(id)", token: hubToken)
            let barcodes = (plan.object["routes"] as? [[String: Any]] ?? []).flatMap { ($0["stops"] as? [[String: Any]] ?? []).flatMap { $0["parcels"] as? [String] ?? [] } }
            #expect(barcodes == ["P-1"], "\(plan.text)")
        }
    }
}

extension ServerProcessTests {
    /// 64 racers post the same 200 events — single and in batches of 20, in their own orders —
    /// to two instances that reach one PostgreSQL through PgBouncer in transaction pooling:
    /// each event is created exactly once, every other answer for it is a duplicate, and the
    /// log holds each once. Nothing relies on a database session outliving a transaction.
    @Test func twoInstancesBehindAPoolerTakeEachEventExactlyOnce() async throws {
        let configuration = try await Backend.postgres.freshConfiguration()
        let url = try Backend.throughPooler(try #require(configuration.databaseURL))
        let client = HTTPClient.shared
        let one = try Server(arguments: ["--database-url", url])
        defer { one.stop() }
        try await one.ready(client)
        let (hubToken, _) = try await Self.populate(one, client)
        let two = try Server(arguments: ["--database-url", url])
        defer { two.stop() }
        try await two.ready(client)

        let time = ISO8601DateFormatter().string(from: Date())
        let ids = (0..<200).map { "race-\($0)" }
        let created = try await withThrowingTaskGroup(of: [String: Int].self) { group in
            for racer in 0..<64 {
                group.addTask {
                    var created: [String: Int] = [:]
                    var generator = SystemRandomNumberGenerator()
                    let server = racer.isMultiple(of: 2) ? one : two
                    for chunk in stride(from: 0, to: ids.count, by: 20).map({ Array(ids.shuffled(using: &generator)[$0..<$0 + 20]) }) {
                        let events = chunk.map { ["eventId": $0, "barcode": "P-1", "type": "sorted", "time": time] }
                        if racer % 4 < 2 {
                            let reply = try await server.call(client, .POST, "/v1/events/batch", token: hubToken, json: ["events": events])
                            #expect(reply.status == .ok, "\(reply.text)")
                            for result in reply.object["results"] as? [[String: Any]] ?? [] where result["outcome"] as? String == "created" {
                                created[result["id"] as? String ?? "", default: 0] += 1
                            }
                        } else {
                            for event in events {
                                let reply = try await server.call(client, .POST, "/v1/events", token: hubToken, json: event)
                                #expect(reply.status == .created || reply.status == .ok, "\(reply.text)")
                                if reply.status == .created { created[event["eventId"]!, default: 0] += 1 }
                            }
                        }
                    }
                    return created
                }
            }
            return try await group.reduce(into: [String: Int]()) { all, racer in all.merge(racer, uniquingKeysWith: +) }
        }
        #expect(created.count == ids.count && created.values.allSatisfy { $0 == 1 },
                "created more or less than once: \(created.filter { $0.value != 1 }.prefix(5))")
        let parcel = try await two.call(client, .GET, "/v1/parcels/P-1", token: hubToken)
        let log = (parcel.object["events"] as? [[String: Any]] ?? []).compactMap { $0["eventId"] as? String }.filter { $0.hasPrefix("race-") }
        #expect(log.count == ids.count && Set(log) == Set(ids), "the log holds \(log.count) race events")
        #expect(parcel.object["status"] as? String == "sorted")
    }
}

/// Event ids the server acknowledged, collected from concurrent writers.
actor Acknowledged {
    private(set) var ids = Set<String>()
    var count: Int { ids.count }
    func add(_ id: String) { ids.insert(id) }
}
