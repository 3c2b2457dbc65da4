import SkyportDomain

/// The error codes Maintenance gives.
extension ServiceError.Code {
    public static let engineNotFound = Self("engine_not_found")
    /// Cycles that do not follow the ones already recorded for the engine.
    public static let cycleOutOfOrder = Self("cycle_out_of_order")
    /// An engine mounted on an aircraft the schedule does not know.
    public static let unknownTail = Self("unknown_tail")
    public static let invalidPosition = Self("invalid_position")
    public static let invalidDueWithin = Self("invalid_due_within")
}

extension ServiceModule {
    /// Engines, their sensor history, and when each is due for the shop.
    public static let maintenance = ServiceModule("maintenance")
}
