/// Phrases for the features that raised a cancellation risk: the delay model's phrases for the features it shares,
/// and the cancellation waves in words.
enum CancellationReasons {
    static func phrase(_ index: Int, value: Float, origin: String, carrier: String) -> String {
        if index < DelayFeature.allCases.count {
            return ReasonPhrases.phrase(DelayFeature.allCases[index], value: value, origin: origin, carrier: carrier)
        }
        let feature = CancellationFeature.allCases[index - DelayFeature.allCases.count]
        let v = Double(value), count = Int(value.rounded())
        switch feature {
        case .leadHours: return "read \(Int(v.rounded())) h before departure"
        case .overdueToday: return "\(count) departures from \(origin) overdue by more than an hour today"
        case .overdueShareToday: return "\(Int((v * 100).rounded()))% of today's departures from \(origin) so far have not left"
        case .carrierOverdueToday: return "\(count) \(carrier) departures from \(origin) overdue today"
        case .routeOverdueToday: return "\(count) departures on this route overdue today"
        case .aircraftPreviousLegOverdue: return v >= 0.5 ? "the aircraft's previous flight has not left" : "the aircraft's previous flight has left"
        case .originCancelledShare7d: return "\(Int((v * 100).rounded()))% of departures from \(origin) cancelled in the last 7 days"
        case .carrierCancelledShare7d: return "\(Int((v * 100).rounded()))% of \(carrier) departures from \(origin) cancelled in the last 7 days"
        case .flightCancelled7d: return "this flight cancelled \(count) times in the last 7 days"
        }
    }
}
