/// The refund owed when a passenger cancels one ticketed fare.
public enum RefundRules {
    /// Refundable fares return everything but the brand's cancellation penalty (which never eats
    /// into taxes); non-refundable fares return the taxes and fees, which are not owed for an unflown ticket.
    public static func refund(base: Money, taxes: Money, conditions: FareConditions) -> Money {
        guard conditions.refundable else { return taxes }
        let penalty = min(conditions.cancellationPenalty ?? .zero(base.currency), base)
        return base - penalty + taxes
    }
}
