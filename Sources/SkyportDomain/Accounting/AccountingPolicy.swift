/// The airline's choices in its revenue accounting.
public struct AccountingPolicy: Sendable, Equatable {
    /// How long a ticket stays valid after it was first issued (an exchange keeps the original's validity).
    public var ticketValidityDays: Int
    /// Whether unused coupons are taken to breakage revenue when their ticket's validity ends (otherwise they stay in the
    /// air traffic liability until someone writes them off).
    public var recognizesBreakage: Bool

    public init(ticketValidityDays: Int = 365, recognizesBreakage: Bool = true) {
        self.ticketValidityDays = ticketValidityDays
        self.recognizesBreakage = recognizesBreakage
    }

    public static let standard = AccountingPolicy()
}
