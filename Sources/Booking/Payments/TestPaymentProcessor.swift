import Foundation
import SkyportDomain

/// The test-mode processor: card numbers decide the outcome, as processors' sandboxes do.
///
/// | number | outcome |
/// |---|---|
/// | 4242 4242 4242 4242 | approved (Visa) |
/// | 5555 5555 5555 4444 | approved (Mastercard) |
/// | 4000 0000 0000 0002 | declined: `card_declined` |
/// | 4000 0000 0000 9995 | declined: `insufficient_funds` |
/// | 4000 0000 0000 0069 | declined: `expired_card` |
/// | 4000 0000 0000 0127 | declined: `incorrect_cvc` |
/// | 4000 0000 0000 0119 | declined: `processing_error` |
/// Any other number that passes the Luhn check is approved.
public actor TestPaymentProcessor: PaymentProcessor {
    public nonisolated let name = "test"

    public static let declines: [String: PaymentDeclined] = [
        "4000000000000002": .init(code: .cardDeclined, message: "The card was declined."),
        "4000000000009995": .init(code: .insufficientFunds, message: "The card has insufficient funds."),
        "4000000000000069": .init(code: .expiredCard, message: "The card has expired."),
        "4000000000000127": .init(code: .incorrectCVC, message: "The card's security code is incorrect."),
        "4000000000000119": .init(code: .processingError, message: "The card could not be processed; try again."),
    ]

    private var captures: [String: PaymentCapture] = [:]
    private var refunded: [String: Int64] = [:]
    private var refunds: [String: PaymentRefund] = [:]
    /// Every capture and refund in the order made, as a processor's settlement report lists them.
    private var settled: [SettledPayment] = []

    /// A capture or refund the processor made.
    public struct SettledPayment: Sendable, Equatable {
        public let reference: String
        public let isRefund: Bool
        public let amount: Money
        public let at: Date
    }

    public init() {}

    public func capture(amount: Money, from source: PaymentSource, idempotencyKey: String) async throws -> PaymentCapture {
        if let previous = captures[idempotencyKey] { return previous }
        guard case .card(let card) = source else {
            throw PaymentDeclined(code: .paymentMethodNotAccepted, message: "The card processor takes cards only.")
        }
        if let decline = Self.declines[card.number] { throw decline }
        let capture = PaymentCapture(reference: Identifier.make(prefix: "test_ch"),
                                     amount: amount, cardBrand: card.brand, cardLastFour: card.lastFour)
        captures[idempotencyKey] = capture
        settled.append(SettledPayment(reference: capture.reference, isRefund: false, amount: amount, at: Date()))
        return capture
    }

    public func refund(captureReference reference: String, amount: Money, idempotencyKey: String) async throws -> PaymentRefund {
        if let previous = refunds[idempotencyKey] { return previous }
        // Captures made before a restart are not in memory; the test processor accepts their refunds.
        if let capture = captures.values.first(where: { $0.reference == reference }),
           refunded[reference, default: 0] + amount.minorUnits > capture.amount.minorUnits {
            throw PaymentDeclined(code: .refundExceedsCapture, message: "The refund exceeds what was captured.")
        }
        refunded[reference, default: 0] += amount.minorUnits
        let refund = PaymentRefund(reference: Identifier.make(prefix: "test_re"), amount: amount)
        refunds[idempotencyKey] = refund
        settled.append(SettledPayment(reference: refund.reference, isRefund: true, amount: amount, at: Date()))
        return refund
    }

    public func voidCapture(idempotencyKey: String) async throws {
        if let voided = captures.removeValue(forKey: idempotencyKey) { settled.removeAll { $0.reference == voided.reference } }
    }

    /// The captures and refunds made since the processor started (voided captures left out): its settlement report.
    public var settlements: [SettledPayment] { settled }

    /// Captures made so far (for tests and the test-mode dashboard).
    public var captureCount: Int { captures.count }
}
