/// `/ui/bays`: each loading bay's day in 15-minute slots, shaded by how many of its spaces are
/// booked — counts only, never who booked.
public struct BayOccupancyPage: Page, Codable, Equatable {
    public static let template = "bays"

    public var date: String
    /// The hours the rows show, e.g. 06–20.
    public var firstHour: Int
    public var lastHour: Int
    public var bays: [BayDay]

    public init(date: String, firstHour: Int, lastHour: Int, bays: [BayDay]) {
        self.date = date
        self.firstHour = firstHour
        self.lastHour = lastHour
        self.bays = bays
    }
}

public struct BayDay: Sendable, Codable, Equatable {
    public var id: String
    public var name: String
    public var spaces: Int
    /// Booked spaces per slot, from `firstHour` on.
    public var claimed: [Int]

    public init(id: String, name: String, spaces: Int, claimed: [Int]) {
        self.id = id
        self.name = name
        self.spaces = spaces
        self.claimed = claimed
    }
}

extension BayOccupancyPage: TemplateFields {
    func templateFields(_ catalogue: Catalogue) -> [String: Any] {
        ["hasBays": !bays.isEmpty,
         "hours": Array(firstHour..<lastHour).map { String(format: "%02d", $0) },
         "rows": bays.map { bay in
             Scope(bay, catalogue, adding: [
                 "cells": bay.claimed.map { claimed -> [String: Any] in
                     let level = claimed == 0 ? "free" : claimed < bay.spaces ? "part" : "full"
                     return ["claimed": claimed, "level": level]
                 },
             ])
         }]
    }
}
