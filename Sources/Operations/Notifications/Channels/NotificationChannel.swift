/// A message on its way to one channel.
public struct OutgoingMessage: Sendable {
    public let deliveryID: String
    public let notificationID: String
    public let disruptionID: String
    public let level: String
    public let orderID: String
    public let reference: String
    public let language: String
    public let contactEmail: String
    public let subject: String
    public let body: String
    /// `NotificationContent` as JSON.
    public let content: String
    public let createdAt: Int64
}

/// Why a delivery failed: `permanent` failures (a refused address) are not tried again.
public struct DeliveryFailure: Error, Sendable, CustomStringConvertible {
    public let detail: String
    public let permanent: Bool

    public init(_ detail: String, permanent: Bool = false) {
        self.detail = detail
        self.permanent = permanent
    }

    public var description: String { detail }
}

/// A way of reaching passengers (email, webhooks). The inbox needs none: it is the database.
public protocol NotificationChannel: Sendable {
    /// `email` or `webhook`, as deliveries name their channel.
    var name: String { get }

    /// Delivers `message` to `target` (the delivery's target) and says what the other side answered;
    /// throws `DeliveryFailure` (or any error, taken as temporary).
    func deliver(_ message: OutgoingMessage, target: String) async throws -> String
}
