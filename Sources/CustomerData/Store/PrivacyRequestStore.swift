import Foundation
import SQLKit
import SkyportStore

/// What a privacy request was.
enum PrivacyRequestKind: String, Sendable, Codable {
    case consent, export, erasure
}

/// The audit trail of privacy requests (`cdp_privacy_requests`).
enum PrivacyRequestStore {
    static func insert(id: String, kind: PrivacyRequestKind, requestedBy: String, at time: Int64, summary: [String: Int],
                       on sql: any SQLDatabase) async throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let text = String(decoding: try encoder.encode(summary), as: UTF8.self)
        try await sql.raw("""
            INSERT INTO cdp_privacy_requests (id, kind, requested_by, requested_at, summary)
            VALUES (\(bind: id), \(bind: kind.rawValue), \(bind: requestedBy), \(bind: time), \(bind: text))
            """).run()
    }

    /// How many requests of these kinds were ever made.
    static func count(of kinds: [PrivacyRequestKind], on sql: any SQLDatabase) async throws -> Int {
        try await sql.count("SELECT COUNT(*) AS n FROM cdp_privacy_requests WHERE kind IN (\(binds: kinds.map(\.rawValue)))")
    }

    /// The latest requests, newest first.
    static func latest(limit: Int, on sql: any SQLDatabase) async throws -> [PrivacyService.AuditRecord] {
        try await sql.raw("""
            SELECT id, kind, requested_by, requested_at, summary FROM cdp_privacy_requests ORDER BY requested_at DESC, id LIMIT \(bind: limit)
            """).all(decoding: PrivacyService.AuditRecord.self)
    }
}
