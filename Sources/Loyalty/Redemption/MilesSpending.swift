import Foundation
import SQLKit
import SkyportContracts
import SkyportDomain
import SkyportStore

/// Spending a member's miles and giving them back, in the caller's transaction. The balance moves first, in one
/// conditional statement that holds the member's row until the commit, so two payments can never spend the same
/// miles; the lots that expire first are drawn next, and every redemption remembers its lots so that miles given
/// back return to them with their value and expiry. Each movement is a statement line and an event for the books.
struct MilesSpending: Sendable {
    /// Takes `account.miles` for a payment worth `amount`; the redemption recorded.
    func spend(_ account: MilesAccount, worth amount: Money, idempotencyKey: String, at now: Int64, on sql: any SQLDatabase) async throws -> RedemptionRow {
        guard account.miles > 0 else { throw PaymentDeclined(code: .insufficientMiles, message: "A payment with miles takes at least one mile.") }
        guard let number = MembershipNumber(account.membershipNumber), let member = try await MemberStore.member(number: number, on: sql) else {
            throw PaymentDeclined(code: .memberNotFound, message: "No member has this number.")
        }
        guard member.customer_id == account.customerID else {
            throw PaymentDeclined(code: .membershipNotYours, message: "Only the member can spend their miles: sign in to their account.")
        }
        guard let balance = try await MemberStore.move(member.id, by: -account.miles, at: now, on: sql) else {
            throw PaymentDeclined(code: .insufficientMiles, message: "The account has \(member.balance) miles; \(account.miles) are needed.")
        }
        let rows = try await MilesStore.lots(memberID: member.id, on: sql).filter { $0.currency == amount.currency.code }
        var lots = MilesLots(rows.map { .init(id: $0.id, expiresAt: $0.expires_at, remaining: $0.remaining, remainingValue: $0.remaining_value) })
        guard let takes = lots.redeem(account.miles, at: now) else {
            throw PaymentDeclined(code: .insufficientMiles, message: "Some of the account's miles have expired; \(account.miles) are needed.")
        }
        for take in takes where !(try await MilesStore.draw(take.lotID, miles: take.miles, value: take.value, on: sql)) {
            throw PaymentDeclined(code: .processingError, message: "The miles moved meanwhile; try again.")
        }
        let redemption = RedemptionRow(id: Identifier.make(prefix: "mls"), idempotency_key: idempotencyKey, member_id: member.id, miles: account.miles,
                                       payment_value: amount.minorUnits, deferred_value: takes.reduce(0) { $0 + $1.value },
                                       currency: amount.currency.code, memo: account.memo, status: "captured", returned_miles: 0,
                                       returned_payment_value: 0, created_at: now)
        try await RedemptionStore.insert(redemption, on: sql)
        try await RedemptionStore.addLots(redemptionID: redemption.id, takes: takes, on: sql)
        try await MilesStore.record(memberID: member.id, kind: .redemption, miles: -account.miles, balanceAfter: balance, ticketNumber: nil,
                                    segmentPosition: nil, description: account.memo, at: now, on: sql)
        try await Outbox.append(topic: .milesRedeemed, aggregateID: member.id, payload: MilesRedemptionEvent(
            memberID: member.id, processor: MilesPaymentProcessor.processorName, reference: redemption.id, miles: redemption.miles, paymentValue: redemption.payment_value,
            deferredValue: redemption.deferred_value, currency: redemption.currency, occurredAt: now), on: sql, at: Date(timeIntervalSince1970: TimeInterval(now)))
        return redemption
    }

    /// Gives back the miles that paid `paymentValue` of `redemption` (all that is still out when that is the rest of
    /// its value); `reason` is the statement's line. Returns the miles given back (0 when nothing was out).
    @discardableResult
    func giveBack(_ redemption: RedemptionRow, paymentValue: Int64, voiding: Bool, reason: String, settling reference: String?, at now: Int64,
                  on sql: any SQLDatabase) async throws -> Int {
        let valueOut = redemption.payment_value - redemption.returned_payment_value
        let value = min(paymentValue, valueOut)
        let miles = value == valueOut ? redemption.milesOut
            : Int(Int64(redemption.miles) * value / max(1, redemption.payment_value))
        guard miles > 0 || value > 0, let takes = MilesLots.giveBack(miles, to: try await RedemptionStore.drawn(redemptionID: redemption.id, on: sql)) else {
            return 0
        }
        let deferred = takes.reduce(0) { $0 + $1.value }
        if let reference, !(try await RedemptionStore.claimReturn(reference: reference, redemptionID: redemption.id, miles: miles, paymentValue: value,
                                                                   deferredValue: deferred, at: now, on: sql)) {
            return 0
        }
        guard try await RedemptionStore.recordReturn(redemptionID: redemption.id, takes: takes, paymentValue: value, voided: voiding, on: sql) else { return 0 }
        for take in takes { try await MilesStore.restore(take.lotID, miles: take.miles, value: take.value, on: sql) }
        guard let balance = try await MemberStore.move(redemption.member_id, by: miles, at: now, on: sql) else { return 0 }
        try await MilesStore.record(memberID: redemption.member_id, kind: .milesReturn, miles: miles, balanceAfter: balance, ticketNumber: nil,
                                    segmentPosition: nil, description: "\(reason): \(redemption.memo)", at: now, on: sql)
        try await Outbox.append(topic: .milesReturned, aggregateID: redemption.member_id, payload: MilesRedemptionEvent(
            memberID: redemption.member_id, processor: MilesPaymentProcessor.processorName, reference: reference ?? redemption.id, miles: miles, paymentValue: value, deferredValue: deferred,
            currency: redemption.currency, occurredAt: now), on: sql, at: Date(timeIntervalSince1970: TimeInterval(now)))
        return miles
    }
}
