/// How a flight's seats are given to the booking requests that arrive: which classes are open at each request.
public enum InventoryPolicy: Sendable {
    /// Skyport's rule before revenue management: each class closes once the cabin's load factor reaches its percentage
    /// (the fare ladder's `closesAtLoadPercent`), whatever the demand.
    case loadFactorRule(closingPercents: [Int])
    /// Every class open until the cabin is full.
    case firstComeFirstServed
    /// EMSR-b protection levels over the remaining seats, from the pickup forecast of the demand still to come,
    /// recomputed at every request.
    case emsrb(PickupForecaster)

    public var name: String {
        switch self {
        case .loadFactorRule: "load-factor rule"
        case .firstComeFirstServed: "first come, first served"
        case .emsrb(let forecaster): "EMSR-b, \(forecaster.method.rawValue) pickup"
        }
    }

    /// Whether class `type` (cheapest is 0) can sell one seat now.
    func isOpen(_ type: Int, state: FlightInventory, weekday: Int, daysBefore: Double, fares: [Double]) -> Bool {
        guard state.sold < state.capacity else { return false }
        switch self {
        case .firstComeFirstServed:
            return true
        case .loadFactorRule(let percents):
            let limit = percents[type] >= 100 ? state.capacity : state.capacity * percents[type] / 100
            return state.sold < limit
        case .emsrb(let forecaster):
            let remaining = forecaster.remainingDemand(weekday: weekday, daysBefore: daysBefore, booked: state.soldByClass)
            // Classes above `type`, highest first, pooled against it: it is open while the remaining seats exceed
            // what they protect.
            let above = (type..<fares.count).reversed().map { ClassDemand(fare: fares[$0], mean: remaining[$0].mean, standardDeviation: remaining[$0].standardDeviation) }
            let protected = EMSRb.protectionLevels(above).last ?? 0
            return Double(state.capacity - state.sold) - protected >= 1 - 1e-9 || type == fares.count - 1
        }
    }
}

/// A flight's seats as a simulation sells them.
public struct FlightInventory: Sendable, Equatable {
    public let capacity: Int
    public var soldByClass: [Int]
    public var revenue: Double = 0

    public var sold: Int { soldByClass.reduce(0, +) }

    public init(capacity: Int, classCount: Int) {
        self.capacity = capacity
        soldByClass = Array(repeating: 0, count: classCount)
    }
}
