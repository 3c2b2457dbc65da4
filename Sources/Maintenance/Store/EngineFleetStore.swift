import Foundation
import Prediction
import SQLKit
import SkyportStore

/// The engines and their cycles (`engines`, `engine_cycles`), in the caller's transaction.
enum EngineFleetStore {
    struct EngineRow: Decodable, Sendable {
        let id: String, tail_number: String, position: Int, source: String, cycles: Int, last_recorded_at: Int64?
    }

    /// The engines (`ids` nil: every engine) with how many cycles each has recorded, by id.
    static func engines(_ ids: [String]? = nil, on sql: any SQLDatabase) async throws -> [EngineRow] {
        let filter: SQLQueryString = ids.map { " WHERE e.id IN (\(binds: $0))" } ?? ""
        return try await sql.raw("""
            SELECT e.id, e.tail_number, e.position, e.source, COUNT(c.cycle) AS cycles, MAX(c.recorded_at) AS last_recorded_at
            FROM engines e LEFT JOIN engine_cycles c ON c.engine_id = e.id\(filter)
            GROUP BY e.id, e.tail_number, e.position, e.source ORDER BY e.id
            """).all(decoding: EngineRow.self)
    }

    /// Every engine's cycles in order, by engine (`ids` nil: every engine).
    static func histories(of ids: [String]?, on sql: any SQLDatabase) async throws -> [String: [EngineCycle]] {
        struct Row: Decodable { let engine_id: String, cycle: Int, settings: String, sensors: String }
        let filter: SQLQueryString = ids.map { " WHERE engine_id IN (\(binds: $0))" } ?? ""
        let rows = try await sql.raw("SELECT engine_id, cycle, settings, sensors FROM engine_cycles\(filter) ORDER BY engine_id, cycle")
            .all(decoding: Row.self)
        let decoder = JSONDecoder()
        var histories: [String: [EngineCycle]] = [:]
        for row in rows {
            histories[row.engine_id, default: []].append(EngineCycle(
                cycle: row.cycle, settings: try decoder.decode([Double].self, from: Data(row.settings.utf8)),
                sensors: try decoder.decode([Double].self, from: Data(row.sensors.utf8))))
        }
        return histories
    }

    /// The engine's last recorded cycle (0 when none); with `locking`, its row stays locked (PostgreSQL).
    static func lastCycle(of id: String, locking: Bool, on sql: any SQLDatabase) async throws -> (tail: String, cycle: Int)? {
        guard let row = try await sql.raw("SELECT tail_number FROM engines WHERE id = \(bind: id)\(unsafeRaw: locking ? " FOR UPDATE" : "")").first()
        else { return nil }
        let last = try await sql.raw("SELECT MAX(cycle) AS last FROM engine_cycles WHERE engine_id = \(bind: id)").first()?
            .decode(column: "last", as: Int?.self)
        return (try row.decode(column: "tail_number", as: String.self), last ?? 0)
    }

    static func insertEngine(id: String, tail: String, position: Int, source: String, at now: Int64, on sql: any SQLDatabase) async throws {
        try await sql.raw("""
            INSERT INTO engines (id, tail_number, position, source, created_at, updated_at)
            VALUES (\(bind: id), \(bind: tail), \(bind: position), \(bind: source), \(bind: now), \(bind: now))
            """).run()
    }

    static func append(_ cycles: [EngineCycle], to id: String, at now: Int64, on sql: any SQLDatabase) async throws {
        let encoder = JSONEncoder()
        let rows: [BulkInsert.Row] = try cycles.map { cycle in
            [id, cycle.cycle, String(decoding: try encoder.encode(cycle.settings), as: UTF8.self),
             String(decoding: try encoder.encode(cycle.sensors), as: UTF8.self), now]
        }
        try await BulkInsert.insert(into: "engine_cycles", columns: ["engine_id", "cycle", "settings", "sensors", "recorded_at"], rows: rows,
                                    onConflict: nil, on: sql)
        try await sql.raw("UPDATE engines SET updated_at = \(bind: now) WHERE id = \(bind: id)").run()
    }
}
