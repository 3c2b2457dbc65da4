import SQLKit
import SkyportDomain
import SkyportStore

extension DisruptionService {
    /// Disruptions, newest first: `open`, `closed`, or both (nil).
    public func list(status: String?, limit: Int = 100) async throws -> [Disruption] {
        try await database.read { sql in try await DisruptionStore.list(status: status, limit: limit, on: sql) }
    }

    /// One disruption with its history, or nil.
    public func disruption(id: String) async throws -> Disruption? {
        try await database.read { sql in try await DisruptionStore.disruption(where: "x.id = \(bind: id)", on: sql) }
    }

    /// The newest disruption of a flight (open or not), with its history.
    static func disruption(forFlight flightID: String, on sql: any SQLDatabase) async throws -> Disruption? {
        try await DisruptionStore.disruption(where: "x.flight_id = \(bind: flightID)", on: sql)
    }
}
