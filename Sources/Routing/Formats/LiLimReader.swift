import Foundation

/// Reads the Li & Lim PDPTW format: a line `K Q S` (vehicles, capacity, speed — ignored,
/// travel time = distance), then per task `id x y demand early late service pickup delivery`,
/// task 0 the depot. A pickup has demand > 0 and names its delivery; a delivery has
/// demand < 0 and names its pickup.
public enum LiLimReader {
    public static func read(text: String, file: String) throws(FormatError) -> Problem {
        let input = TextLines(text: text, file: file)
        guard let header = input.lines.first else { throw input.error(nil, "file is empty; expected a Li & Lim PDPTW instance") }
        guard header.fields.count >= 2 else { throw input.error(header.number, "expected 'vehicles capacity speed' on the first line") }
        let fleetSize = try input.integer(header.fields[0], line: header.number, what: "number of vehicles")
        let capacity = try input.integer(header.fields[1], line: header.number, what: "capacity")
        guard fleetSize > 0, capacity >= 0 else { throw input.error(header.number, "expected a positive fleet size and a capacity ≥ 0") }

        var rows: [(line: Int, values: [Double])] = []
        for line in input.lines.dropFirst() {
            guard line.fields.count == 9 else {
                throw input.error(line.number, "expected 9 columns (id x y demand early late service pickup delivery), found \(line.fields.count)")
            }
            var values: [Double] = []
            for (column, field) in line.fields.enumerated() {
                values.append(try input.number(field, line: line.number, what: LiLimReader.columns[column]))
            }
            for column in [0, 3, 7, 8] { _ = try input.wholeNumber(values[column], line: line.number, what: LiLimReader.columns[column]) }
            guard Int(values[0]) == rows.count else {
                throw input.error(line.number, "expected task id \(rows.count) (ids must be consecutive from 0), found \(Int(values[0]))")
            }
            rows.append((line.number, values))
        }
        guard rows.count >= 3 else { throw input.error(nil, "expected the depot and at least one pickup-delivery pair") }
        try input.checkLocationCount(rows.count, line: rows.last?.line)

        var jobs: [Job] = []
        func stop(_ index: Int) -> Stop {
            let v = rows[index].values
            return Stop(id: String(index), location: index, serviceTime: v[6], timeWindows: [TimeWindow(start: v[4], end: v[5])])
        }
        for (index, row) in rows.enumerated().dropFirst() {
            let v = row.values
            guard v[4] <= v[5] else { throw input.error(row.line, "early time \(v[4]) is after late time \(v[5])") }
            let pickupSibling = Int(v[7]), deliverySibling = Int(v[8])
            if pickupSibling == 0 {
                // A pickup: its delivery must point back at it with the opposite demand.
                guard deliverySibling > 0, deliverySibling < rows.count else {
                    throw input.error(row.line, "task \(index) is neither a delivery (pickup column 0) nor names a valid delivery task, found \(deliverySibling)")
                }
                let delivery = rows[deliverySibling].values
                guard Int(delivery[7]) == index, delivery[3] == -v[3], v[3] >= 0 else {
                    throw input.error(rows[deliverySibling].line, "task \(deliverySibling) must be the delivery of pickup \(index) with demand \(-v[3])")
                }
                jobs.append(Job(id: "\(index)-\(deliverySibling)", kind: .shipment, stop: stop(index),
                                deliveryStop: stop(deliverySibling), demand: [Int(v[3])]))
            } else {
                guard pickupSibling < rows.count, Int(rows[pickupSibling].values[8]) == index else {
                    throw input.error(row.line, "delivery \(index) names pickup \(pickupSibling), which does not name it back")
                }
            }
        }
        let depot = rows[0].values
        let matrix = euclideanMatrix(rows.map { ($0.values[1], $0.values[2]) })
        let shift = TimeWindow(start: depot[4], end: depot[5])
        let vehicles = (0..<fleetSize).map { Vehicle(id: "\($0 + 1)", startLocation: 0, capacity: [capacity], shift: shift) }
        let name = String(file.split(separator: "/").last ?? "")
            .replacingOccurrences(of: ".txt", with: "")
        let problem = Problem(name: name, capacityDimensions: ["demand"], matrices: [matrix], jobs: jobs, vehicles: vehicles)
        do { try problem.validate() } catch { throw input.error(nil, error.description) }
        return problem
    }

    static let columns = ["id", "x", "y", "demand", "early time", "late time", "service time", "pickup sibling", "delivery sibling"]
}
