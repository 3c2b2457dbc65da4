import SkyportDomain

/// Turns a departure and its airport's timeline into the cancellation-risk model's vector: the delay model's
/// features as known at the cut-off, then the cancellation waves (`CancellationFeature`). Beyond the delay model's
/// (read through `Knowledge`), it reads departures due before the cut-off and asks only whether they had left by then,
/// so no feature can see the future (`CancellationFeatureLeakageTests`).
public struct CancellationFeatureBuilder: FlightFeatureBuilding {
    public static let width = CancellationFeatureSchema.names.count
    let delayFeatures = DelayFeatureBuilder()

    public init() {}

    public func features(for flight: ScheduledDeparture, cutoff: Int64, timeline: OriginTimeline) -> [Float] {
        var vector = delayFeatures.features(for: flight, cutoff: cutoff, timeline: timeline)
        vector.append(contentsOf: repeatElement(Float.nan, count: CancellationFeature.allCases.count))
        func set(_ feature: CancellationFeature, _ value: Double?) {
            if let value, value.isFinite { vector[feature.index] = Float(value) }
        }
        set(.leadHours, Double(flight.scheduledAt - cutoff) / 3600)
        guard timeline.recordsDepartures else { return vector }
        let hour: Int64 = 3600
        // Today's departures due more than an hour before the cut-off: one not gone by then is most likely cancelled.
        let dayStart = min(flight.localDayStart, cutoff)
        let due = timeline.departures(scheduledFrom: dayStart, before: cutoff - hour + 1)
        let overdue = due.filter { ($0.departedAt ?? .max) > cutoff }
        set(.overdueToday, Double(overdue.count))
        if !due.isEmpty { set(.overdueShareToday, Double(overdue.count) / Double(due.count)) }
        set(.carrierOverdueToday, Double(overdue.filter { $0.carrier == flight.carrier }.count))
        set(.routeOverdueToday, Double(overdue.filter { $0.destination == flight.destination }.count))
        if let previous = timeline.legsOfTail(flight.tailNumber, from: flight.localDayStart, before: flight.scheduledAt)?.last,
           previous.scheduledAt <= cutoff - hour {
            set(.aircraftPreviousLegOverdue, (previous.departedAt ?? .max) > cutoff ? 1 : 0)
        }
        // The seven days before the cut-off's local day (for an early departure read six hours ahead, the day before).
        let cutoffDay = flight.localDayStart <= cutoff ? flight.localDayStart : flight.localDayStart - 86_400
        let week = timeline.weekStatistics(dayStart: cutoffDay, from: cutoffDay - 7 * 86_400, before: cutoffDay)
        set(.originCancelledShare7d, week.all.cancelledShare)
        set(.carrierCancelledShare7d, week.carriers[flight.carrier]?.cancelledShare)
        let sameFlight = timeline.departures(ofFlight: flight.carrier, flight.flightNumber, from: cutoffDay - 7 * 86_400, before: cutoffDay)
        set(.flightCancelled7d, Double(sameFlight.filter { ($0.departedAt ?? .max) > cutoffDay }.count))
        return vector
    }
}
