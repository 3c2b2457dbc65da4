import SkyportContracts

/// The events an endpoint can subscribe to: every order event, and the test `ping`.
public enum WebhookEventType: String, Sendable, Codable, CaseIterable {
    case orderCreated = "order.created"
    case orderChanged = "order.changed"
    case orderCancelled = "order.cancelled"
    case orderServicesChanged = "order.services_changed"
    case orderCheckedIn = "order.checked_in"
    case orderBoarded = "order.boarded"
    /// A passenger's disruption message (sent through the notification pipeline, with its retries and dead letters).
    case orderDisruptionNotified = "order.disruption_notified"
    /// Sent on request, to check an endpoint; always delivered, whatever the filter.
    case ping

    /// The types an endpoint may name, for messages.
    static var subscribable: String { allCases.filter { $0 != .ping }.map(\.rawValue).joined(separator: ", ") }

    /// The outbox topics delivered as they are (their payload is the event's `data`).
    static let outboxTopics: Set<String> = [
        OutboxTopic.orderCreated.name, OutboxTopic.orderChanged.name, OutboxTopic.orderCancelled.name, OutboxTopic.orderServicesChanged.name,
        OutboxTopic.orderCheckedIn.name, OutboxTopic.orderBoarded.name,
    ]

    /// What an endpoint's filter stores: the types between commas (`,order.created,order.boarded,`), so that one
    /// `LIKE '%,type,%'` finds the endpoints subscribed to a type; nil for every type.
    static func filter(_ types: [WebhookEventType]?) -> String? {
        guard let types, !types.isEmpty else { return nil }
        return "," + Set(types).map(\.rawValue).sorted().joined(separator: ",") + ","
    }

    static func types(of filter: String?) -> [WebhookEventType]? {
        filter.map { $0.split(separator: ",").compactMap { WebhookEventType(rawValue: String($0)) } }
    }
}
