import Foundation
import SQLKit
import Testing
@testable import Store

/// Named, append-only migrations: a new database gets all of them once; a database written by
/// an earlier release (numbered schema versions) upgrades in place with nothing lost; one
/// written by a newer release is refused instead of being changed.
@Suite struct MigrationTests {
    /// The tables of the previous release's schema, and those added since.
    static let previousTables = ["organisations", "accounts", "api_tokens", "sessions", "hubs", "vehicles", "sites", "shipments", "parcels",
                                 "parcel_events", "plans", "routes", "route_stops", "stop_parcels", "idempotency_keys", "login_failures"]
    static let newTables = ["login_known_addresses"]

    /// The demo database file as the previous release (commit 1b59770, numbered schema
    /// versions 1–2) wrote it with `samlast serve --demo`, then stopped.
    static func previousRelease() throws -> URL {
        try #require(Bundle.module.url(forResource: "schema-v2-demo", withExtension: "sqlite", subdirectory: "Fixtures"))
    }

    private static func rowCounts(_ store: Store, of tables: [String] = previousTables + newTables) async throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for table in tables { counts[table] = try await store.count("SELECT COUNT(*) AS n FROM \(unsafeRaw: table)") }
        return counts
    }

    static let names = Schema.migrations.map(\.name)

    @Test func aNewDatabaseGetsEveryMigrationOnce() async throws {
        try await TestDatabase.with { database in
            let applied = try await Migrator.migrate(database.store)
            #expect(applied == Self.names)
            let again = try await Migrator.migrate(database.store)
            #expect(again == [], "a second start applies nothing")
            let recorded = try await Migrator.applied(database.store)
            #expect(recorded == Self.names)
            let counts = try await Self.rowCounts(database.store).values
            #expect(counts.allSatisfy { $0 == 0 })
        }
    }

    @Test func theMigrationNamesAreUnique() {
        #expect(Set(Self.names).count == Schema.migrations.count)
    }

    @Test func aDatabaseOfThePreviousReleaseUpgradesInPlaceWithNothingLost() async throws {
        try await TestDatabase.with(copyOf: try Self.previousRelease()) { database in
            let store = database.store
            let before = try await Self.rowCounts(store, of: Self.previousTables)
            #expect(before["parcels"] == 75 && before["parcel_events"] == 143 && before["routes"] == 2, "the fixture is the seeded demo day")
            let announced = try await store.events(ofParcel: "370004211001")

            let upgrade = try await Migrator.migrate(store)
            #expect(upgrade == Array(Self.names.dropFirst(2)), "versions 1 and 2 are the first two migrations, already applied; the rest are applied now")
            let recordedNames = try await Migrator.applied(store)
            #expect(recordedNames == Self.names)
            let after = try await Self.rowCounts(store, of: Self.previousTables)
            #expect(after == before)
            let added = try await Self.rowCounts(store, of: Self.newTables)
            #expect(added.values.allSatisfy { $0 == 0 }, "the new tables exist, empty")
            let legacy = try await store.count("SELECT COUNT(*) AS n FROM schema_versions")
            #expect(legacy == 2, "the numbered table stays as the previous release wrote it, for its instances still running")
            let again = try await Migrator.migrate(store)
            #expect(again.isEmpty, "a second start adopts nothing twice")

            // The upgraded database answers the store's queries as the old release wrote it.
            let hub = try #require(try await store.hub("fornebu"))
            #expect(hub.name == "Fornebu HUB" && hub.timeZone == "Europe/Oslo")
            let vehicles = try await store.fleet(of: "fornebu").count
            #expect(vehicles == 4)
            let events = try await store.events(ofParcel: "370004211001")
            #expect(events == announced)
            let planId = try #require(try await store.strings("SELECT id FROM plans", column: "id").first)
            let plan = try #require(try await store.plan(planId))
            #expect(plan.status == .done)
            let current = try await store.currentPlanId(hubId: "fornebu", date: plan.planDate)
            #expect(current == planId)
            let stops = try await store.routes(.ofPlan(planId)).flatMap { $0.stops }
            #expect(!stops.isEmpty && stops.allSatisfy { !$0.parcels.isEmpty })
            let report = try await Schema.normalisationReport(store)
            #expect(report == [])
        }
    }

    @Test func aDatabaseOfANewerReleaseIsRefusedUnchanged() async throws {
        try await TestDatabase.with { database in
            try await Migrator.migrate(database.store)
            try await database.store.run("INSERT INTO schema_migrations (name, applied_at) VALUES ('v99 from the future', 0)")
            await #expect(throws: StoreError.newerSchema("v99 from the future")) { try await Migrator.migrate(database.store) }
        }
        try await TestDatabase.with(copyOf: try Self.previousRelease()) { database in
            try await database.store.run("INSERT INTO schema_versions (version, applied_at) VALUES (99, 0)")
            await #expect(throws: StoreError.newerSchema("version 99")) { try await Migrator.migrate(database.store) }
            let versions = try await database.store.count("SELECT COUNT(*) AS n FROM schema_versions")
            #expect(versions == 3, "nothing was changed")
        }
    }
}
