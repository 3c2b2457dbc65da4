/// A cancellation quote, then a confirmed cancellation, as the API shows it.
public struct CancellationView: Encodable, Sendable {
    /// A quote waits for its confirmation (until `expiresAt`); a confirmed one cancelled the order.
    public enum Status: String, Sendable, Codable {
        case pending, confirmed
    }

    public let id: String
    public let orderId: String
    public let status: Status
    public let refundAmount: String
    public let refundCurrency: String
    public let refundTo: String
    public let createdAt: String
    public let expiresAt: String
    public let confirmedAt: String?
}
