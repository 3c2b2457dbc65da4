import SkyportDomain

/// The error codes Operations gives (its services' `ServiceError`s and `ValidationIssue`s).
extension ServiceError.Code {
    public static let flightCancelled = Self("flight_cancelled")
    public static let flightDeparted = Self("flight_departed")
    public static let forbiddenAddress = Self("forbidden_address")
    public static let invalidDepartureTime = Self("invalid_departure_time")
    public static let invalidDescription = Self("invalid_description")
    public static let invalidDisruptionPolicy = Self("invalid_disruption_policy")
    public static let invalidEstimatedDeparture = Self("invalid_estimated_departure")
    public static let invalidReplayPlan = Self("invalid_replay_plan")
    public static let invalidURL = Self("invalid_url")
    public static let refundNotAllowed = Self("refund_not_allowed")
    public static let tooManyReports = Self("too_many_reports")
    /// Not a flight number (the airline's two characters and one to four digits).
    public static let invalidFlightNumber = Self("invalid_flight_number")
    /// A webhook event type that does not exist.
    public static let invalidEventType = Self("invalid_event_type")
    /// No active webhook endpoint has this id.
    public static let webhookEndpointNotFound = Self("webhook_endpoint_not_found")
}
