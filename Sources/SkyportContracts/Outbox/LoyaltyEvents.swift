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

extension OutboxTopic where Payload == MemberEnrolledEvent {
    public static var memberEnrolled: Self { Self("loyalty.member_enrolled") }
}

extension OutboxTopic where Payload == MilesEarnedEvent {
    public static var milesEarned: Self { Self("loyalty.miles_earned") }
}

extension OutboxTopic where Payload == MilesExpiredEvent {
    public static var milesExpired: Self { Self("loyalty.miles_expired") }
}
