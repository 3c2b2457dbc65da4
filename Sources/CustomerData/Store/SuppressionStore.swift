import SQLKit
import SkyportStore

/// The digests of erased people's identifiers (`cdp_suppressions`): events naming them are refused or dropped.
enum SuppressionStore {
    static func all(on sql: any SQLDatabase) async throws -> Set<String> {
        Set(try await sql.raw("SELECT identifier_hash FROM cdp_suppressions").all().map { try $0.decode(column: "identifier_hash", as: String.self) })
    }

    /// Whether anyone is suppressed at all (most databases: nobody, and the check ends there).
    static func any(on sql: any SQLDatabase) async throws -> Bool {
        try await sql.raw("SELECT identifier_hash FROM cdp_suppressions LIMIT 1").first() != nil
    }

    /// Of `candidates`, those suppressed.
    static func suppressed(_ candidates: [String], on sql: any SQLDatabase) async throws -> Set<String> {
        var found = Set<String>()
        for chunk in candidates.chunks(of: 1000) {
            for row in try await sql.raw("SELECT identifier_hash FROM cdp_suppressions WHERE identifier_hash IN (\(binds: Array(chunk)))").all() {
                found.insert(try row.decode(column: "identifier_hash", as: String.self))
            }
        }
        return found
    }

    static func insert(_ digests: [String], at now: Int64, on sql: any SQLDatabase) async throws {
        try await BulkInsert.insert(into: "cdp_suppressions", columns: ["identifier_hash", "created_at"], rows: digests.map { [$0, now] },
                                    onConflict: .keep(key: ["identifier_hash"]), on: sql)
    }
}
