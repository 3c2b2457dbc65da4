import SkyportDomain

/// How passengers are told and what they are offered.
public struct NotificationSettings: Sendable {
    /// Where booking links in messages point (`SKYPORT_PUBLIC_URL`).
    public var publicURL: String
    /// How long seats on an alternative are held for a booking.
    public var holdMinutes: Int
    /// Alternatives held per booking.
    public var alternativesPerBooking: Int
    /// How far after the disrupted departure alternatives may leave.
    public var alternativeWindowHours: Int
    /// Retries of failed email and webhook deliveries.
    public var retries: RetrySchedule
    /// Messages worded and deliveries tried per batch.
    public var batchSize: Int
    /// Where registered webhooks may point.
    public var webhookDestinations: WebhookDestinations

    public init(publicURL: String, holdMinutes: Int = 120, alternativesPerBooking: Int = 2, alternativeWindowHours: Int = 36,
                retries: RetrySchedule = .standard, batchSize: Int = 100, webhookDestinations: WebhookDestinations = .publicOnly) {
        self.webhookDestinations = webhookDestinations
        self.publicURL = publicURL
        self.holdMinutes = holdMinutes
        self.alternativesPerBooking = alternativesPerBooking
        self.alternativeWindowHours = alternativeWindowHours
        self.retries = retries
        self.batchSize = batchSize
    }
}
