import SQLKit
import SkyportStore

/// A scheduled flight as operations act on it: its schedule, whether it is cancelled, and an operator's estimate of
/// its departure.
public struct FlightRecord: Decodable, Sendable, Equatable {
    public let id: String
    public let carrier: String
    public let flightNumber: Int
    public let origin: String
    public let destination: String
    public let departureDate: String
    public let departsAt: Int64
    public let arrivesAt: Int64
    public let distanceMiles: Int
    /// The aircraft planned for it, when the schedule names one.
    public let tailNumber: String?
    public let isCancelled: Bool
    public let estimatedDepartsAt: Int64?

    enum CodingKeys: String, CodingKey {
        case id, carrier, origin, destination
        case flightNumber = "flight_number", departureDate = "departure_date", departsAt = "departs_at", arrivesAt = "arrives_at"
        case distanceMiles = "distance_miles", tailNumber = "tail_number", status
        case estimatedDepartsAt = "estimated_departs_at"
    }

    public init(from decoder: any Decoder) throws {
        let row = try decoder.container(keyedBy: CodingKeys.self)
        id = try row.decode(String.self, forKey: .id)
        carrier = try row.decode(String.self, forKey: .carrier)
        flightNumber = try row.decode(Int.self, forKey: .flightNumber)
        origin = try row.decode(String.self, forKey: .origin)
        destination = try row.decode(String.self, forKey: .destination)
        departureDate = try row.decode(String.self, forKey: .departureDate)
        departsAt = try row.decode(Int64.self, forKey: .departsAt)
        arrivesAt = try row.decode(Int64.self, forKey: .arrivesAt)
        distanceMiles = try row.decode(Int.self, forKey: .distanceMiles)
        tailNumber = try row.decodeIfPresent(String.self, forKey: .tailNumber)
        isCancelled = try row.decode(String.self, forKey: .status) == "cancelled"
        estimatedDepartsAt = try row.decodeIfPresent(Int64.self, forKey: .estimatedDepartsAt)
    }
}

/// The flights of the schedule as other modules read and change them (Operations: an estimated departure, a
/// cancellation), in the caller's transaction.
public enum FlightStore {
    static let columnNames = [
        "id", "carrier", "flight_number", "origin", "destination", "departure_date", "departs_at", "arrives_at", "distance_miles", "tail_number",
        "status", "estimated_departs_at",
    ]
    static let columns = columnNames.joined(separator: ", ")
    /// The columns of the table aliased `f`.
    static let aliasedColumns = columnNames.map { "f.\($0)" }.joined(separator: ", ")

    /// One flight; with `locking`, its row stays locked until the transaction ends (PostgreSQL).
    public static func flight(_ id: String, locking: Bool = false, on sql: any SQLDatabase) async throws -> FlightRecord? {
        try await sql.raw("SELECT \(unsafeRaw: columns) FROM flights WHERE id = \(bind: id)\(unsafeRaw: locking ? " FOR UPDATE" : "")")
            .first(decoding: FlightRecord.self)
    }

    /// The flights of `ids` that exist, by id.
    public static func flights(_ ids: some Collection<String>, on sql: any SQLDatabase) async throws -> [String: FlightRecord] {
        var found: [String: FlightRecord] = [:]
        for chunk in Array(Set(ids)).chunks(of: 500) {
            for flight in try await sql.raw("SELECT \(unsafeRaw: columns) FROM flights WHERE id IN (\(binds: Array(chunk)))")
                .all(decoding: FlightRecord.self) {
                found[flight.id] = flight
            }
        }
        return found
    }

    /// The flights of a local departure date (`YYYY-MM-DD`), cancelled ones too, by departure.
    public static func flights(departingOn date: String, on sql: any SQLDatabase) async throws -> [FlightRecord] {
        try await sql.raw("SELECT \(unsafeRaw: columns) FROM flights WHERE departure_date = \(bind: date) ORDER BY departs_at, id")
            .all(decoding: FlightRecord.self)
    }

    /// The flights departing in `[start, end)` (from `origin` only, when given), by departure.
    public static func flights(from origin: String? = nil, departingFrom start: Int64, to end: Int64,
                               on sql: any SQLDatabase) async throws -> [FlightRecord] {
        let airport: SQLQueryString = origin.map { " AND origin = \(bind: $0)" } ?? ""
        return try await sql.raw("""
            SELECT \(unsafeRaw: columns) FROM flights WHERE departs_at >= \(bind: start) AND departs_at < \(bind: end)\(airport)
            ORDER BY departs_at, id
            """).all(decoding: FlightRecord.self)
    }

    /// The scheduled (not cancelled) flights of `tails` departing in `[start, end)`, by departure: the cycles an
    /// aircraft will fly.
    public static func flights(tails: some Collection<String>, departingFrom start: Int64, to end: Int64 = .max,
                               on sql: any SQLDatabase) async throws -> [FlightRecord] {
        var found: [FlightRecord] = []
        for chunk in Array(Set(tails)).chunks(of: 500) {
            found += try await sql.raw("""
                SELECT \(unsafeRaw: columns) FROM flights
                WHERE tail_number IN (\(binds: Array(chunk))) AND departs_at >= \(bind: start) AND departs_at < \(bind: end) AND status <> 'cancelled'
                """).all(decoding: FlightRecord.self)
        }
        return found.sorted { ($0.departsAt, $0.id) < ($1.departsAt, $1.id) }
    }

    /// The carrier's aircraft: every tail that flies one of its scheduled flights from `start`, by tail number.
    public static func tails(of carrier: String, departingFrom start: Int64, on sql: any SQLDatabase) async throws -> [String] {
        try await sql.raw("""
            SELECT DISTINCT tail_number FROM flights
            WHERE carrier = \(bind: carrier) AND tail_number IS NOT NULL AND departs_at >= \(bind: start) AND status <> 'cancelled'
            ORDER BY tail_number
            """).all().map { try $0.decode(column: "tail_number", as: String.self) }
    }

    /// The seats each flight offers (every cabin's capacity).
    public static func capacity(of ids: some Collection<String>, on sql: any SQLDatabase) async throws -> [String: Int] {
        var capacity: [String: Int] = [:]
        for chunk in Array(Set(ids)).chunks(of: 500) {
            for row in try await sql.raw("""
                SELECT flight_id, SUM(capacity) AS seats FROM flight_cabins WHERE flight_id IN (\(binds: Array(chunk))) GROUP BY flight_id
                """).all() {
                capacity[try row.decode(column: "flight_id", as: String.self)] = try row.decode(column: "seats", as: Int.self)
            }
        }
        return capacity
    }

    /// Gives a flight another aircraft. Its cabins are unchanged, so the caller makes sure the aircraft seats them all.
    public static func assign(_ id: String, tail: String, on sql: any SQLDatabase) async throws {
        try await sql.raw("UPDATE flights SET tail_number = \(bind: tail) WHERE id = \(bind: id)").run()
    }

    /// The aircraft with scheduled flights from `start`, and how many each will fly, most first (then by tail number).
    public static func scheduledTails(departingFrom start: Int64, on sql: any SQLDatabase) async throws -> [(tail: String, flights: Int)] {
        try await sql.raw("""
            SELECT tail_number, COUNT(*) AS n FROM flights
            WHERE tail_number IS NOT NULL AND departs_at >= \(bind: start) AND status <> 'cancelled'
            GROUP BY tail_number ORDER BY n DESC, tail_number
            """).all().map { (try $0.decode(column: "tail_number", as: String.self), try $0.decode(column: "n", as: Int.self)) }
    }

    /// The flights of the days before a local departure date (`YYYY-MM-DD`).
    public static func flights(departingBefore date: String, on sql: any SQLDatabase) async throws -> [FlightRecord] {
        try await sql.raw("SELECT \(unsafeRaw: columns) FROM flights WHERE departure_date < \(bind: date) ORDER BY departs_at, id")
            .all(decoding: FlightRecord.self)
    }

    /// Scheduled flights of the market leaving in `(after, until]` with `seats` unsold in `cabin`, by departure.
    public static func flightsWithRoom(from origin: String, to destination: String, cabin: String, seats: Int,
                                       departingAfter after: Int64, until: Int64, on sql: any SQLDatabase) async throws -> [FlightRecord] {
        try await sql.raw("""
            SELECT \(unsafeRaw: aliasedColumns) FROM flights f JOIN flight_cabins c ON c.flight_id = f.id AND c.cabin = \(bind: cabin)
            WHERE f.origin = \(bind: origin) AND f.destination = \(bind: destination) AND f.status = 'scheduled'
              AND f.departs_at > \(bind: after) AND f.departs_at <= \(bind: until) AND c.capacity - c.sold >= \(bind: seats)
            ORDER BY f.departs_at, f.id
            """).all(decoding: FlightRecord.self)
    }

    /// Records an operator's estimate of the departure (nil clears it).
    public static func setEstimatedDeparture(_ estimate: Int64?, of id: String, on sql: any SQLDatabase) async throws {
        try await sql.raw("UPDATE flights SET estimated_departs_at = \(bind: estimate) WHERE id = \(bind: id)").run()
    }

    /// Takes the flights off the schedule: they will not operate (their seats stay with their orders until refunded).
    public static func cancel(_ ids: some Collection<String>, on sql: any SQLDatabase) async throws {
        for chunk in Array(Set(ids)).chunks(of: 500) {
            try await sql.raw("UPDATE flights SET status = 'cancelled' WHERE id IN (\(binds: Array(chunk)))").run()
        }
        // A cancelled flight leaves its market's searches.
        for id in Set(ids) { try await InventoryStore.bumpVersion(of: id, on: sql) }
    }

    /// Takes the flight off the schedule: it will not operate (its seats stay with their orders until refunded).
    public static func cancel(_ id: String, on sql: any SQLDatabase) async throws {
        try await cancel([id], on: sql)
    }
}

extension FlightStore {
    /// The flight a carrier flies under `number` on the local date `date` (`UA`, 100, `2026-12-08`), or nil.
    public static func flight(carrier: String, number: Int, date: String, on sql: any SQLDatabase) async throws -> FlightRecord? {
        try await sql.raw("""
            SELECT \(unsafeRaw: columns) FROM flights
            WHERE carrier = \(bind: carrier) AND flight_number = \(bind: number) AND departure_date = \(bind: date) ORDER BY departs_at LIMIT 1
            """).first(decoding: FlightRecord.self)
    }
}
