import SQLKit
import SkyportDomain
import SkyportStore

/// A member as stored.
struct MemberRow: Decodable, Sendable {
    let id: String, membership_number: String, customer_id: String, given_name: String, family_name: String, email: String
    let balance: Int, enrolled_at: Int64
}

/// Members (`loyalty_members`), in the caller's transaction.
enum MemberStore {
    static let columns = "id, membership_number, customer_id, given_name, family_name, email, balance, enrolled_at"

    /// Inserts a member; false when the number or the customer is taken.
    static func insert(id: String, number: MembershipNumber, customerID: String, givenName: String, familyName: String, email: String,
                       at now: Int64, on sql: any SQLDatabase) async throws -> Bool {
        !(try await sql.raw("""
            INSERT INTO loyalty_members (id, membership_number, customer_id, given_name, family_name, email, balance, enrolled_at, updated_at)
            VALUES (\(bind: id), \(bind: number.digits), \(bind: customerID), \(bind: givenName), \(bind: familyName), \(bind: email), 0,
                    \(bind: now), \(bind: now))
            ON CONFLICT DO NOTHING RETURNING id
            """).all().isEmpty)
    }

    static func member(customerID: String, locking: Bool = false, on sql: any SQLDatabase) async throws -> MemberRow? {
        try await sql.raw("""
            SELECT \(unsafeRaw: columns) FROM loyalty_members WHERE customer_id = \(bind: customerID)\(unsafeRaw: locking ? " FOR UPDATE" : "")
            """).first(decoding: MemberRow.self)
    }

    static func member(number: MembershipNumber, on sql: any SQLDatabase) async throws -> MemberRow? {
        try await sql.raw("SELECT \(unsafeRaw: columns) FROM loyalty_members WHERE membership_number = \(bind: number.digits)").first(decoding: MemberRow.self)
    }

    static func member(id: String, locking: Bool = false, on sql: any SQLDatabase) async throws -> MemberRow? {
        try await sql.raw("SELECT \(unsafeRaw: columns) FROM loyalty_members WHERE id = \(bind: id)\(unsafeRaw: locking ? " FOR UPDATE" : "")")
            .first(decoding: MemberRow.self)
    }

    /// Moves the balance by `miles` (negative to spend) unless it would go below nil; the new balance, or nil when there
    /// were not enough miles. One statement, so two spends of the same miles cannot both pass.
    static func move(_ memberID: String, by miles: Int, at now: Int64, on sql: any SQLDatabase) async throws -> Int? {
        try await sql.raw("""
            UPDATE loyalty_members SET balance = balance + \(bind: miles), updated_at = \(bind: now)
            WHERE id = \(bind: memberID) AND balance + \(bind: miles) >= 0 RETURNING balance
            """).first()?.decode(column: "balance", as: Int.self)
    }
}
