import SQLKit
import SkyportContracts
import SkyportDomain
import SkyportStore

/// Opening, changing and closing disruptions and logging each step (`disruptions`, `disruption_events`), in the
/// caller's transaction.
extension DisruptionStore {
    /// A flight's open disruption as decisions, rebooking and the search for alternatives read it.
    struct Open: Decodable {
        let id: String
        let flight_id: String
        let kind: DisruptionKind
        let level: String
        let peak_level: String
        let cause: String
        let expected_delay_minutes: Int
        let expected_departs_at: Int64

        var state: OpenDisruption {
            OpenDisruption(level: level, cause: OpenDisruption.Cause(rawValue: cause) ?? .predicted, expectedDelayMinutes: expected_delay_minutes)
        }
    }

    private static let openColumns = "id, flight_id, kind, level, peak_level, cause, expected_delay_minutes, expected_departs_at"

    /// The open disruptions of `flightIDs`, by flight.
    static func open(of flightIDs: [String], on sql: any SQLDatabase) async throws -> [String: Open] {
        var open: [String: Open] = [:]
        for chunk in flightIDs.chunks(of: 500) {
            let rows = try await sql.raw("""
                SELECT \(unsafeRaw: openColumns) FROM disruptions WHERE status = 'open' AND flight_id IN (\(binds: Array(chunk)))
                """).all(decoding: Open.self)
            for row in rows { open[row.flight_id] = row }
        }
        return open
    }

    /// The flight's open disruption; with `locking`, its row stays locked until the transaction ends (PostgreSQL).
    static func open(flightID: String, locking: Bool, on sql: any SQLDatabase) async throws -> Open? {
        try await sql.raw("""
            SELECT \(unsafeRaw: openColumns) FROM disruptions
            WHERE flight_id = \(bind: flightID) AND status = 'open'\(unsafeRaw: locking ? " FOR UPDATE" : "")
            """).first(decoding: Open.self)
    }

    /// Opens a disruption of the flight at `level`.
    static func insert(id: String, flightID: String, level: String, _ change: DisruptionChange, reasons: String, at now: Int64,
                       on sql: any SQLDatabase) async throws {
        try await sql.raw("""
            INSERT INTO disruptions (id, flight_id, status, kind, cause, level, peak_level, probability, expected_delay_minutes,
                expected_departs_at, model_version_id, reasons, opened_at, updated_at)
            VALUES (\(bind: id), \(bind: flightID), 'open', \(bind: change.kind.rawValue), \(bind: change.cause.rawValue), \(bind: level), \(bind: level),
                \(bind: change.probability), \(bind: change.expectedDelayMinutes), \(bind: change.expectedDeparture), \(bind: change.modelVersionID),
                \(bind: reasons), \(bind: now), \(bind: now))
            """).run()
    }

    /// Moves an open disruption to `level` (the highest reached is `peak`) with the change's assessment.
    static func update(_ id: String, level: String, peak: String, _ change: DisruptionChange, reasons: String, at now: Int64,
                       on sql: any SQLDatabase) async throws {
        try await sql.raw("""
            UPDATE disruptions SET level = \(bind: level), peak_level = \(bind: peak), kind = \(bind: change.kind.rawValue), cause = \(bind: change.cause.rawValue),
                probability = \(bind: change.probability), expected_delay_minutes = \(bind: change.expectedDelayMinutes),
                expected_departs_at = \(bind: change.expectedDeparture), model_version_id = \(bind: change.modelVersionID),
                reasons = \(bind: reasons), updated_at = \(bind: now)
            WHERE id = \(bind: id)
            """).run()
    }

    static func close(_ id: String, reason: String, at now: Int64, on sql: any SQLDatabase) async throws {
        try await sql.raw("""
            UPDATE disruptions SET status = 'closed', closed_at = \(bind: now), close_reason = \(bind: reason), updated_at = \(bind: now)
            WHERE id = \(bind: id)
            """).run()
    }

    /// Logs one step of a disruption's history.
    static func recordEvent(_ disruptionID: String, kind: Disruption.Event.Kind, level: String, _ change: DisruptionChange, reasons: String, note: String?,
                            at now: Int64, on sql: any SQLDatabase) async throws {
        try await sql.raw("""
            INSERT INTO disruption_events (disruption_id, occurred_at, kind, level, probability, expected_delay_minutes, expected_departs_at,
                reasons, actor, note)
            VALUES (\(bind: disruptionID), \(bind: now), \(bind: kind.rawValue), \(bind: level), \(bind: change.probability),
                \(bind: change.expectedDelayMinutes), \(bind: change.expectedDeparture), \(bind: reasons), \(bind: change.actor), \(bind: note))
            """).run()
    }
}
