import Foundation
import SQLKit
import SkyportDomain
import SkyportStore

/// The airports, carriers and schedule bounds, read once and kept in memory: they change only
/// when data is imported. Served airports are those with at least one route.
public actor NetworkDirectory {
    /// What the directory holds at one moment.
    public struct Snapshot: Sendable {
        public let airports: [String: Airport]
        public let served: [Airport]
        public let carriers: [String: String]
        public let clocks: [String: WallClock]
        public let routes: [String: Int]
        public let lastScheduledDate: LocalDate?
        public let loadedAt: Date

        public func distance(from origin: String, to destination: String) -> Int? { routes["\(origin)\(destination)"] }
    }

    private let database: any Database
    private let maximumAge: TimeInterval
    private var snapshot: Snapshot?

    /// `maximumAge` bounds how stale the copy may get when another process imports data.
    public init(database: any Database, maximumAge: TimeInterval = 300) {
        self.database = database
        self.maximumAge = maximumAge
    }

    public func current() async throws -> Snapshot {
        if let snapshot, Date().timeIntervalSince(snapshot.loadedAt) < maximumAge { return snapshot }
        let fresh = try await load()
        snapshot = fresh
        return fresh
    }

    /// Drops the cached copy (after an import in this process).
    public func invalidate() { snapshot = nil }

    private struct AirportRow: Decodable {
        let code: String, name: String, latitude: Double, longitude: Double
        let time_zone: String
    }

    private struct RouteRow: Decodable {
        let origin: String, destination: String, distance_miles: Int
    }

    private struct CarrierRow: Decodable {
        let code: String, name: String
    }

    private func load() async throws -> Snapshot {
        try await database.read { sql in
            let airportRows = try await sql.raw("SELECT code, name, latitude, longitude, time_zone FROM airports").all(decoding: AirportRow.self)
            let routeRows = try await sql.raw("SELECT origin, destination, distance_miles FROM routes").all(decoding: RouteRow.self)
            let carrierRows = try await sql.raw("SELECT code, name FROM carriers").all(decoding: CarrierRow.self)
            let last = try await sql.raw("SELECT MAX(departure_date) AS last FROM flights").first()
                .flatMap { try $0.decodeNil(column: "last") ? nil : $0.decode(column: "last", as: String.self) }
            var airports: [String: Airport] = [:], clocks: [String: WallClock] = [:]
            for row in airportRows {
                guard let code = AirportCode(row.code) else { continue }
                airports[row.code] = Airport(code: code, name: row.name, latitude: row.latitude, longitude: row.longitude, timeZoneIdentifier: row.time_zone)
                clocks[row.code] = WallClock(timeZoneIdentifier: row.time_zone)
            }
            let servedCodes = Set(routeRows.map(\.origin))
            return Snapshot(
                airports: airports,
                served: servedCodes.compactMap { airports[$0] }.sorted { $0.code < $1.code },
                carriers: Dictionary(carrierRows.map { ($0.code, $0.name) }, uniquingKeysWith: { first, _ in first }),
                clocks: clocks,
                routes: Dictionary(routeRows.map { ("\($0.origin)\($0.destination)", $0.distance_miles) }, uniquingKeysWith: { first, _ in first }),
                lastScheduledDate: last.flatMap { LocalDate(iso: $0) },
                loadedAt: Date())
        }
    }
}
