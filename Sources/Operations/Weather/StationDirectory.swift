import Booking
import SQLKit
import SkyportStore

/// Which airport an ICAO station reports for: `KJFK` is JFK; Alaska, Hawaii and the Pacific territories
/// (`PANC`, `PHNL`, `PGUM`) drop their leading `P`. Only airports Skyport knows are matched.
public struct StationDirectory: Sendable {
    let airports: Set<String>

    public init(airports: Set<String>) {
        self.airports = airports
    }

    /// The airports in the database.
    public static func load(from database: any Database) async throws -> StationDirectory {
        StationDirectory(airports: try await database.read { sql in try await NetworkStore.airportCodes(on: sql) })
    }

    /// The airport of `station`, or nil when it is not one of Skyport's.
    public func airport(forStation station: String) -> String? {
        guard station.count == 4 else { return nil }
        let code: String
        if station.hasPrefix("K") { code = String(station.dropFirst()) }
        else if ["PA", "PH", "PG"].contains(station.prefix(2)) { code = String(station.dropFirst()) }
        else { return nil }
        return airports.contains(code) ? code : nil
    }
}
