/// Seats taken out of a cabin's inventory for one order until `expiresAt`: an alternative protected for a
/// disrupted passenger. `held` until used by a rebooking, released, or expired.
public struct SeatHold: Sendable, Codable, Equatable {
    /// Held until used by a rebooking, released (another alternative was taken), or expired.
    public enum Status: String, Sendable, Codable {
        case held, used, released, expired
    }

    public let id: String
    public let flightID: String
    public let cabin: String
    public let seats: Int
    public let orderID: String
    public let disruptionID: String
    /// The disrupted flight the seats would replace: recorded with the hold, so that rebooking never asks Operations'
    /// tables which flight a disruption is on.
    public let disruptedFlightID: String
    public let status: Status
    public let expiresAt: Int64

    static let columns = "id, flight_id, cabin, seats, order_id, disruption_id, disrupted_flight_id, status, expires_at"

    struct Row: Decodable {
        let id: String, flight_id: String, cabin: String, seats: Int, order_id: String, disruption_id: String
        /// Nil only for a hold whose disruption was gone when migration 17 filled the column in.
        let disrupted_flight_id: String?
        let status: Status, expires_at: Int64

        var hold: SeatHold {
            SeatHold(id: id, flightID: flight_id, cabin: cabin, seats: seats, orderID: order_id, disruptionID: disruption_id,
                     disruptedFlightID: disrupted_flight_id ?? "", status: status, expiresAt: expires_at)
        }
    }
}

/// What a rebooking did.
public struct Rebooking: Sendable, Codable, Equatable {
    public struct Reissue: Sendable, Codable, Equatable {
        public let passengerID: String
        public let oldTicketNumber: String
        public let newTicketNumber: String
    }

    public let orderID: String
    public let bookingReference: String
    public let fromFlightID: String
    public let toFlightID: String
    public let seats: Int
    public let tickets: [Reissue]
}
