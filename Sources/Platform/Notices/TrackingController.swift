import Domain
import Foundation
import Pages
import Store
import Vapor

/// The recipient's side of a notice, reached with the secret of its link and no log-in: the
/// tracking page (`/t/<token>`, and as JSON `/v1/tracking/<token>`) and the opt-out page
/// (`/u/<token>`: GET asks, POST opts out — RFC 8058 one-click sends that POST).
struct TrackingController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("v1", "tracking", ":token", use: trackingJSON)
        let pages = routes.grouped(WebErrorMiddleware())
        pages.get("t", ":token", use: trackingPage)
        pages.get("u", ":token", use: optOutPage)
        pages.post("u", ":token", use: optOut)
    }

    /// A delivery as the public sees it.
    struct TrackingView: Content {
        var status: DeliveryProgress
        var hubName: String
        var siteName: String
        var parcelCount: Int
        /// The window the recipient was told to expect the delivery in (ISO 8601, hub's zone).
        var windowStart: String
        var windowEnd: String
        /// When the delivery was finished (every parcel delivered, failed or returned).
        var finishedAt: String?
        var expiresAt: String
    }

    func trackingJSON(_ request: Request) async throws -> TrackingView {
        try await Self.tracking(request)
    }

    func trackingPage(_ request: Request) async throws -> Response {
        let view = try await Self.tracking(request)
        let page = TrackingPage(hubName: view.hubName, siteName: view.siteName, progress: view.status, date: String(view.windowStart.prefix(10)),
                                windowStart: WebPage.clock(view.windowStart), windowEnd: WebPage.clock(view.windowEnd), parcelCount: view.parcelCount,
                                finishedAt: view.finishedAt.map(WebPage.clock), expiresOn: String(view.expiresAt.prefix(10)))
        return WebPage.respond(page, to: request)
    }

    /// The delivery of the link in the path: 404 for a token that is not one, 410 once it expired.
    static func tracking(_ request: Request, now: Date = Date()) async throws -> TrackingView {
        let token = try request.parameters.require("token")
        guard LinkToken.isWellFormed(token), let record = try await Store(request.db).tracking(tokenHash: Secrets.hash(token)) else {
            throw Problem.notFound("this tracking link")
        }
        let zone = TimeZone(identifier: record.timeZone) ?? .gmt
        let statuses = record.parcels.map(\.status)
        let finishedAt = DeliveryProgress.isFinished(statuses) ? record.parcels.map(\.since).max().map { Date(epochMilliseconds: $0) } : nil
        let settings = request.application.platform.configuration.notifications
        let expiry = settings.tracking.expiry(windowEnd: Date(epochMilliseconds: record.windowEnd), finishedAt: finishedAt)
        guard now < expiry else {
            throw Problem(.gone, "this tracking link expired on \(Wire.format(expiry, in: zone).prefix(10)), \(settings.tracking.daysAfterDelivery) days after the delivery")
        }
        return TrackingView(status: DeliveryProgress(parcels: statuses), hubName: record.hubName, siteName: record.siteName,
                            parcelCount: record.parcels.count, windowStart: Wire.format(record.windowStart, in: zone),
                            windowEnd: Wire.format(record.windowEnd, in: zone), finishedAt: finishedAt.map { Wire.format($0, in: zone) },
                            expiresAt: Wire.format(expiry, in: zone))
    }

    func optOutPage(_ request: Request) async throws -> Response {
        let token = try Self.optOutToken(request)
        guard try await Store(request.db).knowsOptOut(tokenHash: Secrets.hash(token)) else { throw Problem.notFound("this opt-out link") }
        return WebPage.respond(OptOutPage(stage: .confirm, token: token), to: request)
    }

    func optOut(_ request: Request) async throws -> Response {
        let token = try Self.optOutToken(request)
        guard let result = try await Store(request.db).optOut(tokenHash: Secrets.hash(token)) else { throw Problem.notFound("this opt-out link") }
        if !result.alreadyOptedOut { request.logger.info("a \(result.channel) contact opted out of notices") }
        return WebPage.respond(OptOutPage(stage: result.alreadyOptedOut ? .already : .done, token: token), to: request)
    }

    private static func optOutToken(_ request: Request) throws -> String {
        let token = try request.parameters.require("token")
        guard LinkToken.isWellFormed(token) else { throw Problem.notFound("this opt-out link") }
        return token
    }
}
