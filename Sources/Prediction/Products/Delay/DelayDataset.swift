/// Feature vectors of many departures with what actually happened to them.
public struct DelayDataset: Sendable {
    public let departures: [ScheduledDeparture]
    /// Row-major, `DelayFeature.allCases.count` values a row.
    public let values: [Float]
    /// Departure delay in minutes; nil for departures that never left (cancelled) or have not yet.
    public let delays: [Double?]
    public let cutoffs: [Int64]

    public var count: Int { departures.count }
    public static let width = DelayFeature.allCases.count

    public func row(_ index: Int) -> ArraySlice<Float> { values[(index * Self.width)..<((index + 1) * Self.width)] }

    /// The rows that satisfy `include`, in order.
    public func filter(_ include: (ScheduledDeparture, Double?) -> Bool) -> DelayDataset {
        var departures: [ScheduledDeparture] = [], values: [Float] = [], delays: [Double?] = [], cutoffs: [Int64] = []
        for index in 0..<count where include(self.departures[index], self.delays[index]) {
            departures.append(self.departures[index])
            values.append(contentsOf: row(index))
            delays.append(self.delays[index])
            cutoffs.append(self.cutoffs[index])
        }
        return DelayDataset(departures: departures, values: values, delays: delays, cutoffs: cutoffs)
    }

    /// The same rows with `features` blanked (missing) everywhere.
    public func masking(_ features: [DelayFeature]) -> DelayDataset {
        guard !features.isEmpty else { return self }
        var values = self.values
        for row in 0..<count { for feature in features { values[row * Self.width + feature.index] = .nan } }
        return DelayDataset(departures: departures, values: values, delays: delays, cutoffs: cutoffs)
    }

    /// These rows followed by `other`'s.
    public func appending(_ other: DelayDataset) -> DelayDataset {
        DelayDataset(departures: departures + other.departures, values: values + other.values, delays: delays + other.delays,
                     cutoffs: cutoffs + other.cutoffs)
    }

    /// Every `step`-th row, starting at `offset`.
    public func everyNth(_ step: Int, offset: Int = 0) -> DelayDataset {
        var index = -1
        return filter { _, _ in
            index += 1
            return index % step == offset
        }
    }

    /// The values of only some columns (a nested baseline's features), row-major.
    public func columns(_ features: [DelayFeature]) -> [Float] {
        var selected: [Float] = []
        selected.reserveCapacity(count * features.count)
        let indices = features.map(\.index)
        for index in 0..<count {
            let base = index * Self.width
            for column in indices { selected.append(values[base + column]) }
        }
        return selected
    }
}

/// Builds datasets through the one feature pipeline, from any departure source.
public struct DelayDatasetBuilder: Sendable {
    let source: any DepartureSource
    let builder = DelayFeatureBuilder()

    public init(source: any DepartureSource) {
        self.source = source
    }

    /// Features of every departure scheduled in `[start, end)`, each as known `leadTimeMinutes` before it.
    /// `now` caps the cut-off: a departure due within the lead time is seen as of `now`.
    public func build(scheduledFrom start: Int64, to end: Int64, leadTimeMinutes: Int, now: Int64 = .max) async throws -> DelayDataset {
        let departures = try await source.departures(scheduledFrom: start, to: end)
        return try await build(departures, leadTimeMinutes: leadTimeMinutes, now: now)
    }

    /// Features of `departures`, each as known `leadTimeMinutes` before it (or at `now`, if earlier), with their
    /// outcomes where known (`withOutcomes: false` skips reading them, for serving).
    public func build(_ departures: [ScheduledDeparture], leadTimeMinutes: Int, now: Int64 = .max, withOutcomes: Bool = true) async throws -> DelayDataset {
        let rows = try await FlightDatasetBuilder(source: source, builder: builder)
            .rows(departures, leadTimeMinutes: leadTimeMinutes, now: now, withOutcomes: withOutcomes)
        return DelayDataset(departures: rows.departures, values: rows.values, delays: rows.delays, cutoffs: rows.cutoffs)
    }
}
