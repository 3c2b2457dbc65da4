/// What goes back for a paid item when its order is cancelled: everything when the airline cancelled or changed the
/// trip; otherwise a seat only with a refundable fare, and a bag whenever it was not yet dropped off.
public enum ServiceRefunds {
    public static func onCancellation(kind: OrderServiceKind, paid: Money, delivery: BagDeliveryStatus?, conditions: FareConditions,
                                      involuntary: Bool) -> Money {
        let refunded: Bool = switch kind {
        case .seat: involuntary || SeatPricing.refundedOnCancellation(conditions)
        case .checkedBag: involuntary || (delivery ?? .booked).isRefundable
        }
        return refunded ? paid : .zero(paid.currency)
    }
}
