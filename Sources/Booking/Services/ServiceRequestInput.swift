import SkyportDomain

/// Seats and bags asked for, at purchase (passengers by their place in the order, `passenger_index`) or later
/// (`passenger_id`), as received: fields optional so that each gets a precise error.
public struct ServiceRequestInput: Decodable, Sendable {
    /// A seat for one passenger on one flight.
    public struct Seat: Decodable, Sendable {
        public var passengerIndex: Int?
        public var passengerId: String?
        public var flightId: String?
        public var designator: String?
        public init(passengerIndex: Int? = nil, passengerId: String? = nil, flightId: String?, designator: String?) {
            self.passengerIndex = passengerIndex
            self.passengerId = passengerId
            self.flightId = flightId
            self.designator = designator
        }
    }

    /// Checked bags bought for one passenger on one flight, beyond the fare's allowance and any bought before.
    public struct Bags: Decodable, Sendable {
        public var passengerIndex: Int?
        public var passengerId: String?
        public var flightId: String?
        public var quantity: Int?
        public init(passengerIndex: Int? = nil, passengerId: String? = nil, flightId: String?, quantity: Int?) {
            self.passengerIndex = passengerIndex
            self.passengerId = passengerId
            self.flightId = flightId
            self.quantity = quantity
        }
    }

    public var seats: [Seat]?
    public var bags: [Bags]?
    public var payment: OrderInput.Payment?

    public init(seats: [Seat]? = nil, bags: [Bags]? = nil, payment: OrderInput.Payment? = nil) {
        self.seats = seats
        self.bags = bags
        self.payment = payment
    }
}

/// A seat asked for one passenger (by position) on one flight of the order (by position).
struct SeatRequest: Sendable, Equatable {
    let passenger: Int
    let segment: Int
    let designator: String
}

/// Paid bags asked for one passenger on one flight.
struct BagRequest: Sendable, Equatable {
    let passenger: Int
    let segment: Int
    let quantity: Int
}

/// Turns requests naming passengers and flights into positions in the order, with every issue found.
struct ServiceRequestResolver {
    /// The order's passengers' ids (empty at purchase, where requests name passengers by index) and count.
    let passengerIDs: [String]
    let passengerCount: Int
    let flightIDs: [String]

    func resolve(seats: [ServiceRequestInput.Seat]?, bags: [ServiceRequestInput.Bags]?) throws -> (seats: [SeatRequest], bags: [BagRequest]) {
        var issues: [ValidationIssue] = []
        var seatRequests: [SeatRequest] = [], bagRequests: [BagRequest] = []
        for (index, seat) in (seats ?? []).enumerated() {
            let field = "seats[\(index)]"
            let passenger = self.passenger(index: seat.passengerIndex, id: seat.passengerId, field: field, issues: &issues)
            let segment = self.segment(seat.flightId, field: field, issues: &issues)
            let designator = (seat.designator ?? "").uppercased()
            if designator.isEmpty || designator.count > 4 || !designator.allSatisfy({ $0.isASCII && ($0.isNumber || $0.isLetter) }) {
                issues.append(.init(code: .seatNotFound, field: "\(field).designator", message: "Name the seat by row and letter, e.g. 23C."))
            } else if let passenger, let segment {
                if seatRequests.contains(where: { $0.passenger == passenger && $0.segment == segment }) {
                    issues.append(.init(code: .invalidServiceRequest, field: field, message: "Each passenger has one seat per flight."))
                } else if seatRequests.contains(where: { $0.segment == segment && $0.designator == designator }) {
                    issues.append(.init(code: .invalidServiceRequest, field: "\(field).designator", message: "Seat \(designator) is asked for twice."))
                } else {
                    seatRequests.append(SeatRequest(passenger: passenger, segment: segment, designator: designator))
                }
            }
        }
        for (index, bag) in (bags ?? []).enumerated() {
            let field = "bags[\(index)]"
            let passenger = self.passenger(index: bag.passengerIndex, id: bag.passengerId, field: field, issues: &issues)
            let segment = self.segment(bag.flightId, field: field, issues: &issues)
            guard let quantity = bag.quantity, (1...BaggagePolicy.maximumBags).contains(quantity) else {
                issues.append(.init(code: .tooManyBags, field: "\(field).quantity", message: "Add 1 to \(BaggagePolicy.maximumBags) bags."))
                continue
            }
            if let passenger, let segment {
                if bagRequests.contains(where: { $0.passenger == passenger && $0.segment == segment }) {
                    issues.append(.init(code: .invalidServiceRequest, field: field, message: "Give each passenger's bags on a flight once."))
                } else {
                    bagRequests.append(BagRequest(passenger: passenger, segment: segment, quantity: quantity))
                }
            }
        }
        guard issues.isEmpty else { throw ValidationFailure(issues) }
        return (seatRequests, bagRequests)
    }

    private func passenger(index: Int?, id: String?, field: String, issues: inout [ValidationIssue]) -> Int? {
        if let id, let position = passengerIDs.firstIndex(of: id) { return position }
        if passengerIDs.isEmpty, let index, (0..<passengerCount).contains(index) { return index }
        let name = passengerIDs.isEmpty ? "passenger_index" : "passenger_id"
        issues.append(.init(code: .invalidServiceRequest, field: "\(field).\(name)",
                            message: passengerIDs.isEmpty ? "Give the passenger's place in the order, from 0." : "Give the id of a passenger of this order."))
        return nil
    }

    private func segment(_ flightID: String?, field: String, issues: inout [ValidationIssue]) -> Int? {
        if let flightID, let position = flightIDs.firstIndex(of: flightID) { return position }
        issues.append(.init(code: .flightNotFound, field: "\(field).flight_id", message: "Give the id of a flight of this order."))
        return nil
    }
}
