import Booking
import Foundation
import SQLKit
import SkyportContracts
import SkyportDomain
import SkyportStore

/// The disruptions table and their histories as Operations read them; each disruption's flight comes from Booking's
/// `FlightStore`, not from a join on Booking's table.
enum DisruptionStore {
    /// Disruptions, newest first: `open`, `closed`, or both (nil).
    static func list(status: String?, limit: Int, on sql: any SQLDatabase) async throws -> [Disruption] {
        let filter: SQLQueryString = status.map { "WHERE x.status = \(bind: $0)" } ?? ""
        let rows = try await sql.raw("""
            SELECT \(unsafeRaw: Row.columns) \(filter) ORDER BY x.opened_at DESC, x.id DESC LIMIT \(bind: limit)
            """).all(decoding: Row.self)
        let flights = try await FlightStore.flights(rows.map(\.flight_id), on: sql)
        return rows.compactMap { row in flights[row.flight_id].map { row.disruption(flight: $0, history: []) } }
    }

    /// The newest disruption matching `condition` (on the table aliased `x`), with its history.
    static func disruption(where condition: SQLQueryString, on sql: any SQLDatabase) async throws -> Disruption? {
        guard let row = try await sql.raw("""
            SELECT \(unsafeRaw: Row.columns) WHERE \(condition) ORDER BY x.opened_at DESC, x.id DESC LIMIT 1
            """).first(decoding: Row.self),
            let flight = try await FlightStore.flight(row.flight_id, on: sql) else { return nil }
        let events = try await sql.raw("""
            SELECT occurred_at, kind, level, probability, expected_delay_minutes, expected_departs_at, reasons, actor, note
            FROM disruption_events WHERE disruption_id = \(bind: row.id) ORDER BY id
            """).all(decoding: EventRow.self)
        return row.disruption(flight: flight, history: events.map(\.event))
    }

    /// How many disruptions reached each level at their highest.
    static func countsByPeakLevel(on sql: any SQLDatabase) async throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for row in try await sql.raw("SELECT peak_level, COUNT(*) AS n FROM disruptions GROUP BY peak_level").all() {
            counts[try row.decode(column: "peak_level", as: String.self)] = try row.decode(column: "n", as: Int.self)
        }
        return counts
    }

    /// What a message about a disruption tells.
    struct Told: Decodable {
        let flight_id: String, kind: DisruptionKind, expected_delay_minutes: Int, expected_departs_at: Int64, reasons: String, cause: String
        let probability: Double?
    }

    static func told(_ id: String, on sql: any SQLDatabase) async throws -> Told? {
        try await sql.raw("""
            SELECT flight_id, kind, expected_delay_minutes, expected_departs_at, reasons, cause, probability FROM disruptions WHERE id = \(bind: id)
            """).first(decoding: Told.self)
    }

    /// A disruption at the level it reached.
    struct Reached: Decodable {
        let id: String, flight_id: String, level: String
    }

    /// The disruption `id` (nil: every open one) at the level it reached.
    static func reached(_ id: String?, on sql: any SQLDatabase) async throws -> [Reached] {
        let filter: SQLQueryString = id.map { "id = \(bind: $0)" } ?? "status = 'open'"
        return try await sql.raw("SELECT id, flight_id, level FROM disruptions WHERE \(filter)").all(decoding: Reached.self)
    }

    struct Row: Decodable {
        static let columns = """
            x.id, x.status, x.kind, x.cause, x.level, x.peak_level, x.probability, x.expected_delay_minutes, x.expected_departs_at,
            x.flight_id, x.model_version_id, x.reasons, x.opened_at, x.updated_at, x.closed_at, x.close_reason
            FROM disruptions x
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

        func disruption(flight: FlightRecord, history: [Disruption.Event]) -> Disruption {
            Disruption(
                id: id,
                flight: .init(id: flight.id, carrier: flight.carrier, flightNumber: flight.flightNumber, origin: flight.origin,
                              destination: flight.destination, scheduledDeparture: .init(flight.departsAt), distanceMiles: flight.distanceMiles),
                status: status, kind: kind, cause: .init(rawValue: cause) ?? .predicted, level: level, peakLevel: peak_level,
                probability: probability, expectedDelayMinutes: expected_delay_minutes, expectedDeparture: .init(expected_departs_at),
                modelVersionID: model_version_id, reasons: decodeReasons(reasons), openedAt: .init(opened_at), updatedAt: .init(updated_at),
                closedAt: closed_at.map(UTCInstant.init), closeReason: close_reason, history: history)
        }
    }

    struct EventRow: Decodable {
        let occurred_at: Int64
        let kind: Disruption.Event.Kind
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
