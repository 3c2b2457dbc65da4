import SQLKit

/// Background work that one instance does at a time: whoever holds the lease does it, and it passes to
/// another instance when the holder stops renewing it (a crash, a scale-down).
public struct WorkLease: Sendable {
    let database: any Database
    public let name: String
    /// This instance.
    public let holder: String
    public let seconds: Int64

    public init(database: any Database, name: String, holder: String, seconds: Int64) {
        self.database = database
        self.name = name
        self.holder = holder
        self.seconds = seconds
    }

    /// Takes or renews the lease; true while this instance holds it.
    public func acquire(now: Int64) async throws -> Bool {
        try await database.transaction { sql in
            try await sql.raw("""
                INSERT INTO work_leases (name, holder, expires_at) VALUES (\(bind: name), \(bind: holder), \(bind: now + seconds))
                ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
                WHERE work_leases.holder = excluded.holder OR work_leases.expires_at < \(bind: now)
                """).run()
            let current = try await sql.raw("SELECT holder FROM work_leases WHERE name = \(bind: name)").first()?
                .decode(column: "holder", as: String.self)
            return current == holder
        }
    }

    /// Gives the lease up (on shutdown), so another instance need not wait for it to expire.
    public func release() async throws {
        try await database.transaction { sql in
            try await sql.raw("DELETE FROM work_leases WHERE name = \(bind: name) AND holder = \(bind: holder)").run()
        }
    }
}
