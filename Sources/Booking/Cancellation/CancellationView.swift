/// A cancellation quote, then a confirmed cancellation, as the API shows it.
public struct CancellationView: Encodable, Sendable {
    public let id: String
    public let orderId: String
    public let status: String
    public let refundAmount: String
    public let refundCurrency: String
    public let refundTo: String
    public let createdAt: String
    public let expiresAt: String
    public let confirmedAt: String?
}
