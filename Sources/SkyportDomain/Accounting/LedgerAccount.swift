/// An account of the chart of accounts: a kind (what the account is for) and, for kinds kept per something, a detail
/// (the payment processor, the tax code, the cabin and route group, the kind of paid service). Balances are kept per
/// account and currency.
public struct LedgerAccount: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// Which side an account's balance normally sits on, and where it goes in the statements.
    public enum Nature: String, Sendable, Codable {
        case asset, liability, revenue, expense

        /// Assets and expenses grow by debits; liabilities and revenue by credits.
        public var growsByDebit: Bool { self == .asset || self == .expense }
    }

    /// The closed set of account kinds the postings use.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// Money a payment processor captured for the airline and has yet to settle (detail: the processor).
        case cashClearing = "cash_clearing"
        /// What passengers owe for tickets and services sold and not yet captured: nil once each sale is paid.
        case salesReceivable = "sales_receivable"
        /// The value of tickets sold and not yet flown (the coupon-level detail is the open coupons).
        case airTrafficLiability = "air_traffic_liability"
        /// Taxes collected on coupons not yet flown (detail: the tax code), refunded with the coupon.
        case taxesHeld = "taxes_held"
        /// Taxes on coupons flown or expired, owed to the government that levies them (detail: the tax code).
        case taxesDue = "taxes_due"
        /// Refunds agreed and not yet paid back through the processor.
        case refundsPayable = "refunds_payable"
        /// Paid seats and bags sold and not yet delivered (detail: the kind of service).
        case unearnedAncillaries = "unearned_ancillaries"
        /// The part of fares deferred for the loyalty miles they earned, until the miles are redeemed or expire.
        case loyaltyDeferred = "loyalty_deferred"
        /// Fares earned when their coupon is flown (detail: `cabin/route group`).
        case passengerRevenue = "passenger_revenue"
        /// Seats and bags earned when delivered (detail: the kind of service).
        case ancillaryRevenue = "ancillary_revenue"
        case changeFeeRevenue = "change_fee_revenue"
        /// Cancellation penalties, non-refundable residuals of a change, services kept on a cancellation.
        case penaltyRevenue = "penalty_revenue"
        /// Coupons whose flight left without their passenger, on fares that give nothing back.
        case noShowRevenue = "no_show_revenue"
        /// Coupons still unused when their ticket's validity ended.
        case breakageRevenue = "breakage_revenue"
        /// Deferred miles value earned when the miles are redeemed or expire.
        case loyaltyRevenue = "loyalty_revenue"
        /// Refunds beyond the unflown value (an airline-caused cancellation gives back flown legs too).
        case involuntaryRefundExpense = "involuntary_refund_expense"

        /// The account number in the chart (a general ledger imports it).
        public var number: String {
            switch self {
            case .cashClearing: "1100"
            case .salesReceivable: "1200"
            case .airTrafficLiability: "2100"
            case .taxesHeld: "2200"
            case .taxesDue: "2210"
            case .refundsPayable: "2300"
            case .unearnedAncillaries: "2400"
            case .loyaltyDeferred: "2500"
            case .passengerRevenue: "4100"
            case .ancillaryRevenue: "4200"
            case .changeFeeRevenue: "4300"
            case .penaltyRevenue: "4400"
            case .noShowRevenue: "4500"
            case .breakageRevenue: "4600"
            case .loyaltyRevenue: "4700"
            case .involuntaryRefundExpense: "5100"
            }
        }

        public var nature: Nature {
            switch self {
            case .cashClearing, .salesReceivable: .asset
            case .airTrafficLiability, .taxesHeld, .taxesDue, .refundsPayable, .unearnedAncillaries, .loyaltyDeferred: .liability
            case .passengerRevenue, .ancillaryRevenue, .changeFeeRevenue, .penaltyRevenue, .noShowRevenue, .breakageRevenue, .loyaltyRevenue: .revenue
            case .involuntaryRefundExpense: .expense
            }
        }

        /// The account's name in the chart.
        public var title: String {
            switch self {
            case .cashClearing: "Cash clearing"
            case .salesReceivable: "Sales receivable"
            case .airTrafficLiability: "Air traffic liability"
            case .taxesHeld: "Taxes held on unflown coupons"
            case .taxesDue: "Taxes due to governments"
            case .refundsPayable: "Refunds payable"
            case .unearnedAncillaries: "Unearned ancillaries"
            case .loyaltyDeferred: "Loyalty deferred revenue"
            case .passengerRevenue: "Passenger revenue"
            case .ancillaryRevenue: "Ancillary revenue"
            case .changeFeeRevenue: "Change fee revenue"
            case .penaltyRevenue: "Cancellation penalty revenue"
            case .noShowRevenue: "No-show revenue"
            case .breakageRevenue: "Breakage revenue"
            case .loyaltyRevenue: "Loyalty revenue"
            case .involuntaryRefundExpense: "Involuntary refunds"
            }
        }
    }

    public let kind: Kind
    /// The processor, tax code, `cabin/route group` or service kind; empty for kinds kept as one account.
    public let detail: String

    public init(_ kind: Kind, _ detail: String = "") {
        self.kind = kind
        self.detail = detail
    }

    /// `2100`, `2200-US`, `4100-economy/short_haul`: the code the journal, the exports and the reports use.
    public var code: String { detail.isEmpty ? kind.number : "\(kind.number)-\(detail)" }

    /// `Taxes held on unflown coupons (US)`.
    public var title: String { detail.isEmpty ? kind.title : "\(kind.title) (\(detail))" }

    public var description: String { code }

    /// The account a code names; nil for a code of no kind in the chart.
    public init?(code: String) {
        let parts = code.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
        guard let kind = Kind.allCases.first(where: { $0.number == parts[0] }) else { return nil }
        self.init(kind, parts.count == 2 ? String(parts[1]) : "")
    }

    public static func < (lhs: LedgerAccount, rhs: LedgerAccount) -> Bool { lhs.code < rhs.code }

    public static let salesReceivable = LedgerAccount(.salesReceivable)
    public static let airTrafficLiability = LedgerAccount(.airTrafficLiability)
    public static let refundsPayable = LedgerAccount(.refundsPayable)
    public static let changeFeeRevenue = LedgerAccount(.changeFeeRevenue)
    public static let penaltyRevenue = LedgerAccount(.penaltyRevenue)
    public static let noShowRevenue = LedgerAccount(.noShowRevenue)
    public static let breakageRevenue = LedgerAccount(.breakageRevenue)
    public static let loyaltyDeferred = LedgerAccount(.loyaltyDeferred)
    public static let loyaltyRevenue = LedgerAccount(.loyaltyRevenue)
    public static let involuntaryRefundExpense = LedgerAccount(.involuntaryRefundExpense)
    public static func cashClearing(_ processor: String) -> LedgerAccount { LedgerAccount(.cashClearing, processor) }
    public static func taxesHeld(_ code: String) -> LedgerAccount { LedgerAccount(.taxesHeld, code) }
    public static func taxesDue(_ code: String) -> LedgerAccount { LedgerAccount(.taxesDue, code) }
    public static func unearnedAncillaries(_ kind: String) -> LedgerAccount { LedgerAccount(.unearnedAncillaries, kind) }
    public static func ancillaryRevenue(_ kind: String) -> LedgerAccount { LedgerAccount(.ancillaryRevenue, kind) }
    public static func passengerRevenue(cabin: String, routeGroup: RouteGroup) -> LedgerAccount {
        LedgerAccount(.passengerRevenue, "\(cabin)/\(routeGroup.rawValue)")
    }
}
