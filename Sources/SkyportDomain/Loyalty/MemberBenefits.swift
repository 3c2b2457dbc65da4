/// What a member's tier gives on a booking made from their account: checked bags on top of the fare's for every
/// passenger of the booking (as airlines extend the allowance to companions on the member's reservation), and lounge
/// access.
public struct MemberBenefits: Sendable, Hashable, Codable {
    /// The tier's name (`silver`).
    public let tier: String
    public let extraBags: Int
    public let lounge: Bool

    public init(tier: String, extraBags: Int, lounge: Bool) {
        self.tier = tier
        self.extraBags = extraBags
        self.lounge = lounge
    }

    enum CodingKeys: String, CodingKey {
        case tier, extraBags = "extra_bags", lounge
    }
}

/// Where the booking engine learns a customer's benefits (the loyalty programme implements it).
public protocol MemberBenefitsProvider: Sendable {
    /// The benefits of the member whose account `customerID` is, now; nil for a customer who is not a member or whose
    /// tier gives nothing.
    func benefits(customerID: String) async throws -> MemberBenefits?
}
