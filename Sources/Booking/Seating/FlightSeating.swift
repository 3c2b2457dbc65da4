import SQLKit
import SkyportDomain
import SkyportStore

/// One flight's seats: its layout from the aircraft's seats (the sum of its cabins), who sits where and what is
/// blocked, read in the caller's transaction.
struct FlightSeating: Sendable {
    let flightID: String
    let distanceMiles: Int
    let departsAt: Int64
    let aircraft: String?
    let layout: SeatMapLayout
    let taken: [String: SeatAssignmentRow]
    let blocked: Set<String>

    static func load(flightID: String, on sql: any SQLDatabase) async throws -> FlightSeating? {
        guard let row = try await sql.raw("""
            SELECT f.distance_miles, f.departs_at, f.aircraft_model, CAST(SUM(c.capacity) AS BIGINT) AS seats
            FROM flights f JOIN flight_cabins c ON c.flight_id = f.id WHERE f.id = \(bind: flightID)
            GROUP BY f.distance_miles, f.departs_at, f.aircraft_model
            """).first() else { return nil }
        let seats = try row.decode(column: "seats", as: Int64.self)
        let taken = try await SeatStore.taken(flightID: flightID, on: sql)
        return FlightSeating(flightID: flightID, distanceMiles: try row.decode(column: "distance_miles", as: Int.self),
                             departsAt: try row.decode(column: "departs_at", as: Int64.self),
                             aircraft: try row.decode(column: "aircraft_model", as: String?.self),
                             layout: .forAircraft(seats: Int(seats)),
                             taken: Dictionary(taken.map { ($0.seat, $0) }, uniquingKeysWith: { first, _ in first }),
                             blocked: try await SeatStore.blocked(flightID: flightID, on: sql))
    }

    func seat(_ designator: String) -> SeatMapLayout.Seat? {
        layout.seats.first { $0.number == designator.uppercased() }
    }

    func isFree(_ designator: String) -> Bool { taken[designator] == nil && !blocked.contains(designator) }

    /// The price of a seat for a fare of `brand`.
    func price(of seat: SeatMapLayout.Seat, brand: FareBrand, currency: CurrencyCode) -> Money {
        SeatPricing.price(zone: seat.zone, cabin: seat.cabin, brand: brand, distanceMiles: distanceMiles, currency: currency)
    }

    /// The first free seat of `cabin` in `zone` (any zone when nil) that a passenger may sit in, front to back, window
    /// and aisle before middle.
    func firstFree(cabin: Cabin, zone: SeatZone?, exitRowAllowed: Bool) -> SeatMapLayout.Seat? {
        let candidates = layout.seats.filter { $0.cabin == cabin && (zone == nil || $0.zone == zone) && isFree($0.number) && (exitRowAllowed || !$0.exitRow) }
        return candidates.first { $0.position != .middle } ?? candidates.first
    }

    /// The map as the API shows it, priced for `brand`; `passengerIDs` names the order's passengers by position.
    func view(brand: FareBrand, currency: CurrencyCode, orderID: String?, passengerIDs: [String], cabin: Cabin?) -> SeatMapView {
        var free = 0
        let cabins = layout.sections.filter { cabin == nil || $0.cabin == cabin }.map { section -> SeatMapView.CabinMap in
            var columns: [String?] = []
            var letterIndex = 0
            for (group, size) in section.groups.enumerated() {
                if group > 0 { columns.append(nil) }
                for _ in 0..<size { columns.append(section.letters[letterIndex]); letterIndex += 1 }
            }
            let seatsByRow = Dictionary(grouping: layout.seats.filter { $0.cabin == section.cabin }, by: \.row)
            let rows = (section.firstRow...section.lastRow).map { number in
                let seats = (seatsByRow[number] ?? []).map { seat -> SeatMapView.Seat in
                    let holder = taken[seat.number]
                    let status: SeatStatus = blocked.contains(seat.number) ? .blocked : holder != nil ? .occupied : .available
                    if status == .available { free += 1 }
                    let mine = holder.flatMap { $0.order_id == orderID ? passengerIDs[safe: $0.passenger_position] : nil }
                    let price = self.price(of: seat, brand: brand, currency: currency)
                    return SeatMapView.Seat(designator: seat.number, zone: seat.zone, position: seat.position, exitRow: seat.exitRow, status: status,
                                            totalAmount: price.decimalString, totalCurrency: currency.code, passengerId: mine)
                }
                return SeatMapView.Row(number: number, exitRow: section.exitRows.contains(number), seats: seats)
            }
            return SeatMapView.CabinMap(cabinClass: section.cabin.rawValue, columns: columns, rows: rows)
        }
        return SeatMapView(flightId: flightID, aircraft: aircraft, fareBrand: brand.rawValue, cabins: cabins, availableSeats: free)
    }
}
