import Geo

extension SampleZone {
    /// When the sample bays were published (2026-05-28).
    public static let published: Int64 = 1_780_000_000_000
    static func bay(_ n: Int, at point: Coordinate, lengthCm: Int?, spaces: Int? = nil) -> LoadingBay {
        let id = DeliveryBayCSV.nameBasedUUID("sample-bay-\(n)")
        let consolidated = CDS.CurbPolicy(curbPolicyId: DeliveryBayCSV.nameBasedUUID("sample-bay-consolidated-\(n)"), publishedDate: published, priority: 1,
                                          rules: [CDS.Rule(activity: "loading", maxStay: 30, userClasses: ["consolidated"]), CDS.Rule(activity: "no loading")],
                                          timeSpans: [CDS.TimeSpan(daysOfWeek: ["mon", "tue", "wed", "thu", "fri"], timeOfDayStart: "07:00", timeOfDayEnd: "16:00",
                                                                   designatedPeriod: "holidays", designatedPeriodExcept: true)],
                                          name: "Samlastede kjøretøy 07–16")
        let anyone = CDS.CurbPolicy(curbPolicyId: DeliveryBayCSV.nameBasedUUID("sample-bay-delivery-\(n)"), publishedDate: published, priority: 2,
                                    rules: [CDS.Rule(activity: "loading", maxStay: 30, userClasses: ["delivery"])], name: "Varelevering")
        var curb = CDS.CurbZone(curbZoneId: id, geometry: DeliveryBayCSV.rectangle(around: point, lengthCm: lengthCm ?? 1500, widthCm: 250),
                                curbPolicyIds: [consolidated.curbPolicyId, anyone.curbPolicyId], publishedDate: published, lastUpdatedDate: published, startDate: published)
        curb.length = lengthCm
        curb.numSpaces = spaces
        curb.userZoneId = "fornebu-\(n)"
        curb.name = "Lastelomme \(n)"
        curb.streetName = "Snarøyveien"
        return LoadingBay(curb: curb, policies: [consolidated, anyone])
    }

    /// Two bays in the sample zone: for certified consolidators only 07–16 on workdays, open to
    /// every delivery otherwise, 30 minutes at most; the first 15 m unmarked, the second with two marked spaces.
    public static let bays = [bay(1, at: Coordinate(longitude: 10.6170, latitude: 59.8990), lengthCm: 1500),
                              bay(2, at: Coordinate(longitude: 10.6230, latitude: 59.9010), lengthCm: 2400, spaces: 2)]
}

