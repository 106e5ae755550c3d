import AsyncHTTPClient
import Domain
import Foundation
import Store
import Vapor

/// Works on the outbox of recipient notices in the background of a server instance: claims due
/// messages with a lease, sends them one by one (`NoticeSender`), and records each as sent, due
/// again after the schedule's backoff, or dead. A message whose instance died mid-send is
/// claimed again when its lease runs out: at least once, so a rare duplicate is possible.
enum NoticeDispatcher {
    /// Messages claimed at once by an instance.
    static let batch = 20

    static func worker(settings: NotificationSettings) -> BackgroundWorker {
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(
            redirectConfiguration: .disallow, timeout: .init(connect: .seconds(5), read: .seconds(15))))
        let identity = Secrets.identifier("ntc")
        return BackgroundWorker(name: "notice outbox", idle: settings.pollInterval, client: client) { application, client in
            let sender = NoticeSender(settings: settings, publicURL: application.platform.configuration.publicURL, client: client)
            return {
                let store = Store(application.db)
                guard try await store.hasDueNotices() else { return false }
                // Each message may take an SMTP server's whole reply timeout.
                let jobs = try await store.claimNotices(worker: identity, limit: batch, lease: Double(batch) * 75 + 30)
                guard !jobs.isEmpty else { return false }
                var outcomes: [NoticeOutcome] = []
                for job in jobs {
                    let outcome = await sender.send(job)
                    outcomes.append(record(outcome, of: job, schedule: settings.schedule))
                    application.platformMetrics.countNotice(channel: job.channel, outcome: outcome)
                    if case .sent = outcome { continue }
                    application.logger.warning("notice \(job.id) (\(job.channel)) not sent: \(outcome)")
                }
                try await store.recordNoticeOutcomes(outcomes, worker: identity)
                return true
            }
        }
    }

    /// The outcome as the outbox keeps it: sent; failed with when to try again; dead.
    static func record(_ outcome: NoticeSender.Outcome, of job: NoticeJob, schedule: DeliverySchedule, now: Date = Date()) -> NoticeOutcome {
        switch outcome {
        case .sent: return NoticeOutcome(id: job.id, error: nil, retryAt: nil)
        case .refused(let reason): return NoticeOutcome(id: job.id, error: reason, retryAt: nil)
        case .failed(let reason):
            let wait = schedule.delay(afterAttempt: job.attempts + 1, random: Double.random(in: 0...1))
            return NoticeOutcome(id: job.id, error: reason, retryAt: wait.map { now.addingTimeInterval($0) })
        }
    }
}
