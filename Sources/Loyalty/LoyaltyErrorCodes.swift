import SkyportDomain

/// The error codes the loyalty programme gives.
extension ServiceError.Code {
    public static let memberNotFound = Self("member_not_found")
    public static let alreadyMember = Self("already_member")
    /// Ten digits whose last checks the others.
    public static let invalidMembershipNumber = Self("invalid_membership_number")
    /// No flown coupon of that ticket is known to the programme.
    public static let claimNotFound = Self("claim_not_found")
    public static let claimAlreadyCredited = Self("claim_already_credited")
    /// The flight is older than the programme's claim window.
    public static let claimTooLate = Self("claim_too_late")
    /// The ticket is in another passenger's name.
    public static let claimNameMismatch = Self("claim_name_mismatch")
    public static let invalidTicketNumber = Self("invalid_ticket_number")
}

extension ServiceModule {
    /// The loyalty programme: members, miles, tiers.
    public static let loyalty = ServiceModule("loyalty")
}
