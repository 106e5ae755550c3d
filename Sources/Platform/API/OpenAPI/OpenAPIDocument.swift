import Domain
import Foundation
import Roads
import Store

/// The OpenAPI 3.1 description of the JSON API, served at `/openapi.json`. The schemas are read
/// off the Swift types the handlers decode and encode (`SchemaReader`, `APIModel`), the
/// operations are listed here; a test checks the paths and methods are exactly the routes the
/// server registers, and every response of the test suite is validated against the document.
enum OpenAPIDocument {
    static let json: Data = {
        do {
            return try JSONSerialization.data(withJSONObject: try document(), options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])
        } catch {
            // The document is made from the program's own types; a type it cannot read is a programming error.
            fatalError("the OpenAPI document cannot be built: \(error)")
        }
    }()

    private static func ref(_ name: String) -> [String: Any] { ["$ref": "#/components/schemas/\(name)"] }

    static func document() throws -> [String: Any] {
        let reader = SchemaReader()
        var paths: [String: [String: Any]] = [:]
        for operation in operations {
            paths[operation.path, default: [:]][operation.method] = try describe(operation, reader: reader)
        }
        return [
            "openapi": "3.1.0",
            "info": [
                "title": "Samlast platform API",
                "version": "1.0.0",
                "description": """
                    The carrier-neutral consolidation hub: carriers and shippers announce shipments and post parcel events, \
                    the hub plans consolidated routes, drivers record deliveries with proof, and every party sees only its own data. \
                    Authenticate with `Authorization: Bearer <token>`. Errors are RFC 9457 problem details naming what is wrong and where.
                    """,
                "license": ["name": "Data: \(OSMData.attribution) where maps or road distances are shown"],
            ],
            "security": [["bearer": [String]()]],
            "paths": paths,
            "components": [
                "securitySchemes": [
                    "bearer": ["type": "http", "scheme": "bearer", "description": "An API token (slt_…) of an organisation and role"],
                ],
                "schemas": reader.components,
            ],
        ]
    }

    private static func describe(_ operation: Operation, reader: SchemaReader) throws -> [String: Any] {
        var result: [String: Any] = ["summary": operation.summary, "tags": [operation.tag], "operationId": operation.id]
        if operation.isPublic { result["security"] = [[String: Any]]() }
        let parameters = operation.parameters.map { parameter -> [String: Any] in
            switch parameter {
            case .path(let name, let integer):
                let schema: [String: Any] = integer ? ["type": "integer", "minimum": 0, "maximum": Int32.max] : ["type": "string", "minLength": 1]
                return ["name": name, "in": "path", "required": true, "schema": schema]
            case .query(let name, let schema, let description):
                return ["name": name, "in": "query", "required": false, "schema": schema, "description": description]
            case .idempotencyKey:
                return ["name": Idempotency.header, "in": "header", "required": false, "schema": ["type": "string", "minLength": 1, "maxLength": 200],
                        "description": "Repeat the request with the same key to get the first response again instead of repeating the work."]
            }
        }
        if !parameters.isEmpty { result["parameters"] = parameters }
        switch operation.body {
        case .json(let type)?: result["requestBody"] = ["required": true, "content": ["application/json": ["schema": try reader.schema(of: type)]]]
        case .csv(let description)?:
            result["requestBody"] = ["required": true, "description": description, "content": ["text/csv": ["schema": ["type": "string"]]]]
        case .jsonOrCSV(let type, let description)?:
            result["requestBody"] = ["required": true, "description": description,
                                     "content": ["application/json": ["schema": try reader.schema(of: type)], "text/csv": ["schema": ["type": "string"]]]]
        case .documents(let media, let description)?:
            result["requestBody"] = ["required": true, "description": description,
                                     "content": Dictionary(firstWins: media.map { ($0.0, ["schema": $0.1]) })]
        case nil: break
        }
        var responses: [String: Any] = [:]
        for (status, description, type) in operation.responses {
            var response: [String: Any] = ["description": description]
            if let (media, schema) = operation.media {
                response["content"] = [media: ["schema": schema]]
            } else if let type {
                response["content"] = ["application/json": ["schema": try reader.schema(of: type)]]
            }
            responses[String(status)] = response
        }
        let problem = ["application/problem+json": ["schema": try reader.schema(of: Problem.Body.self)]]
        for status in operation.problemStatuses {
            responses[String(status)] = ["description": ProblemType(status: .init(statusCode: status))?.summary ?? "Problem", "content": problem]
        }
        responses["5XX"] = ["description": "The server failed; the problem says so, the details are in its log", "content": problem]
        result["responses"] = responses
        return result
    }

    private static var pageNumberParameters: [Operation.Parameter] {
        [
        .query("page", ["type": "integer", "minimum": 1, "maximum": 1_000_000], "Page number, from 1"),
        .query("perPage", ["type": "integer", "minimum": 1, "maximum": 500], "Items per page, 1–500 (50)"),
        ]
    }
    private static var pageParameters: [Operation.Parameter] {
        pageNumberParameters + [.query("cursor", ["type": "string"], "The previous page's nextCursor, instead of a page number: as fast however deep")]
    }
    private static var pdf: (String, [String: Any]) { ("application/pdf", ["type": "string", "contentMediaType": "application/pdf"]) }
    static var day: [String: Any] { ["type": "string", "format": "date", "description": "YYYY-MM-DD"] }

    /// Every operation of the API.
    static var operations: [Operation] {
        let hub = Operation.Parameter.path("hubId"), plan = Operation.Parameter.path("planId"), route = Operation.Parameter.path("routeId")
        let webhook = Operation.Parameter.path("webhookId")
        return [
            Operation(method: "get", path: "/health", id: "health", summary: "Liveness and database check", tag: "operations",
                      responses: [(200, "Up", [String: String].self)], isPublic: true),
            Operation(method: "get", path: "/metrics", id: "metrics", summary: "Prometheus metrics (text exposition format)", tag: "operations",
                      responses: [(200, "Metrics", nil)], problems: [403], media: ("text/plain", ["type": "string"])),
            Operation(method: "get", path: "/openapi.json", id: "openapi", summary: "This document", tag: "operations",
                      responses: [(200, "OpenAPI 3.1", nil)], isPublic: true, media: ("application/json", ["type": "object"])),
            Operation(method: "get", path: "/v1/me", id: "me", summary: "Who the token belongs to", tag: "directory",
                      responses: [(200, "The caller", OrganisationsController.MeBody.self)]),
            Operation(method: "get", path: "/v1/organisations", id: "listOrganisations", summary: "Organisations: all for platform admins, else one's own",
                      tag: "directory", responses: [(200, "Organisations", [OrganisationsController.OrganisationBody].self)]),
            Operation(method: "post", path: "/v1/organisations", id: "createOrganisation", summary: "Register an organisation (platform admin)",
                      tag: "directory", body: .json(OrganisationsController.OrganisationBody.self), responses: [(201, "Registered", OrganisationsController.OrganisationBody.self)],
                      problems: [403, 409]),
            Operation(method: "get", path: "/v1/accounts", id: "listAccounts", summary: "Accounts of the caller's organisation (admins)",
                      tag: "directory", responses: [(200, "Accounts", [OrganisationsController.AccountView].self)], problems: [403]),
            Operation(method: "post", path: "/v1/accounts", id: "createAccount", summary: "Create an account in the caller's organisation (admins)",
                      tag: "directory", body: .json(OrganisationsController.AccountBody.self), responses: [(201, "Created", OrganisationsController.AccountView.self)],
                      problems: [403, 409, 422]),
            Operation(method: "get", path: "/v1/tokens", id: "listTokens", summary: "API tokens of the organisation (admins; never the secrets)",
                      tag: "directory", responses: [(200, "Tokens", [OrganisationsController.TokenView].self)], problems: [403]),
            Operation(method: "post", path: "/v1/tokens", id: "createToken", summary: "Issue an API token for an account (admins); the secret is shown once",
                      tag: "directory", body: .json(OrganisationsController.TokenRequest.self), responses: [(201, "Issued", OrganisationsController.TokenView.self)], problems: [404]),
            Operation(method: "delete", path: "/v1/tokens/{tokenId}", id: "revokeToken", summary: "Revoke a token", tag: "directory",
                      parameters: [.path("tokenId")], responses: [(204, "Revoked", nil)]),
            Operation(method: "get", path: "/v1/hubs", id: "listHubs", summary: "Hubs on the platform", tag: "directory",
                      responses: [(200, "Hubs", [HubsController.HubBody].self)]),
            Operation(method: "post", path: "/v1/hubs", id: "createHub", summary: "Register a hub (platform admin)", tag: "directory",
                      body: .json(HubsController.HubBody.self), responses: [(201, "Registered", HubsController.HubBody.self)], problems: [403, 409, 422]),
            Operation(method: "get", path: "/v1/hubs/{hubId}", id: "hub", summary: "One hub", tag: "directory", parameters: [hub],
                      responses: [(200, "The hub", HubsController.HubBody.self)]),
            Operation(method: "get", path: "/v1/hubs/{hubId}/vehicles", id: "listVehicles", summary: "The hub's fleet (its operator)",
                      tag: "directory", parameters: [hub], responses: [(200, "Vehicles", [HubsController.VehicleBody].self)], problems: [403]),
            Operation(method: "post", path: "/v1/hubs/{hubId}/vehicles", id: "createVehicle", summary: "Add a vehicle to the fleet (its operator)",
                      tag: "directory", parameters: [hub], body: .json(HubsController.VehicleBody.self), responses: [(201, "Added", HubsController.VehicleBody.self)],
                      problems: [403, 409]),
            Operation(method: "get", path: "/v1/sites", id: "listSites", summary: "Delivery sites (access notes only for their recipient and hub staff)",
                      tag: "directory", responses: [(200, "Sites", [SitesController.SiteBody].self)]),
            Operation(method: "post", path: "/v1/sites", id: "createSite", summary: "Register a delivery site (the recipient)", tag: "directory",
                      body: .json(SitesController.SiteBody.self), responses: [(201, "Registered", SitesController.SiteBody.self)], problems: [403, 409, 422]),
            Operation(method: "get", path: "/v1/sites/{siteId}", id: "site", summary: "One site", tag: "directory", parameters: [.path("siteId")],
                      responses: [(200, "The site", SitesController.SiteBody.self)]),
            Operation(method: "post", path: "/v1/shipments", id: "createShipment",
                      summary: "Announce a shipment (carrier or shipper); the same reference and content again is a safe retry", tag: "intake",
                      parameters: [.idempotencyKey], body: .json(Shipments.ShipmentBody.self),
                      responses: [(201, "Announced", Shipments.ShipmentView.self), (200, "Announced before (retry)", Shipments.ShipmentView.self)],
                      problems: [403, 409, 422]),
            Operation(method: "post", path: "/v1/shipments/batch", id: "createShipments",
                      summary: "Announce up to 1,000 shipments; each item is stored or rejected on its own", tag: "intake",
                      body: .json(ShipmentsController.ShipmentBatch.self), responses: [(200, "A result per item", Batch.Result.self)],
                      problems: [403]),
            Operation(method: "post", path: "/v1/shipments/import", id: "importShipments",
                      summary: "Import a CSV file of parcels, one row each; rows with the same reference form one shipment; all rows or none",
                      tag: "intake", parameters: [.idempotencyKey], body: .csv(ShipmentCSV.headerDescription),
                      responses: [(200, "Imported", ShipmentsController.ImportResult.self)], problems: [403, 409, 422]),
            Operation(method: "get", path: "/v1/shipments/{shipmentId}", id: "shipment", summary: "One shipment the caller may see", tag: "intake",
                      parameters: [.path("shipmentId")], responses: [(200, "The shipment", Shipments.ShipmentView.self)], problems: [403]),
            Operation(method: "get", path: "/v1/parcels", id: "listParcels", summary: "Parcels the caller may see, newest status first", tag: "intake",
                      parameters: pageParameters + [
                          .query("status", ["type": "string", "enum": ParcelStatus.schemaValues], "Only parcels in this status"),
                          .query("hubId", ["type": "string", "maxLength": TextPolicy.identifierLength], "Only parcels of this hub"),
                      ],
                      responses: [(200, "A page of parcels", Paged<ParcelsController.ParcelView>.self)], problems: [403]),
            Operation(method: "get", path: "/v1/parcels/{barcode}", id: "parcel", summary: "One parcel with its event log", tag: "intake",
                      parameters: [.path("barcode")], responses: [(200, "The parcel", ParcelsController.ParcelView.self)], problems: [403]),
            Operation(method: "post", path: "/v1/events", id: "recordEvent", summary: "Record a parcel event; idempotent on (organisation, eventId)",
                      tag: "intake", body: .json(Events.EventBody.self),
                      responses: [(201, "Recorded", Events.EventView.self), (200, "Recorded before (retry)", Events.EventView.self)],
                      problems: [403, 404, 409, 422]),
            Operation(method: "post", path: "/v1/events/batch", id: "recordEvents",
                      summary: "Record up to 1,000 events; each item is stored or rejected on its own", tag: "intake",
                      body: .json(EventsController.EventBatch.self), responses: [(200, "A result per item", Batch.Result.self)]),
            Operation(method: "post", path: "/v1/hubs/{hubId}/plans", id: "requestPlan",
                      summary: "Plan (or re-plan) a day's routes; runs as a background job", tag: "planning", parameters: [hub, .idempotencyKey],
                      body: .json(PlansController.PlanRequest.self), responses: [(202, "Queued; poll the plan", PlansController.PlanView.self)],
                      problems: [403, 422]),
            Operation(method: "get", path: "/v1/hubs/{hubId}/plans", id: "listPlans", summary: "Plans of a day, newest first", tag: "planning",
                      parameters: [hub, .query("date", day, "The day (today)")], responses: [(200, "Plans", [PlansController.PlanView].self)],
                      problems: [403]),
            Operation(method: "get", path: "/v1/plans/{planId}", id: "plan", summary: "A plan with its routes once done", tag: "planning",
                      parameters: [plan], responses: [(200, "The plan", PlansController.PlanView.self)]),
            Operation(method: "get", path: "/v1/plans/{planId}/geojson", id: "planGeoJSON", summary: "The plan's routes and stops as GeoJSON",
                      tag: "planning", parameters: [plan], responses: [(200, "FeatureCollection", nil)],
                      media: ("application/geo+json", [
                          "type": "object", "description": "GeoJSON (RFC 7946): routes as LineStrings, stops as Points",
                          "properties": ["type": ["const": "FeatureCollection"], "features": ["type": "array", "items": ["type": "object"]],
                                         "attribution": ["type": "string"]],
                          "required": ["type", "features"],
                      ])),
            Operation(method: "post", path: "/v1/routes/{routeId}/dispatch", id: "dispatch",
                      summary: "Hand a route to a driver; its parcels become loaded and out for delivery", tag: "dispatch", parameters: [route],
                      body: .json(DispatchController.DispatchRequest.self), responses: [(200, "Dispatched", RouteView.self)],
                      problems: [403, 409, 422]),
            Operation(method: "get", path: "/v1/routes/{routeId}/manifest", id: "manifest",
                      summary: "The driver's manifest: stops in order with parcels and access notes", tag: "dispatch", parameters: [route],
                      responses: [(200, "The route", RouteView.self)]),
            Operation(method: "get", path: "/v1/routes/{routeId}/manifest.pdf", id: "manifestPDF",
                      summary: "The driver's manifest to print (A4): stops with time windows, parcels with carrier and weight", tag: "labels",
                      parameters: [route], responses: [(200, "The manifest", nil)], media: pdf),
            Operation(method: "get", path: "/v1/parcels/{barcode}/label", id: "parcelLabel",
                      summary: "The parcel's A6 label: Code 128 barcode, a QR code of the parcel's address, destination and hub", tag: "labels",
                      parameters: [.path("barcode")], responses: [(200, "The label", nil)], problems: [403, 422], media: pdf),
            Operation(method: "get", path: "/v1/shipments/{shipmentId}/labels", id: "shipmentLabels",
                      summary: "Every label of a shipment, one A6 page per parcel", tag: "labels",
                      parameters: [.path("shipmentId")], responses: [(200, "The labels", nil)], problems: [403, 422], media: pdf),
            Operation(method: "post", path: "/v1/routes/{routeId}/stops/{stopIndex}/completion", id: "completeStop",
                      summary: "Record a stop as delivered (with proof) or failed (with reason)", tag: "dispatch",
                      parameters: [route, .path("stopIndex", integer: true)], body: .json(DispatchController.StopCompletion.self),
                      responses: [(201, "Recorded", DispatchController.StopCompletionResult.self),
                                  (200, "Recorded before (retry)", DispatchController.StopCompletionResult.self)],
                      problems: [403, 409, 422]),
            Operation(method: "get", path: "/v1/driver/routes", id: "driverRoutes", summary: "The calling driver's dispatched routes", tag: "dispatch",
                      responses: [(200, "Routes", [RouteView].self)], problems: [403]),
            Operation(method: "get", path: "/v1/sites/{siteId}/contacts", id: "listContacts",
                      summary: "Where the site's recipient is notified (the recipient and the staff of hubs delivering there only)", tag: "notices",
                      parameters: [.path("siteId")], responses: [(200, "The contacts", [ContactsController.ContactView].self)]),
            Operation(method: "post", path: "/v1/sites/{siteId}/contacts", id: "addContact",
                      summary: "Add an e-mail address or phone number to notify of deliveries to the site", tag: "notices",
                      parameters: [.path("siteId")], body: .json(ContactsController.ContactBody.self),
                      responses: [(201, "Added", ContactsController.ContactView.self)], problems: [403, 409]),
            Operation(method: "delete", path: "/v1/sites/{siteId}/contacts/{contactId}", id: "removeContact",
                      summary: "Remove a contact; its messages not sent yet are not sent", tag: "notices",
                      parameters: [.path("siteId"), .path("contactId")], responses: [(204, "Removed", nil)], problems: [403]),
            Operation(method: "get", path: "/v1/sites/{siteId}/notices", id: "listNotices",
                      summary: "The messages sent or due to the site's contacts, newest first: state, attempts, the window told", tag: "notices",
                      parameters: [.path("siteId")], responses: [(200, "The messages", [ContactsController.NoticeView].self)]),
            Operation(method: "get", path: "/v1/tracking/{token}", id: "tracking",
                      summary: "A delivery by the secret of its tracking link: status, window and hub, nothing of carriers or other recipients",
                      tag: "notices", parameters: [.path("token")], responses: [(200, "The delivery", TrackingController.TrackingView.self)],
                      problems: [410], isPublic: true),
            Operation(method: "get", path: "/v1/webhooks", id: "listWebhooks",
                      summary: "The organisation's webhook subscriptions (platform admins: all); never the secrets", tag: "webhooks",
                      responses: [(200, "Subscriptions", [WebhooksController.SubscriptionView].self)], problems: [403]),
            Operation(method: "post", path: "/v1/webhooks", id: "createWebhook",
                      summary: "Subscribe a URL to parcel events the organisation may see; the signing secret is shown once", tag: "webhooks",
                      body: .json(WebhooksController.SubscriptionBody.self),
                      responses: [(201, "Subscribed", WebhooksController.SubscriptionView.self)], problems: [403, 404, 422]),
            Operation(method: "get", path: "/v1/webhooks/{webhookId}", id: "webhook", summary: "One subscription", tag: "webhooks",
                      parameters: [webhook], responses: [(200, "The subscription", WebhooksController.SubscriptionView.self)], problems: [403]),
            Operation(method: "delete", path: "/v1/webhooks/{webhookId}", id: "deleteWebhook",
                      summary: "Delete a subscription; its waiting messages are cancelled", tag: "webhooks", parameters: [webhook],
                      responses: [(204, "Deleted", nil)], problems: [403]),
            Operation(method: "get", path: "/v1/webhooks/{webhookId}/deliveries", id: "webhookDeliveries",
                      summary: "The subscription's delivery log, newest first", tag: "webhooks",
                      parameters: [webhook] + pageNumberParameters + [
                          .query("state", ["type": "string", "enum": WebhookDeliveryState.schemaValues], "Only messages in this state"),
                      ],
                      responses: [(200, "A page of deliveries", Paged<WebhooksController.DeliveryView>.self)], problems: [403]),
            Operation(method: "get", path: "/v1/webhooks/{webhookId}/deliveries/{deliveryId}", id: "webhookDelivery",
                      summary: "One message with its payload and every attempt", tag: "webhooks", parameters: [webhook, .path("deliveryId")],
                      responses: [(200, "The delivery", WebhooksController.DeliveryView.self)], problems: [403]),
            Operation(method: "post", path: "/v1/webhooks/{webhookId}/deliveries/{deliveryId}/replay", id: "replayWebhookDelivery",
                      summary: "Send a delivered or dead message again, with a new series of attempts", tag: "webhooks",
                      parameters: [webhook, .path("deliveryId")], responses: [(202, "Queued again", WebhooksController.DeliveryView.self)],
                      problems: [403, 409]),
            Operation(method: "get", path: "/v1/stats", id: "stats",
                      summary: "Aggregated figures per hub: municipalities for their area, hub operators for their hubs", tag: "analytics",
                      parameters: [.query("from", day, "First day (default: 'to')"), .query("to", day, "Last day (default: today)")],
                      responses: [(200, "Figures", StatsController.StatsView.self)], problems: [403, 422]),
        ] + impactOperations + zoneOperations
    }

    static var csv: (String, [String: Any]) { ("text/csv", ["type": "string"]) }

    /// The emission accounting: the hubs' impact, each day's audit trail, the parties' footprints, carriers' depots.
    private static var impactOperations: [Operation] {
        let hub = Operation.Parameter.path("hubId"), date = Operation.Parameter.path("date")
        let version = Operation.Parameter.query("factorVersion", ["type": "string"], "Emission-factor table version (default: the server's current one)")
        let period: [Operation.Parameter] = [
            .query("from", day, "First day of a custom period (with 'to')"), .query("to", day, "Last day (default: today)"),
            .query("period", ["type": "string", "enum": ImpactPeriod.Kind.allCases.map(\.rawValue)], "The day, ISO week or month around 'to' (default: week)"),
            version,
        ]
        let impact = period + [.query("hubId", ["type": "string"], "Only this hub")]
        let ileap: [String: Any] = [
            "type": "object", "required": ["data"],
            "properties": ["data": ["type": "array", "items": ["type": "object", "required": ["id", "specVersion", "pcf", "extensions"]]]],
            "description": "PACT 2.2 ListFootprints answer; each ProductFootprint carries one iLEAP v1.0.0 ShipmentFootprint, TOC or HOC (https://sine-fdn.github.io/ileap-extension/) as a data-model extension",
        ]
        return [
            Operation(method: "get", path: "/v1/impact", id: "impact",
                      summary: "What consolidation saved per hub and period against each carrier driving direct (ISO 14083); municipalities see hubs of their area with at least three carriers",
                      tag: "analytics", parameters: impact, responses: [(200, "Impact per hub", ImpactController.ImpactView.self)], problems: [403, 422]),
            Operation(method: "get", path: "/v1/impact.csv", id: "impactCSV", summary: "The same as CSV, one line per hub day (withheld days empty)",
                      tag: "analytics", parameters: impact, responses: [(200, "CSV with a header row", nil)], problems: [403, 422], media: csv),
            Operation(method: "get", path: "/v1/hubs/{hubId}/impact/{date}", id: "impactRevisions",
                      summary: "Every computation of the hub's day, newest first, with each leg, factor and assumption (the hub's staff)", tag: "analytics",
                      parameters: [hub, date], responses: [(200, "The revisions", [ImpactController.RevisionView].self)], problems: [400, 403]),
            Operation(method: "post", path: "/v1/hubs/{hubId}/impact/{date}", id: "recomputeImpact",
                      summary: "Account the day again now (late events, another factor table) as a new revision; old ones keep their numbers", tag: "analytics",
                      parameters: [hub, date, version], responses: [(201, "The new revision", ImpactController.RevisionView.self)], problems: [403, 422]),
            Operation(method: "get", path: "/v1/footprints", id: "footprints",
                      summary: "The caller's own shipments' footprints (carriers, shippers, hub operators; never another party's)", tag: "analytics",
                      parameters: period, responses: [(200, "Footprints", FootprintsController.FootprintList.self)], problems: [403, 422]),
            Operation(method: "get", path: "/v1/footprints.csv", id: "footprintsCSV", summary: "The same as CSV, one line per shipment and day",
                      tag: "analytics", parameters: period, responses: [(200, "CSV with a header row", nil)], problems: [403, 422], media: csv),
            Operation(method: "get", path: "/v1/footprints/ileap", id: "footprintsILEAP",
                      summary: "The caller's footprints as iLEAP ShipmentFootprints with their TOCs and HOCs, in PACT's {\"data\": [...]} shape", tag: "analytics",
                      parameters: period, responses: [(200, "PACT ProductFootprints", nil)], problems: [403, 422], media: ("application/json", ileap)),
            Operation(method: "get", path: "/v1/organisations/{organisationId}/depot", id: "depot",
                      summary: "A carrier's depot and vehicle for the counterfactual (the standard one, flagged, when it gave none)", tag: "analytics",
                      parameters: [.path("organisationId")], responses: [(200, "The depot", FootprintsController.DepotBody.self)], problems: [422]),
            Operation(method: "put", path: "/v1/organisations/{organisationId}/depot", id: "setDepot",
                      summary: "Set the carrier's depot and the vehicle it would deliver with (its admins and writers)", tag: "analytics",
                      parameters: [.path("organisationId")], body: .json(FootprintsController.DepotBody.self),
                      responses: [(200, "The depot", FootprintsController.DepotBody.self)], problems: [403, 422]),
        ]
    }
}
