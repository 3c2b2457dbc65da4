import Booking
import Operations
import Prediction
import SkyportContracts
import SkyportDomain

/// Tests write statuses and kinds as their stored and wire text (`#expect(order.status == "confirmed")`), as the
/// API shows them. Only test support declares it; production code names the cases. A text that is no case stops
/// the test at once.
public protocol StatusLiteral: RawRepresentable, ExpressibleByStringLiteral where RawValue == String {}

extension StatusLiteral {
    public init(stringLiteral value: String) {
        guard let status = Self(rawValue: value) else { preconditionFailure("'\(value)' is not a \(Self.self)") }
        self = status
    }
}

extension OrderStatus: StatusLiteral {}
extension CancellationView.Status: StatusLiteral {}
extension SeatHold.Status: StatusLiteral {}
extension Disruption.Status: StatusLiteral {}
extension Disruption.Event.Kind: StatusLiteral {}
extension DisruptionKind: StatusLiteral {}
extension TrainingJobs.Status: StatusLiteral {}
extension AlertState.Phase: StatusLiteral {}
extension ModelMonitor.Drift.Level: StatusLiteral {}
extension NotificationMessage.Status: StatusLiteral {}
extension NotificationMessage.Delivery.Status: StatusLiteral {}
extension NotificationMessage.Delivery.Attempt.Outcome: StatusLiteral {}
