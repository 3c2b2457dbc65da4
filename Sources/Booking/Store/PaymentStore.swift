import Foundation
import SQLKit
import SkyportContracts
import SkyportDomain
import SkyportStore

/// A capture of an order and what is left of it to refund.
struct RefundableCapture: Decodable, Sendable {
    let processor: String, processor_reference: String, amount: Int64, refunded: Int64
    var remaining: Int64 { amount - refunded }
}

/// Money taken and given back for orders (`payments`), as the processor reported it. Each capture and refund is
/// announced to revenue accounting (`payment.captured`, `payment.refunded`) in the statement's transaction.
enum PaymentStore {
    /// Records a capture that paid for the order (its fares, or seats and bags bought later).
    static func recordCapture(_ capture: PaymentCapture, orderID: String, processor: String, at now: Int64, on sql: any SQLDatabase) async throws {
        let id = Identifier.make(prefix: "pay")
        try await sql.raw("""
            INSERT INTO payments (id, order_id, kind, processor, processor_reference, amount, currency, card_brand, card_last4, miles, created_at)
            VALUES (\(bind: id), \(bind: orderID), 'capture', \(bind: processor), \(bind: capture.reference),
                    \(bind: capture.amount.minorUnits), \(bind: capture.amount.currency.code), \(bind: capture.cardBrand),
                    \(bind: capture.cardLastFour), \(bind: capture.miles), \(bind: now))
            """).run()
        try await Outbox.append(topic: .paymentCaptured, aggregateID: orderID, payload: PaymentRecordedEvent(
            paymentID: id, orderID: orderID, processor: processor, reference: capture.reference, captureReference: nil,
            amount: capture.amount.minorUnits, currency: capture.amount.currency.code, recordedAt: now), on: sql, at: Date(timeIntervalSince1970: TimeInterval(now)))
    }

    /// The order's captures, oldest first, with what was refunded of each.
    static func captures(orderID: String, on sql: any SQLDatabase) async throws -> [RefundableCapture] {
        try await sql.raw("""
            SELECT c.processor, c.processor_reference, c.amount,
                   CAST(COALESCE((SELECT SUM(r.amount) FROM payments r WHERE r.order_id = c.order_id AND r.kind = 'refund'
                                  AND (r.capture_reference = c.processor_reference
                                       OR (r.capture_reference IS NULL AND c.created_at = (SELECT MIN(f.created_at) FROM payments f
                                           WHERE f.order_id = c.order_id AND f.kind = 'capture')))), 0) AS BIGINT) AS refunded
            FROM payments c WHERE c.order_id = \(bind: orderID) AND c.kind = 'capture' ORDER BY c.created_at, c.id
            """).all(decoding: RefundableCapture.self)
    }

    /// Records a refund of `amount` to the order's card, against the capture `captureReference`.
    static func recordRefund(_ amount: Money, reference: String, captureReference: String?, orderID: String, processor: String,
                             at now: Int64, on sql: any SQLDatabase) async throws {
        let id = Identifier.make(prefix: "pay")
        try await sql.raw("""
            INSERT INTO payments (id, order_id, kind, processor, processor_reference, amount, currency, created_at, capture_reference)
            VALUES (\(bind: id), \(bind: orderID), 'refund', \(bind: processor),
                    \(bind: reference), \(bind: amount.minorUnits), \(bind: amount.currency.code), \(bind: now), \(bind: captureReference))
            """).run()
        try await Outbox.append(topic: .paymentRefunded, aggregateID: orderID, payload: PaymentRecordedEvent(
            paymentID: id, orderID: orderID, processor: processor, reference: reference, captureReference: captureReference,
            amount: amount.minorUnits, currency: amount.currency.code, recordedAt: now), on: sql, at: Date(timeIntervalSince1970: TimeInterval(now)))
    }
}
