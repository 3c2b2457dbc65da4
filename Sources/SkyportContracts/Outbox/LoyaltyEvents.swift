/// `loyalty.member_enrolled`: a customer joined the loyalty programme (Loyalty). Read by the customer data platform,
/// which joins the membership number to the customer's profile.
public struct MemberEnrolledEvent: Codable, Sendable, Equatable {
    public let memberID: String
    /// Ten digits, the last a check digit.
    public let membershipNumber: String
    public let customerID: String
    public let email: String
    public let enrolledAt: Int64

    public init(memberID: String, membershipNumber: String, customerID: String, email: String, enrolledAt: Int64) {
        self.memberID = memberID
        self.membershipNumber = membershipNumber
        self.customerID = customerID
        self.email = email
        self.enrolledAt = enrolledAt
    }

    enum CodingKeys: String, CodingKey {
        case memberID = "member_id", membershipNumber = "membership_number", customerID = "customer_id", email, enrolledAt = "enrolled_at"
    }
}

/// `loyalty.miles_earned`: a flown coupon earned a member miles (Loyalty): revenue accounting defers their value from
/// the coupon's fare.
public struct MilesEarnedEvent: Codable, Sendable, Equatable {
    public let memberID: String
    public let coupon: CouponReference
    /// Base and tier bonus.
    public let miles: Int
    /// What the books defer for them, minor units of `currency`.
    public let value: Int64
    public let currency: String
    public let earnedAt: Int64

    public init(memberID: String, coupon: CouponReference, miles: Int, value: Int64, currency: String, earnedAt: Int64) {
        self.memberID = memberID
        self.coupon = coupon
        self.miles = miles
        self.value = value
        self.currency = currency
        self.earnedAt = earnedAt
    }

    enum CodingKeys: String, CodingKey {
        case memberID = "member_id", coupon, miles, value, currency, earnedAt = "earned_at"
    }
}

/// `loyalty.miles_expired`: miles left unspent until their expiry (Loyalty): their deferred value is earned.
public struct MilesExpiredEvent: Codable, Sendable, Equatable {
    public let memberID: String
    public let miles: Int
    /// The deferred value they carried, minor units of `currency`.
    public let value: Int64
    public let currency: String
    public let expiredAt: Int64

    public init(memberID: String, miles: Int, value: Int64, currency: String, expiredAt: Int64) {
        self.memberID = memberID
        self.miles = miles
        self.value = value
        self.currency = currency
        self.expiredAt = expiredAt
    }

    enum CodingKeys: String, CodingKey {
        case memberID = "member_id", miles, value, currency, expiredAt = "expired_at"
    }
}

/// `loyalty.miles_redeemed` and `loyalty.miles_returned`: a member paid with miles (an award, or part of a fare), or
/// miles paid came back (the order was not made, or was cancelled or refunded) (Loyalty). Revenue accounting moves the
/// miles' deferred value against what they paid.
public struct MilesRedemptionEvent: Codable, Sendable, Equatable {
    public let memberID: String
    /// The processor name the booking engine records the payment under (`miles`).
    public let processor: String
    /// The payment's reference, as the booking engine records it with the order (`payment.captured`); for a return,
    /// the refund's (or, for a payment voided because its order was never made, the payment's).
    public let reference: String
    public let miles: Int
    /// What the miles paid (or what of it came back), minor units of `currency`.
    public let paymentValue: Int64
    /// The deferred value the miles carried in their lots (released, or restored).
    public let deferredValue: Int64
    public let currency: String
    public let occurredAt: Int64

    public init(memberID: String, processor: String, reference: String, miles: Int, paymentValue: Int64, deferredValue: Int64, currency: String,
                occurredAt: Int64) {
        self.memberID = memberID
        self.processor = processor
        self.reference = reference
        self.miles = miles
        self.paymentValue = paymentValue
        self.deferredValue = deferredValue
        self.currency = currency
        self.occurredAt = occurredAt
    }

    enum CodingKeys: String, CodingKey {
        case memberID = "member_id", processor, reference, miles, paymentValue = "payment_value", deferredValue = "deferred_value", currency
        case occurredAt = "occurred_at"
    }
}

extension OutboxTopic where Payload == MilesRedemptionEvent {
    public static var milesRedeemed: Self { Self("loyalty.miles_redeemed") }
    public static var milesReturned: Self { Self("loyalty.miles_returned") }
}

extension OutboxTopic where Payload == MemberEnrolledEvent {
    public static var memberEnrolled: Self { Self("loyalty.member_enrolled") }
}

extension OutboxTopic where Payload == MilesEarnedEvent {
    public static var milesEarned: Self { Self("loyalty.miles_earned") }
}

extension OutboxTopic where Payload == MilesExpiredEvent {
    public static var milesExpired: Self { Self("loyalty.miles_expired") }
}
