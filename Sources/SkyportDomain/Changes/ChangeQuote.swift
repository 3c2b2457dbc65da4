/// The price of a voluntary change of one slice to another flight, per the fare's conditions: a change fee per
/// passenger, and the difference between the new fares and the old ones, collected when higher and refunded when
/// lower (only to a refundable fare; a non-refundable one keeps it).
public struct ChangeQuote: Sendable, Equatable {
    public let changeFee: Money
    /// New fares minus old fares, taxes included; negative when the new flight is cheaper.
    public let fareDifference: Money
    /// What the passenger pays now: the fee and a positive difference.
    public let amountDue: Money
    /// What goes back to the passenger's card: a negative difference, less nothing.
    public let refund: Money

    /// Why a change cannot be quoted.
    public enum Refusal: Error, Equatable, Sendable {
        /// The fare does not allow changes.
        case notChangeable
    }

    /// The quote for changing `passengers` passengers whose fares on the slice total `oldFares` to fares totalling
    /// `newFares`, under `conditions`.
    public static func quote(passengers: Int, oldFares: Money, newFares: Money, conditions: FareConditions) throws(Refusal) -> ChangeQuote {
        guard conditions.changeable, let fee = conditions.changeFee else { throw .notChangeable }
        let currency = oldFares.currency
        let feeTotal = fee.minorUnits * Int64(passengers)
        let difference = newFares.minorUnits - oldFares.minorUnits
        let refund = difference < 0 && conditions.refundable ? -difference : 0
        return ChangeQuote(changeFee: Money(minorUnits: feeTotal, currency: currency),
                           fareDifference: Money(minorUnits: difference, currency: currency),
                           amountDue: Money(minorUnits: feeTotal + max(0, difference), currency: currency),
                           refund: Money(minorUnits: refund, currency: currency))
    }
}
