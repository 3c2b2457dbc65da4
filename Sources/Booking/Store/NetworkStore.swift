import SQLKit
import SkyportStore

/// The network as other modules may read it fresh from the database (the network directory's snapshot is cached).
public enum NetworkStore {
    /// The codes of Skyport's airports.
    public static func airportCodes(on sql: any SQLDatabase) async throws -> Set<String> {
        Set(try await sql.raw("SELECT code FROM airports").all().map { try $0.decode(column: "code", as: String.self) })
    }

    /// Whether `code` is one of Skyport's airports.
    public static func hasAirport(_ code: String, on sql: any SQLDatabase) async throws -> Bool {
        try await sql.raw("SELECT code FROM airports WHERE code = \(bind: code)").first() != nil
    }

    /// The IANA time zone of each airport of `codes` that Skyport has.
    public static func timeZones(of codes: some Collection<String>, on sql: any SQLDatabase) async throws -> [String: String] {
        guard !codes.isEmpty else { return [:] }
        var zones: [String: String] = [:]
        for row in try await sql.raw("SELECT code, time_zone FROM airports WHERE code IN (\(binds: Array(Set(codes)).sorted()))").all() {
            zones[try row.decode(column: "code", as: String.self)] = try row.decode(column: "time_zone", as: String.self)
        }
        return zones
    }

    /// The seats and year built of each aircraft of `tailNumbers` in the registry.
    public static func aircraft(_ tailNumbers: some Collection<String>, on sql: any SQLDatabase) async throws -> [String: AircraftFacts] {
        var found: [String: AircraftFacts] = [:]
        for chunk in Array(Set(tailNumbers)).sorted().chunks(of: 500) {
            for row in try await sql.raw("SELECT tail_number, seats, year_built FROM aircraft WHERE tail_number IN (\(binds: Array(chunk)))").all() {
                found[try row.decode(column: "tail_number", as: String.self)] =
                    AircraftFacts(seats: try row.decode(column: "seats", as: Int?.self), yearBuilt: try row.decode(column: "year_built", as: Int?.self))
            }
        }
        return found
    }
}

/// What the registry says of one aircraft.
public struct AircraftFacts: Sendable, Equatable {
    public let seats: Int?
    public let yearBuilt: Int?
}
