import Domain

/// A driver's routes (`GET /ui/driver`): each stop with its parcels, access notes and the form
/// that records it delivered or failed.
public struct DriverPage: Page, Codable, Equatable {
    public static let template = "driver"

    /// The routes dispatched to the driver; none shows a line saying so.
    public var routes: [DriverRoute]

    public init(routes: [DriverRoute]) { self.routes = routes }
}

public struct DriverRoute: Sendable, Codable, Equatable {
    /// The route's id: a stop's form posts to `/ui/routes/<id>/stops/<index>`.
    public var id: String
    public var vehicleId: String
    /// Leaving the hub, `HH:MM`.
    public var departure: String
    public var distanceKm: Double
    public var stops: [DriverStop]

    public init(id: String, vehicleId: String, departure: String, distanceKm: Double, stops: [DriverStop]) {
        self.id = id
        self.vehicleId = vehicleId
        self.departure = departure
        self.distanceKm = distanceKm
        self.stops = stops
    }
}

public struct DriverStop: Sendable, Codable, Equatable {
    /// The stop's place on the route from 0 (the form's path uses it); shown from 1.
    public var index: Int
    public var name: String
    public var address: String
    /// `HH:MM`.
    public var eta: String
    /// A stop that is done (delivered or failed) has no form.
    public var state: StopState
    public var parcels: [String]
    /// How to get in: gate codes, loading bay, opening hours.
    public var accessNotes: String?
    /// The loading bay to park at (the plan's choice), by name.
    public var parkAt: String?

    public init(index: Int, name: String, address: String, eta: String, state: StopState, parcels: [String], accessNotes: String? = nil,
                parkAt: String? = nil) {
        self.index = index
        self.name = name
        self.address = address
        self.eta = eta
        self.state = state
        self.parcels = parcels
        self.accessNotes = accessNotes
        self.parkAt = parkAt
    }
}

extension DriverStop: TemplateFields {
    func templateFields(_ catalogue: Catalogue) -> [String: Any] {
        ["parcelList": parcels.joined(separator: ", ")]
    }
}
