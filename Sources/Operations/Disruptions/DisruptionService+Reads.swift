import Foundation
import SQLKit
import SkyportContracts
import SkyportDomain
import SkyportStore

extension DisruptionService {
    /// Disruptions, newest first: `open`, `closed`, or both (nil).
    public func list(status: String?, limit: Int = 100) async throws -> [Disruption] {
        try await database.read { sql in
            let filter: SQLQueryString = status.map { "WHERE x.status = \(bind: $0)" } ?? ""
            return try await sql.raw("""
                SELECT \(unsafeRaw: Row.columns) \(filter) ORDER BY x.opened_at DESC, x.id DESC LIMIT \(bind: limit)
                """).all(decoding: Row.self).map { $0.disruption(history: []) }
        }
    }

    /// One disruption with its history, or nil.
    public func disruption(id: String) async throws -> Disruption? {
        try await database.read { sql in try await Self.disruption(where: "x.id = \(bind: id)", on: sql) }
    }

    /// The newest disruption of a flight (open or not), with its history.
    static func disruption(forFlight flightID: String, on sql: any SQLDatabase) async throws -> Disruption? {
        try await disruption(where: "x.flight_id = \(bind: flightID)", on: sql)
    }

    static func disruption(where condition: SQLQueryString, on sql: any SQLDatabase) async throws -> Disruption? {
        guard let row = try await sql.raw("""
            SELECT \(unsafeRaw: Row.columns) WHERE \(condition) ORDER BY x.opened_at DESC, x.id DESC LIMIT 1
            """).first(decoding: Row.self) else { return nil }
        let events = try await sql.raw("""
            SELECT occurred_at, kind, level, probability, expected_delay_minutes, expected_departs_at, reasons, actor, note
            FROM disruption_events WHERE disruption_id = \(bind: row.id) ORDER BY id
            """).all(decoding: EventRow.self)
        return row.disruption(history: events.map(\.event))
    }

    struct Row: Decodable {
        static let columns = """
            x.id, x.status, x.kind, x.cause, x.level, x.peak_level, x.probability, x.expected_delay_minutes, x.expected_departs_at,
            x.model_version_id, x.reasons, x.opened_at, x.updated_at, x.closed_at, x.close_reason,
            f.id AS flight_id, f.carrier, f.flight_number, f.origin, f.destination, f.departs_at, f.distance_miles
            FROM disruptions x JOIN flights f ON f.id = x.flight_id
            """
        let id: String
        let status: Disruption.Status
        let kind: DisruptionKind
        let cause: String
        let level: String
        let peak_level: String
        let probability: Double?
        let expected_delay_minutes: Int
        let expected_departs_at: Int64
        let model_version_id: String?
        let reasons: String
        let opened_at: Int64
        let updated_at: Int64
        let closed_at: Int64?
        let close_reason: String?
        let flight_id: String
        let carrier: String
        let flight_number: Int
        let origin: String
        let destination: String
        let departs_at: Int64
        let distance_miles: Int

        func disruption(history: [Disruption.Event]) -> Disruption {
            Disruption(
                id: id,
                flight: .init(id: flight_id, carrier: carrier, flightNumber: flight_number, origin: origin, destination: destination,
                              scheduledDeparture: .init(departs_at), distanceMiles: distance_miles),
                status: status, kind: kind, cause: .init(rawValue: cause) ?? .predicted, level: level, peakLevel: peak_level,
                probability: probability, expectedDelayMinutes: expected_delay_minutes, expectedDeparture: .init(expected_departs_at),
                modelVersionID: model_version_id, reasons: decodeReasons(reasons), openedAt: .init(opened_at), updatedAt: .init(updated_at),
                closedAt: closed_at.map(UTCInstant.init), closeReason: close_reason, history: history)
        }
    }

    struct EventRow: Decodable {
        let occurred_at: Int64
        let kind: String
        let level: String
        let probability: Double?
        let expected_delay_minutes: Int?
        let expected_departs_at: Int64?
        let reasons: String?
        let actor: String
        let note: String?

        var event: Disruption.Event {
            Disruption.Event(occurredAt: .init(occurred_at), kind: kind, level: level, probability: probability,
                             expectedDelayMinutes: expected_delay_minutes, expectedDeparture: expected_departs_at.map(UTCInstant.init),
                             reasons: decodeReasons(reasons), actor: actor, note: note)
        }
    }
}

private func decodeReasons(_ text: String?) -> [Disruption.Reason] {
    guard let text, let data = text.data(using: .utf8) else { return [] }
    return (try? JSONDecoder().decode([Disruption.Reason].self, from: data)) ?? []
}
