import SkyportContracts
import SkyportDomain
import SkyportStore

/// The booking engine's sales documents read from the outbox through their contracts, as the posting rules take them.
enum SalesDocumentDecoder {
    /// Why an event the ledger must post cannot be read: the consumer stops on it rather than skip money unread.
    struct Unreadable: Error, CustomStringConvertible {
        let eventID: Int64
        let reason: String
        var description: String { "outbox event \(eventID) cannot be posted: \(reason)" }
    }

    /// The document an outbox event carries; nil for topics revenue accounting does not read.
    static func document(of event: Outbox.Event) throws -> SalesDocument? {
        func currency(_ code: String) throws -> CurrencyCode {
            guard let currency = CurrencyCode(code) else { throw Unreadable(eventID: event.id, reason: "unknown currency \(code)") }
            return currency
        }
        if let ticket = try event.payload(of: .ticketIssued) {
            return .ticket(.init(
                ticketNumber: ticket.ticketNumber, orderID: ticket.orderID, passengerPosition: ticket.passengerPosition,
                currency: try currency(ticket.currency), baseFare: ticket.baseFare,
                coupons: ticket.coupons.map {
                    .init(segmentPosition: $0.segmentPosition, flightID: $0.flightID, origin: $0.origin, destination: $0.destination,
                          flightDate: $0.departureDate, cabin: $0.cabin, bookingClass: $0.bookingClass, distanceMiles: $0.distanceMiles,
                          taxes: $0.taxes.map { TaxAmount(code: $0.code, amount: $0.amount) })
                },
                exchange: ticket.exchange.map {
                    .init(oldTicketNumber: $0.oldTicketNumber, changeFee: $0.changeFee, fareDifference: $0.fareDifference, amountDue: $0.amountDue,
                          refund: $0.refund)
                },
                issuedAt: ticket.issuedAt))
        }
        if let refund = try event.payload(of: .ticketRefunded) {
            return .refund(.init(orderID: refund.orderID, passengerPosition: refund.passengerPosition,
                                 coupons: refund.coupons.map { .init(ticketNumber: $0.ticketNumber, segmentPosition: $0.segmentPosition) },
                                 currency: try currency(refund.currency), refunded: refund.refundedAmount, occurredAt: refund.refundedAt))
        }
        if let use = try event.payload(of: .couponUsed) {
            return .couponUse(.init(coupon: .init(ticketNumber: use.coupon.ticketNumber, segmentPosition: use.coupon.segmentPosition),
                                    orderID: use.orderID, passengerPosition: use.passengerPosition, flown: use.usage == .flown, occurredAt: use.usedAt))
        }
        for topic in [OutboxTopic<PaymentRecordedEvent>.paymentCaptured, .paymentRefunded] {
            if let payment = try event.payload(of: topic) {
                return .payment(.init(orderID: payment.orderID, processor: payment.processor, reference: payment.reference,
                                      isRefund: topic == .paymentRefunded,
                                      amount: Money(minorUnits: payment.amount, currency: try currency(payment.currency)), occurredAt: payment.recordedAt))
            }
        }
        if let sale = try event.payload(of: .serviceSold) {
            return .serviceSale(.init(service: AccountingService(
                id: sale.serviceID, orderID: sale.orderID, passengerPosition: sale.passengerPosition, segmentPosition: sale.segmentPosition,
                kind: sale.kind, amount: sale.amount, currency: try currency(sale.currency), status: .active), occurredAt: sale.soldAt))
        }
        if let closed = try event.payload(of: .serviceClosed) {
            guard let status = AccountingService.Status(rawValue: closed.status) else {
                throw Unreadable(eventID: event.id, reason: "unknown service status \(closed.status)")
            }
            return .serviceClosure(.init(serviceID: closed.serviceID, status: status, refunded: closed.refundedAmount, occurredAt: closed.closedAt))
        }
        if let earned = try event.payload(of: .milesEarned) {
            return .milesEarned(.init(memberID: earned.memberID,
                                      coupon: .init(ticketNumber: earned.coupon.ticketNumber, segmentPosition: earned.coupon.segmentPosition),
                                      miles: earned.miles, value: earned.value, currency: try currency(earned.currency), occurredAt: earned.earnedAt))
        }
        if let expired = try event.payload(of: .milesExpired) {
            return .milesExpired(.init(memberID: expired.memberID, coupon: nil, miles: expired.miles, value: expired.value,
                                       currency: try currency(expired.currency), occurredAt: expired.expiredAt))
        }
        for (topic, isReturn) in [(OutboxTopic<MilesRedemptionEvent>.milesRedeemed, false), (.milesReturned, true)] {
            if let paid = try event.payload(of: topic) {
                return .milesPayment(.init(memberID: paid.memberID, processor: paid.processor, reference: paid.reference, miles: paid.miles,
                                           paymentValue: paid.paymentValue, deferredValue: paid.deferredValue, currency: try currency(paid.currency),
                                           isReturn: isReturn, occurredAt: paid.occurredAt))
            }
        }
        return nil
    }
}
