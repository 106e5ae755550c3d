import Geo

extension ProblemDocument {
    /// Resolves locations, builds or checks matrices and creates the `Problem`.
    func problem(matrixProvider: any TravelMatrixProvider) throws -> Problem {
        var places = try DocumentPlaces(locations: locations ?? [], explicitMatrices: matrices != nil)
        var jobs: [Job] = []
        for (index, job) in self.jobs.enumerated() {
            jobs.append(try self.job(job, path: "$.jobs[\(index)]", places: &places))
        }
        var profiles: [TravelProfile] = []
        var vehicles: [Vehicle] = []
        for (index, vehicle) in self.vehicles.enumerated() {
            // The vehicle type's own profile; with explicit matrices, the car's stands in for a missing one.
            let preferred = TravelProfile.default(for: vehicle.type)
            let profile = matrices == nil || matrices?[preferred.name] != nil ? preferred : .car
            if !profiles.contains(profile) { profiles.append(profile) }
            vehicles += try copies(of: vehicle, path: "$.vehicles[\(index)]", profile: profiles.firstIndex(of: profile)!, places: &places)
        }

        let coordinates = places.coordinates
        guard coordinates.count <= Problem.maximumLocations else {
            throw ProblemError("$: \(coordinates.count) locations is more than the \(Problem.maximumLocations) Samlast plans at once")
        }
        var built: [TravelMatrix] = []
        if let matrices {
            for profile in profiles {
                guard let document = matrices[profile.name] else { throw ProblemError("$.matrices: no matrix for profile '\(profile.name)'") }
                built.append(try document.travelMatrix(path: "$.matrices.\(profile.name)"))
            }
        } else {
            let points = coordinates.compactMap { $0 }
            guard points.count == coordinates.count else {
                throw ProblemError("$.locations: every location needs coordinates when no 'matrices' are given")
            }
            for profile in profiles {
                built.append(try matrixProvider.matrix(for: points, profile: profile))
            }
        }
        let problem = Problem(
            name: name ?? "problem", capacityDimensions: capacityDimensions,
            coordinates: coordinates.allSatisfy({ $0 != nil }) && !coordinates.isEmpty ? coordinates.map { $0! } : nil,
            matrices: built, jobs: jobs, vehicles: vehicles)
        try problem.validate()
        var result = problem
        result.timeZoneOffset = places.zoneOffset
        result.attribution = attribution
        return result
    }

    private func job(_ job: JobDocument, path: String, places: inout DocumentPlaces) throws(ProblemError) -> Job {
        let demand = Amount(job.demand ?? Array(repeating: 0, count: capacityDimensions.count))
        let first: Stop, second: Stop?
        if job.type == .shipment {
            first = try places.stop(job.pickup!, path: "\(path).pickup")
            second = try places.stop(job.delivery!, path: "\(path).delivery")
        } else {
            first = Stop(location: try places.resolve(job.location!, path: "\(path).location"), serviceTime: job.serviceTime ?? 0,
                         timeWindows: try places.windows(job.timeWindows, path: "\(path).timeWindows"))
            second = nil
        }
        return Job(id: job.id, kind: job.type, stop: first, deliveryStop: second, demand: demand,
                   requiredSkills: Set(job.skills ?? []), allowedVehicleTypes: Set(job.vehicleTypes ?? []),
                   unassignedPenalty: job.penalty ?? Job.defaultUnassignedPenalty)
    }

    /// The `count` vehicles a vehicle entry stands for, numbered `id-1`, `id-2`, … when more than one.
    private func copies(of vehicle: VehicleDocument, path: String, profile: Int, places: inout DocumentPlaces) throws(ProblemError) -> [Vehicle] {
        var shift = TimeWindow.always
        if let values = vehicle.shift {
            guard values.count == 2 else { throw ProblemError("\(path).shift: expected [start, end]") }
            places.noteOffset(of: values[0])
            shift = TimeWindow(start: values[0].seconds, end: values[1].seconds)
        }
        let count = vehicle.count ?? 1
        guard count >= 1 else { throw ProblemError("\(path).count: expected at least 1") }
        var copies: [Vehicle] = []
        for copy in 0..<count {
            copies.append(Vehicle(
                id: count == 1 ? vehicle.id : "\(vehicle.id)-\(copy + 1)", type: vehicle.type.rawValue,
                startLocation: try places.resolve(vehicle.start, path: "\(path).start"),
                endLocation: try places.resolve(vehicle.end ?? vehicle.start, path: "\(path).end"),
                capacity: Amount(vehicle.capacity), shift: shift,
                maxDuration: vehicle.maxDuration ?? .infinity, maxDistance: vehicle.maxDistance ?? .infinity,
                skills: Set(vehicle.skills ?? []), profile: profile,
                speedFactor: vehicle.speedFactor ?? 1, fixedCost: vehicle.fixedCost ?? 0,
                costPerDistance: (vehicle.costPerKm ?? 1) / 1000, costPerTime: (vehicle.costPerHour ?? 0) / 3600))
        }
        return copies
    }
}

/// The places of a document as its parts are resolved: locations referred to by index, by id
/// or by coordinates (each coordinate becomes one location, in the order first met), and the
/// UTC offset of the first date-time, in which the plan's times are printed.
struct DocumentPlaces {
    private(set) var coordinates: [Coordinate?]
    private(set) var zoneOffset: Int?
    private let indexById: [String: Int]
    private let explicitMatrices: Bool
    private var coordinateIndex: [Coordinate: Int] = [:]

    init(locations: [LocationDocument], explicitMatrices: Bool) throws(ProblemError) {
        coordinates = locations.map(\.coordinates)
        var indexById: [String: Int] = [:]
        for (index, location) in locations.enumerated() {
            guard indexById.updateValue(index, forKey: location.id) == nil else {
                throw ProblemError("$.locations[\(index)]: duplicate location id '\(location.id)'")
            }
        }
        self.indexById = indexById
        self.explicitMatrices = explicitMatrices
    }

    mutating func resolve(_ reference: LocationReference, path: String) throws(ProblemError) -> Int {
        switch reference {
        case .index(let index):
            guard coordinates.indices.contains(index) || explicitMatrices else {
                throw ProblemError("\(path): location index \(index) needs a 'locations' entry or explicit 'matrices'")
            }
            return index
        case .named(let name):
            guard let index = indexById[name] else { throw ProblemError("\(path): unknown location id '\(name)'") }
            return index
        case .coordinate(let coordinate):
            guard !explicitMatrices else { throw ProblemError("\(path): with explicit 'matrices' refer to locations by index or id, not coordinates") }
            if let index = coordinateIndex[coordinate] { return index }
            coordinates.append(coordinate)
            coordinateIndex[coordinate] = coordinates.count - 1
            return coordinates.count - 1
        }
    }

    mutating func noteOffset(of time: TimeValue) {
        zoneOffset = zoneOffset ?? time.zoneOffset
    }

    mutating func windows(_ values: [[TimeValue]]?, path: String) throws(ProblemError) -> [TimeWindow] {
        var result: [TimeWindow] = []
        for (index, pair) in (values ?? []).enumerated() {
            guard pair.count == 2 else { throw ProblemError("\(path)[\(index)]: expected [start, end]") }
            noteOffset(of: pair[0])
            result.append(TimeWindow(start: pair[0].seconds, end: pair[1].seconds))
        }
        return result
    }

    mutating func stop(_ document: StopDocument, path: String) throws(ProblemError) -> Stop {
        Stop(location: try resolve(document.location, path: "\(path).location"),
             serviceTime: document.serviceTime ?? 0,
             timeWindows: try windows(document.timeWindows, path: "\(path).timeWindows"))
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
