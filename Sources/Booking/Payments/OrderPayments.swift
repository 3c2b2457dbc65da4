import Logging
import SQLKit
import SkyportDomain
import SkyportStore

/// Money an order takes after its purchase (a seat, a bag, a change's fee and fare difference) and gives back (a
/// cancellation, a cheaper flight, an unused bag), in the caller's transaction: every capture and refund is recorded
/// with the order, and a refund goes back to the captures that still hold money, in as few refunds as possible, cards
/// before miles.
struct OrderPayments: Sendable {
    let gateway: PaymentGateway

    /// Captures `amount` for the order under `idempotencyKey` and records it; nothing for zero.
    func collect(_ amount: Money, card: PaymentCard?, orderID: String, idempotencyKey: String, at now: Int64, on sql: any SQLDatabase) async throws {
        guard amount.minorUnits > 0 else { return }
        guard let card else {
            throw ServiceError(.invalid, code: .paymentRequired, message: "This costs \(amount.decimalString) \(amount.currency); give card details to pay.",
                               field: "payment.card")
        }
        let capture: PaymentCapture
        do {
            capture = try await gateway.card.capture(amount: amount, from: .card(card), idempotencyKey: idempotencyKey)
        } catch let declined as PaymentDeclined {
            throw ServiceError(.paymentFailed, code: declined.code, message: declined.message, field: "payment.card")
        }
        try await PaymentStore.recordCapture(capture, orderID: orderID, processor: gateway.card.name, at: now, on: sql)
    }

    /// Runs `body` (a transaction that may capture under `captureKey`); when it fails for another reason than a refusal
    /// (the commit itself, the connection), voids the capture so that nobody pays for a change that was not made.
    func voidingCapture<T: Sendable>(_ captureKey: String, logger: Logger, _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch {
            if !(error is ServiceError) && !(error is ValidationFailure) {
                do { try await gateway.card.voidCapture(idempotencyKey: captureKey) } catch { logger.error("void of \(captureKey) failed: \(error)") }
            }
            throw error
        }
    }

    /// Refunds `amount` of what the order paid and records it; nothing for zero.
    func refund(_ amount: Money, orderID: String, idempotencyKey: String, at now: Int64, on sql: any SQLDatabase) async throws {
        guard amount.minorUnits > 0 else { return }
        var left = amount.minorUnits
        let all = try await PaymentStore.captures(orderID: orderID, on: sql).filter { $0.remaining > 0 }
        var part = 0
        // Cash goes back before miles (miles pay only for fares, and a refund of a bag or a cheaper flight is cash);
        // within each, as few refunds as possible: the smallest capture that covers what is left, else the largest.
        for var captures in [all.filter { !gateway.isMiles($0.processor) }, all.filter { gateway.isMiles($0.processor) }] {
            while left > 0, !captures.isEmpty {
                let index = captures.indices.filter { captures[$0].remaining >= left }.min { captures[$0].remaining < captures[$1].remaining }
                    ?? captures.indices.max { captures[$0].remaining < captures[$1].remaining }!
                let capture = captures.remove(at: index)
                let share = Money(minorUnits: min(left, capture.remaining), currency: amount.currency)
                let processor = gateway.processor(named: capture.processor)
                let refund: PaymentRefund
                do {
                    refund = try await processor.refund(captureReference: capture.processor_reference, amount: share, idempotencyKey: "\(idempotencyKey)-\(part)")
                } catch let declined as PaymentDeclined {
                    throw ServiceError(.paymentFailed, code: declined.code, message: declined.message)
                }
                try await PaymentStore.recordRefund(share, reference: refund.reference, captureReference: capture.processor_reference, orderID: orderID,
                                                    processor: processor.name, at: now, on: sql)
                left -= share.minorUnits
                part += 1
            }
        }
        guard left == 0 else {
            throw ServiceError(.unavailable, code: .paymentNotFound, message: "The order's payments could not be found for the refund.")
        }
    }
}
