import NIOPosix

/// Builds the features of one departure as known at a cut-off, from its airport's timeline: a flight product's
/// one feature pipeline (training, single predictions and batch scoring all call it).
public protocol FlightFeatureBuilding: Sendable {
    /// Values a row.
    static var width: Int { get }
    /// The features of `flight` as known at `cutoff` (seconds since 1970), `width` of them; NaN where missing.
    func features(for flight: ScheduledDeparture, cutoff: Int64, timeline: OriginTimeline) -> [Float]
}

/// Feature vectors of many departures, each as known at its cut-off, with what happened to them.
public struct FlightRows: Sendable {
    public let departures: [ScheduledDeparture]
    /// Row-major, `width` values a row.
    public let values: [Float]
    public let width: Int
    /// Departure delay in minutes; nil for departures that never left (cancelled) or have not yet.
    public let delays: [Double?]
    public let cutoffs: [Int64]

    public var count: Int { departures.count }
}

/// Builds the rows of many departures of one source through a flight product's feature pipeline.
public struct FlightDatasetBuilder<Builder: FlightFeatureBuilding>: Sendable {
    let source: any DepartureSource
    let builder: Builder

    /// Up to this many departures (a prediction, a small batch) are built on the caller's task.
    static var inlineLimit: Int { 256 }

    public init(source: any DepartureSource, builder: Builder) {
        self.source = source
        self.builder = builder
    }

    /// Features of `departures`, each as known `leadTimeMinutes` before it (or at `now`, if earlier), with their outcomes
    /// where known (`withOutcomes: false` skips reading them, for serving). Airports are built side by side.
    public func rows(_ departures: [ScheduledDeparture], leadTimeMinutes: Int, now: Int64 = .max, withOutcomes: Bool = true) async throws -> FlightRows {
        let width = Builder.width
        guard let first = departures.map(\.scheduledAt).min(), let last = departures.map(\.scheduledAt).max() else {
            return FlightRows(departures: [], values: [], width: width, delays: [], cutoffs: [])
        }
        let byOrigin = Dictionary(grouping: departures.indices, by: { departures[$0].origin })
        var timelines: [(OriginTimeline, [Int])] = []
        for (airport, indices) in byOrigin {
            timelines.append((try await source.timeline(airport: airport, covering: first, to: last + 1, leadTimeMinutes: leadTimeMinutes), indices))
        }
        let outcomes = withOutcomes ? try await source.outcomes(of: departures.map(\.reference)) : [:]
        var values = [Float](repeating: .nan, count: departures.count * width)
        var cutoffs = [Int64](repeating: 0, count: departures.count)
        let builder = self.builder
        let compute: @Sendable (OriginTimeline, [Int]) -> [(Int, [Float], Int64)] = { timeline, indices in
            indices.map { index in
                let cutoff = min(now, departures[index].scheduledAt - Int64(leadTimeMinutes) * 60)
                return (index, builder.features(for: departures[index], cutoff: cutoff, timeline: timeline), cutoff)
            }
        }
        let parts: [[(Int, [Float], Int64)]]
        if departures.count <= Self.inlineLimit {
            parts = timelines.map { compute($0.0, $0.1) }
        } else {
            // Seconds of CPU for a training set: on NIO's blocking pool, airports side by side, so that no thread of
            // Swift's cooperative pool (requests, background loops) is held meanwhile.
            parts = try await withThrowingTaskGroup(of: [(Int, [Float], Int64)].self) { group in
                for (timeline, indices) in timelines {
                    group.addTask { try await NIOThreadPool.singleton.runIfActive { compute(timeline, indices) } }
                }
                var collected: [[(Int, [Float], Int64)]] = []
                for try await part in group { collected.append(part) }
                return collected
            }
        }
        for part in parts {
            for (index, vector, cutoff) in part {
                values.replaceSubrange((index * width)..<((index + 1) * width), with: vector)
                cutoffs[index] = cutoff
            }
        }
        return FlightRows(departures: departures, values: values, width: width, delays: departures.map { outcomes[$0.reference] }, cutoffs: cutoffs)
    }
}
