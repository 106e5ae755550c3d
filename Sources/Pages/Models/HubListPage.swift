/// The hubs a platform admin or a hub operator with several hubs can open (`GET /`).
///
public struct HubListPage: Page, Codable, Equatable {
    public static let template = "hubs"

    public var hubs: [HubLink]

    public init(hubs: [HubLink]) { self.hubs = hubs }
}

/// One hub in the list: its page is `/ui/hubs/<id>`.
public struct HubLink: Sendable, Codable, Equatable {
    public var id: String
    public var name: String
    public var operatorId: String

    public init(id: String, name: String, operatorId: String) {
        self.id = id
        self.name = name
        self.operatorId = operatorId
    }
}
