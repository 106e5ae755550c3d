/// The message a recipient gets once per delivery window, for every carrier's parcels the hub
/// brings: by e-mail (a subject, a plain-text and an HTML body) or as a text message, in the
/// contact's language, with the tracking link and the opt-out link.
public struct RecipientNotice: Page, Sendable, Codable, Equatable {
    public static let template = "notice-email"

    public var hubName: String
    public var siteName: String
    /// `YYYY-MM-DD` and the window, `HH:MM`.
    public var date: String
    public var windowStart: String
    public var windowEnd: String
    public var parcelCount: Int
    /// Where the platform is reached (`https://samlast.example.no`); links are this, a fixed
    /// path and a token. Anything but an http(s) address is dropped, leaving relative links.
    public var baseURL: String
    public var trackingToken: String
    public var optOutToken: String

    public init(hubName: String, siteName: String, date: String, windowStart: String, windowEnd: String, parcelCount: Int,
                baseURL: String, trackingToken: String, optOutToken: String) {
        (self.hubName, self.siteName, self.date, self.windowStart, self.windowEnd) = (hubName, siteName, date, windowStart, windowEnd)
        (self.parcelCount, self.baseURL, self.trackingToken, self.optOutToken) = (parcelCount, baseURL, trackingToken, optOutToken)
    }

    private var base: String { baseURL.hasPrefix("https://") || baseURL.hasPrefix("http://") ? baseURL : "" }
    /// The tracking page of the delivery.
    public var trackingURL: String { base + "/t/" + trackingToken }
    /// The page that opts the contact out (also the RFC 8058 one-click address).
    public var optOutURL: String { base + "/u/" + optOutToken }

    /// The message in one language.
    public struct Rendered: Sendable, Equatable {
        public var subject: String
        public var text: String
        public var html: String
        public var sms: String
    }

    public func rendered(in language: Language) -> Rendered {
        let catalogue = Bundled.shared.catalogue(language)
        let fields = fields
        let text = ["notice_body", "notice_follow", "notice_why", "notice_opt_out"].map { catalogue.plain($0, fields) }.joined(separator: "\n\n")
        return Rendered(subject: catalogue.plain("notice_subject", fields), text: text + "\n",
                        html: Pages.render(self, language: language), sms: catalogue.plain("notice_sms", fields))
    }

    /// What the texts show: the stored fields and whether there is one parcel.
    private var fields: [String: Any] {
        ["hubName": hubName, "siteName": siteName, "date": date, "windowStart": windowStart, "windowEnd": windowEnd,
         "parcelCount": parcelCount, "one": parcelCount == 1, "trackingURL": trackingURL, "optOutURL": optOutURL]
    }
}

extension RecipientNotice: TemplateFields {
    func templateFields(_ catalogue: Catalogue) -> [String: Any] {
        ["one": parcelCount == 1, "trackingURL": trackingURL, "optOutURL": optOutURL]
    }
}
