/// Summary of a route segment's timing (Vidal et al. 2013, "A hybrid genetic algorithm with
/// adaptive diversity management…", §4): enough to know the duration and feasibility of a
/// concatenation of segments in O(1), without walking the nodes.
///
/// - `duration`: travel + service + unavoidable waiting when started in `earliest…latest`;
/// - `timeWarp`: total lateness that would be needed; 0 for a feasible segment;
/// - `earliest`/`latest`: the window for starting the segment without extra waiting or warp.
@usableFromInline
struct DurationSegment: Sendable, Equatable {
    @usableFromInline var duration: Double
    @usableFromInline var timeWarp: Double
    @usableFromInline var earliest: Double
    @usableFromInline var latest: Double

    @inlinable init(duration: Double, timeWarp: Double, earliest: Double, latest: Double) {
        self.duration = duration
        self.timeWarp = timeWarp
        self.earliest = earliest
        self.latest = latest
    }

    /// A single visit: service of `serviceTime` starting within `start…end`.
    @inlinable init(serviceTime: Double, start: Double, end: Double) {
        self.init(duration: serviceTime, timeWarp: 0, earliest: start, latest: end)
    }

    /// `self` followed by `next`, with `travel` time from the last node of `self` to the first of `next`.
    @inlinable func followed(by next: DurationSegment, travel: Double) -> DurationSegment {
        let delta = duration - timeWarp + travel
        let extraWaiting = max(next.earliest - delta - latest, 0)
        let extraWarp = max(earliest + delta - next.latest, 0)
        return DurationSegment(
            duration: duration + next.duration + travel + extraWaiting,
            timeWarp: timeWarp + next.timeWarp + extraWarp,
            earliest: max(next.earliest - delta, earliest) - extraWaiting,
            latest: min(next.latest - delta, latest) + extraWarp)
    }
}

/// Summary of a segment's load in one capacity dimension, covering goods delivered from the
/// depot (loaded at the start), goods picked up for the depot, and pickup-and-delivery pairs
/// (loaded and unloaded en route). The peak load of a route is `delivered + peakChange`.
@usableFromInline
struct LoadSegment: Sendable, Equatable {
    /// Goods in the segment that come from the start depot.
    @usableFromInline var delivered: Int
    /// Net change of the on-board load over the segment.
    @usableFromInline var netChange: Int
    /// Largest cumulative change over any prefix of the segment (the empty prefix counts as 0).
    @usableFromInline var peakChange: Int

    @inlinable init(delivered: Int, netChange: Int, peakChange: Int) {
        self.delivered = delivered
        self.netChange = netChange
        self.peakChange = peakChange
    }

    static let empty = LoadSegment(delivered: 0, netChange: 0, peakChange: 0)

    @inlinable func followed(by next: LoadSegment) -> LoadSegment {
        LoadSegment(delivered: delivered + next.delivered,
                    netChange: netChange + next.netChange,
                    peakChange: max(peakChange, netChange + next.peakChange))
    }

    /// Highest load on board anywhere in a route made of exactly this segment.
    @inlinable var peakLoad: Int { delivered + peakChange }
}
