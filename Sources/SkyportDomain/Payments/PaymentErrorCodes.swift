/// The error codes payment processors decline with (cards and miles), which every module that takes or refunds
/// payments passes on.
extension ServiceError.Code {
    public static let cardDeclined = Self("card_declined")
    public static let insufficientFunds = Self("insufficient_funds")
    public static let expiredCard = Self("expired_card")
    public static let incorrectCVC = Self("incorrect_cvc")
    public static let processingError = Self("processing_error")
    public static let refundExceedsCapture = Self("refund_exceeds_capture")
    public static let paymentNotFound = Self("payment_not_found")
    /// A form of payment this order or this deployment does not take (miles where the loyalty programme does not run).
    public static let paymentMethodNotAccepted = Self("payment_method_not_accepted")
}
