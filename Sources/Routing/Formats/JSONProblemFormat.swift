import Foundation
import Geo

/// Samlast's JSON routing problem and solution format, shared by `samlast solve` and the
/// HTTP API. Documented in `docs/routing-json.md`. Units: metres, seconds; times are seconds
/// or ISO 8601 date-times with an offset; coordinates are GeoJSON `[longitude, latitude]`.
public enum JSONProblemFormat {
    /// Largest accepted document, to refuse runaway uploads before parsing.
    public static let maximumDocumentBytes = 64 * 1024 * 1024

    public static func read(data: Data, file: String, matrixProvider: any TravelMatrixProvider = GreatCircleMatrixProvider()) throws -> Problem {
        guard data.count <= maximumDocumentBytes else {
            throw FormatError(file: file, "document is \(data.count) bytes, over the limit of \(maximumDocumentBytes)")
        }
        let document: ProblemDocument
        do {
            document = try JSONDecoder().decode(ProblemDocument.self, from: data)
        } catch let error as DecodingError {
            throw FormatError(file: file, error.pathAndMessage)
        } catch {
            throw FormatError(file: file, "not valid JSON: \(error.localizedDescription)")
        }
        do {
            return try document.problem(matrixProvider: matrixProvider)
        } catch let error as ProblemError {
            throw FormatError(file: file, error.description)
        }
    }
}

/// A time in a document: seconds, or an ISO 8601 date-time with offset (then seconds since 1970).
struct TimeValue: Codable {
    var seconds: Double
    var zoneOffset: Int?

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Double.self) {
            seconds = number
            return
        }
        let text = try container.decode(String.self)
        guard let (date, offset) = TimeValue.parse(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected seconds or an ISO 8601 date-time with offset such as 2026-11-25T08:00:00+01:00, found '\(text)'")
        }
        seconds = date.timeIntervalSince1970
        zoneOffset = offset
    }

    func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        if let zoneOffset {
            try container.encode(TimeValue.format(seconds, offset: zoneOffset))
        } else {
            try container.encode(seconds)
        }
    }

    static func parse(_ text: String) -> (Date, Int)? {
        for options: ISO8601DateFormatter.Options in [[.withInternetDateTime], [.withInternetDateTime, .withFractionalSeconds]] {
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = options
            if let date = formatter.date(from: text) {
                // The offset as written: Z or ±hh:mm at the end.
                var offset = 0
                if !text.hasSuffix("Z") && !text.hasSuffix("z"), text.count >= 6 {
                    let tail = text.suffix(6)
                    let sign = tail.first == "-" ? -1 : 1
                    let parts = tail.dropFirst().split(separator: ":")
                    if parts.count == 2, let h = Int(parts[0]), let m = Int(parts[1]) { offset = sign * (h * 3600 + m * 60) }
                }
                return (date, offset)
            }
        }
        return nil
    }

    static func format(_ seconds: Double, offset: Int) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(secondsFromGMT: offset)
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: Date(timeIntervalSince1970: seconds.rounded()))
    }
}

/// A place in a document: `[lon, lat]`, a location id from `locations`, or a matrix index.
enum LocationReference: Decodable {
    case coordinate(Coordinate)
    case named(String)
    case index(Int)

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let index = try? container.decode(Int.self) { self = .index(index); return }
        if let name = try? container.decode(String.self) { self = .named(name); return }
        if let coordinate = try? container.decode(Coordinate.self) {
            guard coordinate.isValid else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "coordinate \(coordinate) is outside longitude ±180, latitude ±90")
            }
            self = .coordinate(coordinate)
            return
        }
        throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected [longitude, latitude], a location id, or a matrix index")
    }
}

struct StopDocument: Decodable {
    var location: LocationReference
    var serviceTime: Double?
    var timeWindows: [[TimeValue]]?
    enum CodingKeys: String, CodingKey, CaseIterable { case location, serviceTime, timeWindows }
    init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        location = try c.decode(LocationReference.self, forKey: .location)
        serviceTime = try c.decodeIfPresent(Double.self, forKey: .serviceTime)
        timeWindows = try c.decodeIfPresent([[TimeValue]].self, forKey: .timeWindows)
    }
}

struct JobDocument: Decodable {
    var id: String
    var type: JobKind
    var location: LocationReference?
    var serviceTime: Double?
    var timeWindows: [[TimeValue]]?
    var pickup: StopDocument?
    var delivery: StopDocument?
    var demand: [Int]?
    var skills: [String]?
    var vehicleTypes: [String]?
    var penalty: Double?
    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, type, location, serviceTime, timeWindows, pickup, delivery, demand, skills, vehicleTypes, penalty
    }
    init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        type = try c.decode(JobKind.self, forKey: .type)
        location = try c.decodeIfPresent(LocationReference.self, forKey: .location)
        serviceTime = try c.decodeIfPresent(Double.self, forKey: .serviceTime)
        timeWindows = try c.decodeIfPresent([[TimeValue]].self, forKey: .timeWindows)
        pickup = try c.decodeIfPresent(StopDocument.self, forKey: .pickup)
        delivery = try c.decodeIfPresent(StopDocument.self, forKey: .delivery)
        demand = try c.decodeIfPresent([Int].self, forKey: .demand)
        skills = try c.decodeIfPresent([String].self, forKey: .skills)
        vehicleTypes = try c.decodeIfPresent([String].self, forKey: .vehicleTypes)
        penalty = try c.decodeIfPresent(Double.self, forKey: .penalty)
        if type == .shipment {
            guard pickup != nil, delivery != nil, location == nil else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "a shipment needs 'pickup' and 'delivery' stops and no 'location'"))
            }
        } else if location == nil || pickup != nil || delivery != nil {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "a \(type.rawValue) needs a 'location' and no 'pickup'/'delivery'"))
        }
    }
}

struct VehicleDocument: Decodable {
    var id: String
    var type: VehicleCategory
    var start: LocationReference
    var end: LocationReference?
    var capacity: [Int]
    var shift: [TimeValue]?
    var maxDuration: Double?
    var maxDistance: Double?
    var skills: [String]?
    var speedFactor: Double?
    var fixedCost: Double?
    var costPerKm: Double?
    var costPerHour: Double?
    var count: Int?
    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, type, start, end, capacity, shift, maxDuration, maxDistance, skills, speedFactor, fixedCost, costPerKm, costPerHour, count
    }
    init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        type = try c.decode(VehicleCategory.self, forKey: .type)
        start = try c.decode(LocationReference.self, forKey: .start)
        end = try c.decodeIfPresent(LocationReference.self, forKey: .end)
        capacity = try c.decode([Int].self, forKey: .capacity)
        shift = try c.decodeIfPresent([TimeValue].self, forKey: .shift)
        maxDuration = try c.decodeIfPresent(Double.self, forKey: .maxDuration)
        maxDistance = try c.decodeIfPresent(Double.self, forKey: .maxDistance)
        skills = try c.decodeIfPresent([String].self, forKey: .skills)
        speedFactor = try c.decodeIfPresent(Double.self, forKey: .speedFactor)
        fixedCost = try c.decodeIfPresent(Double.self, forKey: .fixedCost)
        costPerKm = try c.decodeIfPresent(Double.self, forKey: .costPerKm)
        costPerHour = try c.decodeIfPresent(Double.self, forKey: .costPerHour)
        count = try c.decodeIfPresent(Int.self, forKey: .count)
    }
}

struct LocationDocument: Decodable {
    var id: String
    var coordinates: Coordinate?
    enum CodingKeys: String, CodingKey, CaseIterable { case id, coordinates }
    init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        coordinates = try c.decodeIfPresent(Coordinate.self, forKey: .coordinates)
    }
}

struct MatrixDocument: Decodable {
    var distances: [[Double]]
    var durations: [[Double]]
    enum CodingKeys: String, CodingKey, CaseIterable { case distances, durations }
    init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        distances = try c.decode([[Double]].self, forKey: .distances)
        durations = try c.decode([[Double]].self, forKey: .durations)
    }
}

struct ProblemDocument: Decodable {
    var name: String?
    /// Free text for people, and the data licence notice where the data requires one.
    var description: String?
    var attribution: String?
    var capacityDimensions: [String]
    var locations: [LocationDocument]?
    /// Explicit matrices per profile name ("car", "bike"); locations then refer by index or id.
    var matrices: [String: MatrixDocument]?
    var jobs: [JobDocument]
    var vehicles: [VehicleDocument]
    enum CodingKeys: String, CodingKey, CaseIterable { case name, description, attribution, capacityDimensions, locations, matrices, jobs, vehicles }
    init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decodeIfPresent(String.self, forKey: .name)
        description = try c.decodeIfPresent(String.self, forKey: .description)
        attribution = try c.decodeIfPresent(String.self, forKey: .attribution)
        capacityDimensions = try c.decode([String].self, forKey: .capacityDimensions)
        locations = try c.decodeIfPresent([LocationDocument].self, forKey: .locations)
        matrices = try c.decodeIfPresent([String: MatrixDocument].self, forKey: .matrices)
        jobs = try c.decode([JobDocument].self, forKey: .jobs)
        vehicles = try c.decode([VehicleDocument].self, forKey: .vehicles)
    }

    /// Resolves locations, builds or checks matrices and creates the `Problem`.
    func problem(matrixProvider: any TravelMatrixProvider) throws -> Problem {
        var coordinates: [Coordinate?] = locations?.map(\.coordinates) ?? []
        var indexById: [String: Int] = [:]
        for (index, location) in (locations ?? []).enumerated() {
            guard indexById.updateValue(index, forKey: location.id) == nil else {
                throw ProblemError("$.locations[\(index)]: duplicate location id '\(location.id)'")
            }
        }
        var coordinateIndex: [Coordinate: Int] = [:]
        func resolve(_ reference: LocationReference, path: String) throws(ProblemError) -> Int {
            switch reference {
            case .index(let index):
                guard coordinates.indices.contains(index) || matrices != nil else {
                    throw ProblemError("\(path): location index \(index) needs a 'locations' entry or explicit 'matrices'")
                }
                return index
            case .named(let name):
                guard let index = indexById[name] else { throw ProblemError("\(path): unknown location id '\(name)'") }
                return index
            case .coordinate(let coordinate):
                guard matrices == nil else { throw ProblemError("\(path): with explicit 'matrices' refer to locations by index or id, not coordinates") }
                if let index = coordinateIndex[coordinate] { return index }
                coordinates.append(coordinate)
                coordinateIndex[coordinate] = coordinates.count - 1
                return coordinates.count - 1
            }
        }
        var zoneOffset: Int?
        func windows(_ values: [[TimeValue]]?, path: String) throws(ProblemError) -> [TimeWindow] {
            var result: [TimeWindow] = []
            for (index, pair) in (values ?? []).enumerated() {
                guard pair.count == 2 else { throw ProblemError("\(path)[\(index)]: expected [start, end]") }
                zoneOffset = zoneOffset ?? pair[0].zoneOffset
                result.append(TimeWindow(start: pair[0].seconds, end: pair[1].seconds))
            }
            return result
        }
        func stop(_ document: StopDocument, path: String) throws(ProblemError) -> Stop {
            Stop(location: try resolve(document.location, path: "\(path).location"),
                 serviceTime: document.serviceTime ?? 0,
                 timeWindows: try windows(document.timeWindows, path: "\(path).timeWindows"))
        }

        var jobs: [Job] = []
        for (index, job) in self.jobs.enumerated() {
            let path = "$.jobs[\(index)]"
            let demand = Amount(job.demand ?? Array(repeating: 0, count: capacityDimensions.count))
            let first: Stop, second: Stop?
            if job.type == .shipment {
                first = try stop(job.pickup!, path: "\(path).pickup")
                second = try stop(job.delivery!, path: "\(path).delivery")
            } else {
                first = Stop(location: try resolve(job.location!, path: "\(path).location"), serviceTime: job.serviceTime ?? 0,
                             timeWindows: try windows(job.timeWindows, path: "\(path).timeWindows"))
                second = nil
            }
            jobs.append(Job(id: job.id, kind: job.type, stop: first, deliveryStop: second, demand: demand,
                            requiredSkills: Set(job.skills ?? []), allowedVehicleTypes: Set(job.vehicleTypes ?? []),
                            unassignedPenalty: job.penalty ?? Job.defaultUnassignedPenalty))
        }

        var profiles: [String] = []
        var vehicles: [Vehicle] = []
        for (index, vehicle) in self.vehicles.enumerated() {
            let path = "$.vehicles[\(index)]"
            // The vehicle type's own profile; with explicit matrices, "car" stands in for a missing one.
            let preferred = TravelProfile.default(for: vehicle.type).name
            let profile = matrices == nil || matrices?[preferred] != nil ? preferred : "car"
            if !profiles.contains(profile) { profiles.append(profile) }
            var shift = TimeWindow.always
            if let values = vehicle.shift {
                guard values.count == 2 else { throw ProblemError("\(path).shift: expected [start, end]") }
                zoneOffset = zoneOffset ?? values[0].zoneOffset
                shift = TimeWindow(start: values[0].seconds, end: values[1].seconds)
            }
            let count = vehicle.count ?? 1
            guard count >= 1 else { throw ProblemError("\(path).count: expected at least 1") }
            for copy in 0..<count {
                vehicles.append(Vehicle(
                    id: count == 1 ? vehicle.id : "\(vehicle.id)-\(copy + 1)", type: vehicle.type.rawValue,
                    startLocation: try resolve(vehicle.start, path: "\(path).start"),
                    endLocation: try resolve(vehicle.end ?? vehicle.start, path: "\(path).end"),
                    capacity: Amount(vehicle.capacity), shift: shift,
                    maxDuration: vehicle.maxDuration ?? .infinity, maxDistance: vehicle.maxDistance ?? .infinity,
                    skills: Set(vehicle.skills ?? []), profile: profiles.firstIndex(of: profile)!,
                    speedFactor: vehicle.speedFactor ?? 1, fixedCost: vehicle.fixedCost ?? 0,
                    costPerDistance: (vehicle.costPerKm ?? 1) / 1000, costPerTime: (vehicle.costPerHour ?? 0) / 3600))
            }
        }

        guard coordinates.count <= Problem.maximumLocations else {
            throw ProblemError("$: \(coordinates.count) locations is more than the \(Problem.maximumLocations) Samlast plans at once")
        }
        var built: [TravelMatrix] = []
        if let matrices {
            for name in profiles {
                guard let document = matrices[name] else { throw ProblemError("$.matrices: no matrix for profile '\(name)'") }
                built.append(try document.travelMatrix(path: "$.matrices.\(name)"))
            }
        } else {
            let points = coordinates.compactMap { $0 }
            guard points.count == coordinates.count else {
                throw ProblemError("$.locations: every location needs coordinates when no 'matrices' are given")
            }
            for name in profiles {
                built.append(try matrixProvider.matrix(for: points, profile: name == "bike" ? .bike : .car))
            }
        }
        let problem = Problem(
            name: name ?? "problem", capacityDimensions: capacityDimensions,
            coordinates: coordinates.allSatisfy({ $0 != nil }) && !coordinates.isEmpty ? coordinates.map { $0! } : nil,
            matrices: built, jobs: jobs, vehicles: vehicles)
        try problem.validate()
        var result = problem
        result.timeZoneOffset = zoneOffset
        result.attribution = attribution
        return result
    }
}

extension MatrixDocument {
    func travelMatrix(path: String) throws(ProblemError) -> TravelMatrix {
        let n = distances.count
        guard durations.count == n, (distances + durations).allSatisfy({ $0.count == n }) else {
            throw ProblemError("\(path): distances and durations must both be \(n) × \(n)")
        }
        return TravelMatrix(count: n, distances: distances.flatMap { $0 }, durations: durations.flatMap { $0 })
    }
}
