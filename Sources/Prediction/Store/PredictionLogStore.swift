import SQLKit
import SkyportStore

/// What monitoring reads back from the prediction log (`prediction_log`, written by `PredictionLog`).
enum PredictionLogStore {
    /// One logged prediction: which departure, when it was due to leave, and the probability given.
    struct Scored: Decodable {
        let source: String
        let flight_ref: String
        let scheduled_at: Int64
        let probability: Double
    }

    /// The feature vectors (as logged) of the version's latest `limit` predictions made since `since`.
    static func features(of versionID: String, since: Int64, limit: Int, on sql: any SQLDatabase) async throws -> [String] {
        try await sql.raw("""
            SELECT features FROM prediction_log WHERE model_version_id = \(bind: versionID) AND predicted_at >= \(bind: since)
            ORDER BY id DESC LIMIT \(bind: limit)
            """).all().map { try $0.decode(column: "features", as: String.self) }
    }

    /// The version's predictions made since `since`, oldest first.
    static func scored(by versionID: String, since: Int64, on sql: any SQLDatabase) async throws -> [Scored] {
        try await sql.raw("""
            SELECT source, flight_ref, scheduled_at, probability FROM prediction_log
            WHERE model_version_id = \(bind: versionID) AND predicted_at >= \(bind: since)
            ORDER BY id
            """).all(decoding: Scored.self)
    }
}
