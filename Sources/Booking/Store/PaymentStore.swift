import SQLKit
import SkyportDomain
import SkyportStore

/// Money taken and given back for orders (`payments`), as the processor reported it.
enum PaymentStore {
    /// Records the capture that paid for the order.
    static func recordCapture(_ capture: PaymentCapture, orderID: String, processor: String, at now: Int64, on sql: any SQLDatabase) async throws {
        try await sql.raw("""
            INSERT INTO payments (id, order_id, kind, processor, processor_reference, amount, currency, card_brand, card_last4, created_at)
            VALUES (\(bind: Identifier.make(prefix: "pay")), \(bind: orderID), 'capture', \(bind: processor), \(bind: capture.reference),
                    \(bind: capture.amount.minorUnits), \(bind: capture.amount.currency.code), \(bind: capture.cardBrand),
                    \(bind: capture.cardLastFour), \(bind: now))
            """).run()
    }

    /// The processor's reference of the order's capture, which a refund names.
    static func captureReference(orderID: String, on sql: any SQLDatabase) async throws -> String? {
        try await sql.raw("SELECT processor_reference FROM payments WHERE order_id = \(bind: orderID) AND kind = 'capture'").first()?
            .decode(column: "processor_reference", as: String.self)
    }

    /// Records a refund of `amount` to the order's card.
    static func recordRefund(_ amount: Money, reference: String, orderID: String, processor: String, at now: Int64, on sql: any SQLDatabase) async throws {
        try await sql.raw("""
            INSERT INTO payments (id, order_id, kind, processor, processor_reference, amount, currency, created_at)
            VALUES (\(bind: Identifier.make(prefix: "pay")), \(bind: orderID), 'refund', \(bind: processor),
                    \(bind: reference), \(bind: amount.minorUnits), \(bind: amount.currency.code), \(bind: now))
            """).run()
    }
}
