import Domain
import Foundation
import SQLKit

/// Recipients' contacts, tracking links and the outbox of notices.
extension Store {
    // MARK: Contacts

    public func insert(_ contact: ContactRecord) async throws {
        try await insert("""
            INSERT INTO site_contacts (id, site_id, channel, address, language, created_by, created_at)
            VALUES (\(bind: contact.id), \(bind: contact.siteId), \(bind: contact.channel), \(bind: contact.address), \(bind: contact.language),
                    \(bind: contact.createdBy), \(bind: contact.createdAt))
            """, existing: "contact \(contact.channel) '\(contact.address)' of site '\(contact.siteId)'")
    }

    public func contacts(ofSite siteId: String) async throws -> [ContactRecord] {
        try await rows("SELECT * FROM site_contacts WHERE site_id = \(bind: siteId) ORDER BY created_at, id")
    }

    /// Removes a contact of a site; its messages not sent yet are suppressed. False when there is none.
    public func deleteContact(_ id: String, ofSite siteId: String) async throws -> Bool {
        try await transaction { store in
            guard try await store.count("SELECT COUNT(*) AS n FROM site_contacts WHERE id = \(bind: id) AND site_id = \(bind: siteId)") == 1 else {
                return false
            }
            try await store.suppressNotices(ofContact: id)
            try await store.run("DELETE FROM site_contacts WHERE id = \(bind: id)")
            return true
        }
    }

    /// The organisations operating the hubs that shipments to the site go through.
    public func servingOperators(ofSite siteId: String) async throws -> Set<String> {
        Set(try await strings("""
            SELECT DISTINCT h.operator_id FROM shipments s JOIN hubs h ON h.id = s.hub_id WHERE s.site_id = \(bind: siteId)
            """, column: "operator_id"))
    }

    private func suppressNotices(ofContact id: String) async throws {
        try await run("""
            UPDATE notices SET state = 'suppressed', link_token = NULL, opt_out_token = NULL, lease_until = NULL, claimed_by = NULL
            WHERE contact_id = \(bind: id) AND state = 'queued'
            """)
    }

    // MARK: Tracking links and notices

    /// Records dispatched stops as deliveries, in the dispatch's transaction: each stop joins
    /// the tracking link of its site, day and window (made with `secret` when there is none yet,
    /// widened to the stop's window when there is), and a new link queues one message per
    /// contact of the site on one of `channels` that has not opted out. Returns the number of
    /// messages queued.
    public func recordDeliveries(_ stops: [NoticeStop], channels: [String], now: Date = Date(), identifier: @Sendable (String) -> String,
                                 secret: @Sendable () -> (token: String, hash: String)) async throws -> Int {
        var queued = 0
        for stop in stops {
            let link = secret()
            let created: (any SQLRow)? = try await runReturning("""
                INSERT INTO tracking_links (id, token_hash, site_id, hub_id, plan_date, window_key, window_start, window_end, created_at)
                VALUES (\(bind: identifier("trk")), \(bind: link.hash), \(bind: stop.siteId), \(bind: stop.hubId), \(bind: stop.planDate),
                        \(bind: stop.windowKey), \(bind: stop.window.start.epochMilliseconds), \(bind: stop.window.end.epochMilliseconds),
                        \(bind: now.epochMilliseconds))
                ON CONFLICT (site_id, plan_date, window_key) DO NOTHING RETURNING id
                """)
            let linkId: String
            if let created {
                linkId = try created.decode(column: "id", as: String.self)
            } else {
                guard let existing = try await strings("""
                    SELECT id FROM tracking_links WHERE site_id = \(bind: stop.siteId) AND plan_date = \(bind: stop.planDate)
                      AND window_key = \(bind: stop.windowKey)
                    """, column: "id").first else { continue }
                linkId = existing
                let (least, greatest): (SQLQueryString, SQLQueryString) = dialect == .postgres ? ("LEAST", "GREATEST") : ("MIN", "MAX")
                try await run("""
                    UPDATE tracking_links SET window_start = \(least)(window_start, \(bind: stop.window.start.epochMilliseconds)),
                           window_end = \(greatest)(window_end, \(bind: stop.window.end.epochMilliseconds)) WHERE id = \(bind: linkId)
                    """)
            }
            for slice in Self.statements(stop.barcodes) {
                let rows = slice.map { barcode -> SQLQueryString in "(\(bind: linkId), \(bind: barcode))" }
                try await run("INSERT INTO tracking_parcels (link_id, barcode) VALUES \(rows.joined(separator: ", ")) ON CONFLICT DO NOTHING")
            }
            guard created != nil, !channels.isEmpty else { continue }
            let contacts = try await strings("""
                SELECT id FROM site_contacts WHERE site_id = \(bind: stop.siteId) AND opted_out_at IS NULL AND channel IN (\(binds: channels))
                ORDER BY id
                """, column: "id")
            for contact in contacts {
                let optOut = secret()
                try await run("""
                    INSERT INTO notices (id, link_id, contact_id, state, attempts, next_attempt_at, link_token, opt_out_token, opt_out_hash, created_at)
                    VALUES (\(bind: identifier("ntc")), \(bind: linkId), \(bind: contact), 'queued', 0, \(bind: stop.sendAt.epochMilliseconds),
                            \(bind: link.token), \(bind: optOut.token), \(bind: optOut.hash), \(bind: now.epochMilliseconds))
                    ON CONFLICT (link_id, contact_id) DO NOTHING
                    """)
                queued += 1
            }
        }
        return queued
    }

    /// Whether any message is due: a read without locks, so idle workers poll cheaply.
    public func hasDueNotices(now: Date = Date()) async throws -> Bool {
        try await count("""
            SELECT COUNT(*) AS n FROM (SELECT 1 AS due FROM notices WHERE state = 'queued' AND next_attempt_at <= \(bind: now.epochMilliseconds)
                                       LIMIT 1) first_due
            """) > 0
    }

    /// Claims up to `limit` due messages for `worker` until `lease` from now, with what they say.
    public func claimNotices(worker: String, limit: Int, lease: TimeInterval, now: Date = Date()) async throws -> [NoticeJob] {
        let locking: SQLQueryString = dialect == .postgres ? "FOR UPDATE SKIP LOCKED" : ""
        let nowMs = now.epochMilliseconds
        return try await transaction { store in
            struct Claimed: Decodable { var id: String }
            let claimed = try await store.writingRows("""
                UPDATE notices SET lease_until = \(bind: nowMs + EpochMilliseconds(lease * 1000)), claimed_by = \(bind: worker)
                WHERE sequence IN (
                    SELECT sequence FROM notices WHERE state = 'queued' AND next_attempt_at <= \(bind: nowMs)
                      AND (lease_until IS NULL OR lease_until < \(bind: nowMs))
                    ORDER BY next_attempt_at, sequence LIMIT \(bind: limit) \(locking))
                RETURNING id
                """, as: Claimed.self).map(\.id)
            guard !claimed.isEmpty else { return [] }
            struct Row: Decodable {
                var id, channel, address, language, siteName, hubName, timeZone, linkToken, optOutToken: String
                var attempts, parcelCount: Int
                var windowStart, windowEnd: EpochMilliseconds
            }
            let rows: [Row] = try await store.rows("""
                SELECT n.id, n.attempts, c.channel, c.address, c.language, s.name AS site_name, h.name AS hub_name, h.time_zone,
                       l.window_start, l.window_end, n.link_token, n.opt_out_token,
                       (SELECT COUNT(*) FROM tracking_parcels tp WHERE tp.link_id = l.id) AS parcel_count
                FROM notices n JOIN site_contacts c ON c.id = n.contact_id JOIN tracking_links l ON l.id = n.link_id
                JOIN sites s ON s.id = l.site_id JOIN hubs h ON h.id = l.hub_id
                WHERE n.id IN (\(binds: claimed)) AND n.link_token IS NOT NULL AND n.opt_out_token IS NOT NULL ORDER BY n.sequence
                """)
            return rows.map { row in
                NoticeJob(id: row.id, attempts: row.attempts, channel: row.channel, address: row.address, language: row.language,
                          siteName: row.siteName, hubName: row.hubName, timeZone: row.timeZone, windowStart: row.windowStart,
                          windowEnd: row.windowEnd, parcelCount: row.parcelCount, linkToken: row.linkToken, optOutToken: row.optOutToken)
            }
        }
    }

    /// Records how attempts ended: sent (the link secrets are forgotten), due again, or dead.
    /// A message another worker took over since (its lease ran out) is left to that worker.
    public func recordNoticeOutcomes(_ outcomes: [NoticeOutcome], worker: String, now: Date = Date()) async throws {
        guard !outcomes.isEmpty else { return }
        try await transaction { store in
            for outcome in outcomes {
                let state: NoticeState = outcome.error == nil ? .sent : (outcome.retryAt == nil ? .dead : .queued)
                // Once sent or dead, the message's link secrets are not kept: only their hashes are.
                let forgetSecrets: SQLQueryString = state == .queued ? "" : ", link_token = NULL, opt_out_token = NULL"
                try await store.run("""
                    UPDATE notices SET state = \(bind: state.rawValue), attempts = attempts + 1, last_error = \(bind: outcome.error),
                           next_attempt_at = \(bind: (outcome.retryAt ?? now).epochMilliseconds),
                           sent_at = \(bind: state == .sent ? now.epochMilliseconds : nil), lease_until = NULL, claimed_by = NULL\(forgetSecrets)
                    WHERE id = \(bind: outcome.id) AND claimed_by = \(bind: worker) AND state = 'queued'
                    """)
            }
        }
    }

    /// The delivery a tracking link follows, by the hash of its token.
    public func tracking(tokenHash: String) async throws -> TrackingRecord? {
        struct Link: Decodable { var id, hubName, siteName, timeZone, planDate: String; var windowStart, windowEnd: EpochMilliseconds }
        guard let link: Link = try await row("""
            SELECT l.id, h.name AS hub_name, s.name AS site_name, h.time_zone, l.plan_date, l.window_start, l.window_end
            FROM tracking_links l JOIN hubs h ON h.id = l.hub_id JOIN sites s ON s.id = l.site_id WHERE l.token_hash = \(bind: tokenHash)
            """) else { return nil }
        struct Parcel: Decodable { var status: String; var statusTime: EpochMilliseconds }
        let parcels: [Parcel] = try await rows("""
            SELECT p.status, p.status_time FROM tracking_parcels tp JOIN parcels p ON p.barcode = tp.barcode WHERE tp.link_id = \(bind: link.id)
            """)
        return TrackingRecord(hubName: link.hubName, siteName: link.siteName, timeZone: link.timeZone, planDate: link.planDate,
                              windowStart: link.windowStart, windowEnd: link.windowEnd,
                              parcels: parcels.map { (ParcelStatus(rawValue: $0.status) ?? .announced, $0.statusTime) })
    }

    /// Whether a message was sent with this opt-out token (by its hash).
    public func knowsOptOut(tokenHash: String) async throws -> Bool {
        try await count("SELECT COUNT(*) AS n FROM notices WHERE opt_out_hash = \(bind: tokenHash)") > 0
    }

    /// Opts the contact of a message out, by the hash of the message's opt-out token: no
    /// message goes to it again, and its queued ones are suppressed. Returns the contact's
    /// channel and whether it had opted out before; nil for an unknown token.
    public func optOut(tokenHash: String, now: Date = Date()) async throws -> (channel: String, alreadyOptedOut: Bool)? {
        try await transaction { store in
            struct Contact: Decodable { var id: String; var channel: String; var optedOutAt: EpochMilliseconds? }
            guard let contact: Contact = try await store.row("""
                SELECT c.id, c.channel, c.opted_out_at FROM notices n JOIN site_contacts c ON c.id = n.contact_id
                WHERE n.opt_out_hash = \(bind: tokenHash)
                """) else { return nil }
            if contact.optedOutAt == nil {
                try await store.run("UPDATE site_contacts SET opted_out_at = \(bind: now.epochMilliseconds) WHERE id = \(bind: contact.id)")
            }
            try await store.suppressNotices(ofContact: contact.id)
            return (contact.channel, contact.optedOutAt != nil)
        }
    }

    /// The messages sent or due for a site, newest first: to which contact, for which day and
    /// window, how far they got.
    public func notices(ofSite siteId: String, limit: Int = 200) async throws -> [NoticeRecord] {
        try await rows("""
            SELECT n.id, n.contact_id, c.channel, c.address, l.plan_date, l.window_start, l.window_end, n.state, n.attempts,
                   n.created_at, n.sent_at, n.last_error
            FROM notices n JOIN tracking_links l ON l.id = n.link_id LEFT JOIN site_contacts c ON c.id = n.contact_id
            WHERE l.site_id = \(bind: siteId) ORDER BY n.sequence DESC LIMIT \(bind: limit)
            """)
    }
}
