import Domain
import Impact
import Routing
import Store

// The wire types of the API as OpenAPI components: a name each, and the rules their Swift
// types cannot state. The fields, their types and enums come from the types themselves.

extension Problem.Body: APIModel {
    static var schemaName: String { "Problem" }
    static var rules: [String: FieldRule] {
        ["type": .values(ProblemType.allCases.map(\.uri) + ["about:blank"])
            .and(.describe("The kind of error, stable: urn:samlast:problem:<kind> (see the platform's README)"))]
    }
}

extension OrganisationsController.OrganisationBody: APIModel {
    static var schemaName: String { "Organisation" }
    static var isRequest: Bool { true }
    static var rules: [String: FieldRule] { ["name": .notBlank] }
}

extension OrganisationsController.MeBody: APIModel { static var schemaName: String { "Me" } }

extension OrganisationsController.AccountBody: APIModel {
    static var schemaName: String { "AccountRequest" }
    static var isRequest: Bool { true }
    static var rules: [String: FieldRule] {
        ["name": .notBlank, "password": .length(minimum: PasswordPolicy.minimumLength).and(.writeOnly), "email": .email]
    }
    static var constraints: [String: Any] { ["dependentRequired": ["password": ["email"]]] }
}

extension OrganisationsController.AccountView: APIModel { static var schemaName: String { "Account" } }

extension OrganisationsController.TokenRequest: APIModel {
    static var schemaName: String { "TokenRequest" }
    static var isRequest: Bool { true }
}

extension OrganisationsController.TokenView: APIModel {
    static var schemaName: String { "Token" }
    static var rules: [String: FieldRule] {
        ["createdAt": .dateTime, "revokedAt": .dateTime, "token": .describe("The secret; only in the response that creates it")]
    }
}

extension HubsController.HubBody: APIModel {
    static var schemaName: String { "Hub" }
    static var isRequest: Bool { true }
    static var rules: [String: FieldRule] {
        ["name": .notBlank, "location": .position, "opens": .clock, "closes": .clock.and(.describe("HH:MM, after opens")),
         "timeZone": .describe("IANA time zone of the hub's clock, e.g. Europe/Oslo"),
         "energyPerParcelKWh": FieldRule(["minimum": 0, "maximum": 100])
            .and(.describe("Electricity per parcel handled (sorting, light, heat), kWh: the hub's ISO 14083 hub operation; without it the hub counts as 0 and the accounting says so"))]
    }
}

extension HubsController.VehicleBody: APIModel {
    static var schemaName: String { "Vehicle" }
    static var isRequest: Bool { true }
    static var rules: [String: FieldRule] {
        ["type": .values(VehicleCategory.schemaValues), "capacityKg": .range(minimum: 1, maximum: Double(HubsController.maximumCapacity)),
         "capacityParcels": .range(minimum: 1, maximum: Double(HubsController.maximumCapacity)),
         "rangeKm": .range(maximum: HubsController.maximumRangeKm, aboveZero: true), "temperatures": .describe("Temperature classes it can carry besides ambient"),
         "registration": .describe("Licence plate: the hub's trips into zones carry its keyed hash, so cameras' entries are matched to them")]
    }
}

extension SitesController.SiteBody: APIModel {
    static var schemaName: String { "Site" }
    static var isRequest: Bool { true }
    static var rules: [String: FieldRule] {
        ["name": .notBlank, "location": .position, "serviceMinutes": .range(minimum: 0, maximum: 240),
         "timeWindows": .describe("mon … sun → [[\"HH:MM\", \"HH:MM\"], …]").and(FieldRule([
             "propertyNames": ["enum": Wire.weekdayNames],
             "additionalProperties": ["type": "array", "items": ["type": "array", "minItems": 2, "maxItems": 2, "items": FieldRule.clock.keywords.merging(["type": "string"]) { $1 }]],
         ])),
         "accessNotes": .describe("Seen by the recipient, hub staff and drivers only")]
    }
}

extension Shipments.ParcelBody: APIModel {
    static var schemaName: String { "ParcelRequest" }
    static var isRequest: Bool { true }
    static var rules: [String: FieldRule] {
        let size = FieldRule.range(maximum: 1500, aboveZero: true)
        return ["weightKg": .range(maximum: 2000, aboveZero: true), "lengthCm": size, "widthCm": size, "heightCm": size]
    }
}

extension Shipments.ShipmentBody: APIModel {
    static var schemaName: String { "ShipmentRequest" }
    static var isRequest: Bool { true }
    static var rules: [String: FieldRule] {
        ["deliveryDate": .date, "parcels": .items(minimum: 1, maximum: Shipments.maximumParcelsPerShipment)]
    }
}

extension Shipments.ShipmentView: APIModel {
    static var schemaName: String { "Shipment" }
    static var rules: [String: FieldRule] { ["deliveryDate": .date] }
}

extension ShipmentsController.ShipmentBatch: APIModel {
    static var schemaName: String { "ShipmentBatch" }
    static var isRequest: Bool { true }
    static var rules: [String: FieldRule] { ["shipments": .items(maximum: Batch.maximumItems)] }
}

extension Batch.ItemResult: APIModel {
    static var schemaName: String { "ItemResult" }
    static var rules: [String: FieldRule] { ["outcome": .values(WriteOutcome.schemaValues + ["rejected"])] }
}

extension Batch.Result: APIModel { static var schemaName: String { "BatchResult" } }
extension ShipmentsController.ImportResult: APIModel { static var schemaName: String { "ImportResult" } }

extension ParcelsController.ParcelView: APIModel {
    static var schemaName: String { "Parcel" }
    static var rules: [String: FieldRule] {
        ["status": .values(ParcelStatus.schemaValues), "temperature": .values(TemperatureClass.schemaValues),
         "statusTime": .dateTime, "eta": .dateTime.and(.describe("Planned arrival at the recipient, from the current plan"))]
    }
}

extension Paged: APIModel where Item: APIModel {
    static var schemaName: String { Item.schemaName + "Page" }
}

extension Events.EventBody: APIModel {
    static var schemaName: String { "EventRequest" }
    static var isRequest: Bool { true }
    static var rules: [String: FieldRule] { ["time": .instant] }
    static var constraints: [String: Any] {
        ["allOf": [requires(["routeId"], when: "type", is: [Events.EventType.loaded.rawValue, Events.EventType.outForDelivery.rawValue]),
                   requires(["receiverName"], when: "type", is: [Events.EventType.delivered.rawValue]),
                   requires(["reason"], when: "type", is: [Events.EventType.failed.rawValue])]]
    }
}

extension Events.EventView: APIModel {
    static var schemaName: String { "Event" }
    static var rules: [String: FieldRule] { ["type": .values([ParcelStatus.announced.rawValue] + Events.EventType.schemaValues), "time": .dateTime] }
}

extension EventsController.EventBatch: APIModel {
    static var schemaName: String { "EventBatch" }
    static var isRequest: Bool { true }
    static var rules: [String: FieldRule] { ["events": .items(maximum: Batch.maximumItems)] }
}

extension PlansController.PlanRequest: APIModel {
    static var schemaName: String { "PlanRequest" }
    static var isRequest: Bool { true }
    static var rules: [String: FieldRule] {
        ["date": .date, "timeLimitSeconds": .range(maximum: PlansController.maximumTimeLimit, aboveZero: true)]
    }
}

extension StopView: APIModel {
    static var schemaName: String { "Stop" }
    static var rules: [String: FieldRule] { ["location": .position, "eta": .dateTime, "state": .values(StopState.schemaValues)] }
}

extension RouteView: APIModel {
    static var schemaName: String { "Route" }
    static var rules: [String: FieldRule] {
        ["vehicleType": .values(VehicleCategory.schemaValues), "departure": .dateTime, "returnTime": .dateTime, "dispatchedAt": .dateTime]
    }
}

extension PlansController.Totals: APIModel { static var schemaName: String { "PlanTotals" } }
extension UnassignedParcels: APIModel { static var schemaName: String { "UnassignedParcels" } }

extension PlansController.PlanView: APIModel {
    static var schemaName: String { "Plan" }
    static var rules: [String: FieldRule] {
        ["date": .date, "status": .values(PlanStatus.schemaValues), "createdAt": .dateTime, "finishedAt": .dateTime]
    }
}

extension DispatchController.DispatchRequest: APIModel {
    static var schemaName: String { "Dispatch" }
    static var isRequest: Bool { true }
    static var rules: [String: FieldRule] { ["time": .instant] }
}

extension DispatchController.StopCompletion.Outcome: APIEnumeration {}

extension DispatchController.StopCompletion: APIModel {
    static var schemaName: String { "StopCompletion" }
    static var isRequest: Bool { true }
    static var rules: [String: FieldRule] { ["time": .instant] }
    static var constraints: [String: Any] {
        ["allOf": [requires(["receiverName"], when: "outcome", is: [DispatchController.StopCompletion.Outcome.delivered.rawValue]),
                   requires(["reason"], when: "outcome", is: [DispatchController.StopCompletion.Outcome.failed.rawValue])]]
    }
}

extension DispatchController.StopCompletionResult: APIModel { static var schemaName: String { "StopCompletionResult" } }

extension StatsController.HubFigures: APIModel {
    static var schemaName: String { "HubFigures" }
    static var rules: [String: FieldRule] {
        ["from": .date, "to": .date,
         "suppressed": .describe("The figures are withheld (left out) from municipalities: fewer than three carriers contributed")]
    }
}

extension StatsController.StatsView: APIModel { static var schemaName: String { "Stats" } }

extension ImpactController.ImpactView: APIModel { static var schemaName: String { "Impact" } }
extension ImpactController.HubImpactView: APIModel {
    static var schemaName: String { "HubImpact" }
    static var rules: [String: FieldRule] {
        ["from": .date, "to": .date, "suppressed": .describe("Withheld from municipalities: fewer than three carriers contributed in the period")]
    }
}
extension ImpactController.SystemView: APIModel { static var schemaName: String { "ImpactSystemFigures" } }
extension ImpactController.SavingView: APIModel { static var schemaName: String { "ImpactSaving" } }
extension ImpactController.WeekView: APIModel { static var schemaName: String { "ImpactWeek" } }
extension ImpactController.RevisionView: APIModel {
    static var schemaName: String { "ImpactRevision" }
    static var rules: [String: FieldRule] { ["day": .date, "computedAt": .dateTime] }
}
extension AuditedLeg.System: APIEnumeration {}
extension AuditedLeg.Kind: APIEnumeration {}
extension FootprintsController.FootprintList: APIModel { static var schemaName: String { "FootprintList" } }
extension FootprintsController.FootprintView: APIModel {
    static var schemaName: String { "ShipmentFootprint" }
    static var rules: [String: FieldRule] { ["day": .date] }
}
extension FootprintsController.DepotBody: APIModel {
    static var schemaName: String { "CarrierDepot" }
    static var isRequest: Bool { true }
    static var rules: [String: FieldRule] {
        ["location": .describe("[longitude, latitude]"), "vehicleType": .values(VehicleCategory.schemaValues),
         "standard": .describe("In answers: true when the carrier gave no depot and the standard one is assumed; ignored in requests")]
    }
}

extension Events.EventType: APIEnumeration {}
extension WriteOutcome: APIEnumeration {}

extension WebhooksController.SubscriptionBody: APIModel {
    static var schemaName: String { "WebhookSubscriptionRequest" }
    static var isRequest: Bool { true }
    static var rules: [String: FieldRule] {
        ["url": FieldRule(["format": "uri", "maxLength": 2000, "pattern": "^[Hh][Tt][Tt][Pp][Ss]?://"])
            .and(.describe("https or http URL; loopback, private and link-local addresses are refused unless the operator allows them")),
         "eventTypes": .items(minimum: 1).and(.describe("Parcel event types to receive"))]
    }
}

extension WebhooksController.SubscriptionView: APIModel {
    static var schemaName: String { "WebhookSubscription" }
    static var rules: [String: FieldRule] {
        ["createdAt": .dateTime, "secret": .describe("whsec_ secret for Standard Webhooks signatures; only in the answer that creates it")]
    }
}

extension WebhooksController.DeliveryView: APIModel {
    static var schemaName: String { "WebhookDelivery" }
    static var rules: [String: FieldRule] {
        ["createdAt": .dateTime, "nextAttemptAt": .dateTime, "deliveredAt": .dateTime,
         "eventType": .values(WebhookEventType.schemaValues), "payload": .describe("The message body as sent (JSON text)")]
    }
}

extension WebhooksController.AttemptView: APIModel {
    static var schemaName: String { "WebhookAttempt" }
    static var rules: [String: FieldRule] { ["startedAt": .dateTime] }
}
