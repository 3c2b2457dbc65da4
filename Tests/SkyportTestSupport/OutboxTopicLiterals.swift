import SkyportContracts

/// Tests write events of their own topics (`Outbox.append(topic: "test.event", …)`); production code names the
/// declared topics only, since this conformance exists only where test support is imported.
extension OutboxTopic: ExpressibleByStringLiteral, ExpressibleByUnicodeScalarLiteral, ExpressibleByExtendedGraphemeClusterLiteral {
    public init(stringLiteral value: String) {
        self.init(value)
    }
}
