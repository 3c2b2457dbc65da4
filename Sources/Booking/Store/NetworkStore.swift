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
}
