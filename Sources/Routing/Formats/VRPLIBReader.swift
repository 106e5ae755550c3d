import Foundation

/// Reads CVRPLIB / VRPLIB `.vrp` instances (TSPLIB-style `KEY : value` specification lines
/// followed by sections): `NODE_COORD_SECTION`, `DEMAND_SECTION`, `DEPOT_SECTION`, and the
/// optional `TIME_WINDOW_SECTION`, `SERVICE_TIME_SECTION` and `EDGE_WEIGHT_SECTION`
/// (`FULL_MATRIX`, `LOWER_ROW`, `LOWER_DIAG_ROW`, `UPPER_ROW`, `UPPER_DIAG_ROW`).
/// `EUC_2D` distances are rounded to the nearest integer as TSPLIB prescribes; `EXACT_2D`
/// (an extension) keeps double precision. Customer ids are node ids minus one.
public enum VRPLIBReader {
    public static func read(text: String, file: String) throws(FormatError) -> Problem {
        let input = TextLines(text: text, file: file)
        var spec: [String: (line: Int, value: String)] = [:]
        var sections: [String: [(number: Int, fields: [Substring])]] = [:]
        var current: String?
        for line in input.lines {
            let first = line.fields[0].uppercased()
            if first == "EOF" { break }
            if first.hasSuffix("_SECTION") {
                current = first
                sections[first] = []
                continue
            }
            let joined = line.fields.joined(separator: " ")
            if let colon = joined.firstIndex(of: ":"), Double(line.fields[0]) == nil {
                let key = joined[..<colon].trimmingCharacters(in: .whitespaces).uppercased()
                spec[key] = (line.number, joined[joined.index(after: colon)...].trimmingCharacters(in: .whitespaces))
                current = nil
                continue
            }
            guard let section = current else {
                throw input.error(line.number, "expected 'KEY : value' or a *_SECTION header, found '\(joined)'")
            }
            sections[section]!.append(line)
        }
        guard let dimensionEntry = spec["DIMENSION"], let dimension = Int(dimensionEntry.value), dimension >= 2 else {
            throw input.error(spec["DIMENSION"]?.line, "expected 'DIMENSION : n' with n ≥ 2 (depot and customers)")
        }
        try input.checkLocationCount(dimension, line: dimensionEntry.line)
        guard let capacityEntry = spec["CAPACITY"], let capacity = Int(capacityEntry.value), capacity >= 0 else {
            throw input.error(spec["CAPACITY"]?.line, "expected 'CAPACITY : q' with an integer q ≥ 0")
        }

        func table(_ name: String, columns: Int) throws(FormatError) -> [[Double]]? {
            guard let rows = sections[name] else { return nil }
            guard rows.count == dimension else {
                throw input.error(rows.first?.number, "\(name) has \(rows.count) rows, expected DIMENSION = \(dimension)")
            }
            var result: [[Double]] = []
            for (index, row) in rows.enumerated() {
                guard row.fields.count == columns + 1 else {
                    throw input.error(row.number, "\(name) row needs a node id and \(columns) value(s), found \(row.fields.count) fields")
                }
                guard try input.integer(row.fields[0], line: row.number, what: "node id") == index + 1 else {
                    throw input.error(row.number, "\(name): expected node id \(index + 1), found \(row.fields[0])")
                }
                var values: [Double] = []
                for field in row.fields.dropFirst() { values.append(try input.number(field, line: row.number, what: name)) }
                result.append(values)
            }
            return result
        }

        guard let demands = try table("DEMAND_SECTION", columns: 1) else { throw input.error(nil, "no DEMAND_SECTION") }
        let coordinates = try table("NODE_COORD_SECTION", columns: 2)
        let windows = try table("TIME_WINDOW_SECTION", columns: 2)
        let services = try table("SERVICE_TIME_SECTION", columns: 1)
        let matrix = try distanceMatrix(spec: spec, sections: sections, coordinates: coordinates, dimension: dimension, input: input)

        var depot = 0
        if let depotRows = sections["DEPOT_SECTION"], let first = depotRows.first {
            depot = try input.integer(first.fields[0], line: first.number, what: "depot node id") - 1
            guard (0..<dimension).contains(depot) else { throw input.error(first.number, "depot node id \(depot + 1) is not a node") }
        }
        let defaultService = Double(spec["SERVICE_TIME"]?.value ?? "0") ?? 0
        let horizon = windows?[depot] ?? [0, .greatestFiniteMagnitude]
        var jobs: [Job] = []
        for (node, row) in demands.enumerated() {
            _ = try input.wholeNumber(row[0], line: sections["DEMAND_SECTION"]![node].number, what: "demand")
        }
        for node in 0..<dimension where node != depot {
            let id = String(node) // node id minus one
            let window = windows.map { [TimeWindow(start: $0[node][0], end: $0[node][1])] } ?? []
            if let window = window.first, window.start > window.end {
                throw input.error(sections["TIME_WINDOW_SECTION"]?[node].number, "time window of node \(node + 1) ends before it starts")
            }
            jobs.append(Job(
                id: id, kind: .delivery,
                stop: Stop(id: id, location: node, serviceTime: services?[node][0] ?? defaultService, timeWindows: window),
                demand: [Int(demands[node][0])]))
        }
        let fleetSize = Int(spec["VEHICLES"]?.value ?? "") ?? (dimension - 1)
        let vehicles = (0..<fleetSize).map {
            Vehicle(id: "\($0 + 1)", startLocation: depot, capacity: [capacity], shift: TimeWindow(start: horizon[0], end: horizon[1]))
        }
        let problem = Problem(name: spec["NAME"]?.value ?? file, capacityDimensions: ["demand"],
                              matrices: [matrix], jobs: jobs, vehicles: vehicles)
        do { try problem.validate() } catch { throw input.error(nil, error.description) }
        return problem
    }

    private static func distanceMatrix(
        spec: [String: (line: Int, value: String)], sections: [String: [(number: Int, fields: [Substring])]],
        coordinates: [[Double]]?, dimension: Int, input: TextLines
    ) throws(FormatError) -> TravelMatrix {
        let type = spec["EDGE_WEIGHT_TYPE"]?.value.uppercased() ?? "EUC_2D"
        switch type {
        case "EUC_2D", "EXACT_2D":
            guard let coordinates else { throw input.error(nil, "EDGE_WEIGHT_TYPE \(type) needs a NODE_COORD_SECTION") }
            return euclideanMatrix(coordinates.map { ($0[0], $0[1]) }, round: type == "EUC_2D")
        case "EXPLICIT":
            guard let rows = sections["EDGE_WEIGHT_SECTION"] else { throw input.error(nil, "EDGE_WEIGHT_TYPE EXPLICIT needs an EDGE_WEIGHT_SECTION") }
            var values: [Double] = []
            for row in rows {
                for field in row.fields { values.append(try input.number(field, line: row.number, what: "edge weight")) }
            }
            let format = spec["EDGE_WEIGHT_FORMAT"]?.value.uppercased() ?? "FULL_MATRIX"
            var full = [Double](repeating: 0, count: dimension * dimension)
            var cells: [(Int, Int)] = []
            for i in 0..<dimension {
                for j in 0..<dimension {
                    switch format {
                    case "FULL_MATRIX": cells.append((i, j))
                    case "LOWER_ROW": if j < i { cells.append((i, j)) }
                    case "LOWER_DIAG_ROW": if j <= i { cells.append((i, j)) }
                    case "UPPER_ROW": if j > i { cells.append((i, j)) }
                    case "UPPER_DIAG_ROW": if j >= i { cells.append((i, j)) }
                    default: throw input.error(spec["EDGE_WEIGHT_FORMAT"]?.line, "unsupported EDGE_WEIGHT_FORMAT \(format)")
                    }
                }
            }
            guard values.count == cells.count else {
                throw input.error(rows.first?.number, "EDGE_WEIGHT_SECTION has \(values.count) values, \(format) over \(dimension) nodes needs \(cells.count)")
            }
            for (value, (i, j)) in zip(values, cells) {
                full[i * dimension + j] = value
                if format != "FULL_MATRIX" { full[j * dimension + i] = value }
            }
            return TravelMatrix(count: dimension, distances: full, durations: full)
        default:
            throw input.error(spec["EDGE_WEIGHT_TYPE"]?.line, "unsupported EDGE_WEIGHT_TYPE \(type); expected EUC_2D, EXACT_2D or EXPLICIT")
        }
    }
}
