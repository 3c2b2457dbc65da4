import SQLKit
import SkyportStore

/// Customer accounts (`customers`), for Accounts' services and, through the public part, other modules (Operations:
/// the language to write to a customer in).
public enum CustomerStore {
    static func customer(id: String, on sql: any SQLDatabase) async throws -> Customer? {
        try await sql.raw("SELECT \(unsafeRaw: Customer.columns) FROM customers WHERE id = \(bind: id)").first(decoding: Customer.self)
    }

    /// The account of an email: its id, password hash, given name and language; nil when the email has none.
    static func account(email: String, on sql: any SQLDatabase) async throws -> (id: String, passwordHash: String, givenName: String, language: String?)? {
        try await sql.raw("SELECT id, password_hash, given_name, preferred_language FROM customers WHERE email = \(bind: email)").first().map {
            (try $0.decode(column: "id", as: String.self), try $0.decode(column: "password_hash", as: String.self),
             try $0.decode(column: "given_name", as: String.self), try $0.decode(column: "preferred_language", as: String?.self))
        }
    }

    /// Inserts the account unless the email has one already; whether it did.
    static func insert(id: String, email: String, passwordHash: String, givenName: String, familyName: String, language: String?,
                       at now: Int64, on sql: any SQLDatabase) async throws -> Bool {
        try await !sql.raw("""
            INSERT INTO customers (id, email, password_hash, given_name, family_name, preferred_language, created_at, updated_at)
            VALUES (\(bind: id), \(bind: email), \(bind: passwordHash), \(bind: givenName), \(bind: familyName), \(bind: language),
                    \(bind: now), \(bind: now))
            ON CONFLICT (email) DO NOTHING RETURNING id
            """).all().isEmpty
    }

    static func updateProfile(id: String, givenName: String, familyName: String, phone: String?, language: String?, at now: Int64,
                              on sql: any SQLDatabase) async throws {
        try await sql.raw("""
            UPDATE customers SET given_name = \(bind: givenName), family_name = \(bind: familyName), phone = \(bind: phone),
                   preferred_language = \(bind: language), updated_at = \(bind: now)
            WHERE id = \(bind: id)
            """).run()
    }

    /// The preferred language of each customer of `ids` that chose one.
    public static func preferredLanguages(of ids: some Collection<String>, on sql: any SQLDatabase) async throws -> [String: String] {
        var found: [String: String] = [:]
        for chunk in Array(Set(ids)).sorted().chunks(of: 500) {
            for row in try await sql.raw("""
                SELECT id, preferred_language FROM customers WHERE id IN (\(binds: Array(chunk))) AND preferred_language IS NOT NULL
                """).all() {
                found[try row.decode(column: "id", as: String.self)] = try row.decode(column: "preferred_language", as: String.self)
            }
        }
        return found
    }
}
