import Foundation
import Prometheus
import Store
import Vapor

/// The server's Prometheus metrics, in a registry of its own (no process-wide state, so several
/// applications can run in one test process). Served at `/metrics` in the text format.
final class PlatformMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    let eventsRecorded: Counter
    let planningSeconds: DurationHistogram
    private static let requestBuckets: [Duration] = [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500].map { .milliseconds($0) }

    init() {
        eventsRecorded = registry.makeCounter(descriptor: .init(
            namespace: "samlast", metricName: "parcel_events_recorded", unitName: "total", helpText: "Parcel events stored (not counting retries)"))
        planningSeconds = registry.makeDurationHistogram(
            descriptor: .init(namespace: "samlast", metricName: "planning_duration", unitName: "seconds", helpText: "Time to build and store a plan"),
            labels: [], buckets: [1, 2, 5, 10, 30, 60, 120].map { .seconds($0) })
    }

    /// Counts webhook attempts by outcome.
    func countWebhookAttempts(_ attempts: [WebhookAttempt]) {
        for (delivered, count) in Dictionary(grouping: attempts, by: \.succeeded).mapValues(\.count) {
            registry.makeCounter(descriptor: .init(namespace: "samlast", metricName: "webhook_attempts", unitName: "total",
                                                   helpText: "Webhook delivery attempts by outcome"),
                                 labels: [("outcome", delivered ? "delivered" : "failed")]).increment(by: Int64(count))
        }
    }

    /// Counts a recipient notice's attempt by channel and outcome.
    func countNotice(channel: String, outcome: NoticeSender.Outcome) {
        let name = switch outcome { case .sent: "sent"; case .failed: "failed"; case .refused: "refused" }
        registry.makeCounter(descriptor: .init(namespace: "samlast", metricName: "notice_attempts", unitName: "total",
                                               helpText: "Recipient notice attempts by channel and outcome"),
                             labels: [("channel", channel), ("outcome", name)]).increment()
    }

    /// Counts a finished request by route pattern and status, and records its duration.
    func record(method: String, route: String, status: UInt, duration: Duration) {
        let labels = [("method", method), ("route", route), ("status", String(status))]
        registry.makeCounter(descriptor: .init(namespace: "samlast", metricName: "http_requests", unitName: "total",
                                               helpText: "HTTP requests by route and status"), labels: labels).increment()
        registry.makeDurationHistogram(
            descriptor: .init(namespace: "samlast", metricName: "http_request_duration", unitName: "seconds", helpText: "HTTP request durations"),
            labels: [("method", method), ("route", route)], buckets: Self.requestBuckets).record(duration)
    }
}

extension DurationHistogram {
    func recordSeconds(_ seconds: TimeInterval) { record(.milliseconds(Int64(seconds * 1000))) }
}

/// Records every request in the metrics, labelled by route pattern (never by raw path, so ids
/// do not explode the label set).
struct MetricsMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let clock = ContinuousClock(), start = clock.now
        let response = try await next.respond(to: request)
        let pattern = request.route.map { "/" + $0.path.map(\.description).joined(separator: "/") } ?? "unmatched"
        request.application.platformMetrics.record(method: request.method.rawValue, route: pattern, status: response.status.code,
                                                   duration: clock.now - start)
        return response
    }
}

extension Application {
    var platformMetrics: PlatformMetrics { platform.metrics }
}
