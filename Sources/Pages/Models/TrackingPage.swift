import Domain

/// The public page of a tracking link (`/t/<token>`): where the recipient's delivery stands,
/// when it is expected, and which hub brings it — nothing of the parcels' carriers, senders or
/// other recipients.
public struct TrackingPage: Page, Codable, Equatable {
    public static let template = "tracking"

    public var hubName: String
    public var siteName: String
    public var progress: DeliveryProgress
    /// The day, `YYYY-MM-DD`, and the arrival window on it, `HH:MM`.
    public var date: String
    public var windowStart: String
    public var windowEnd: String
    public var parcelCount: Int
    /// When the delivery was finished, `HH:MM`, once it is.
    public var finishedAt: String?
    /// The last day the link works, `YYYY-MM-DD`.
    public var expiresOn: String

    public init(hubName: String, siteName: String, progress: DeliveryProgress, date: String, windowStart: String, windowEnd: String,
                parcelCount: Int, finishedAt: String?, expiresOn: String) {
        (self.hubName, self.siteName, self.progress, self.date) = (hubName, siteName, progress, date)
        (self.windowStart, self.windowEnd, self.parcelCount, self.finishedAt, self.expiresOn) = (windowStart, windowEnd, parcelCount, finishedAt, expiresOn)
    }
}

extension DeliveryProgress: Term {
    public static let cataloguePrefix = "progress"
}

extension TrackingPage: TemplateFields {
    func templateFields(_ catalogue: Catalogue) -> [String: Any] {
        let steps: [DeliveryProgress] = [.planned, .onTheWay, progress == .planned || progress == .onTheWay ? .delivered : progress]
        let reached = steps.firstIndex(of: progress) ?? 0
        return [
            "one": parcelCount == 1,
            "steps": steps.enumerated().map { index, step in Scope(step, catalogue, adding: ["reached": index <= reached, "current": index == reached]) },
        ]
    }
}

/// The page a message's opt-out link opens (`/u/<token>`): a button that opts out — a link
/// alone never does, since mail scanners follow links — and then a line saying it is done.
public struct OptOutPage: Page, Codable, Equatable {
    public static let template = "optout"

    public enum Stage: String, Sendable, Codable, Equatable {
        /// Asks; the button posts the form.
        case confirm
        case done
        /// The contact had opted out before.
        case already
    }

    public var stage: Stage
    /// The link's token: the form posts to `/u/<token>`, the page's own address.
    public var token: String

    public init(stage: Stage, token: String) {
        (self.stage, self.token) = (stage, token)
    }
}

extension OptOutPage: TemplateFields {
    func templateFields(_ catalogue: Catalogue) -> [String: Any] {
        ["confirm": stage == .confirm, "done": stage == .done, "already": stage == .already]
    }
}
