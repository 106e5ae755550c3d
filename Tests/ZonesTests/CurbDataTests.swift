import Foundation
import Geo
import Testing
@testable import Zones

func fixture(_ name: String) throws -> Data {
    guard let url = Bundle.module.url(forResource: "Fixtures/" + name, withExtension: nil) else { throw CocoaError(.fileNoSuchFile) }
    return try Data(contentsOf: url)
}

/// The sample bays at Fornebu (`SampleZone.bays`).
enum Bays {
    static let published = SampleZone.published
    static let fornebu = SampleZone.bays
}

@Suite struct CurbDataTests {
    /// The specification's published examples read and write back without losing a field.
    @Test(arguments: ["curbs-zones-minimum.json", "curbs-policies.json", "curbs-policy-rate-units.json"])
    func publishedExamplesParseAndWriteBackTheSame(name: String) throws {
        let original = try fixture(name)
        let envelope = try CurbDocument.read(original, region: .world)
        let written = CurbDocument.write(envelope)
        let a = try JSONSerialization.jsonObject(with: original) as? NSDictionary
        let b = try JSONSerialization.jsonObject(with: written) as? NSDictionary
        #expect(a != nil && a == b)
    }

    @Test func policiesFromTheSpecificationsExampleDecide() throws {
        let envelope = try CurbDocument.read(try fixture("curbs-policies.json"), region: .world)
        let geometry = DeliveryBayCSV.rectangle(around: Coordinate(longitude: -73.97, latitude: 40.77), lengthCm: 2000, widthCm: 250)
        let bay = LoadingBay(curb: CDS.CurbZone(curbZoneId: UUID().uuidString, geometry: geometry, curbPolicyIds: [], publishedDate: 0, lastUpdatedDate: 0, startDate: 0),
                             policies: envelope.data.policies ?? [])
        let clock = try ZoneClock(timeZone: envelope.timeZone)
        // Tuesday 11:00 in New York: electric rideshare vehicles may park 15 minutes (priority 1); others 60 (priority 2).
        let tuesday = at("2019-03-19T11:00:00-04:00")
        let rideshare = bay.access(classes: ["rideshare", "electric"], at: tuesday, clock: clock)
        #expect(rideshare.allowed && rideshare.maxStayMinutes == 15 && rideshare.policyId == "cd0996d7-3765-4f0b-a72e-7caf7cf3fe21")
        #expect(bay.access(classes: ["rideshare"], at: tuesday, clock: clock).maxStayMinutes == 60)
        // At 23:00 only the priority-3 "no stopping" is in force.
        let late = bay.access(classes: ["van"], at: at("2019-03-19T23:00:00-04:00"), clock: clock)
        #expect(!late.allowed && late.activity == "no stopping")
    }

    @Test func consolidatedOnlyHoursAtAFornebuBay() throws {
        let bay = Bays.fornebu[0]
        let clock = try ZoneClock()
        let hubVan = LoadingBay.userClasses(of: Vehicles.electricVan, consolidated: true)
        let carrierVan = LoadingBay.userClasses(of: Vehicles.dieselVan, consolidated: false)
        let monday = at("2026-12-07T10:00:00+01:00")
        #expect(bay.access(classes: hubVan, at: monday, clock: clock).allowed)
        let refused = bay.access(classes: carrierVan, at: monday, clock: clock)
        #expect(!refused.allowed && refused.activity == "no loading" && refused.reason.contains("Samlastede kjøretøy 07–16"))
        // After 16:00, on Saturday and on Christmas Day every delivery may load, 30 minutes.
        for instant in ["2026-12-07T16:00:00+01:00", "2026-12-05T10:00:00+01:00", "2026-12-25T10:00:00+01:00"] {
            let access = bay.access(classes: carrierVan, at: at(instant), clock: clock)
            #expect(access.allowed && access.maxStayMinutes == 30, "\(instant)")
        }
        // A private car (no delivery class) may not load there at all.
        #expect(!bay.access(classes: ["car", "combustion"], at: at("2026-12-07T17:00:00+01:00"), clock: clock).allowed)
    }

    @Test func capacityIsMarkedSpacesOrLengthOverARoomPerClass() {
        // 15 m unmarked: two vans (7.5 m each), one truck (11.5 m), five cargo bikes (3 m).
        #expect(Bays.fornebu[0].capacity(for: .van) == 2)
        #expect(Bays.fornebu[0].capacity(for: .truck) == 1)
        #expect(Bays.fornebu[0].capacity(for: .cargoBike) == 5)
        // Marked spaces win over length.
        #expect(Bays.fornebu[1].capacity(for: .van) == 2 && Bays.fornebu[1].capacity(for: .cargoBike) == 2)
    }

    @Test func bayDataExportedAndReimportedIsIdentical() throws {
        let envelope = CDS.Envelope(timeZone: "Europe/Oslo", lastUpdated: Bays.published, author: "Bærum kommune",
                                    data: CDS.Payload(zones: Bays.fornebu.map(\.curb), policies: Bays.fornebu.flatMap(\.policies)))
        let first = CurbDocument.write(envelope)
        let read = try CurbDocument.read(first)
        #expect(read == envelope)
        #expect(CurbDocument.write(read) == first)
    }

    @Test func brokenCurbDocumentsNameThePathAndReason() throws {
        let good = String(decoding: try fixture("curbs-policies.json"), as: UTF8.self)
        let cases: [(String, String, String)] = [
            (#""activity": "no stopping""#, #""activity": "no standing""#, "$.data.policies[2].rules[0].activity: 'no standing' is not one of"),
            (#""time_of_day_start": "10:00""#, #""time_of_day_start": "10am""#, "$.data.policies[0].time_spans[0].time_of_day_start: '10am' is not a time of day"),
            (#""curb_policy_id": "8c0abb35-b8d2-469e-bdb1-b6de52c430ac""#, #""curb_policy_id": "policy-3""#, "$.data.policies[2].curb_policy_id: 'policy-3' is not a UUID"),
            (#""priority": 2"#, #""priority": "2""#, "$.data.policies[1].priority: expected"),
            (#""tue","#, #""tues","#, "$.data.policies[0].time_spans[0].days_of_week[1]"),
        ]
        for (from, to, expected) in cases {
            let broken = Data(good.replacingOccurrences(of: from, with: to).utf8)
            #expect(performing: { try CurbDocument.read(broken, region: .world) }, throws: { ($0 as? CurbDocument.Problem)?.description.hasPrefix(expected) == true })
        }
        // A zone naming a policy the document lacks.
        var zone = Bays.fornebu[0].curb
        zone.curbPolicyIds.append("00000000-0000-4000-8000-000000000000")
        let envelope = CDS.Envelope(timeZone: "Europe/Oslo", lastUpdated: 0, data: CDS.Payload(zones: [zone], policies: Bays.fornebu[0].policies))
        #expect(performing: { try CurbDocument.read(CurbDocument.write(envelope)) },
                throws: { ($0 as? CurbDocument.Problem)?.path == "$.data.zones[0].curb_policy_ids[2]" })
    }
}
