import Foundation
import Geo
import Routing
import Testing
@testable import Zones

@Suite struct DeliveryBayCSVTests {
    static var lyon: String { get throws { String(decoding: try fixture("exemple-grand-lyon.csv"), as: UTF8.self) } }
    static let now = at("2026-12-03T12:00:00+01:00")

    /// The schema's own example has a broken polygon on its first row (single parentheses):
    /// the file is refused at that cell, and imports once it is mended.
    @Test func theSchemasExampleIsRefusedAtItsBrokenPolygonAndImportsMended() throws {
        #expect(performing: { try DeliveryBayCSV.read(try Self.lyon, importedAt: Self.now) }, throws: { error in
            let problem = error as? DeliveryBayCSV.Problem
            return problem?.line == 2 && problem?.column == "GEOM_WKT"
        })
        let mended = try Self.lyon.replacingOccurrences(of: "POLYGON(4.855154 45.769666, 4.855176 45.769668, 4.855190 45.769583, 4.855168 45.769581, 4.855154 45.769666)",
                                                        with: "POLYGON((4.855154 45.769666, 4.855176 45.769668, 4.855190 45.769583, 4.855168 45.769581, 4.855154 45.769666))")
        let result = try DeliveryBayCSV.read(mended, importedAt: Self.now)
        #expect(result.bays.count == 16)
        #expect(result.warnings.count == 1 && result.warnings[0].hasPrefix("line 8: aire périodique 'GL-2306'"))
        let ney = try #require(result.bays.first { $0.curb.userZoneId == "GL-2300" })
        #expect(ney.curb.curbZoneId == "828e1140-523c-4a41-b466-ab1b64a4a4bd" && ney.curb.length == 900 && ney.curb.width == 180 && ney.curb.parkingAngle == "parallel")
        #expect(ney.policies.count == 1 && ney.policies[0].timeSpans == nil)
        // "Mo-Fr 08:00-12:00,14:00-19:00" as the schema's TEMPORALITE_CDS: two CDS spans.
        let twoPeriods = try #require(result.bays.first { $0.curb.userZoneId == "GL-2304" })
        #expect(twoPeriods.policies[0].timeSpans?.map { [$0.timeOfDayStart, $0.timeOfDayEnd] } == [["08:00", "12:00"], ["14:00", "19:00"]])
        let clock = try ZoneClock(timeZone: "Europe/Paris")
        let delivery = LoadingBay.userClasses(of: Vehicles.dieselVan, consolidated: false)
        #expect(twoPeriods.access(classes: delivery, at: at("2026-12-07T09:00:00+01:00"), clock: clock).allowed)
        #expect(!twoPeriods.access(classes: delivery, at: at("2026-12-07T13:00:00+01:00"), clock: clock).allowed)
        // ACTIVE=non: the bay has ended.
        #expect(result.bays.first { $0.curb.userZoneId == "GL-2307" }?.curb.endDate != nil)
    }

    @Test func writtenFilesReadBackToTheSameBays() throws {
        let text = DeliveryBayCSV.write(Bays.fornebu)
        let read = try DeliveryBayCSV.read(text, importedAt: Self.now)
        #expect(read.bays.map(\.curb.curbZoneId) == Bays.fornebu.map(\.curb.curbZoneId))
        #expect(DeliveryBayCSV.write(read.bays) == DeliveryBayCSV.write(try DeliveryBayCSV.read(DeliveryBayCSV.write(read.bays), importedAt: Self.now).bays))
        #expect(text.hasPrefix("ARR_PRESENT,ARR_URL,ACTIVE,UUID,ID,"))
    }

    static let header = DeliveryBayCSV.columns.joined(separator: ",")
    static func file(_ cells: [String: String]) -> String {
        let base = ["ID": "B-1", "LONGITUDE": "10.617", "LATITUDE": "59.899", "TYPE": "aire permanente"].merging(cells) { $1 }
        let good = ["ID": "B-0", "LONGITUDE": "10.62", "LATITUDE": "59.90"]
        return header + "\n" + CSVTable.line(DeliveryBayCSV.columns.map { good[$0] ?? "" }) + CSVTable.line(DeliveryBayCSV.columns.map { base[$0] ?? "" })
    }

    @Test(arguments: [
        (["LONGITUDE": "10,617"], "LONGITUDE", "is not a number"),
        (["LATITUDE": "95"], "LATITUDE", "lies outside"),
        (["ID": ""], "ID", "required"),
        (["ID": "B-0"], "ID", "already used on line 2"),
        (["TYPE": "aire temporaire"], "TYPE", "is not one of"),
        (["ACTIVE": "ja"], "ACTIVE", "is not oui/non"),
        (["LONGUEUR": "50"], "LONGUEUR", "lies outside 100–10,000"),
        (["UUID": "not-a-uuid"], "UUID", "is not a UUID"),
        (["CODE_POSTAL": "1366"], "CODE_POSTAL", "is not a French postcode"),
        (["DATE_MAJ": "2025-10-22 14:25"], "DATE_MAJ", "is not an ISO 8601"),
        (["GEOM_WKT": "POLYGON((10.6 59.8, 10.7 59.8, 10.7 59.9))"], "GEOM_WKT", "at least four positions"),
        (["TYPE": "aire périodique", "TEMPORALITE_CDS": #"[{"days_of_week":["mon"],"times_of_day":[["19:00","08:00"]]}]"#], "TEMPORALITE_CDS", "start first"),
    ])
    func aBadRowIsRefusedWithItsLineAndColumn(cells: [String: String], column: String, reason: String) {
        #expect(performing: { try DeliveryBayCSV.read(Self.file(cells), importedAt: Self.now) }, throws: { error in
            guard let problem = error as? DeliveryBayCSV.Problem else { return false }
            return problem.line == 3 && problem.column == column && problem.reason.contains(reason)
        })
    }

    @Test func unknownColumnsAreRefused() {
        let text = Self.header.replacingOccurrences(of: "COMMENTAIRE", with: "REMARQUE") + "\n"
        #expect(performing: { try DeliveryBayCSV.read(text, importedAt: Self.now) }, throws: { ($0 as? DeliveryBayCSV.Problem)?.description == "line 1, column REMARQUE: not a column of the aire-livraison schema" })
    }

    @Test func nameBasedUUIDsAreStableVersion5() {
        let a = DeliveryBayCSV.nameBasedUUID("aire-livraison:GL-1"), b = DeliveryBayCSV.nameBasedUUID("aire-livraison:GL-1")
        #expect(a == b && a != DeliveryBayCSV.nameBasedUUID("aire-livraison:GL-2"))
        #expect(Array(a)[14] == "5")
    }
}
