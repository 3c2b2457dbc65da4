import SkyportDomain

/// A payment card as entered. Only the last four digits are ever stored.
public struct PaymentCard: Sendable {
    public let number: String
    public let expiryMonth: Int
    public let expiryYear: Int
    public let cvc: String
    public let holderName: String

    public init(number: String, expiryMonth: Int, expiryYear: Int, cvc: String, holderName: String) {
        self.number = number
        self.expiryMonth = expiryMonth
        self.expiryYear = expiryYear
        self.cvc = cvc
        self.holderName = holderName
    }

    public var lastFour: String { String(number.suffix(4)) }

    /// The card network from the number's prefix.
    public var brand: String {
        if number.hasPrefix("4") { return "visa" }
        if let two = Int(number.prefix(2)), (51...55).contains(two) { return "mastercard" }
        if let four = Int(number.prefix(4)), (2221...2720).contains(four) { return "mastercard" }
        if number.hasPrefix("34") || number.hasPrefix("37") { return "amex" }
        return "unknown"
    }

    /// Whether the number passes the Luhn check that every card number satisfies.
    public static func passesLuhn(_ digits: String) -> Bool {
        Luhn.isValid(digits)
    }
}

/// A captured payment as the processor reports it.
public struct PaymentCapture: Sendable, Hashable {
    /// The processor's reference, used for refunds.
    public let reference: String
    public let amount: Money
    public let cardBrand: String
    public let cardLastFour: String
}

/// A refund as the processor reports it.
public struct PaymentRefund: Sendable, Hashable {
    public let reference: String
    public let amount: Money
}

/// Why a processor refused a payment.
public struct PaymentDeclined: Error, Sendable, Hashable {
    /// `.cardDeclined`, `.insufficientFunds`, `.expiredCard`, `.incorrectCVC`, `.processingError`.
    public let code: ServiceError.Code
    public let message: String
}

/// What Skyport needs from a payment processor. A real adapter (a card acquirer's API) implements
/// the same protocol; `TestPaymentProcessor` is the built-in one for test mode.
public protocol PaymentProcessor: Sendable {
    /// A short name stored with each payment (`test`, ...).
    var name: String { get }

    /// Captures `amount` from `card`. The same `idempotencyKey` never captures twice.
    /// Throws `PaymentDeclined` when the card is refused.
    func capture(amount: Money, card: PaymentCard, idempotencyKey: String) async throws -> PaymentCapture

    /// Refunds `amount` (at most what was captured) of the capture `reference`.
    func refund(captureReference reference: String, amount: Money, idempotencyKey: String) async throws -> PaymentRefund

    /// Voids the capture made with `idempotencyKey`, if there was one: the compensation when the
    /// order it paid for could not be committed.
    func voidCapture(idempotencyKey: String) async throws
}
