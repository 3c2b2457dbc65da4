import SQLKit
import SkyportStore

/// How far the profile processor is behind collection, as the command center reads it.
public enum CollectionFiguresStore {
    /// Seconds between `now` and the oldest event the profile processor has not read yet (0 when none waits).
    public static func profileLagSeconds(now: Int64, on sql: any SQLDatabase) async throws -> Double {
        let position = try await ConsumerCursor.position(ProfileProcessor.consumer, on: sql)
        let oldest = try await sql.raw("SELECT MIN(received_at) AS oldest FROM cdp_events WHERE id > \(bind: position)").first()?
            .decode(column: "oldest", as: Int64?.self)
        // Events are stamped in milliseconds.
        return oldest.map { max(0, Double(now) - Double($0) / 1000) } ?? 0
    }
}
