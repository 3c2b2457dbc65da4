import SkyportDomain

/// One account's balance in one currency.
public struct AccountBalance: Codable, Sendable, Equatable {
    /// `2200-US`.
    public let account: String
    public let title: String
    /// The account's kind (`taxes_held`).
    public let kind: String
    /// `asset`, `liability`, `revenue`, `expense`.
    public let nature: String
    public let currency: String
    /// Sums of the debits and credits posted, minor units.
    public let debit: Int64
    public let credit: Int64
    /// On the account's normal side: debit minus credit for assets and expenses, credit minus debit for the rest.
    public let balance: Int64
}

/// Every account with its debits and credits through a period: the books balance when, per currency, debits equal credits.
public struct TrialBalance: Codable, Sendable, Equatable {
    /// Per currency.
    public struct Total: Codable, Sendable, Equatable {
        public let currency: String
        public let debit: Int64
        public let credit: Int64
        public let balanced: Bool
    }

    /// The last period included; nil for everything posted.
    public let through: String?
    public let accounts: [AccountBalance]
    public let totals: [Total]
    public var balanced: Bool { totals.allSatisfy(\.balanced) }
}

/// The air traffic liability as the ledger holds it beside the coupons it is made of: the two must be equal.
public struct LiabilityReport: Codable, Sendable, Equatable {
    public struct Currency: Codable, Sendable, Equatable {
        public let currency: String
        /// The ledger's balance of the air traffic liability (credit), minor units.
        public let ledgerBalance: Int64
        /// The value of the open coupons.
        public let openCouponValue: Int64
        public let openCoupons: Int
        /// Ledger less coupons: zero when the books and the coupons agree.
        public let difference: Int64
        /// Taxes held on coupons neither flown, refunded nor expired.
        public let taxesHeld: Int64
        public let unearnedAncillaries: Int64
        /// The value deferred for loyalty miles not yet redeemed or expired, and how many miles that is.
        public let loyaltyDeferred: Int64
        public let milesOutstanding: Int
    }

    public let currencies: [Currency]
}

/// One open coupon of the liability's detail.
public struct OpenCoupon: Codable, Sendable, Equatable {
    public let ticketNumber: String
    public let couponNumber: Int
    public let orderId: String
    public let flightId: String
    public let route: String
    public let flightDate: String
    public let cabin: String
    public let bookingClass: String
    public let distanceMiles: Int
    public let currency: String
    public let value: Int64
    public let taxes: Int64
    public let validUntil: Int64
}

/// Revenue earned, by day, route, cabin and kind of revenue.
public struct RevenueReport: Codable, Sendable, Equatable {
    public struct Row: Codable, Sendable, Equatable {
        public let date: String
        /// `JFK-LAX`; nil for revenue of no flight (fees, penalties).
        public let route: String?
        public let cabin: String?
        /// The revenue account's kind (`passenger_revenue`, `ancillary_revenue`, …).
        public let kind: String
        public let currency: String
        /// Credits less debits, minor units.
        public let amount: Int64
    }

    public let from: String
    public let to: String
    public let rows: [Row]
}

/// Taxes held and due, per tax code and currency.
public struct TaxReport: Codable, Sendable, Equatable {
    public struct Row: Codable, Sendable, Equatable {
        public let code: String
        public let currency: String
        /// Collected on coupons not yet flown (refunded with them).
        public let held: Int64
        /// Owed to the government for coupons flown or expired.
        public let due: Int64
    }

    public let taxes: [Row]
}

/// A month of the books and whether it is closed.
public struct PeriodStatus: Codable, Sendable, Equatable {
    public let period: String
    public let closed: Bool
    public let closedAt: Int64?
    public let closedBy: String?
}
