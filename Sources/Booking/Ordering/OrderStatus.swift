/// Where an order is: ticketed and flying, or cancelled (by the passenger, or refunded for a disruption).
public enum OrderStatus: String, Sendable, Codable, CaseIterable {
    case confirmed
    case cancelled
}
