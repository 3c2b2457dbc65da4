import SQLKit
import SkyportDomain
import SkyportStore

/// One line of a member's statement, as stored.
struct MilesTransactionRow: Decodable, Sendable {
    let id: String, kind: MilesMovementKind, miles: Int, balance_after: Int, ticket_number: String?, segment_position: Int?, description: String
    let occurred_at: Int64
}

/// A lot of miles as stored.
struct LotRow: Decodable, Sendable {
    let id: String, member_id: String, expires_at: Int64, remaining: Int, remaining_value: Int64, currency: String
}

/// Every movement of members' miles (`loyalty_transactions`), the lots they expire by (`loyalty_lots`) and qualifying
/// activity per year (`loyalty_qualifying`), in the caller's transaction.
enum MilesStore {
    static func record(memberID: String, kind: MilesMovementKind, miles: Int, balanceAfter: Int, ticketNumber: String?, segmentPosition: Int?,
                       description: String, at now: Int64, on sql: any SQLDatabase) async throws {
        try await sql.raw("""
            INSERT INTO loyalty_transactions (id, member_id, kind, miles, balance_after, ticket_number, segment_position, description, occurred_at)
            VALUES (\(bind: Identifier.make(prefix: "mtx")), \(bind: memberID), \(bind: kind.rawValue), \(bind: miles), \(bind: balanceAfter),
                    \(bind: ticketNumber), \(bind: segmentPosition), \(bind: description), \(bind: now))
            """).run()
    }

    /// The member's latest movements, newest first.
    static func statement(memberID: String, limit: Int, on sql: any SQLDatabase) async throws -> [MilesTransactionRow] {
        try await sql.raw("""
            SELECT id, kind, miles, balance_after, ticket_number, segment_position, description, occurred_at FROM loyalty_transactions
            WHERE member_id = \(bind: memberID) ORDER BY occurred_at DESC, id DESC LIMIT \(bind: limit)
            """).all(decoding: MilesTransactionRow.self)
    }

    static func addLot(memberID: String, miles: Int, value: Int64, currency: String, earnedAt: Int64, expiresAt: Int64, on sql: any SQLDatabase) async throws {
        try await sql.raw("""
            INSERT INTO loyalty_lots (id, member_id, earned_at, expires_at, miles, remaining, remaining_value, currency)
            VALUES (\(bind: Identifier.make(prefix: "lot")), \(bind: memberID), \(bind: earnedAt), \(bind: expiresAt), \(bind: miles), \(bind: miles),
                    \(bind: value), \(bind: currency))
            """).run()
    }

    /// The member's lots with miles left, soonest to expire first.
    static func lots(memberID: String, on sql: any SQLDatabase) async throws -> [LotRow] {
        try await sql.raw("""
            SELECT id, member_id, expires_at, remaining, remaining_value, currency FROM loyalty_lots
            WHERE member_id = \(bind: memberID) AND remaining > 0 ORDER BY expires_at, id
            """).all(decoding: LotRow.self)
    }

    /// Lots whose date has come by `now` with miles left, oldest first.
    static func expired(at now: Int64, limit: Int, on sql: any SQLDatabase) async throws -> [LotRow] {
        try await sql.raw("""
            SELECT id, member_id, expires_at, remaining, remaining_value, currency FROM loyalty_lots
            WHERE expires_at <= \(bind: now) AND remaining > 0 ORDER BY expires_at, id LIMIT \(bind: limit)
            """).all(decoding: LotRow.self)
    }

    /// Takes `miles` and `value` from a lot unless it has fewer miles left; false then.
    static func draw(_ lotID: String, miles: Int, value: Int64, on sql: any SQLDatabase) async throws -> Bool {
        !(try await sql.raw("""
            UPDATE loyalty_lots SET remaining = remaining - \(bind: miles), remaining_value = remaining_value - \(bind: value)
            WHERE id = \(bind: lotID) AND remaining >= \(bind: miles) RETURNING id
            """).all().isEmpty)
    }

    /// Puts miles given back into the lot they came from.
    static func restore(_ lotID: String, miles: Int, value: Int64, on sql: any SQLDatabase) async throws {
        try await sql.raw("""
            UPDATE loyalty_lots SET remaining = remaining + \(bind: miles), remaining_value = remaining_value + \(bind: value) WHERE id = \(bind: lotID)
            """).run()
    }

    static func setLot(_ id: String, remaining: Int, remainingValue: Int64, on sql: any SQLDatabase) async throws {
        try await sql.raw("UPDATE loyalty_lots SET remaining = \(bind: remaining), remaining_value = \(bind: remainingValue) WHERE id = \(bind: id)").run()
    }

    /// Qualifying miles and segments of a calendar year.
    static func qualifying(memberID: String, year: Int, on sql: any SQLDatabase) async throws -> (miles: Int, segments: Int) {
        guard let row = try await sql.raw("""
            SELECT miles, segments FROM loyalty_qualifying WHERE member_id = \(bind: memberID) AND year = \(bind: year)
            """).first() else { return (0, 0) }
        return (try row.decode(column: "miles", as: Int.self), try row.decode(column: "segments", as: Int.self))
    }

    static func addQualifying(memberID: String, year: Int, miles: Int, segments: Int, on sql: any SQLDatabase) async throws {
        try await sql.raw("""
            INSERT INTO loyalty_qualifying (member_id, year, miles, segments) VALUES (\(bind: memberID), \(bind: year), \(bind: miles), \(bind: segments))
            ON CONFLICT (member_id, year) DO UPDATE
            SET miles = loyalty_qualifying.miles + excluded.miles, segments = loyalty_qualifying.segments + excluded.segments
            """).run()
    }
}
