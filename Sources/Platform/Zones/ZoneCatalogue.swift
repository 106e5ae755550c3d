import Foundation
import Store
import Vapor
import Zones

/// Stored zones and permits turned back into the rule engine's types.
enum ZoneCatalogue {
    struct Entry {
        var zone: Zone
        var rules: ZoneRules
        var municipalityId: String
    }

    static func decode(_ record: ZoneRecord) throws -> Zone {
        guard let zone = try? ZoneDocument.read(Data(record.document.utf8), region: .world).first else {
            throw Problem(.internalServerError, "the stored zone '\(record.id)' version \(record.version) is unreadable")
        }
        return zone
    }

    static func entry(_ record: ZoneRecord) throws -> Entry {
        let zone = try decode(record)
        do { return Entry(zone: zone, rules: try ZoneRules(zone), municipalityId: record.municipalityId) } catch {
            throw Problem(.internalServerError, "zone '\(record.id)': \(error.description)")
        }
    }

    static func current(_ store: Store) async throws -> [Entry] {
        try await store.currentZones().map(entry)
    }

    static func zone(_ id: String, _ store: Store) async throws -> Entry? {
        try await store.zone(id).map(entry)
    }

    /// The operator's granted permits for the zone valid at `instant`.
    static func permits(_ store: Store, zoneId: String, operatorId: String, at instant: Date) async throws -> [Permit] {
        let millis = instant.epochMilliseconds
        return try await store.grantedPermits(zoneId: zoneId, operatorId: operatorId, from: millis, to: millis + 1).map { record in
            guard let application = try? ZoneDocument.jsonDecoder.decode(PermitApplication.self, from: Data(record.application.utf8)) else {
                throw Problem(.internalServerError, "the stored permit '\(record.id)' is unreadable")
            }
            return application.permit(id: record.id)
        }
    }
}
