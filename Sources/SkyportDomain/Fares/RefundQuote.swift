/// The refund owed when a passenger cancels one ticketed fare.
public enum RefundRules {
    /// Refundable fares return everything but the brand's cancellation penalty (never eating into
    /// taxes); non-refundable fares return the taxes and fees, which are not owed for an unflown ticket.
    public static func refund(for fare: PassengerFare, conditions: FareConditions) -> Money {
        guard conditions.refundable else { return fare.taxTotal }
        let penalty = min(conditions.cancellationPenalty ?? .zero(fare.base.currency), fare.base)
        return fare.total - penalty
    }
}
