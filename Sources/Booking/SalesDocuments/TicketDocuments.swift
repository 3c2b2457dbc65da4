import Foundation
import SQLKit
import SkyportContracts
import SkyportDomain
import SkyportStore

/// The ticket documents the booking engine writes to the outbox for revenue accounting, in the transaction that
/// issues or exchanges the tickets: one `ticket.issued` per passenger, with the coupons still to fly, their flights,
/// distances and taxes, and for an exchange what changed hands.
enum TicketDocuments {
    /// What a passenger's exchange collected and gave back.
    struct Exchange {
        let oldTicketNumber: String
        let changeFee: Int64
        let fareDifference: Int64
        let amountDue: Int64
        let refund: Int64
        let reason: OrderChangedEvent.Reason
    }

    /// Each passenger's share of a voluntary change (by position): the fee, their own fare difference, and the quote's
    /// collection and refund split over those whose fares rose or fell, so that the shares add up to what was captured
    /// and refunded.
    static func voluntaryExchanges(passengers: [(position: Int, oldTicket: String)], oldFares: [Int64], newFares: [Int64],
                                   quote: ChangeQuote) -> [Int: Exchange] {
        let differences = zip(newFares, oldFares).map { $0 - $1 }
        let fees = Proration.byDistance(quote.changeFee.minorUnits, distances: passengers.map { _ in 1 })
        let collected = Proration.byDistance(quote.amountDue.minorUnits - quote.changeFee.minorUnits, distances: differences.map { Int(max(0, $0)) })
        let refunded = Proration.byDistance(quote.refund.minorUnits, distances: differences.map { Int(max(0, -$0)) })
        var exchanges: [Int: Exchange] = [:]
        for (index, passenger) in passengers.enumerated() {
            exchanges[passenger.position] = Exchange(
                oldTicketNumber: passenger.oldTicket, changeFee: fees[safe: index] ?? 0, fareDifference: differences[safe: index] ?? 0,
                amountDue: (fees[safe: index] ?? 0) + (collected[safe: index] ?? 0), refund: refunded[safe: index] ?? 0, reason: .voluntary)
        }
        return exchanges
    }

    /// Writes `ticket.issued` for every passenger of a new order.
    static func issued(orderID: String, currency: CurrencyCode, at now: Int64, on sql: any SQLDatabase) async throws {
        try await write(orderID: orderID, currency: currency, exchanges: nil, at: now, on: sql)
    }

    /// Writes `ticket.issued` for the passengers whose tickets an exchange reissued (by passenger position).
    static func exchanged(orderID: String, currency: CurrencyCode, exchanges: [Int: Exchange], at now: Int64, on sql: any SQLDatabase) async throws {
        try await write(orderID: orderID, currency: currency, exchanges: exchanges, at: now, on: sql)
    }

    private static func write(orderID: String, currency: CurrencyCode, exchanges: [Int: Exchange]?, at now: Int64, on sql: any SQLDatabase) async throws {
        let rows = try await SalesDocumentStore.ticketCoupons(orderID: orderID, on: sql)
        var events: [(topic: OutboxTopic<TicketIssuedEvent>, aggregateID: String, payload: TicketIssuedEvent)] = []
        for (position, coupons) in Dictionary(grouping: rows, by: \.passenger_position).sorted(by: { $0.key < $1.key }) {
            let exchange = exchanges?[position]
            if exchanges != nil && exchange == nil { continue }
            // A reissued ticket carries the coupons it moved (open or checked in); flown and used ones stay with the old one.
            let held = coupons.filter { exchange == nil || $0.status == .open || $0.status == .checkedIn }
            guard let first = held.first else { continue }
            events.append((.ticketIssued, orderID, TicketIssuedEvent(
                ticketNumber: first.ticket_number, orderID: orderID, passengerID: first.passenger_id, passengerPosition: position,
                passengerType: first.passenger_type, currency: currency.code, baseFare: held.reduce(0) { $0 + $1.base_amount },
                coupons: held.map { row in
                    TicketIssuedEvent.Coupon(segmentPosition: row.segment_position, flightID: row.flight_id, origin: row.origin, destination: row.destination,
                                             departureDate: row.departure_date, cabin: row.cabin, bookingClass: row.booking_class,
                                             distanceMiles: row.distance_miles,
                                             taxes: TaxAmount.list(row.taxes).map { TaxAmountPayload(code: $0.code, amount: $0.amount) })
                },
                exchange: exchange.map {
                    .init(oldTicketNumber: $0.oldTicketNumber, changeFee: $0.changeFee, fareDifference: $0.fareDifference, amountDue: $0.amountDue,
                          refund: $0.refund, reason: $0.reason.rawValue)
                },
                issuedAt: now, customerID: first.customer_id, familyName: first.family_name)))
        }
        try await Outbox.append(events, on: sql, at: Date(timeIntervalSince1970: TimeInterval(now)))
    }
}
