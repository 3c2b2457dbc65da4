/// One entry of the journal: amounts moved from credited accounts to debited ones, in one currency. An entry is built
/// from transfers, each of which debits one account and credits another by the same amount, so no entry can be
/// unbalanced; there is no initializer from loose debit and credit lines. Entries are never changed once posted: a
/// correction is the entry's `reversal()` and a new entry.
public struct JournalEntry: Sendable, Equatable {
    /// What the entry records.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case ticketSale = "ticket_sale"
        case ticketExchange = "ticket_exchange"
        case ticketRefund = "ticket_refund"
        case couponFlown = "coupon_flown"
        case couponNoShow = "coupon_no_show"
        case breakage
        case paymentCapture = "payment_capture"
        case paymentRefund = "payment_refund"
        case serviceSale = "service_sale"
        case serviceDelivery = "service_delivery"
        case serviceRefund = "service_refund"
        case milesIssued = "miles_issued"
        case milesRedeemed = "miles_redeemed"
        case milesReturned = "miles_returned"
        case milesExpired = "miles_expired"
        case reversal
    }

    /// An amount taken from `credit` and put on `debit`.
    public struct Transfer: Sendable, Equatable {
        public let debit: LedgerAccount
        public let credit: LedgerAccount
        /// Minor units, never negative: a negative amount given to the initializer swaps the sides.
        public let amount: Int64

        public init(debit: LedgerAccount, credit: LedgerAccount, amount: Int64) {
            if amount < 0 {
                self.debit = credit
                self.credit = debit
                self.amount = -amount
            } else {
                self.debit = debit
                self.credit = credit
                self.amount = amount
            }
        }
    }

    /// What an entry says about one account: the sums of its debits and credits to it.
    public struct Line: Sendable, Equatable {
        public let account: LedgerAccount
        public let debit: Int64
        public let credit: Int64

        /// Debit minus credit.
        public var net: Int64 { debit - credit }
    }

    /// What an entry is about, for reports and the coupon-level detail: each is nil when it does not apply.
    public struct Dimensions: Sendable, Equatable, Codable {
        public var orderID: String?
        public var ticketNumber: String?
        public var flightID: String?
        /// `JFK-LAX`.
        public var route: String?
        public var cabin: String?
        /// The flight's local date, `YYYY-MM-DD`.
        public var flightDate: String?
        /// The payment processor's reference of a capture or refund.
        public var paymentReference: String?
        /// Loyalty miles issued, expired or redeemed by the entry.
        public var miles: Int?

        public init(orderID: String? = nil, ticketNumber: String? = nil, flightID: String? = nil, route: String? = nil, cabin: String? = nil,
                    flightDate: String? = nil, paymentReference: String? = nil, miles: Int? = nil) {
            self.miles = miles
            self.orderID = orderID
            self.ticketNumber = ticketNumber
            self.flightID = flightID
            self.route = route
            self.cabin = cabin
            self.flightDate = flightDate
            self.paymentReference = paymentReference
        }
    }

    /// Unique and derived from what caused the entry (`<source>/<kind>/<n>`), so that posting the same document twice
    /// gives the same id.
    public let id: String
    public let kind: Kind
    /// The document the entry comes from (an event's id, a breakage run).
    public let source: String
    public let currency: CurrencyCode
    /// When it happened, seconds since 1970 (UTC); the accounting date is its day, or the first open day after a close.
    public let occurredAt: Int64
    public let memo: String
    public let dimensions: Dimensions
    /// The entry this one reverses.
    public let reverses: String?
    public let transfers: [Transfer]

    /// An entry of `transfers` (those of zero amount are dropped).
    public init(id: String, kind: Kind, source: String, currency: CurrencyCode, occurredAt: Int64, memo: String,
                dimensions: Dimensions = Dimensions(), reverses: String? = nil, transfers: [Transfer]) {
        self.id = id
        self.kind = kind
        self.source = source
        self.currency = currency
        self.occurredAt = occurredAt
        self.memo = memo
        self.dimensions = dimensions
        self.reverses = reverses
        self.transfers = transfers.filter { $0.amount != 0 }
    }

    /// Whether the entry moves nothing (and so is not posted).
    public var isEmpty: Bool { transfers.isEmpty }

    /// One line per account the entry touches, in account order, with its debits and credits summed.
    public var lines: [Line] {
        var debits: [LedgerAccount: Int64] = [:], credits: [LedgerAccount: Int64] = [:]
        for transfer in transfers {
            debits[transfer.debit, default: 0] += transfer.amount
            credits[transfer.credit, default: 0] += transfer.amount
        }
        return Set(debits.keys).union(credits.keys).sorted().map { Line(account: $0, debit: debits[$0] ?? 0, credit: credits[$0] ?? 0) }
    }

    /// The sum of debits (equal to the sum of credits).
    public var total: Int64 { transfers.reduce(0) { $0 + $1.amount } }

    /// The entry that undoes this one: every transfer the other way, posted at `at`.
    public func reversal(at: Int64, memo: String) -> JournalEntry {
        JournalEntry(id: "\(id)/reversal", kind: .reversal, source: source, currency: currency, occurredAt: at, memo: memo, dimensions: dimensions,
                     reverses: id, transfers: transfers.map { Transfer(debit: $0.credit, credit: $0.debit, amount: $0.amount) })
    }
}
