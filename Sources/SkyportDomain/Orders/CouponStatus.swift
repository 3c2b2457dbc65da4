/// Where one passenger's flight coupon stands, from sale to use: what check-in, the gate, recorded departures,
/// changes and refunds move it through, and what revenue accounting recognizes revenue from.
public enum CouponStatus: String, Sendable, Codable, CaseIterable, Hashable {
    /// Sold and not yet used.
    case open
    case checkedIn = "checked_in"
    case boarded
    /// The flight departed with the passenger on board.
    case flown
    /// The flight departed without the passenger, who had not boarded.
    case noShow = "no_show"
    case refunded
    /// Replaced by a new coupon in a voluntary change or a rebooking.
    case exchanged

    /// What happens to a coupon.
    public enum Event: String, Sendable, Codable, CaseIterable {
        case checkIn = "check_in"
        /// Check-in undone before boarding (the passenger will not travel on it after all).
        case cancelCheckIn = "cancel_check_in"
        case board
        /// The flight's departure is recorded.
        case depart
        case refund
        case exchange
    }

    /// No event moves a coupon out of these (a no-show's unused taxes may still be refunded).
    public var isFinal: Bool { [.flown, .refunded, .exchanged].contains(self) }

    /// The status after `event`, or nil when the event cannot happen to a coupon in this status (a boarded coupon is
    /// not refunded; a flown one is not boarded again).
    public func after(_ event: Event) -> CouponStatus? {
        switch (self, event) {
        case (.open, .checkIn): .checkedIn
        case (.checkedIn, .cancelCheckIn): .open
        case (.checkedIn, .board): .boarded
        case (.boarded, .depart): .flown
        case (.open, .depart), (.checkedIn, .depart): .noShow
        case (.open, .refund), (.checkedIn, .refund), (.noShow, .refund): .refunded
        case (.open, .exchange), (.checkedIn, .exchange): .exchanged
        default: nil
        }
    }
}
