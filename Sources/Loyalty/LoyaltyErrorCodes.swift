import SkyportDomain

/// The error codes the loyalty programme gives.
extension ServiceError.Code {
    public static let memberNotFound = Self("member_not_found")
    public static let alreadyMember = Self("already_member")
    /// No flown coupon of that ticket is known to the programme.
    public static let claimNotFound = Self("claim_not_found")
    public static let claimAlreadyCredited = Self("claim_already_credited")
    /// The flight is older than the programme's claim window.
    public static let claimTooLate = Self("claim_too_late")
    /// The ticket is in another passenger's name.
    public static let claimNameMismatch = Self("claim_name_mismatch")
    public static let invalidTicketNumber = Self("invalid_ticket_number")
    /// Miles offered as payment by an account that is not the member's.
    public static let membershipNotYours = Self("membership_not_yours")
}

extension ServiceModule {
    /// The loyalty programme: members, miles, tiers.
    public static let loyalty = ServiceModule("loyalty")
}
