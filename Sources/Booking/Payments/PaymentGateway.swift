import SkyportDomain

/// The processors an order's payments go through: the card processor, and the loyalty programme's miles where the
/// programme runs. Captures go to the processor of their source; refunds to the processor that made the capture.
public struct PaymentGateway: Sendable {
    public let card: any PaymentProcessor
    public let miles: (any PaymentProcessor)?

    public init(card: any PaymentProcessor, miles: (any PaymentProcessor)? = nil) {
        self.card = card
        self.miles = miles
    }

    /// The processor that takes `source`; a refusal when nobody takes miles here.
    func processor(for source: PaymentSource) throws -> any PaymentProcessor {
        switch source {
        case .card: return card
        case .miles:
            guard let miles else {
                throw ServiceError(.invalid, code: .paymentMethodNotAccepted, message: "Miles are not accepted here.", field: "payment.miles")
            }
            return miles
        }
    }

    /// The processor that made a capture recorded under `name`; the card processor for payments recorded before
    /// there were others.
    func processor(named name: String) -> any PaymentProcessor {
        if let miles, miles.name == name { return miles }
        return card
    }

    /// Whether `name` is the miles processor's.
    func isMiles(_ name: String) -> Bool {
        miles?.name == name
    }
}
