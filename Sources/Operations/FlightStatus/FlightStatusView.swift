/// A flight's status as the public sees it (`GET /v1/flights/{number}/status?date=`): scheduled, estimated and actual
/// times, the gate when known, and the delay model's risk for a flight still to leave.
public struct FlightStatusView: Encodable, Sendable {
    /// `scheduled`, `delayed`, `cancelled`, `departed`, `arrived` (arrival estimated from the departure and the block time).
    public enum Phase: String, Encodable, Sendable {
        case scheduled, delayed, cancelled, departed, arrived
    }

    /// The delay model's view of a departure ahead.
    public struct DelayRisk: Encodable, Sendable {
        public let probabilityDelayed: Double
        /// Minutes of delay that count as delayed (15, as the industry counts).
        public let delayThresholdMinutes: Int
        public let expectedDelayMinutes: Double?
        public let modelVersion: Int
        public let reasons: [String]
    }

    public let flightId: String
    public let flightNumber: String
    public let origin: String
    public let destination: String
    public let departureDate: String
    public let status: Phase
    public let scheduledDeparture: String
    public let scheduledDepartureLocal: String
    public let scheduledArrival: String
    public let scheduledArrivalLocal: String
    /// From an operator's declaration or an open disruption; nil when on time.
    public let estimatedDeparture: String?
    public let estimatedDepartureLocal: String?
    public let estimatedArrival: String?
    public let estimatedArrivalLocal: String?
    public let actualDeparture: String?
    public let actualDepartureLocal: String?
    /// Gates are not in the schedule Skyport imports; nil until an airport system provides them.
    public let gate: String?
    public let delayMinutes: Int
    /// Nil once the flight has left or was cancelled, or when no delay model is in service (`delay_risk_unavailable` says why).
    public let delayRisk: DelayRisk?
    public let delayRiskUnavailable: String?
}
