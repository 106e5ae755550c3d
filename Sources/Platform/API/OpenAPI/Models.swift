import Domain
import Routing

// The wire types of the API as OpenAPI components: a name each, and the rules their Swift
// types cannot state. The fields, their types and enums come from the types themselves.

extension Problem.Body: APIModel {
    static var schemaName: String { "Problem" }
    static var rules: [String: FieldRule] {
        ["type": .values(ProblemType.allCases.map(\.uri) + ["about:blank"])
            .and(.describe("The kind of error, stable: urn:samlast:problem:<kind> (see the platform's README)"))]
    }
}

extension DirectoryController.OrganisationBody: APIModel {
    static var schemaName: String { "Organisation" }
    static var isRequest: Bool { true }
    static var rules: [String: FieldRule] { ["name": .notBlank] }
}

extension DirectoryController.MeBody: APIModel { static var schemaName: String { "Me" } }

extension DirectoryController.AccountBody: APIModel {
    static var schemaName: String { "AccountRequest" }
    static var isRequest: Bool { true }
    static var rules: [String: FieldRule] {
        ["name": .notBlank, "password": .length(minimum: PasswordPolicy.minimumLength).and(.writeOnly)]
    }
}

extension DirectoryController.AccountView: APIModel { static var schemaName: String { "Account" } }

extension DirectoryController.TokenRequest: APIModel {
    static var schemaName: String { "TokenRequest" }
    static var isRequest: Bool { true }
}

extension DirectoryController.TokenView: APIModel {
    static var schemaName: String { "Token" }
    static var rules: [String: FieldRule] {
        ["createdAt": .dateTime, "revokedAt": .dateTime, "token": .describe("The secret; only in the response that creates it")]
    }
}

extension DirectoryController.HubBody: APIModel {
    static var schemaName: String { "Hub" }
    static var isRequest: Bool { true }
    static var rules: [String: FieldRule] {
        ["name": .notBlank, "location": .position, "opens": .clock, "closes": .clock.and(.describe("HH:MM, after opens")),
         "timeZone": .describe("IANA time zone of the hub's clock, e.g. Europe/Oslo")]
    }
}

extension DirectoryController.VehicleBody: APIModel {
    static var schemaName: String { "Vehicle" }
    static var isRequest: Bool { true }
    static var rules: [String: FieldRule] {
        ["type": .values(VehicleCategory.schemaValues), "capacityKg": .range(minimum: 1), "capacityParcels": .range(minimum: 1),
         "rangeKm": .range(aboveZero: true), "temperatures": .describe("Temperature classes it can carry besides ambient")]
    }
}

extension DirectoryController.SiteBody: APIModel {
    static var schemaName: String { "Site" }
    static var isRequest: Bool { true }
    static var rules: [String: FieldRule] {
        ["name": .notBlank, "location": .position, "serviceMinutes": .range(minimum: 0, maximum: 240),
         "timeWindows": .describe("mon … sun → [[\"HH:MM\", \"HH:MM\"], …]"),
         "accessNotes": .describe("Seen by the recipient, hub staff and drivers only")]
    }
}

extension Intake.ParcelBody: APIModel {
    static var schemaName: String { "ParcelRequest" }
    static var isRequest: Bool { true }
    static var rules: [String: FieldRule] {
        let size = FieldRule.range(maximum: 1500, aboveZero: true)
        return ["weightKg": .range(maximum: 2000, aboveZero: true), "lengthCm": size, "widthCm": size, "heightCm": size]
    }
}

extension Intake.ShipmentBody: APIModel {
    static var schemaName: String { "ShipmentRequest" }
    static var isRequest: Bool { true }
    static var rules: [String: FieldRule] {
        ["deliveryDate": .date, "parcels": .items(minimum: 1, maximum: Intake.maximumParcelsPerShipment)]
    }
}

extension Intake.ShipmentView: APIModel {
    static var schemaName: String { "Shipment" }
    static var rules: [String: FieldRule] { ["deliveryDate": .date] }
}

extension IntakeController.ShipmentBatch: APIModel {
    static var schemaName: String { "ShipmentBatch" }
    static var isRequest: Bool { true }
    static var rules: [String: FieldRule] { ["shipments": .items(maximum: IntakeController.maximumBatchItems)] }
}

extension IntakeController.ItemResult: APIModel {
    static var schemaName: String { "ItemResult" }
    static var rules: [String: FieldRule] { ["outcome": .values(Intake.Outcome.schemaValues + ["rejected"])] }
}

extension IntakeController.BatchResult: APIModel { static var schemaName: String { "BatchResult" } }
extension IntakeController.ImportResult: APIModel { static var schemaName: String { "ImportResult" } }

extension IntakeController.ParcelView: APIModel {
    static var schemaName: String { "Parcel" }
    static var rules: [String: FieldRule] {
        ["status": .values(ParcelStatus.schemaValues), "temperature": .values(TemperatureClass.schemaValues),
         "statusTime": .dateTime, "eta": .dateTime.and(.describe("Planned arrival at the recipient, from the current plan"))]
    }
}

extension Paged: APIModel where Item: APIModel {
    static var schemaName: String { Item.schemaName + "Page" }
}

extension Intake.EventBody: APIModel {
    static var schemaName: String { "EventRequest" }
    static var isRequest: Bool { true }
    static var rules: [String: FieldRule] { ["time": .dateTime] }
}

extension Intake.EventView: APIModel {
    static var schemaName: String { "Event" }
    static var rules: [String: FieldRule] { ["type": .values([ParcelStatus.announced.rawValue] + Intake.EventType.schemaValues), "time": .dateTime] }
}

extension IntakeController.EventBatch: APIModel {
    static var schemaName: String { "EventBatch" }
    static var isRequest: Bool { true }
    static var rules: [String: FieldRule] { ["events": .items(maximum: IntakeController.maximumBatchItems)] }
}

extension PlanningController.PlanRequest: APIModel {
    static var schemaName: String { "PlanRequest" }
    static var isRequest: Bool { true }
    static var rules: [String: FieldRule] {
        ["date": .date, "timeLimitSeconds": .range(maximum: PlanningController.maximumTimeLimit, aboveZero: true)]
    }
}

extension PlanningController.StopView: APIModel {
    static var schemaName: String { "Stop" }
    static var rules: [String: FieldRule] { ["location": .position, "eta": .dateTime, "state": .values(StopState.schemaValues)] }
}

extension PlanningController.RouteView: APIModel {
    static var schemaName: String { "Route" }
    static var rules: [String: FieldRule] {
        ["vehicleType": .values(VehicleCategory.schemaValues), "departure": .dateTime, "returnTime": .dateTime, "dispatchedAt": .dateTime]
    }
}

extension PlanningController.Totals: APIModel { static var schemaName: String { "PlanTotals" } }
extension UnassignedParcels: APIModel { static var schemaName: String { "UnassignedParcels" } }

extension PlanningController.PlanView: APIModel {
    static var schemaName: String { "Plan" }
    static var rules: [String: FieldRule] {
        ["date": .date, "status": .values(PlanStatus.schemaValues), "createdAt": .dateTime, "finishedAt": .dateTime]
    }
}

extension PlanningController.DispatchRequest: APIModel {
    static var schemaName: String { "Dispatch" }
    static var isRequest: Bool { true }
    static var rules: [String: FieldRule] { ["time": .dateTime] }
}

extension PlanningController.StopCompletion.Outcome: APIEnumeration {}

extension PlanningController.StopCompletion: APIModel {
    static var schemaName: String { "StopCompletion" }
    static var isRequest: Bool { true }
    static var rules: [String: FieldRule] { ["time": .dateTime] }
}

extension PlanningController.StopCompletionResult: APIModel { static var schemaName: String { "StopCompletionResult" } }

extension StatsController.HubFigures: APIModel {
    static var schemaName: String { "HubFigures" }
    static var rules: [String: FieldRule] {
        ["from": .date, "to": .date,
         "suppressed": .describe("The figures are withheld (left out) from municipalities: fewer than three carriers contributed")]
    }
}

extension StatsController.StatsView: APIModel { static var schemaName: String { "Stats" } }

extension Intake.EventType: APIEnumeration {}
extension Intake.Outcome: APIEnumeration {}
