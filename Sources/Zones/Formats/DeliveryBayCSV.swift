import Crypto
import Foundation
import Geo
import Routing

/// The French open-data schema for delivery bays, "Aires de livraison" (CEREMA,
/// schema-aire-livraison v1.0.0, TableSchema, comma-separated UTF-8). Samlast reads a whole
/// file or nothing: every broken cell is reported with its line and column, and a file with
/// any is refused. Columns without a Curb Data Specification counterpart (signage state,
/// equipment, chargers, comments…) are checked and not kept.
public enum DeliveryBayCSV {
    public struct Problem: Error, Equatable, Sendable, CustomStringConvertible {
        public var line: Int
        /// The column's name as in the header, or empty for the whole line.
        public var column: String
        public var reason: String
        public var description: String { column.isEmpty ? "line \(line): \(reason)" : "line \(line), column \(column): \(reason)" }
    }

    /// What a file gave: its bays, and what was read but is worth a look.
    public struct Import: Sendable {
        public var bays: [LoadingBay]
        public var warnings: [String]
    }

    public static let columns = ["ARR_PRESENT", "ARR_URL", "ACTIVE", "UUID", "ID", "NOM", "DATE_MAJ", "LONGITUDE", "LATITUDE", "GEOM_WKT", "ADRESSE",
                                 "CODE_POSTAL", "COMMUNE", "DISPOSITION", "PARITE_TROTTOIR", "LOCALISATION", "LONGUEUR", "LARGEUR", "MARQUAGE_ETAT",
                                 "MARQUAGE_CONFORMITE", "TYPE", "PANNEAU_PRESENT", "PANNEAU_ETAT", "DUREE_MAX", "DUREE_CONTROLE", "TEMPORALITE_CDS",
                                 "TEMPORALITE_OSM", "EQUIPEMENTS", "IRVE_PUISSANCE", "ABAISSEMENT_TROTTOIR", "COMMENTAIRE"]
    static let required: Set = ["ID", "LONGITUDE", "LATITUDE"]
    static let missing: Set = ["", "NA", "NaN", "N/A", "n/a"]
    static let trueValues: Set = ["oui", "Oui", "OUI", "o", "O", "vrai", "Vrai", "VRAI", "true", "True", "TRUE", "1"]
    static let falseValues: Set = ["non", "Non", "NON", "n", "N", "faux", "Faux", "FAUX", "false", "False", "FALSE", "0"]
    static let enums: [String: Set<String>] = [
        "DISPOSITION": ["bataille", "épi", "parallèle"], "PARITE_TROTTOIR": ["impair", "pair", "inconnu"],
        "LOCALISATION": ["chaussée", "encoche", "terre-plein", "aire piétonne", "parking"], "MARQUAGE_ETAT": ["bon état", "dégradé", "absent"],
        "TYPE": ["aire périodique", "aire permanente", "zone marchandises"], "PANNEAU_ETAT": ["bon état", "dégradé", "n/a"],
        "DUREE_CONTROLE": ["caméra", "capteur", "disque horodateur", "autre"],
    ]
    static let booleans: Set = ["ARR_PRESENT", "ACTIVE", "MARQUAGE_CONFORMITE", "PANNEAU_PRESENT", "ABAISSEMENT_TROTTOIR"]
    static let ranges: [String: ClosedRange<Double>] = ["LONGITUDE": -180...180, "LATITUDE": -90...90, "LONGUEUR": 100...10_000, "LARGEUR": 100...1000,
                                                        "IRVE_PUISSANCE": 1...4500, "DUREE_MAX": 1...1440]
    static let parkingAngles = ["bataille": "perpendicular", "épi": "angled", "parallèle": "parallel"]
    /// Width assumed where LARGEUR is empty (cm), for the footprint drawn around the point.
    static let defaultWidthCm = 200
    static let defaultLengthCm = 1000

    /// Reads `text`; `importedAt` stamps bays whose DATE_MAJ is empty.
    public static func read(_ text: String, importedAt: Date, region: ExpectedRegion = .world) throws(Problem) -> Import {
        let table: CSVTable
        do { table = try CSVTable(text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text) } catch {
            throw Problem(line: error.line, column: "", reason: error.message)
        }
        let header = table.header.map { $0.uppercased() }
        if let unknown = header.first(where: { !columns.contains($0) }) {
            throw Problem(line: 1, column: unknown, reason: "not a column of the aire-livraison schema")
        }
        if let absent = required.sorted().first(where: { !header.contains($0) }) {
            throw Problem(line: 1, column: absent, reason: "the schema requires this column")
        }
        var bays: [LoadingBay] = [], warnings: [String] = []
        var ids: [String: Int] = [:], uuids: [String: Int] = [:]
        for (line, cells) in table.rows {
            var row: [String: String] = [:]
            for (name, cell) in zip(header, cells) where !missing.contains(cell.trimmingCharacters(in: .whitespaces)) { row[name] = cell.trimmingCharacters(in: .whitespaces) }
            func fail(_ column: String, _ reason: String) -> Problem { Problem(line: line, column: column, reason: reason) }
            for name in required where row[name] == nil { throw fail(name, "required, but empty") }
            for name in booleans { if let value = row[name], !trueValues.contains(value) && !falseValues.contains(value) { throw fail(name, "'\(value)' is not oui/non (or true/false, 1/0)") } }
            for (name, allowed) in enums { if let value = row[name], !allowed.contains(value) { throw fail(name, "'\(value)' is not one of \(allowed.sorted().joined(separator: ", "))") } }
            var numbers: [String: Double] = [:]
            for (name, range) in ranges {
                guard let value = row[name] else { continue }
                guard let number = Double(value), number.isFinite else { throw fail(name, "'\(value)' is not a number (decimal point '.')") }
                guard range.contains(number) else { throw fail(name, "\(value) lies outside \(range.lowerBound.formatted())–\(range.upperBound.formatted())") }
                numbers[name] = number
            }
            if let code = row["CODE_POSTAL"], code.range(of: #"^([013-9]\d|2[AB1-9])\d{3}$"#, options: .regularExpression) == nil {
                throw fail("CODE_POSTAL", "'\(code)' is not a French postcode")
            }
            if let url = row["ARR_URL"], URL(string: url)?.scheme == nil { throw fail("ARR_URL", "'\(url)' is not a URL") }
            var updated = importedAt
            if let text = row["DATE_MAJ"] {
                guard let date = ISO8601DateTime.parse(text)?.date else { throw fail("DATE_MAJ", "'\(text)' is not an ISO 8601 date-time with its offset") }
                updated = date
            }
            let id = row["ID"] ?? ""
            if let first = ids[id] { throw fail("ID", "'\(id)' was already used on line \(first)") }
            ids[id] = line
            let uuid: String
            if let given = row["UUID"] {
                guard let parsed = UUID(uuidString: given) else { throw fail("UUID", "'\(given)' is not a UUID") }
                uuid = parsed.uuidString.lowercased()
                if let first = uuids[uuid] { throw fail("UUID", "'\(given)' was already used on line \(first)") }
                uuids[uuid] = line
            } else {
                uuid = nameBasedUUID("aire-livraison:" + id)
            }
            let point = Coordinate(longitude: numbers["LONGITUDE"] ?? 0, latitude: numbers["LATITUDE"] ?? 0)
            guard region.contains(point) else { throw fail("LONGITUDE", "\(point) lies outside \(region.name)") }
            let lengthCm = numbers["LONGUEUR"].map { Int($0.rounded()) }, widthCm = numbers["LARGEUR"].map { Int($0.rounded()) }
            let footprint: ZoneArea
            if let wkt = row["GEOM_WKT"] {
                guard let rings = WKT.polygon(wkt) else { throw fail("GEOM_WKT", "not a WKT POLYGON((lon lat, …))") }
                do { footprint = try ZoneArea.validated([rings], region: region) } catch { throw fail("GEOM_WKT", error.description) }
            } else {
                footprint = rectangle(around: point, lengthCm: lengthCm ?? defaultLengthCm, widthCm: widthCm ?? defaultWidthCm)
            }
            let millis = Int64((updated.timeIntervalSince1970 * 1000).rounded())
            var spans: [CDS.TimeSpan]? = nil
            if let temporality = row["TEMPORALITE_CDS"] {
                do { spans = try FrenchTemporality.spans(temporality) } catch { throw fail("TEMPORALITE_CDS", error.reason) }
            } else if row["TYPE"] != nil && row["TYPE"] != "aire permanente" {
                warnings.append("line \(line): \(row["TYPE"] ?? "") '\(id)' has no TEMPORALITE_CDS; imported without loading hours (TEMPORALITE_OSM is not read)")
            }
            var policies: [CDS.CurbPolicy] = []
            if row["TYPE"] == "aire permanente" || spans != nil {
                let rule = CDS.Rule(activity: "loading", maxStay: numbers["DUREE_MAX"].map { Int($0) }, maxStayUnit: numbers["DUREE_MAX"] == nil ? nil : "minute", userClasses: ["delivery"])
                policies.append(CDS.CurbPolicy(curbPolicyId: nameBasedUUID("aire-livraison-policy:" + id), publishedDate: millis, priority: 1, rules: [rule], timeSpans: spans, name: "Livraison"))
            }
            var curb = CDS.CurbZone(curbZoneId: uuid, geometry: footprint, curbPolicyIds: policies.map(\.curbPolicyId), publishedDate: millis, lastUpdatedDate: millis, startDate: millis)
            curb.userZoneId = id
            curb.name = row["NOM"]
            curb.streetName = row["ADRESSE"]
            curb.length = lengthCm
            curb.width = widthCm
            curb.parkingAngle = row["DISPOSITION"].flatMap { parkingAngles[$0] }
            if let active = row["ACTIVE"], falseValues.contains(active) { curb.endDate = millis + 1 }
            bays.append(LoadingBay(curb: curb, policies: policies))
        }
        return Import(bays: bays, warnings: warnings)
    }

    /// The bays as a file of the schema, header first, CRLF lines.
    public static func write(_ bays: [LoadingBay]) -> String {
        var text = CSVTable.line(columns)
        let angles = Dictionary(uniqueKeysWithValues: parkingAngles.map { ($1, $0) })
        for bay in bays {
            let curb = bay.curb, position = bay.position
            let rule = bay.policies.first?.rules.first
            let spans = bay.policies.first?.timeSpans
            var cells = [String: String]()
            cells["ACTIVE"] = curb.endDate == nil ? "oui" : "non"
            cells["UUID"] = curb.curbZoneId
            cells["ID"] = curb.userZoneId ?? curb.curbZoneId
            cells["NOM"] = curb.name
            cells["DATE_MAJ"] = ISO8601DateTime.format(Date(timeIntervalSince1970: Double(curb.lastUpdatedDate) / 1000), offsetSeconds: 0)
            cells["LONGITUDE"] = String(format: "%.6f", position.longitude)
            cells["LATITUDE"] = String(format: "%.6f", position.latitude)
            cells["GEOM_WKT"] = WKT.write(curb.geometry.polygons.first ?? [])
            cells["ADRESSE"] = curb.streetName
            cells["DISPOSITION"] = curb.parkingAngle.flatMap { angles[$0] }
            cells["LONGUEUR"] = curb.length.map(String.init)
            cells["LARGEUR"] = curb.width.map(String.init)
            cells["TYPE"] = bay.policies.isEmpty ? nil : spans == nil ? "aire permanente" : "aire périodique"
            cells["DUREE_MAX"] = rule?.maxStayMinutes.map(String.init)
            cells["TEMPORALITE_CDS"] = spans.map(FrenchTemporality.write)
            text += CSVTable.line(columns.map { cells[$0] ?? "" })
        }
        return text
    }

    /// A rectangle of the bay's length (east–west) and width centred on its point: the footprint
    /// Samlast draws where the file gives only a point.
    public static func rectangle(around point: Coordinate, lengthCm: Int, widthCm: Int) -> ZoneArea {
        let metresPerDegreeLatitude = 111_320.0
        let halfLat = Double(widthCm) / 200 / metresPerDegreeLatitude
        let halfLon = Double(lengthCm) / 200 / (metresPerDegreeLatitude * cos(point.latitude * .pi / 180))
        func c(_ dx: Double, _ dy: Double) -> Coordinate {
            Coordinate(longitude: ((point.longitude + dx) * 1e7).rounded() / 1e7, latitude: ((point.latitude + dy) * 1e7).rounded() / 1e7)
        }
        let corners = [c(-halfLon, -halfLat), c(halfLon, -halfLat), c(halfLon, halfLat), c(-halfLon, halfLat)]
        return ZoneArea(polygons: [[corners + [corners[0]]]])
    }

    /// A name-based UUID (RFC 9562 version 5, SHA-1) in Samlast's namespace: the same local id
    /// always gives the same UUID, so importing a file twice updates, never duplicates.
    public static func nameBasedUUID(_ name: String) -> String {
        let namespace = UUID(uuidString: "6f1c1d2e-8a55-4c3b-9a53-5a6d1a7e0b15")?.uuid ?? UUID().uuid
        var bytes = withUnsafeBytes(of: namespace) { Array($0) }
        bytes += Array(name.utf8)
        var hash = Array(Insecure.SHA1.hash(data: bytes).prefix(16))
        hash[6] = (hash[6] & 0x0F) | 0x50
        hash[8] = (hash[8] & 0x3F) | 0x80
        let uuid = UUID(uuid: (hash[0], hash[1], hash[2], hash[3], hash[4], hash[5], hash[6], hash[7], hash[8], hash[9], hash[10], hash[11], hash[12], hash[13], hash[14], hash[15]))
        return uuid.uuidString.lowercased()
    }
}

/// The schema's TEMPORALITE_CDS column: a JSON list of `{"days_of_week": [...], "times_of_day":
/// [["08:00", "12:00"], …]}` — not CDS's own spelling (which has one start and end per span), so
/// each pair becomes one CDS time span.
enum FrenchTemporality {
    struct Problem: Error { var reason: String }
    struct Entry: Codable { var days_of_week: [String]?; var times_of_day: [[String]] }

    static func spans(_ text: String) throws(Problem) -> [CDS.TimeSpan] {
        let entries: [Entry]
        do { entries = try JSONDecoder().decode([Entry].self, from: Data(text.utf8)) } catch {
            throw Problem(reason: "not the schema's list of {days_of_week, times_of_day}: \((error as? DecodingError)?.pathAndMessage ?? "\(error)")")
        }
        var spans: [CDS.TimeSpan] = []
        for (i, entry) in entries.enumerated() {
            if let day = entry.days_of_week?.first(where: { !CurbDocument.weekdays.contains($0) }) { throw Problem(reason: "[\(i)].days_of_week: '\(day)' is not mon…sun") }
            for (k, pair) in entry.times_of_day.enumerated() {
                guard pair.count == 2, let start = LocalTime(text: pair[0]), let end = LocalTime(text: pair[1]), start < end else {
                    throw Problem(reason: "[\(i)].times_of_day[\(k)]: expected [\"HH:MM\", \"HH:MM\"] with the start first")
                }
                spans.append(CDS.TimeSpan(daysOfWeek: entry.days_of_week, timeOfDayStart: start.description, timeOfDayEnd: end.description))
            }
        }
        guard !spans.isEmpty else { throw Problem(reason: "no times given") }
        return spans
    }

    /// Spans back in the column's form, pairs of spans with the same days merged.
    static func write(_ spans: [CDS.TimeSpan]) -> String {
        var entries: [Entry] = []
        for span in spans {
            let pair = [span.timeOfDayStart ?? "00:00", span.timeOfDayEnd ?? "24:00"]
            if let last = entries.indices.last, entries[last].days_of_week == span.daysOfWeek { entries[last].times_of_day.append(pair) } else {
                entries.append(Entry(days_of_week: span.daysOfWeek, times_of_day: [pair]))
            }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(entries)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
    }
}

/// Well-known text polygons, as the schema's GEOM_WKT holds them.
enum WKT {
    /// `POLYGON((lon lat, …), (…))` as rings, or nil.
    static func polygon(_ text: String) -> [[Coordinate]]? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard trimmed.uppercased().hasPrefix("POLYGON") else { return nil }
        var body = trimmed.dropFirst("POLYGON".count).trimmingCharacters(in: .whitespaces)
        guard body.hasPrefix("(("), body.hasSuffix("))") else { return nil }
        body = String(body.dropFirst().dropLast())
        var rings: [[Coordinate]] = []
        for part in body.components(separatedBy: "),") {
            let inner = part.trimmingCharacters(in: CharacterSet(charactersIn: " ()"))
            var ring: [Coordinate] = []
            for pair in inner.split(separator: ",") {
                let numbers = pair.split(separator: " ").compactMap { Double($0) }
                guard numbers.count == 2 else { return nil }
                ring.append(Coordinate(longitude: numbers[0], latitude: numbers[1]))
            }
            rings.append(ring)
        }
        return rings
    }

    static func write(_ rings: [[Coordinate]]) -> String {
        "POLYGON(" + rings.map { "(" + $0.map { String(format: "%.7f %.7f", $0.longitude, $0.latitude) }.joined(separator: ", ") + ")" }.joined(separator: ", ") + ")"
    }
}
