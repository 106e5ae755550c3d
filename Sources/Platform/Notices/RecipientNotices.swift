import Domain
import Foundation
import Store

/// Tells recipients of their deliveries once a route is dispatched: each stop joins the
/// tracking link of its site, day and delivery window, and a link new that day queues one
/// message per contact of the site — however many carriers' parcels, stops or routes it holds.
enum RecipientNotices {
    /// Records the stops of the dispatched route `route` (of a plan of `planDate`), in the
    /// dispatch's transaction. Returns the number of messages queued.
    @discardableResult
    static func recordDispatch(of route: RouteRecord, planDate: String, settings: NotificationSettings, store: Store,
                               now: Date = Date()) async throws -> Int {
        guard !route.stops.isEmpty else { return 0 }
        let zone = TimeZone(identifier: route.timeZone) ?? .gmt
        let sites = Dictionary(try await store.sites(route.stops.map(\.siteId)).map { ($0.id, $0.recipientSite) }, uniquingKeysWith: { first, _ in first })
        let weekday = Wire.weekday(of: try Wire.date(planDate, field: "planDate"))
        let sendAt = settings.quietHours.earliestSend(from: now, in: zone)
        let stops = route.stops.map { stop in
            let eta = Date(epochMilliseconds: stop.eta)
            let windows = (sites[stop.siteId]?.windows[weekday] ?? []).map { (start: Int($0.start) / 60, end: Int($0.end) / 60) }
            return NoticeStop(siteId: stop.siteId, hubId: route.hubId, planDate: planDate,
                              windowKey: DeliveryWindowKey.key(arrivalMinute: minuteOfDay(eta, in: zone), siteWindows: windows),
                              window: ArrivalWindow(earliest: eta, latest: eta), barcodes: stop.parcels.map(\.barcode), sendAt: sendAt)
        }
        return try await store.recordDeliveries(stops, channels: settings.channels.map(\.rawValue), now: now,
                                                identifier: { Secrets.identifier($0) }, secret: LinkSecret.make)
    }

    private static func minuteOfDay(_ time: Date, in zone: TimeZone) -> Int {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.hour, .minute], from: time)
        return (parts.hour ?? 0) * 60 + (parts.minute ?? 0)
    }
}

/// The secrets of links sent to recipients (`LinkToken`): made here, stored only as hashes.
enum LinkSecret {
    @Sendable static func make() -> (token: String, hash: String) {
        let token = Secrets.random(bytes: LinkToken.bytes)
        return (token, Secrets.hash(token))
    }
}
