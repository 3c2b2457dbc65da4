/// The timeline as it stood at the cut-off: the only way the builder reads weather and departures.
struct Knowledge {
    let timeline: OriginTimeline
    let cutoff: Int64

    func latestWeather(atOrBefore moment: Int64) -> WeatherReading? {
        let end = timeline.weather.partitionIndex { $0.observedAt <= min(moment, cutoff) }
        return end > 0 ? timeline.weather[end - 1] : nil
    }

    /// Observations in `(start, cutoff]`.
    func weather(after start: Int64) -> ArraySlice<WeatherReading> {
        let first = timeline.weather.partitionIndex { $0.observedAt <= start }
        let end = timeline.weather.partitionIndex { $0.observedAt <= cutoff }
        return first < end ? timeline.weather[first..<end] : []
    }

    /// Departures that left in `(start, cutoff]`.
    func departed(after start: Int64) -> ArraySlice<DepartureRecord> {
        let first = timeline.departed.partitionIndex { $0.departedAt! <= start }
        let end = timeline.departed.partitionIndex { $0.departedAt! <= cutoff }
        return first < end ? timeline.departed[first..<end] : []
    }

    /// Departures scheduled in `(start, cutoff]` that had not left by the cut-off.
    func waiting(scheduledAfter start: Int64) -> [DepartureRecord] {
        let first = timeline.departures.partitionIndex { $0.scheduledAt <= start }
        let end = timeline.departures.partitionIndex { $0.scheduledAt <= cutoff }
        guard first < end else { return [] }
        return timeline.departures[first..<end].filter { ($0.departedAt ?? .max) > cutoff }
    }

    /// The delay of a departure as known at the cut-off: its delay if it had left, how long it had waited if it
    /// was due and had not, nothing if it was not yet due.
    func knownDelay(of departure: DepartureRecord) -> Double? {
        if let departedAt = departure.departedAt, departedAt <= cutoff { return departure.delayMinutes }
        if departure.scheduledAt <= cutoff { return Double(cutoff - departure.scheduledAt) / 60 }
        return nil
    }
}
