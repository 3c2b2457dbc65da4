/// What moved a member's miles: a line of their statement.
public enum MilesMovementKind: String, Sendable, Codable, CaseIterable {
    /// A flown flight's base miles.
    case accrual
    /// The tier's bonus on a flown flight.
    case tierBonus = "tier_bonus"
    /// A flight flown before it was in the member's account, claimed by ticket number.
    case retroClaim = "retro_claim"
    /// Miles left unspent until their lot's date.
    case expiry
    /// Miles paid for an award or towards a fare.
    case redemption
    /// Miles paid that came back (the order was not made, or was cancelled or refunded).
    case milesReturn = "return"
}
