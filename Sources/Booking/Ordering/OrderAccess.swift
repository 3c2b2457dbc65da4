/// Order access tokens: the owner's key to an order, derived from its id with the server's
/// secret, so that nothing secret is stored and a retried request gets the same token back.
public struct OrderAccess: Sendable {
    private let signer: Signer

    public init(signer: Signer) {
        self.signer = signer
    }

    public func token(for orderID: String) -> String {
        "oat_" + signer.mac("order-access:\(orderID)", bytes: 24)
    }

    public func isValid(_ token: String, for orderID: String) -> Bool {
        guard token.hasPrefix("oat_") else { return false }
        return signer.verify("order-access:\(orderID)", mac: String(token.dropFirst(4)), bytes: 24)
    }
}
