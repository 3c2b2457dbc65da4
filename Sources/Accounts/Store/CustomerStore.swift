import SQLKit
import SkyportStore

/// Customers as other modules read them (Operations: the language to write to a customer in).
public enum CustomerStore {
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
