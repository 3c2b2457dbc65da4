import SkyportDomain

/// Turns a departure and its airport's timeline into the delay model's feature vector.
///
/// The one feature pipeline: training, single predictions and batch scoring all call it. Its cut-off
/// is the moment of prediction; the timeline is read only through `Knowledge`, which hides weather
/// observed later and departures that had not left by then, so no feature can see the future.
public struct DelayFeatureBuilder: FlightFeatureBuilding {
    /// Predictions are made this long before the scheduled departure unless the caller says otherwise.
    public static let defaultLeadTimeMinutes = 120
    public static let width = DelayFeature.allCases.count

    public init() {}

    /// The features of `flight`, as known at `cutoff` (seconds since 1970), in `DelayFeature` order.
    /// Missing values are `NaN`.
    public func features(for flight: ScheduledDeparture, cutoff: Int64, timeline: OriginTimeline) -> [Float] {
        var vector = [Float](repeating: .nan, count: DelayFeature.allCases.count)
        func set(_ feature: DelayFeature, _ value: Double?) {
            if let value, value.isFinite { vector[feature.index] = Float(value) }
        }
        let known = Knowledge(timeline: timeline, cutoff: cutoff)
        addSchedule(of: flight, timeline: timeline, set: set)
        addWeather(known, set: set)
        if timeline.recordsDepartures {
            addOperations(of: flight, known, set: set)
            addRecentHistory(of: flight, known, set: set)
        }
        return vector
    }

    // MARK: - The schedule

    private func addSchedule(of flight: ScheduledDeparture, timeline: OriginTimeline, set: (DelayFeature, Double?) -> Void) {
        set(.hourLocal, Double(flight.localMinuteOfDay) / 60)
        set(.weekday, Double(flight.localDate.isoWeekday))
        set(.month, Double(flight.localDate.month))
        set(.dayOfYear, LocalDate(year: flight.localDate.year, month: 1, day: 1).map { Double(flight.localDate.daysSinceEpoch - $0.daysSinceEpoch + 1) })
        set(.daysToHoliday, Double(USHolidays.daysToNearest(from: flight.localDate)))
        set(.carrier, CodeEncoding.value(of: flight.carrier))
        set(.origin, CodeEncoding.value(of: flight.origin))
        set(.destination, CodeEncoding.value(of: flight.destination))
        set(.distanceMiles, Double(flight.distanceMiles))
        set(.aircraftSeats, flight.aircraftSeats.map(Double.init))
        if let built = flight.aircraftYearBuilt, built > 1900 { set(.aircraftAgeYears, Double(flight.localDate.year - built)) }

        // The published schedule is known in advance, so these counts may look past the cut-off.
        let hourStart = flight.scheduledAt - Int64(flight.localMinuteOfDay % 60) * 60
        set(.departuresScheduledSameHour, Double(timeline.countScheduled(from: hourStart, to: hourStart + 3600)))
        set(.departuresScheduledEarlierToday, Double(timeline.countScheduled(from: flight.localDayStart, to: flight.scheduledAt)))
        if let legs = timeline.legsOfTail(flight.tailNumber, from: flight.localDayStart, before: flight.scheduledAt) {
            set(.aircraftLegOfDay, Double(legs.count + 1))
        }
    }

    // MARK: - Weather at the origin

    private func addWeather(_ known: Knowledge, set: (DelayFeature, Double?) -> Void) {
        let hour: Int64 = 3600
        guard let latest = known.latestWeather(atOrBefore: known.cutoff), known.cutoff - latest.observedAt <= 6 * hour else { return }
        set(.temperatureF, latest.temperatureF)
        set(.dewPointF, latest.dewPointF)
        set(.humidityPercent, latest.humidityPercent)
        set(.windDirectionDeg, latest.windDirectionDeg)
        set(.windSpeedMph, latest.windSpeedMph ?? 0)
        set(.windGustMph, latest.windGustMph ?? latest.windSpeedMph)
        set(.precipitationIn, latest.precipitationIn)
        set(.pressureMb, latest.pressureMb)
        set(.visibilityMi, latest.visibilityMi)
        set(.weatherAgeMinutes, Double(known.cutoff - latest.observedAt) / 60)

        if let earlier = known.latestWeather(atOrBefore: latest.observedAt - 3 * hour), latest.observedAt - earlier.observedAt <= 5 * hour {
            set(.pressureChange3h, difference(latest.pressureMb, earlier.pressureMb))
            set(.temperatureChange3h, difference(latest.temperatureF, earlier.temperatureF))
            set(.windSpeedChange3h, difference(latest.windSpeedMph, earlier.windSpeedMph))
        }
        let recent = known.weather(after: known.cutoff - 6 * hour)
        set(.visibilityMin6h, recent.compactMap(\.visibilityMi).min())
        set(.precipitationSum6h, recent.compactMap(\.precipitationIn).reduce(0, +))
        set(.gustMax6h, recent.compactMap { $0.windGustMph ?? $0.windSpeedMph }.max())
    }

    private func difference(_ now: Double?, _ before: Double?) -> Double? {
        guard let now, let before else { return nil }
        return now - before
    }

    // MARK: - Operations at the origin

    private func addOperations(of flight: ScheduledDeparture, _ known: Knowledge, set: (DelayFeature, Double?) -> Void) {
        let hour: Int64 = 3600
        let lastTwoHours = known.departed(after: known.cutoff - 2 * hour)
        set(.departedLast2h, Double(lastTwoHours.count))
        if !lastTwoHours.isEmpty {
            let delays = lastTwoHours.compactMap(\.delayMinutes)
            set(.meanDelayDepartedLast2h, delays.reduce(0, +) / Double(delays.count))
            set(.delayedShareDepartedLast2h, Double(delays.filter { $0 >= 15 }.count) / Double(delays.count))
        }
        let lastSixHours = known.departed(after: known.cutoff - 6 * hour).compactMap(\.delayMinutes)
        if !lastSixHours.isEmpty { set(.meanDelayDepartedLast6h, lastSixHours.reduce(0, +) / Double(lastSixHours.count)) }

        // Flights due out in the last three hours that had not left by the cut-off are already late.
        let waiting = known.waiting(scheduledAfter: known.cutoff - 3 * hour)
        set(.waitingDepartures, Double(waiting.count))
        set(.longestWaitMinutes, waiting.map { Double(known.cutoff - $0.scheduledAt) / 60 }.max() ?? 0)

        let carrierDelays = known.departed(after: known.cutoff - 3 * hour).filter { $0.carrier == flight.carrier }.compactMap(\.delayMinutes)
        if !carrierDelays.isEmpty { set(.carrierMeanDelayLast3h, carrierDelays.reduce(0, +) / Double(carrierDelays.count)) }

        if let previous = known.timeline.legsOfTail(flight.tailNumber, from: flight.localDayStart, before: flight.scheduledAt)?.last {
            set(.aircraftPreviousLegDelay, known.knownDelay(of: previous))
        }
        set(.departuresScheduledBeforeFlight, Double(known.timeline.countScheduled(from: known.cutoff + 1, to: flight.scheduledAt)))

        // A ground stop shows as departures drying up against the schedule.
        let dueLastHour = known.timeline.countScheduled(from: known.cutoff - hour + 1, to: known.cutoff + 1)
        set(.departureRateLast1h, Double(known.departed(after: known.cutoff - hour).count) / Double(max(1, dueLastHour)))
        if let last = known.departed(after: known.cutoff - 12 * hour).last?.departedAt {
            set(.minutesSinceLastDeparture, Double(known.cutoff - last) / 60)
        }
        let today = known.departed(after: flight.localDayStart).compactMap(\.delayMinutes)
        if !today.isEmpty { set(.meanDelayDepartedToday, today.reduce(0, +) / Double(today.count)) }
        // Delays on the same route point at trouble at the destination (a ground delay program, its weather).
        let route = known.departed(after: known.cutoff - 6 * hour).filter { $0.destination == flight.destination }.compactMap(\.delayMinutes)
        if !route.isEmpty { set(.routeMeanDelayLast6h, route.reduce(0, +) / Double(route.count)) }
        set(.carrierWaitingDepartures, Double(waiting.filter { $0.carrier == flight.carrier }.count))
    }
}

extension DelayFeatureBuilder {
    // MARK: - The last seven days

    /// Outcomes of the seven days before the departure day, over departures due at least an hour before the
    /// cut-off: each of them had either left (its delay known) or been waiting an hour, which counts as delayed.
    private func addRecentHistory(of flight: ScheduledDeparture, _ known: Knowledge, set: (DelayFeature, Double?) -> Void) {
        let start = flight.localDayStart - 7 * 86_400, end = min(flight.localDayStart, known.cutoff - 3600)
        let sameFlight = known.timeline.departures(ofFlight: flight.carrier, flight.flightNumber, from: start, before: end)
        // Not gone by the cut-off (cancelled, say): infinitely late, so delayed in the share and left out of the mean.
        let outcomes = sameFlight.map { record -> Double in
            guard let departedAt = record.departedAt, departedAt <= known.cutoff else { return .infinity }
            return Double(departedAt - record.scheduledAt) / 60
        }
        if outcomes.count >= 3 { set(.flightDelayedShare7d, Double(outcomes.filter { $0 >= 15 }.count) / Double(outcomes.count)) }
        let left = outcomes.filter(\.isFinite)
        if !left.isEmpty { set(.flightMeanDelay7d, left.reduce(0, +) / Double(left.count)) }
        let week = known.timeline.weekStatistics(dayStart: flight.localDayStart, from: start, before: end)
        set(.hourDelayedShare7d, week.hours[flight.localMinuteOfDay / 60].share)
        set(.carrierDelayedShare7d, week.carriers[flight.carrier]?.share)
        set(.originDelayedShare7d, week.all.share)
    }
}
