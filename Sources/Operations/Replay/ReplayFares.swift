import Booking
import SkyportDomain

/// The fares the replay books at: offers are signed, not stored, so one search per route and party size
/// prices every flight of the route until a booking class fills and the route is searched again.
struct ReplayFares {
    let shopping: ShoppingService
    let date: LocalDate
    private var offers: [String: [String: String]] = [:]

    init(shopping: ShoppingService, date: LocalDate) {
        self.shopping = shopping
        self.date = date
    }

    /// An economy offer for `party` adults on `flightID` alone, or nil when it has none (full, or not on sale).
    mutating func offer(_ flightID: String, from origin: String, to destination: String, party: Int, fresh: Bool = false) async throws -> String? {
        let key = "\(origin)\(destination)/\(party)"
        if offers[key] == nil || fresh {
            let request = OfferRequestInput(slices: [.init(origin: origin, destination: destination, departureDate: date.iso)],
                                            passengers: Array(repeating: .init(type: "adult"), count: party), cabinClass: "economy")
            var byFlight: [String: String] = [:]
            for found in try await shopping.search(request).offers where found.slices.first?.segments.count == 1 {
                if let flight = found.slices.first?.segments.first?.flightId, byFlight[flight] == nil { byFlight[flight] = found.id }
            }
            offers[key] = byFlight
        }
        return offers[key]?[flightID]
    }
}
