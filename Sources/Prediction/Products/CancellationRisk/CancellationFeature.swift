/// The features the cancellation-risk model reads beyond the delay model's (which it reads first, in their order).
///
/// Cancellations come in waves (a storm, a ground stop, an aircraft out of service): what was cancelled today and
/// over the past week at the origin, for the airline and on the route, and whether the aircraft's previous leg left.
/// Every one is computed from what is known at the cut-off; changing the order or meaning of any is a new
/// `CancellationFeatureSchema.version`.
public enum CancellationFeature: String, CaseIterable, Sendable {
    /// How many hours before the departure the features are read (6 and 2 in training).
    case leadHours = "lead_hours"
    /// Departures from the origin due today more than an hour before the cut-off that had not left by it.
    case overdueToday = "overdue_today"
    /// Those as a share of every departure due today more than an hour before the cut-off.
    case overdueShareToday = "overdue_share_today"
    case carrierOverdueToday = "carrier_overdue_today"
    case routeOverdueToday = "route_overdue_today"
    /// 1 when the aircraft's previous departure from the origin today was due an hour before the cut-off and had not
    /// left, 0 when it had left, missing when there was none or it was not yet due.
    case aircraftPreviousLegOverdue = "aircraft_previous_leg_overdue"
    /// Shares of departures that never left, over the seven days before the cut-off's day.
    case originCancelledShare7d = "origin_cancelled_share_7d"
    case carrierCancelledShare7d = "carrier_cancelled_share_7d"
    case flightCancelled7d = "flight_cancelled_7d"

    /// Position in the cancellation model's vector (after the delay model's features).
    public var index: Int { Self.indexByFeature[self]! }

    private static let indexByFeature: [CancellationFeature: Int] =
        Dictionary(uniqueKeysWithValues: allCases.enumerated().map { ($1, DelayFeature.allCases.count + $0) })
}

/// The cancellation-risk model's feature schema: the delay model's features, then `CancellationFeature`'s.
public enum CancellationFeatureSchema {
    public static let currentVersion = "cancellation-features/1"
    public static let names = DelayFeature.allCases.map(\.rawValue) + CancellationFeature.allCases.map(\.rawValue)
    public static let current = FeatureSchema(version: currentVersion, features: names)
}
