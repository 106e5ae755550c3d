/// The problem flattened into index-based arrays for the search's hot loops.
///
/// Nodes are numbered: tasks `0..<taskCount` (a delivery or pickup job is one task, a
/// shipment two: pickup then delivery), then for vehicle `v` its start depot
/// `taskCount + 2v` and end depot `taskCount + 2v + 1`.
final class SearchModel: @unchecked Sendable {
    let problem: Problem
    let taskCount: Int
    let vehicleCount: Int
    let dimensions: Int

    // Per node.
    let location: FixedBuffer<Int>
    let serviceTime: FixedBuffer<Double>
    /// Hull of the node's time windows; exact when `hasWindowGaps` is false.
    let windowStart: FixedBuffer<Double>
    let windowEnd: FixedBuffer<Double>
    let hasWindowGaps: FixedBuffer<Bool>
    let nodeDuration: FixedBuffer<DurationSegment>
    /// `node * dimensions + d`.
    let nodeLoad: FixedBuffer<LoadSegment>

    // Per task.
    let jobOfTask: [Int]
    /// The other task of a shipment, or -1.
    let sibling: FixedBuffer<Int>
    /// True for the pickup task of a shipment.
    let isShipmentPickup: FixedBuffer<Bool>
    /// Cost of leaving the task's job unassigned (on the job's first task only).
    let unassignedPenalty: FixedBuffer<Double>
    /// `vehicle * taskCount + task`: skills and vehicle type allow it.
    let canServe: FixedBuffer<Bool>
    /// Tasks sorted by travel distance from each task (nearest first, at most `neighbourLimit`).
    let neighbours: [[Int]]
    /// Task whose job no vehicle can serve even alone, with the reason; excluded from the search.
    private(set) var impossible: [Int: String]

    // Per vehicle.
    let vehicleMatrix: FixedBuffer<Int>
    let matrices: [TravelMatrix]
    let locationCount: Int
    private let distanceBuffers: [FixedBuffer<Double>]
    private let durationBuffers: [FixedBuffer<Double>]
    let capacity: FixedBuffer<Int>
    let fixedCost: FixedBuffer<Double>
    let costPerDistance: FixedBuffer<Double>
    let costPerTime: FixedBuffer<Double>
    let maxDuration: FixedBuffer<Double>
    let maxDistance: FixedBuffer<Double>

    static let neighbourLimit = 100

    /// Working memory for one load summary per dimension, for the insertion loops. A model
    /// serves one search at a time, which is why this may be shared mutable state.
    let scratchLoads: UnsafeMutableBufferPointer<LoadSegment>

    /// - Parameter fleetWeight: added to every vehicle's fixed cost (fleet-first objective).
    init(problem: Problem, fleetWeight: Double = 0) {
        self.problem = problem
        dimensions = problem.capacityDimensions.count
        vehicleCount = problem.vehicles.count

        var location: [Int] = [], service: [Double] = [], windows: [[TimeWindow]] = []
        var loads: [LoadSegment] = [], jobOfTask: [Int] = [], sibling: [Int] = []
        var isPickup: [Bool] = [], penalty: [Double] = []
        let dims = problem.capacityDimensions.count
        for (jobIndex, job) in problem.jobs.enumerated() {
            for (stopIndex, stop) in job.stops.enumerated() {
                let task = location.count
                location.append(stop.location)
                service.append(stop.serviceTime)
                windows.append(stop.timeWindows)
                jobOfTask.append(jobIndex)
                penalty.append(stopIndex == 0 ? job.unassignedPenalty : 0)
                for d in 0..<dims {
                    let q = job.demand[d]
                    switch (job.kind, stopIndex) {
                    case (.delivery, _): loads.append(LoadSegment(delivered: q, netChange: -q, peakChange: 0))
                    case (.pickup, _): loads.append(LoadSegment(delivered: 0, netChange: q, peakChange: q))
                    case (.shipment, 0): loads.append(LoadSegment(delivered: 0, netChange: q, peakChange: q))
                    case (.shipment, _): loads.append(LoadSegment(delivered: 0, netChange: -q, peakChange: 0))
                    }
                }
                isPickup.append(job.kind == .shipment && stopIndex == 0)
                sibling.append(job.kind == .shipment ? (stopIndex == 0 ? task + 1 : task - 1) : -1)
            }
        }
        taskCount = location.count
        for vehicle in problem.vehicles {
            for depot in [vehicle.startLocation, vehicle.endLocation] {
                location.append(depot)
                service.append(0)
                windows.append([vehicle.shift])
                for _ in 0..<dims { loads.append(.empty) }
            }
        }
        self.location = FixedBuffer(location)
        serviceTime = FixedBuffer(service)
        windowStart = FixedBuffer(windows.map { $0.first?.start ?? -Double.greatestFiniteMagnitude })
        windowEnd = FixedBuffer(windows.map { $0.last?.end ?? Double.greatestFiniteMagnitude })
        hasWindowGaps = FixedBuffer(windows.map { $0.count > 1 })
        nodeDuration = FixedBuffer((0..<location.count).map {
            DurationSegment(serviceTime: service[$0], start: windows[$0].first?.start ?? -Double.greatestFiniteMagnitude,
                            end: windows[$0].last?.end ?? Double.greatestFiniteMagnitude)
        })
        nodeLoad = FixedBuffer(loads)
        self.jobOfTask = jobOfTask
        self.sibling = FixedBuffer(sibling)
        isShipmentPickup = FixedBuffer(isPickup)
        unassignedPenalty = FixedBuffer(penalty)
        self.windows = windows

        // Travel matrices per vehicle, shared between vehicles of equal profile and speed.
        var matrixKeys: [String: Int] = [:], matrices: [TravelMatrix] = [], vehicleMatrix: [Int] = []
        for vehicle in problem.vehicles {
            let key = "\(vehicle.profile)/\(vehicle.speedFactor)"
            if let index = matrixKeys[key] {
                vehicleMatrix.append(index)
            } else {
                matrixKeys[key] = matrices.count
                vehicleMatrix.append(matrices.count)
                matrices.append(problem.matrices[vehicle.profile].scalingDurations(by: vehicle.speedFactor))
            }
        }
        self.vehicleMatrix = FixedBuffer(vehicleMatrix)
        self.matrices = matrices
        scratchLoads = .allocate(capacity: max(dims, 1))
        scratchLoads.initialize(repeating: .empty)
        locationCount = problem.locationCount
        distanceBuffers = matrices.map { FixedBuffer($0.distances) }
        durationBuffers = matrices.map { FixedBuffer($0.durations) }
        capacity = FixedBuffer(problem.vehicles.flatMap(\.capacity.values))
        fixedCost = FixedBuffer(problem.vehicles.map { $0.fixedCost + fleetWeight })
        costPerDistance = FixedBuffer(problem.vehicles.map(\.costPerDistance))
        costPerTime = FixedBuffer(problem.vehicles.map(\.costPerTime))
        maxDuration = FixedBuffer(problem.vehicles.map(\.maxDuration))
        maxDistance = FixedBuffer(problem.vehicles.map(\.maxDistance))

        let tasks = location.count - 2 * problem.vehicles.count
        var canServe = [Bool](repeating: false, count: problem.vehicles.count * tasks)
        for (v, vehicle) in problem.vehicles.enumerated() {
            for t in 0..<tasks {
                let job = problem.jobs[jobOfTask[t]]
                canServe[v * tasks + t] = job.requiredSkills.isSubset(of: vehicle.skills)
                    && (job.allowedVehicleTypes.isEmpty || job.allowedVehicleTypes.contains(vehicle.type))
            }
        }
        self.canServe = FixedBuffer(canServe)

        let base = problem.matrices[0]
        neighbours = (0..<tasks).map { t in
            var byDistance: [(distance: Double, task: Int)] = []
            byDistance.reserveCapacity(tasks)
            for u in 0..<tasks where u != t {
                byDistance.append((base.distance(location[t], location[u]) + base.distance(location[u], location[t]), u))
            }
            byDistance.sort { $0.distance < $1.distance || ($0.distance == $1.distance && $0.task < $1.task) }
            return byDistance.prefix(SearchModel.neighbourLimit).map(\.task)
        }
        impossible = [:]
        impossible = UnassignedReasons.impossibleTasks(in: self)
    }

    /// Exact time windows of every node (only consulted for nodes with gaps between windows).
    let windows: [[TimeWindow]]

    /// Sets every job's penalty for being unassigned (nil restores the problem's penalties).
    /// The fleet-first annealing lowers it so that jobs may wait outside the routes for a while.
    func setUnassignedPenalty(_ penalty: Double?) {
        for task in 0..<taskCount where unassignedPenalty[task] > 0 || penalty == nil {
            let original = problem.jobs[jobOfTask[task]].unassignedPenalty
            let isFirstTask = sibling[task] < 0 || isShipmentPickup[task]
            unassignedPenalty.set(task, isFirstTask ? (penalty.map { min($0, original) } ?? original) : 0)
        }
    }

    deinit {
        location.deallocate(); serviceTime.deallocate(); windowStart.deallocate(); windowEnd.deallocate()
        hasWindowGaps.deallocate(); nodeDuration.deallocate(); nodeLoad.deallocate(); sibling.deallocate()
        isShipmentPickup.deallocate(); canServe.deallocate(); capacity.deallocate(); fixedCost.deallocate()
        costPerDistance.deallocate(); costPerTime.deallocate(); maxDuration.deallocate(); maxDistance.deallocate()
        vehicleMatrix.deallocate()
        unassignedPenalty.deallocate()
        scratchLoads.deallocate()
        for buffer in distanceBuffers + durationBuffers { buffer.deallocate() }
    }

    /// Flat distance matrix (`from * locationCount + to`) of the vehicle's profile.
    @inline(__always) func distances(of vehicle: Int) -> FixedBuffer<Double> { distanceBuffers[vehicleMatrix[vehicle]] }
    @inline(__always) func durations(of vehicle: Int) -> FixedBuffer<Double> { durationBuffers[vehicleMatrix[vehicle]] }

    @inline(__always) func startNode(_ vehicle: Int) -> Int { taskCount + 2 * vehicle }
    @inline(__always) func endNode(_ vehicle: Int) -> Int { taskCount + 2 * vehicle + 1 }
    @inline(__always) func isTask(_ node: Int) -> Bool { node < taskCount }
}
