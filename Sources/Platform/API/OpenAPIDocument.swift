import Domain
import Foundation

/// The OpenAPI 3.1 description of the JSON API, served at `/openapi.json`. A test checks that
/// its paths and methods are exactly the routes the server registers.
enum OpenAPIDocument {
    static let json: Data = {
        // The document is built from literals below; serialising them cannot fail.
        try! JSONSerialization.data(withJSONObject: document, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])
    }()

    // MARK: Schema helpers

    private static func ref(_ name: String) -> [String: Any] { ["$ref": "#/components/schemas/\(name)"] }
    private static var string: [String: Any] { ["type": "string"] }
    private static var number: [String: Any] { ["type": "number"] }
    private static var integer: [String: Any] { ["type": "integer"] }
    private static var boolean: [String: Any] { ["type": "boolean"] }
    private static var dateTime: [String: Any] { ["type": "string", "format": "date-time", "description": "ISO 8601 with offset"] }
    private static var date: [String: Any] { ["type": "string", "format": "date", "description": "YYYY-MM-DD"] }
    private static var position: [String: Any] { ["type": "array", "items": number, "minItems": 2, "maxItems": 2, "description": "[longitude, latitude]"] }
    private static func array(_ items: [String: Any]) -> [String: Any] { ["type": "array", "items": items] }
    private static func nullable(_ schema: [String: Any]) -> [String: Any] { ["oneOf": [schema, ["type": "null"]]] }
    private static func enumeration(_ values: [String]) -> [String: Any] { ["type": "string", "enum": values] }
    private static func object(_ properties: [String: [String: Any]], required: [String] = [], additional: Bool = false) -> [String: Any] {
        ["type": "object", "properties": properties, "required": required, "additionalProperties": additional]
    }

    // MARK: Operation helpers

    private static func json(_ schema: [String: Any]) -> [String: Any] { ["content": ["application/json": ["schema": schema]]] }

    private static func operation(
        _ summary: String, tag: String, id: String, parameters: [[String: Any]] = [], body: [String: Any]? = nil,
        responses: [String: (String, [String: Any]?)], idempotent: Bool = false
    ) -> [String: Any] {
        var result: [String: Any] = ["summary": summary, "tags": [tag], "operationId": id]
        var all = parameters
        if idempotent { all.append(["name": "Idempotency-Key", "in": "header", "required": false, "schema": string,
                                    "description": "Repeat the request with the same key to get the first response again instead of repeating the work."]) }
        if !all.isEmpty { result["parameters"] = all }
        if let body { result["requestBody"] = ["required": true] .merging(body) { $1 } }
        var answers: [String: Any] = [:]
        for (code, (description, schema)) in responses {
            var response: [String: Any] = ["description": description]
            if let schema { response["content"] = ["application/json": ["schema": schema]] }
            answers[code] = response
        }
        answers["4XX"] = ["description": "The request is wrong; the detail names the field, row or id",
                          "content": ["application/problem+json": ["schema": ref("Problem")]]]
        result["responses"] = answers
        return result
    }

    private static func pathParameter(_ name: String) -> [String: Any] { ["name": name, "in": "path", "required": true, "schema": string] }
    private static func query(_ name: String, _ schema: [String: Any], _ description: String) -> [String: Any] {
        ["name": name, "in": "query", "required": false, "schema": schema, "description": description]
    }
    private static var pageParameters: [[String: Any]] { [query("page", integer, "Page number, from 1"), query("perPage", integer, "Items per page, 1–500 (50)")] }

    // MARK: The document

    static var document: [String: Any] {
        [
            "openapi": "3.1.0",
            "info": [
                "title": "Samlast platform API",
                "version": "1.0.0",
                "description": """
                    The carrier-neutral consolidation hub: carriers and shippers announce shipments and post parcel events, \
                    the hub plans consolidated routes, drivers record deliveries with proof, and every party sees only its own data. \
                    Authenticate with `Authorization: Bearer <token>`. Errors are RFC 9457 problem details naming what is wrong and where.
                    """,
                "license": ["name": "Data: © OpenStreetMap contributors (ODbL) where maps or road distances are shown"],
            ],
            "security": [["bearer": [String]()]],
            "paths": paths,
            "components": [
                "securitySchemes": [
                    "bearer": ["type": "http", "scheme": "bearer", "description": "An API token (slt_…) of an organisation and role"],
                ],
                "schemas": schemas.mapValues { withTextLimits($0, field: nil) },
            ],
        ]
    }

    /// Every plain string property that `TextPolicy.limits` names gets the maximum length the
    /// server enforces for it, so the document states the limits from the same source.
    private static func withTextLimits(_ value: Any, field: String?) -> Any {
        switch value {
        case let array as [Any]:
            return array.map { withTextLimits($0, field: field) }
        case var object as [String: Any]:
            if object["type"] as? String == "string", object["enum"] == nil, object["format"] == nil, let field, let limit = TextPolicy.limits[field] {
                object["maxLength"] = limit
            }
            if let properties = object["properties"] as? [String: Any] {
                object["properties"] = Dictionary(firstWins: properties.map { ($0.key, withTextLimits($0.value, field: $0.key)) })
            }
            for name in ["items", "oneOf", "additionalProperties"] where object[name] != nil {
                object[name] = withTextLimits(object[name] as Any, field: field)
            }
            return object
        default:
            return value
        }
    }

    private static var schemas: [String: Any] {
        let roles = enumeration(["admin", "viewer", "writer", "driver"])
        let kinds = enumeration(["platform", "municipality", "hub-operator", "carrier", "shipper", "recipient"])
        let temperature = enumeration(["ambient", "chilled", "frozen"])
        let eventTypes = enumeration(["arrived-at-hub", "sorted", "loaded", "out-for-delivery", "delivered", "failed", "returned"])
        let event = object([
            "eventId": string, "source": string, "barcode": string, "type": string, "time": dateTime,
            "routeId": string, "receiverName": string, "photoReference": string, "reason": string,
        ], required: ["eventId", "source", "barcode", "type", "time"])
        let itemResult = object([
            "index": integer, "outcome": enumeration(["created", "duplicate", "rejected"]), "id": string, "problem": ref("Problem"),
        ], required: ["index", "outcome"])
        return [
            "Problem": object([
                "type": ["type": "string", "enum": ProblemType.allCases.map(\.uri) + ["about:blank"],
                         "description": "The kind of error, stable: urn:samlast:problem:<kind> (see the platform's README)"],
                "title": string, "status": integer, "detail": string, "instance": string,
            ], required: ["type", "title", "status", "detail"]),
            "Organisation": object(["id": string, "name": string, "kind": kinds], required: ["id", "name", "kind"]),
            "Me": object(["accountId": string, "name": string, "role": roles, "organisation": ref("Organisation")],
                         required: ["accountId", "name", "role", "organisation"]),
            "AccountRequest": object([
                "id": string, "organisationId": string, "name": string, "role": roles, "email": string,
                "password": ["type": "string", "minLength": 12, "writeOnly": true],
            ], required: ["name", "role"]),
            "Account": object(["id": string, "organisationId": string, "name": string, "role": roles, "email": string],
                              required: ["id", "organisationId", "name", "role"]),
            "TokenRequest": object(["accountId": string, "name": string], required: ["accountId", "name"]),
            "Token": object([
                "id": string, "accountId": string, "name": string, "createdAt": dateTime, "revokedAt": dateTime,
                "token": ["type": "string", "description": "The secret; only in the response that creates it"],
            ], required: ["id", "accountId", "name", "createdAt"]),
            "Hub": object([
                "id": string, "name": string, "operatorId": string, "municipalityId": string, "location": position,
                "timeZone": string, "opens": ["type": "string", "pattern": "^\\d\\d:\\d\\d$"], "closes": ["type": "string", "pattern": "^\\d\\d:\\d\\d$"],
            ], required: ["id", "name", "operatorId", "location", "timeZone", "opens", "closes"]),
            "Vehicle": object([
                "id": string, "type": enumeration(["e-cargo-bike", "e-van", "diesel-van", "truck"]), "capacityKg": integer,
                "capacityParcels": integer, "temperatures": array(temperature), "rangeKm": number,
            ], required: ["id", "type", "capacityKg", "capacityParcels"]),
            "Site": object([
                "id": string, "recipientId": string, "name": string, "address": string, "location": position,
                "timeWindows": ["type": "object", "description": "mon … sun → [[\"HH:MM\", \"HH:MM\"], …]",
                                "additionalProperties": array(array(string))],
                "accessNotes": string, "serviceMinutes": number,
            ], required: ["id", "name", "address", "location", "timeWindows"]),
            "ParcelRequest": object([
                "barcode": string, "weightKg": number, "lengthCm": number, "widthCm": number, "heightCm": number,
                "pallet": boolean, "temperature": temperature,
            ], required: ["barcode", "weightKg"]),
            "ShipmentRequest": object([
                "reference": string, "hubId": string, "siteId": string, "carrierId": string, "shipperId": string,
                "deliveryDate": date, "parcels": array(ref("ParcelRequest")),
            ], required: ["reference", "hubId", "siteId", "parcels"]),
            "Shipment": object([
                "id": string, "reference": string, "hubId": string, "siteId": string, "recipientId": string,
                "carrierId": string, "shipperId": string, "deliveryDate": date, "parcels": array(string),
            ], required: ["id", "reference", "hubId", "siteId", "recipientId", "carrierId", "parcels"]),
            "ShipmentBatch": object(["shipments": array(ref("ShipmentRequest"))], required: ["shipments"]),
            "ImportResult": object(["shipments": array(itemResult), "parcels": integer], required: ["shipments", "parcels"]),
            "BatchResult": object([
                "results": array(itemResult), "created": integer, "duplicates": integer, "rejected": integer,
            ], required: ["results", "created", "duplicates", "rejected"]),
            "Parcel": object([
                "barcode": string, "shipmentId": string, "carrierId": string, "shipperId": string, "recipientId": string,
                "siteId": string, "siteName": string, "hubId": string, "weightKg": number, "lengthCm": number, "widthCm": number,
                "heightCm": number, "pallet": boolean, "temperature": temperature,
                "status": enumeration(["announced", "at-hub", "sorted", "loaded", "out-for-delivery", "delivered", "failed", "returned"]),
                "statusTime": dateTime, "routeId": string, "eta": dateTime, "events": array(ref("Event")),
            ], required: ["barcode", "shipmentId", "carrierId", "recipientId", "siteId", "siteName", "hubId", "weightKg", "pallet", "temperature", "status", "statusTime"]),
            "ParcelPage": object(["items": array(ref("Parcel")), "page": integer, "perPage": integer, "total": integer],
                                 required: ["items", "page", "perPage", "total"]),
            "EventRequest": object([
                "eventId": string, "barcode": string, "type": eventTypes, "time": dateTime, "routeId": string,
                "receiverName": string, "photoReference": string, "reason": string,
            ], required: ["eventId", "barcode", "type", "time"]),
            "Event": event,
            "EventBatch": object(["events": array(ref("EventRequest"))], required: ["events"]),
            "PlanRequest": object(["date": date, "timeLimitSeconds": number]),
            "Stop": object([
                "index": integer, "siteId": string, "name": string, "address": string, "location": position, "eta": dateTime,
                "parcels": array(string), "state": enumeration(["pending", "delivered", "failed", "partly delivered"]), "accessNotes": string,
            ], required: ["index", "siteId", "name", "address", "location", "eta", "parcels", "state"]),
            "Route": object([
                "id": string, "planId": string, "vehicleId": string, "vehicleType": string, "departure": dateTime,
                "returnTime": dateTime, "distanceKm": number, "loadKg": number, "parcelCount": integer, "driverId": string,
                "dispatchedAt": dateTime, "stops": array(ref("Stop")),
            ], required: ["id", "planId", "vehicleId", "vehicleType", "departure", "returnTime", "distanceKm", "loadKg", "parcelCount", "stops"]),
            "Plan": object([
                "id": string, "hubId": string, "date": date, "status": enumeration(["queued", "running", "done", "failed"]),
                "progress": number, "createdAt": dateTime, "finishedAt": dateTime, "error": string, "routes": array(ref("Route")),
                "unassigned": array(object(["barcodes": array(string), "reason": string], required: ["barcodes", "reason"])),
                "totals": object(["routes": integer, "stops": integer, "parcels": integer, "distanceKm": number]),
            ], required: ["id", "hubId", "date", "status", "progress", "createdAt"]),
            "Dispatch": object(["driverId": string, "time": dateTime], required: ["driverId"]),
            "StopCompletion": object([
                "eventId": string, "outcome": enumeration(["delivered", "failed"]), "time": dateTime, "receiverName": string,
                "photoReference": string, "reason": string, "parcels": array(string),
            ], required: ["eventId", "outcome", "time"]),
            "StopCompletionResult": object(["routeId": string, "stopIndex": integer, "events": array(ref("Event")), "duplicate": boolean],
                                           required: ["routeId", "stopIndex", "events", "duplicate"]),
            "Stats": object(["hubs": array(object([
                "hubId": string, "hubName": string, "from": date, "to": date,
                "suppressed": ["type": "boolean", "description": "The figures are withheld (left out) from municipalities: fewer than three carriers contributed"],
                "parcelsAnnounced": nullable(integer), "parcelsDelivered": nullable(integer),
                "parcelsFailed": nullable(integer), "stops": nullable(integer), "parcelsPerStop": nullable(number), "routesDriven": nullable(integer),
                "distanceKm": nullable(number), "distanceKmByVehicleType": nullable(["type": "object", "additionalProperties": number]), "carriers": string,
            ], required: ["hubId", "hubName", "from", "to", "suppressed", "carriers"]))], required: ["hubs"]),
            "FeatureCollection": ["type": "object", "description": "GeoJSON (RFC 7946): routes as LineStrings, stops as Points",
                                  "properties": ["type": ["const": "FeatureCollection"], "features": array(["type": "object"]), "attribution": string],
                                  "required": ["type", "features"]],
        ]
    }

    private static var paths: [String: Any] {
        let hubId = pathParameter("hubId"), planId = pathParameter("planId"), routeId = pathParameter("routeId")
        return [
            "/health": ["get": operation("Liveness and database check", tag: "operations", id: "health",
                                         responses: ["200": ("Up", object(["status": string, "database": string]))]).merging(["security": [[String: Any]]()]) { $1 }],
            "/metrics": ["get": [
                "summary": "Prometheus metrics (text exposition format)", "tags": ["operations"], "operationId": "metrics", "security": [[String: Any]](),
                "responses": ["200": ["description": "Metrics", "content": ["text/plain": ["schema": string]]]],
            ]],
            "/openapi.json": ["get": [
                "summary": "This document", "tags": ["operations"], "operationId": "openapi", "security": [[String: Any]](),
                "responses": ["200": ["description": "OpenAPI 3.1", "content": ["application/json": ["schema": ["type": "object"]]]]],
            ]],
            "/v1/me": ["get": operation("Who the token belongs to", tag: "directory", id: "me", responses: ["200": ("The caller", ref("Me"))])],
            "/v1/organisations": [
                "get": operation("Organisations: all for platform admins, else one's own", tag: "directory", id: "listOrganisations",
                                 responses: ["200": ("Organisations", array(ref("Organisation")))]),
                "post": operation("Register an organisation (platform admin)", tag: "directory", id: "createOrganisation",
                                  body: json(ref("Organisation")), responses: ["201": ("Registered", ref("Organisation"))]),
            ],
            "/v1/accounts": [
                "get": operation("Accounts of the caller's organisation (admins)", tag: "directory", id: "listAccounts",
                                 responses: ["200": ("Accounts", array(ref("Account")))]),
                "post": operation("Create an account in the caller's organisation (admins)", tag: "directory", id: "createAccount",
                                  body: json(ref("AccountRequest")), responses: ["201": ("Created", ref("Account"))]),
            ],
            "/v1/tokens": [
                "get": operation("API tokens of the organisation (admins; never the secrets)", tag: "directory", id: "listTokens",
                                 responses: ["200": ("Tokens", array(ref("Token")))]),
                "post": operation("Issue an API token for an account (admins); the secret is shown once", tag: "directory", id: "createToken",
                                  body: json(ref("TokenRequest")), responses: ["201": ("Issued", ref("Token"))]),
            ],
            "/v1/tokens/{tokenId}": ["delete": operation("Revoke a token", tag: "directory", id: "revokeToken",
                                                         parameters: [pathParameter("tokenId")], responses: ["204": ("Revoked", nil)])],
            "/v1/hubs": [
                "get": operation("Hubs on the platform", tag: "directory", id: "listHubs", responses: ["200": ("Hubs", array(ref("Hub")))]),
                "post": operation("Register a hub (platform admin)", tag: "directory", id: "createHub", body: json(ref("Hub")),
                                  responses: ["201": ("Registered", ref("Hub"))]),
            ],
            "/v1/hubs/{hubId}": ["get": operation("One hub", tag: "directory", id: "hub", parameters: [hubId], responses: ["200": ("The hub", ref("Hub"))])],
            "/v1/hubs/{hubId}/vehicles": [
                "get": operation("The hub's fleet (its operator)", tag: "directory", id: "listVehicles", parameters: [hubId],
                                 responses: ["200": ("Vehicles", array(ref("Vehicle")))]),
                "post": operation("Add a vehicle to the fleet (its operator)", tag: "directory", id: "createVehicle", parameters: [hubId],
                                  body: json(ref("Vehicle")), responses: ["201": ("Added", ref("Vehicle"))]),
            ],
            "/v1/sites": [
                "get": operation("Delivery sites (access notes only for their recipient and hub staff)", tag: "directory", id: "listSites",
                                 responses: ["200": ("Sites", array(ref("Site")))]),
                "post": operation("Register a delivery site (the recipient)", tag: "directory", id: "createSite", body: json(ref("Site")),
                                  responses: ["201": ("Registered", ref("Site"))]),
            ],
            "/v1/sites/{siteId}": ["get": operation("One site", tag: "directory", id: "site", parameters: [pathParameter("siteId")],
                                                    responses: ["200": ("The site", ref("Site"))])],
            "/v1/shipments": ["post": operation(
                "Announce a shipment (carrier or shipper); the same reference and content again is a safe retry", tag: "intake", id: "createShipment",
                body: json(ref("ShipmentRequest")), responses: ["201": ("Announced", ref("Shipment")), "200": ("Announced before (retry)", ref("Shipment"))],
                idempotent: true)],
            "/v1/shipments/batch": ["post": operation(
                "Announce up to 1,000 shipments; each item is stored or rejected on its own", tag: "intake", id: "createShipments",
                body: json(ref("ShipmentBatch")), responses: ["200": ("A result per item", ref("BatchResult"))])],
            "/v1/shipments/import": ["post": operation(
                "Import a CSV file (text/csv): header reference,hub_id,site_id,barcode,weight_kg[,carrier_id,shipper_id,delivery_date,length_cm,width_cm,height_cm,pallet,temperature]; all rows or none",
                tag: "intake", id: "importShipments", body: ["content": ["text/csv": ["schema": string]]],
                responses: ["200": ("Imported", ref("ImportResult"))], idempotent: true)],
            "/v1/shipments/{shipmentId}": ["get": operation("One shipment the caller may see", tag: "intake", id: "shipment",
                                                            parameters: [pathParameter("shipmentId")], responses: ["200": ("The shipment", ref("Shipment"))])],
            "/v1/parcels": ["get": operation(
                "Parcels the caller may see, newest status first", tag: "intake", id: "listParcels",
                parameters: pageParameters + [query("status", string, "Only parcels in this status"), query("hubId", string, "Only parcels of this hub")],
                responses: ["200": ("A page of parcels", ref("ParcelPage"))])],
            "/v1/parcels/{barcode}": ["get": operation("One parcel with its event log", tag: "intake", id: "parcel",
                                                       parameters: [pathParameter("barcode")], responses: ["200": ("The parcel", ref("Parcel"))])],
            "/v1/events": ["post": operation(
                "Record a parcel event; idempotent on (organisation, eventId)", tag: "intake", id: "recordEvent", body: json(ref("EventRequest")),
                responses: ["201": ("Recorded", ref("Event")), "200": ("Recorded before (retry)", ref("Event"))])],
            "/v1/events/batch": ["post": operation(
                "Record up to 1,000 events; each item is stored or rejected on its own", tag: "intake", id: "recordEvents",
                body: json(ref("EventBatch")), responses: ["200": ("A result per item", ref("BatchResult"))])],
            "/v1/hubs/{hubId}/plans": [
                "post": operation("Plan (or re-plan) a day's routes; runs as a background job", tag: "planning", id: "requestPlan",
                                  parameters: [hubId], body: json(ref("PlanRequest")), responses: ["202": ("Queued; poll the plan", ref("Plan"))], idempotent: true),
                "get": operation("Plans of a day, newest first", tag: "planning", id: "listPlans",
                                 parameters: [hubId, query("date", date, "The day (today)")], responses: ["200": ("Plans", array(ref("Plan")))]),
            ],
            "/v1/plans/{planId}": ["get": operation("A plan with its routes once done", tag: "planning", id: "plan", parameters: [planId],
                                                    responses: ["200": ("The plan", ref("Plan"))])],
            "/v1/plans/{planId}/geojson": ["get": [
                "summary": "The plan's routes and stops as GeoJSON", "tags": ["planning"], "operationId": "planGeoJSON", "parameters": [planId],
                "responses": ["200": ["description": "FeatureCollection", "content": ["application/geo+json": ["schema": ref("FeatureCollection")]]],
                              "4XX": ["description": "Problem", "content": ["application/problem+json": ["schema": ref("Problem")]]]],
            ]],
            "/v1/routes/{routeId}/dispatch": ["post": operation(
                "Hand a route to a driver; its parcels become loaded and out for delivery", tag: "dispatch", id: "dispatch",
                parameters: [routeId], body: json(ref("Dispatch")), responses: ["200": ("Dispatched", ref("Route"))])],
            "/v1/routes/{routeId}/manifest": ["get": operation(
                "The driver's manifest: stops in order with parcels and access notes", tag: "dispatch", id: "manifest",
                parameters: [routeId], responses: ["200": ("The route", ref("Route"))])],
            "/v1/routes/{routeId}/stops/{stopIndex}/completion": ["post": operation(
                "Record a stop as delivered (with proof) or failed (with reason)", tag: "dispatch", id: "completeStop",
                parameters: [routeId, ["name": "stopIndex", "in": "path", "required": true, "schema": integer]],
                body: json(ref("StopCompletion")),
                responses: ["201": ("Recorded", ref("StopCompletionResult")), "200": ("Recorded before (retry)", ref("StopCompletionResult"))])],
            "/v1/driver/routes": ["get": operation("The calling driver's dispatched routes", tag: "dispatch", id: "driverRoutes",
                                                   responses: ["200": ("Routes", array(ref("Route")))])],
            "/v1/stats": ["get": operation(
                "Aggregated figures per hub: municipalities for their area, hub operators for their hubs", tag: "analytics", id: "stats",
                parameters: [query("from", date, "First day (default: 'to')"), query("to", date, "Last day (default: today)")],
                responses: ["200": ("Figures", ref("Stats"))])],
        ]
    }
}
