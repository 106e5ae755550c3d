import Zones

extension OpenAPIDocument {
    /// Consolidation zones, trips and their verdicts, permits, loading bays and their bookings, the CDS Curbs and Events APIs.
    static var zoneOperations: [Operation] {
        let zone = Operation.Parameter.path("zoneId"), bay = Operation.Parameter.path("bayId"), booking = Operation.Parameter.path("bookingId")
        let instant: [String: Any] = ["type": "string", "format": "date-time"]
        let period: [Operation.Parameter] = [.query("from", instant, "From this instant (default: 32 days before 'to')"), .query("to", instant, "Until this instant (default: tomorrow)")]
        let municipality = Operation.Parameter.query("municipalityId", ["type": "string"], "For platform admins: the municipality the data is for")
        let featureCollection: [String: Any] = [
            "type": "object", "required": ["type", "features"],
            "properties": ["type": ["const": "FeatureCollection"], "features": ["type": "array", "items": ["type": "object", "required": ["type", "id", "geometry", "properties"]]]],
            "description": "RFC 7946 FeatureCollection: each Feature's geometry a zone's Polygon or MultiPolygon, its properties the rule set (docs/zones.md)",
        ]
        let cdsEnvelope: [String: Any] = [
            "type": "object", "required": ["version", "time_zone", "last_updated", "currency", "data"],
            "description": "Curb Data Specification 1.0 Curbs API response (https://github.com/openmobilityfoundation/curb-data-specification)",
        ]
        let cdsEvents: [String: Any] = [
            "type": "object", "required": ["version", "time_zone", "last_updated", "data"],
            "properties": ["data": ["type": "object", "required": ["events"], "properties": ["events": ["type": "array", "items": ["type": "object"]]]]],
            "description": "Curb Data Specification 1.0 Events API feed",
        ]
        let geo = ("application/geo+json", featureCollection), cds = ("application/vnd.cds+json", cdsEnvelope)
        let bookingStates = ["held", "confirmed", "arrived"]
        return [
            Operation(method: "get", path: "/v1/zones", id: "zones", summary: "Every zone's current rules as GeoJSON (public regulation: every party reads them)",
                      tag: "zones", responses: [(200, "The zones", nil)], media: geo),
            Operation(method: "put", path: "/v1/zones", id: "importZones",
                      summary: "Import the municipality's zones, all or none; a zone whose rules changed gets a new version (its admins and case officers)",
                      tag: "zones", parameters: [municipality], body: .documents([geo], "A GeoJSON FeatureCollection of zones"),
                      responses: [(200, "What became of each zone", [ZonesController.ImportedZone].self)], problems: [403, 409, 422]),
            Operation(method: "get", path: "/v1/zones/{zoneId}", id: "zone", summary: "One zone's current rules as a FeatureCollection of one", tag: "zones",
                      parameters: [zone], responses: [(200, "The zone", nil)], media: geo),
            Operation(method: "get", path: "/v1/zones/trips", id: "zoneTrips", summary: "The caller's own trips into zones with their verdicts (operators only)",
                      tag: "zones", parameters: period + [.query("zoneId", ["type": "string"], "Only this zone")],
                      responses: [(200, "Trips", [ZonesController.TripView].self)], problems: [403]),
            Operation(method: "post", path: "/v1/zones/trips", id: "declareTrips",
                      summary: "Declare trips into zones, all or none, and get each verdict with every reason; a trip sent again unchanged is answered as stored",
                      tag: "zones", body: .jsonOrCSV(ZonesController.TripsBody.self, "Or CSV: \(TripDeclarationCSV.columns.joined(separator: ", "))"),
                      responses: [(201, "The stored trips with their verdicts", [ZonesController.TripView].self)], problems: [403, 409, 422]),
            Operation(method: "get", path: "/v1/zones/{zoneId}/compliance", id: "zoneCompliance",
                      summary: "A month's compliance: an operator's own trips, or for the zone's municipality all operators in aggregate (withheld below three)",
                      tag: "zones", parameters: [zone, .query("month", ["type": "string", "pattern": "^[0-9]{4}-(0[1-9]|1[0-2])$"], "YYYY-MM (default: this month)")],
                      responses: [(200, "Compliance", ZonesController.ComplianceView.self)], problems: [403]),
            Operation(method: "post", path: "/v1/zones/{zoneId}/permits", id: "applyForPermit",
                      summary: "Apply for an exemption; the zone's automatic rules grant what they allow, the rest waits for a case officer", tag: "zones",
                      parameters: [zone], body: .json(PermitsController.ApplicationBody.self),
                      responses: [(201, "The application, granted or pending", PermitsController.PermitView.self)], problems: [403]),
            Operation(method: "get", path: "/v1/permits", id: "permits",
                      summary: "An operator's own applications, or those asked of a municipality's zones (its case officers' inbox)", tag: "zones",
                      parameters: [.query("status", ["type": "string", "enum": ["pending", "granted", "refused"]], "Only these")],
                      responses: [(200, "Permits, newest first", [PermitsController.PermitView].self)], problems: [403]),
            Operation(method: "post", path: "/v1/permits/{permitId}/decision", id: "decidePermit",
                      summary: "A case officer grants or refuses a pending application, with the reason", tag: "zones",
                      parameters: [.path("permitId")], body: .json(PermitsController.DecisionBody.self),
                      responses: [(200, "The decided permit", PermitsController.PermitView.self)], problems: [403, 409]),
            Operation(method: "get", path: "/v1/bays", id: "bays", summary: "Loading bays with their capacity per vehicle category and their CDS policies",
                      tag: "bays", responses: [(200, "Bays", [BaysController.BayView].self)]),
            Operation(method: "put", path: "/v1/bays", id: "importBays",
                      summary: "Import the municipality's bays from a CDS Curbs document or the French aire-livraison CSV, all or none", tag: "bays",
                      parameters: [municipality],
                      body: .documents([cds, ("application/json", cdsEnvelope), ("text/csv", ["type": "string"])], "CDS zones with their policies, or aire-livraison v1.0.0 CSV"),
                      responses: [(200, "How many were imported, and what to look at", BaysController.ImportResult.self)], problems: [403, 409, 422]),
            Operation(method: "get", path: "/v1/bays/{bayId}/occupancy", id: "bayOccupancy", summary: "Spaces booked per slot of a day; counts only, no operators",
                      tag: "bays", parameters: [bay, .query("date", day, "The day (default: today)")], responses: [(200, "Occupancy", BaysController.OccupancyView.self)]),
            Operation(method: "get", path: "/v1/cds/curbs/zones", id: "cdsCurbZones", summary: "CDS Curbs API: the bays as Curb Zones", tag: "bays",
                      responses: [(200, "CDS envelope with data.zones", nil)], media: cds),
            Operation(method: "get", path: "/v1/cds/curbs/policies", id: "cdsCurbPolicies", summary: "CDS Curbs API: the bays' policies", tag: "bays",
                      responses: [(200, "CDS envelope with data.policies", nil)], media: cds),
            Operation(method: "get", path: "/v1/cds/curbs/areas", id: "cdsCurbAreas", summary: "CDS Curbs API: the zones as Curb Areas naming the bays inside", tag: "bays",
                      responses: [(200, "CDS envelope with data.areas", nil)], media: cds),
            Operation(method: "post", path: "/v1/cds/events", id: "receiveCurbEvents",
                      summary: "CDS Events: the municipality's sensors, cameras and fleet feeds send events, all or none; plates are kept only as keyed hashes, for the retention period",
                      tag: "bays", parameters: [municipality], body: .documents([(cds.0, cdsEvents), ("application/json", cdsEvents)], "A CDS Events feed (data.events)"),
                      responses: [(200, "How many were new and how many were sent before", CurbEventsController.Receipt.self)], problems: [400, 403, 409, 415, 422]),
            Operation(method: "get", path: "/v1/cds/events", id: "curbEvents",
                      summary: "CDS Events: the municipality's events without vehicle identifiers, oldest first, in pages (Link rel=next) (its staff only)", tag: "bays",
                      parameters: period + [municipality, .query("curb_zone_id", ["type": "string"], "Only this bay"),
                                            .query("limit", ["type": "integer", "minimum": 1, "maximum": CurbEventsController.maximumEvents], "Events a page (default and most: 10,000)"),
                                            .query("after", ["type": "string"], "The cursor of the Link header's next page")],
                      responses: [(200, "CDS Events feed with data.events", nil)], problems: [400, 403, 422], media: (cds.0, cdsEvents)),
            Operation(method: "get", path: "/v1/zones/{zoneId}/entries", id: "zoneEntries",
                      summary: "Vehicles sensors saw enter the zone, set against declared trips: counts and the undeclared entries (the zone's municipality only)",
                      tag: "zones", parameters: [zone] + period, responses: [(200, "Entries", CurbEventsController.EntriesView.self)], problems: [400, 403, 404, 422]),
            Operation(method: "post", path: "/v1/bays/{bayId}/bookings", id: "holdBay",
                      summary: "Hold a bay's slots for a vehicle; the hold lapses unless confirmed (409 when the slot is full)", tag: "bays",
                      parameters: [bay], body: .json(BookingsController.HoldBody.self),
                      responses: [(201, "Held", BookingsController.BookingView.self)], problems: [403, 409, 422]),
            Operation(method: "get", path: "/v1/bookings", id: "bookings", summary: "The operator's own bookings", tag: "bays", parameters: period,
                      responses: [(200, "Bookings", [BookingsController.BookingView].self)], problems: [403]),
            Operation(method: "post", path: "/v1/bookings/{bookingId}/confirm", id: "confirmBooking",
                      summary: "Confirm a hold near the bay or shortly before its start", tag: "bays", parameters: [booking],
                      body: .json(BookingsController.ConfirmBody.self), responses: [(200, "Confirmed", BookingsController.BookingView.self)], problems: [409, 422]),
            Operation(method: "post", path: "/v1/bookings/{bookingId}/arrive", id: "arriveAtBay", summary: "Check in at the bay (a confirmed booking is then kept)",
                      tag: "bays", parameters: [booking], responses: [(200, "Arrived", BookingsController.BookingView.self)], problems: [409]),
            Operation(method: "delete", path: "/v1/bookings/{bookingId}", id: "releaseBooking",
                      summary: "Release a booking (\(bookingStates.joined(separator: ", "))) so others can have its slots", tag: "bays",
                      parameters: [booking], responses: [(204, "Released", nil)], problems: [409]),
        ]
    }
}

extension ZoneVehicle.Category: APIEnumeration {}
extension ViolationCode: APIEnumeration {}
extension ZoneVerdict.Outcome: APIEnumeration {}
extension Weekday: APIEnumeration {}
extension TimeSpan.Holidays: APIEnumeration {}

extension LocalTime: APICustomSchema {
    static var schema: [String: Any] { FieldRule.clock.keywords.merging(["type": "string"]) { $1 } }
    static var sample: LocalTime { LocalTime(minutes: 0) }
}

extension ZoneArea: APICustomSchema {
    static var schema: [String: Any] {
        ["type": "object", "required": ["type", "coordinates"], "description": "GeoJSON Polygon or MultiPolygon (RFC 7946)",
         "properties": ["type": ["enum": ["Polygon", "MultiPolygon"]], "coordinates": ["type": "array"]]]
    }
    static var sample: ZoneArea { ZoneArea(polygons: []) }
}
