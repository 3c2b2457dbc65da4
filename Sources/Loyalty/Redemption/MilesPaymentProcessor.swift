import SQLKit
import SkyportDomain
import SkyportStore

/// The loyalty programme as a payment processor (`miles`): the booking engine takes payments from a member's miles
/// through the same interface as from a card. A capture spends the miles at once; a void gives them back at once; a
/// refund is accepted here and settled when the programme reads the booking engine's `payment.refunded` (the booking
/// engine's transaction, in which refunds are made, cannot wait for another on the same database).
public struct MilesPaymentProcessor: PaymentProcessor {
    /// The name the booking engine records with payments from miles.
    public static let processorName = "miles"
    public var name: String { Self.processorName }

    let database: any Database
    let spending = MilesSpending()
    /// Seconds since 1970.
    let now: @Sendable () -> Int64

    public init(database: any Database, now: @escaping @Sendable () -> Int64) {
        self.database = database
        self.now = now
    }

    public func capture(amount: Money, from source: PaymentSource, idempotencyKey: String) async throws -> PaymentCapture {
        guard case .miles(let account) = source else {
            throw PaymentDeclined(code: .paymentMethodNotAccepted, message: "The miles processor takes miles only.")
        }
        let now = now()
        let redemption = try await database.transaction { [spending] sql -> RedemptionRow in
            if let earlier = try await RedemptionStore.redemption(key: idempotencyKey, on: sql) {
                guard earlier.status == "captured" else { throw PaymentDeclined(code: .processingError, message: "This payment was voided.") }
                return earlier
            }
            return try await spending.spend(account, worth: amount, idempotencyKey: idempotencyKey, at: now, on: sql)
        }
        return PaymentCapture(reference: redemption.id, amount: Money(minorUnits: redemption.payment_value, currency: amount.currency),
                              cardBrand: name, cardLastFour: String(account.membershipNumber.suffix(4)), miles: redemption.miles)
    }

    public func refund(captureReference reference: String, amount: Money, idempotencyKey: String) async throws -> PaymentRefund {
        let redemption = try await database.read { sql in try await RedemptionStore.redemption(id: reference, on: sql) }
        guard let redemption, redemption.status == "captured" else {
            throw PaymentDeclined(code: .paymentNotFound, message: "No payment with miles has this reference.")
        }
        guard amount.minorUnits <= redemption.payment_value - redemption.returned_payment_value else {
            throw PaymentDeclined(code: .refundExceedsCapture, message: "The refund exceeds what the miles paid.")
        }
        return PaymentRefund(reference: Identifier.make(prefix: "mrf"), amount: amount)
    }

    public func voidCapture(idempotencyKey: String) async throws {
        let now = now()
        try await database.transaction { [spending] sql in
            guard let redemption = try await RedemptionStore.redemption(key: idempotencyKey, on: sql), redemption.status == "captured" else { return }
            try await spending.giveBack(redemption, paymentValue: redemption.payment_value, voiding: true, reason: "Booking not made",
                                        settling: nil, at: now, on: sql)
        }
    }

    /// A payment or a settled return as the programme's settlement report lists it (voided payments left out).
    public struct Settlement: Sendable, Equatable {
        public let reference: String
        public let isReturn: Bool
        /// Minor units of `currency`.
        public let amount: Int64
        public let currency: String
        public let at: Int64
    }

    /// Every payment with miles still standing and every return settled: what revenue accounting reconciles the
    /// ledger's `miles` payments with.
    public func settlements() async throws -> [Settlement] {
        try await database.read { sql in
            let payments = try await RedemptionStore.captured(on: sql).map {
                Settlement(reference: $0.id, isReturn: false, amount: $0.payment_value, currency: $0.currency, at: $0.created_at)
            }
            let returns = try await RedemptionStore.returns(on: sql).map {
                Settlement(reference: $0.reference, isReturn: true, amount: $0.paymentValue, currency: $0.currency, at: $0.at)
            }
            return payments + returns
        }
    }
}
