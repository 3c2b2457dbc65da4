import SQLKit
import SkyportDomain
import SkyportStore

/// A payment with miles as stored.
struct RedemptionRow: Decodable, Sendable {
    let id: String, idempotency_key: String, member_id: String, miles: Int, payment_value: Int64, deferred_value: Int64, currency: String
    let memo: String, status: String, returned_miles: Int, returned_payment_value: Int64, created_at: Int64

    /// Miles paid and not yet given back.
    var milesOut: Int { miles - returned_miles }
}

/// Payments with miles (`loyalty_redemptions`), the lots each drew on (`loyalty_redemption_lots`) and the returns
/// settled (`loyalty_miles_returns`), in the caller's transaction.
enum RedemptionStore {
    static let columns = """
        id, idempotency_key, member_id, miles, payment_value, deferred_value, currency, memo, status, returned_miles, returned_payment_value, created_at
        """

    static func insert(_ row: RedemptionRow, on sql: any SQLDatabase) async throws {
        try await sql.raw("""
            INSERT INTO loyalty_redemptions (\(unsafeRaw: columns))
            VALUES (\(bind: row.id), \(bind: row.idempotency_key), \(bind: row.member_id), \(bind: row.miles), \(bind: row.payment_value),
                    \(bind: row.deferred_value), \(bind: row.currency), \(bind: row.memo), \(bind: row.status), 0, 0, \(bind: row.created_at))
            """).run()
    }

    static func redemption(key: String, on sql: any SQLDatabase) async throws -> RedemptionRow? {
        try await sql.raw("SELECT \(unsafeRaw: columns) FROM loyalty_redemptions WHERE idempotency_key = \(bind: key)").first(decoding: RedemptionRow.self)
    }

    static func redemption(id: String, on sql: any SQLDatabase) async throws -> RedemptionRow? {
        try await sql.raw("SELECT \(unsafeRaw: columns) FROM loyalty_redemptions WHERE id = \(bind: id)").first(decoding: RedemptionRow.self)
    }

    /// Every payment with miles that stands (not voided), oldest first (the settlement report).
    static func captured(on sql: any SQLDatabase) async throws -> [RedemptionRow] {
        try await sql.raw("SELECT \(unsafeRaw: columns) FROM loyalty_redemptions WHERE status = 'captured' ORDER BY created_at, id")
            .all(decoding: RedemptionRow.self)
    }

    static func addLots(redemptionID: String, takes: [MilesLots.Take], on sql: any SQLDatabase) async throws {
        for take in takes {
            try await sql.raw("""
                INSERT INTO loyalty_redemption_lots (redemption_id, lot_id, miles, deferred_value)
                VALUES (\(bind: redemptionID), \(bind: take.lotID), \(bind: take.miles), \(bind: take.value))
                """).run()
        }
    }

    /// What the redemption drew from each lot and what came back since.
    static func drawn(redemptionID: String, on sql: any SQLDatabase) async throws -> [MilesLots.Drawn] {
        struct Row: Decodable { let lot_id: String, expires_at: Int64, miles: Int, deferred_value: Int64, returned_miles: Int, returned_value: Int64 }
        return try await sql.raw("""
            SELECT r.lot_id, l.expires_at, r.miles, r.deferred_value, r.returned_miles, r.returned_value
            FROM loyalty_redemption_lots r JOIN loyalty_lots l ON l.id = r.lot_id WHERE r.redemption_id = \(bind: redemptionID)
            """).all(decoding: Row.self).map {
            MilesLots.Drawn(lotID: $0.lot_id, expiresAt: $0.expires_at, miles: $0.miles, value: $0.deferred_value, returnedMiles: $0.returned_miles,
                            returnedValue: $0.returned_value)
        }
    }

    /// Records miles given back: to each lot's line, and to the redemption (its status `voided` when the order was never
    /// made). False when the redemption has fewer miles out than that (it was returned meanwhile).
    static func recordReturn(redemptionID: String, takes: [MilesLots.Take], paymentValue: Int64, voided: Bool, on sql: any SQLDatabase) async throws -> Bool {
        let miles = takes.reduce(0) { $0 + $1.miles }
        let updated = try await sql.raw("""
            UPDATE loyalty_redemptions SET returned_miles = returned_miles + \(bind: miles),
                   returned_payment_value = returned_payment_value + \(bind: paymentValue)\(unsafeRaw: voided ? ", status = 'voided'" : "")
            WHERE id = \(bind: redemptionID) AND returned_miles + \(bind: miles) <= miles RETURNING id
            """).all()
        guard !updated.isEmpty else { return false }
        for take in takes {
            try await sql.raw("""
                UPDATE loyalty_redemption_lots SET returned_miles = returned_miles + \(bind: take.miles), returned_value = returned_value + \(bind: take.value)
                WHERE redemption_id = \(bind: redemptionID) AND lot_id = \(bind: take.lotID)
                """).run()
        }
        return true
    }

    /// Claims a refund's return, once: false when it was settled before.
    static func claimReturn(reference: String, redemptionID: String, miles: Int, paymentValue: Int64, deferredValue: Int64, at now: Int64,
                            on sql: any SQLDatabase) async throws -> Bool {
        !(try await sql.raw("""
            INSERT INTO loyalty_miles_returns (reference, redemption_id, miles, payment_value, deferred_value, returned_at)
            VALUES (\(bind: reference), \(bind: redemptionID), \(bind: miles), \(bind: paymentValue), \(bind: deferredValue), \(bind: now))
            ON CONFLICT DO NOTHING RETURNING reference
            """).all().isEmpty)
    }

    /// Every return settled for a refund, oldest first (the settlement report).
    static func returns(on sql: any SQLDatabase) async throws -> [(reference: String, paymentValue: Int64, currency: String, at: Int64)] {
        struct Row: Decodable { let reference: String, payment_value: Int64, currency: String, returned_at: Int64 }
        return try await sql.raw("""
            SELECT m.reference, m.payment_value, r.currency, m.returned_at FROM loyalty_miles_returns m
            JOIN loyalty_redemptions r ON r.id = m.redemption_id ORDER BY m.returned_at, m.reference
            """).all(decoding: Row.self).map { ($0.reference, $0.payment_value, $0.currency, $0.returned_at) }
    }
}
