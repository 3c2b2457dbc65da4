/// An outbox topic and the one payload type its events carry. The module that writes an event and every module
/// that reads it name the same `OutboxTopic`, so a renamed or retyped field fails to compile on both sides instead
/// of reaching a consumer as a missing value.
///
/// Topics are declared beside their payloads, as constrained static members:
/// `extension OutboxTopic where Payload == OrderCreatedEvent { static var orderCreated: Self { Self("order.created") } }`,
/// so that `Outbox.append(topic: .orderCreated, …, payload: OrderCreatedEvent(…))` only takes an `OrderCreatedEvent`.
public struct OutboxTopic<Payload: Codable & Sendable>: Sendable, Hashable, CustomStringConvertible {
    /// The name stored with each event (`order.created`): never renamed, as stored events keep it.
    public let name: String

    public init(_ name: String) {
        self.name = name
    }

    public var description: String { name }
}
