import Geo

// The wire types of the JSON problem format, as documented in docs/routing-json.md: each
// decodes its part strictly (unknown fields are refused with their path) and checks what it
// can on its own; what needs the whole document is `ProblemDocument.problem(matrixProvider:)`.

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
}
