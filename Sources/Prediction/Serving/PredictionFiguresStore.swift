import SQLKit
import SkyportStore

/// What the prediction log says about serving, as the command center reads it.
public enum PredictionFiguresStore {
    /// Predictions served from `since` on, by every model.
    public static func served(since: Int64, on sql: any SQLDatabase) async throws -> Int {
        try await sql.count("SELECT COUNT(*) AS n FROM prediction_log WHERE predicted_at >= \(bind: since)")
    }

    /// The share of departures `version` scored from `since` on at or above its decision threshold; nil when it scored none.
    public static func predictedDelayShare(of version: ModelVersion, since: Int64, on sql: any SQLDatabase) async throws -> Double? {
        let row = try await sql.raw("""
            SELECT COUNT(*) AS scored, SUM(CASE WHEN probability >= \(bind: version.decisionThreshold) THEN 1 ELSE 0 END) AS delayed
            FROM prediction_log WHERE model_version_id = \(bind: version.id) AND predicted_at >= \(bind: since)
            """).first()
        let scored = try row?.decode(column: "scored", as: Int64.self) ?? 0
        let delayed = try row.flatMap { try $0.decode(column: "delayed", as: Int64?.self) } ?? 0
        return scored > 0 ? Double(delayed) / Double(scored) : nil
    }
}
