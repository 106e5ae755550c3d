/// Reads the Solomon / Gehring-Homberger VRPTW text format: a name line, a `VEHICLE` block
/// (`NUMBER CAPACITY`, then one line `K Q`) and a `CUSTOMER` block with one row per node
/// `CUST NO. XCOORD. YCOORD. DEMAND READY-TIME DUE-DATE SERVICE-TIME`; node 0 is the depot.
public enum SolomonReader {
    public static func read(text: String, file: String) throws(FormatError) -> Problem {
        let input = TextLines(text: text, file: file)
        guard let nameLine = input.lines.first else { throw input.error(nil, "file is empty; expected a Solomon VRPTW instance") }
        let name = String(nameLine.fields[0])
        guard let vehicleHeader = input.lines.firstIndex(where: { $0.fields.first?.uppercased() == "VEHICLE" }) else {
            throw input.error(nil, "no VEHICLE section; expected a Solomon VRPTW instance")
        }
        // After VEHICLE comes the column header (NUMBER CAPACITY), then the values.
        guard vehicleHeader + 2 < input.lines.count else { throw input.error(nameLine.number, "VEHICLE section has no values") }
        let vehicleLine = input.lines[vehicleHeader + 2]
        guard vehicleLine.fields.count >= 2 else {
            throw input.error(vehicleLine.number, "expected 'NUMBER CAPACITY' values, found '\(vehicleLine.fields.joined(separator: " "))'")
        }
        let fleetSize = try input.integer(vehicleLine.fields[0], line: vehicleLine.number, what: "NUMBER of vehicles")
        let capacity = try input.integer(vehicleLine.fields[1], line: vehicleLine.number, what: "vehicle CAPACITY")
        guard fleetSize > 0, capacity >= 0 else { throw input.error(vehicleLine.number, "expected a positive fleet size and a capacity ≥ 0") }

        guard let customerHeader = input.lines.firstIndex(where: { $0.fields.first?.uppercased() == "CUSTOMER" }) else {
            throw input.error(nil, "no CUSTOMER section")
        }
        var rows: [(line: Int, values: [Double])] = []
        for line in input.lines[(customerHeader + 1)...] {
            guard Double(line.fields[0]) != nil else {
                if rows.isEmpty { continue } // the column header
                throw input.error(line.number, "expected a customer row of 7 numbers, found '\(line.fields.joined(separator: " "))'")
            }
            guard line.fields.count == 7 else {
                throw input.error(line.number, "expected 7 columns (CUST NO., XCOORD., YCOORD., DEMAND, READY TIME, DUE DATE, SERVICE TIME), found \(line.fields.count)")
            }
            var values: [Double] = []
            for (column, field) in line.fields.enumerated() {
                values.append(try input.number(field, line: line.number, what: SolomonReader.columns[column]))
            }
            rows.append((line.number, values))
        }
        guard rows.count >= 2 else { throw input.error(nil, "expected the depot and at least one customer in the CUSTOMER section") }
        try input.checkLocationCount(rows.count, line: rows.last?.line)
        let depot = rows[0]
        guard depot.values[0] == 0 else { throw input.error(depot.line, "the first row must be the depot, CUST NO. 0") }

        var jobs: [Job] = []
        for (index, row) in rows.enumerated().dropFirst() {
            let v = row.values
            guard v[4] <= v[5] else { throw input.error(row.line, "READY TIME \(v[4]) is after DUE DATE \(v[5])") }
            guard v[3] >= 0, v[6] >= 0 else { throw input.error(row.line, "DEMAND and SERVICE TIME must be ≥ 0") }
            let id = String(try input.wholeNumber(v[0], line: row.line, what: "CUST NO."))
            let demand = try input.wholeNumber(v[3], line: row.line, what: "DEMAND")
            jobs.append(Job(
                id: id, kind: .delivery,
                stop: Stop(id: id, location: index, serviceTime: v[6], timeWindows: [TimeWindow(start: v[4], end: v[5])]),
                demand: [demand]))
        }
        let matrix = euclideanMatrix(rows.map { ($0.values[1], $0.values[2]) })
        let shift = TimeWindow(start: depot.values[4], end: depot.values[5])
        let vehicles = (0..<fleetSize).map {
            Vehicle(id: "\($0 + 1)", startLocation: 0, capacity: [capacity], shift: shift)
        }
        let problem = Problem(name: name, capacityDimensions: ["demand"], matrices: [matrix], jobs: jobs, vehicles: vehicles)
        do { try problem.validate() } catch { throw input.error(nil, error.description) }
        return problem
    }

    static let columns = ["CUST NO.", "XCOORD.", "YCOORD.", "DEMAND", "READY TIME", "DUE DATE", "SERVICE TIME"]
}
