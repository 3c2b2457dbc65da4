import SkyportDomain
import SQLKit
import SkyportStore

/// Whether the database answers: every module needs it.
public enum DatabaseHealth {
    public static func check(_ database: any Database) async -> ModuleHealth {
        do {
            _ = try await database.read { sql in try await sql.raw("SELECT 1 AS ok").all() }
            return ModuleHealth(.ready)
        } catch {
            return ModuleHealth(.notReady, "the database does not answer")
        }
    }
}
