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

}

/// Miles a signed-in member spends on their order.
public struct MilesAccount: Sendable, Hashable {
    /// The membership number, ten digits.
    public let membershipNumber: String
    /// The customer account paying: only the member's own account can spend their miles.
    public let customerID: String
    public let miles: Int
    /// What the miles pay for, for the member's statement (`Award JFK–LAX 2026-12-20`).
    public let memo: String

    public init(membershipNumber: String, customerID: String, miles: Int, memo: String) {
        self.membershipNumber = membershipNumber
        self.customerID = customerID
        self.miles = miles
        self.memo = memo
    }
}

/// What a payment is taken from: a card, or a loyalty member's miles (redemption is a form of payment, not a step of
/// its own).
public enum PaymentSource: Sendable {
    case card(PaymentCard)
    case miles(MilesAccount)
}

/// A captured payment as the processor reports it.
public struct PaymentCapture: Sendable, Hashable {
    /// The processor's reference, used for refunds.
    public let reference: String
    public let amount: Money
    /// The card's network, or `miles`.
    public let cardBrand: String
    /// The card's or the membership number's last four digits.
    public let cardLastFour: String
    /// Miles spent, for a capture from miles.
    public let miles: Int?

    public init(reference: String, amount: Money, cardBrand: String, cardLastFour: String, miles: Int? = nil) {
        self.reference = reference
        self.amount = amount
        self.cardBrand = cardBrand
        self.cardLastFour = cardLastFour
        self.miles = miles
    }
}

/// A refund as the processor reports it.
public struct PaymentRefund: Sendable, Hashable {
    public let reference: String
    public let amount: Money

    public init(reference: String, amount: Money) {
        self.reference = reference
        self.amount = amount
    }
}

/// Why a processor refused a payment.
public struct PaymentDeclined: Error, Sendable, Hashable {
    /// `.cardDeclined`, `.insufficientFunds`, `.expiredCard`, `.incorrectCVC`, `.processingError`; for miles
    /// `.insufficientMiles`, `.membershipNotFound`, `.paymentMethodNotAccepted`.
    public let code: ServiceError.Code
    public let message: String

    public init(code: ServiceError.Code, message: String) {
        self.code = code
        self.message = message
    }
}

/// What Skyport needs from a payment processor. A real adapter (a card acquirer's API) implements
/// the same protocol; `TestPaymentProcessor` is the built-in one for test mode, and the loyalty programme's miles
/// processor takes payments from members' miles.
public protocol PaymentProcessor: Sendable {
    /// A short name stored with each payment (`test`, `miles`, ...).
    var name: String { get }

    /// Captures `amount` from `source`. The same `idempotencyKey` never captures twice.
    /// Throws `PaymentDeclined` when the source is refused (or is of a kind this processor does not take).
    func capture(amount: Money, from source: PaymentSource, idempotencyKey: String) async throws -> PaymentCapture

    /// Refunds `amount` (at most what was captured) of the capture `reference`. A processor may settle it later (a
    /// card network does, and so do miles, which go back when the loyalty programme reads the refund); it answers once
    /// it has accepted it.
    func refund(captureReference reference: String, amount: Money, idempotencyKey: String) async throws -> PaymentRefund

    /// Voids the capture made with `idempotencyKey`, if there was one: the compensation when the
    /// order it paid for could not be committed.
    func voidCapture(idempotencyKey: String) async throws
}
