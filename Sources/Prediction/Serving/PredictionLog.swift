import Foundation
import Logging
import SQLKit
import SkyportStore

/// Every prediction served, for drift and realized quality: written in batches off the request path.
///
/// Entries wait in memory for at most a second (or 500 entries); a crash loses at most that second of
/// monitoring data, never business data.
public actor PredictionLog {
    /// One prediction: of which version, about which subject, and what it said.
    public struct Entry: Sendable {
        let modelVersionID: String
        let source: String
        let flightReference: String
        let scheduledAt: Int64
        let cutoffAt: Int64
        let predictedAt: Int64
        let probability: Double
        let expectedMinutes: Double?
        let features: [Float]

        /// `subject` is what was scored; `moment` when its event is due (a departure; monitoring groups by its day);
        /// `cutoff` the instant its features were read at; `probability` the product's probability of its event and
        /// `expectedValue` its expected quantity, if any (the delay model's minutes).
        public init(modelVersionID: String, subject: PredictionSubject, moment: Int64, cutoff: Int64, predictedAt: Int64,
                    probability: Double, expectedValue: Double?, features: [Float]) {
            self.init(modelVersionID: modelVersionID, source: subject.source, flightReference: subject.reference, scheduledAt: moment,
                      cutoffAt: cutoff, predictedAt: predictedAt, probability: probability, expectedMinutes: expectedValue, features: features)
        }

        init(modelVersionID: String, source: String, flightReference: String, scheduledAt: Int64, cutoffAt: Int64, predictedAt: Int64,
             probability: Double, expectedMinutes: Double?, features: [Float]) {
            self.modelVersionID = modelVersionID
            self.source = source
            self.flightReference = flightReference
            self.scheduledAt = scheduledAt
            self.cutoffAt = cutoffAt
            self.predictedAt = predictedAt
            self.probability = probability
            self.expectedMinutes = expectedMinutes
            self.features = features
        }
    }

    private let database: any Database
    private let logger: Logger
    private var pending: [Entry] = []
    private var flushScheduled = false

    public init(database: any Database, logger: Logger) {
        self.database = database
        self.logger = logger
    }

    /// Queues entries for the next write (within a second).
    public func append(_ entries: [Entry]) {
        pending.append(contentsOf: entries)
        if pending.count >= 500 {
            Task { try? await self.flush() }
        } else if !flushScheduled {
            flushScheduled = true
            Task {
                try? await Task.sleep(for: .seconds(1))
                try? await self.flush()
            }
        }
    }

    /// Writes everything pending now (also called at shutdown and by tests).
    public func flush() async throws {
        flushScheduled = false
        let batch = pending
        pending = []
        guard !batch.isEmpty else { return }
        do {
            let rows: [BulkInsert.Row] = batch.map { entry in
                [entry.modelVersionID, entry.source, entry.flightReference, entry.scheduledAt, entry.cutoffAt, entry.predictedAt,
                 entry.probability, entry.expectedMinutes, Self.encode(entry.features)]
            }
            try await database.transaction { sql in
                try await BulkInsert.insert(into: "prediction_log", columns: [
                    "model_version_id", "source", "flight_ref", "scheduled_at", "cutoff_at", "predicted_at", "probability",
                    "expected_minutes", "features",
                ], rows: rows, onConflict: .keep(key: ["id"]), on: sql)
            }
        } catch {
            logger.error("could not write the prediction log", metadata: ["module": "predictions", "entries": "\(batch.count)", "error": "\(error)"])
            throw error
        }
    }

    /// Features as compact JSON (`null` for missing).
    static func encode(_ features: [Float]) -> String {
        "[" + features.map { $0.isNaN ? "null" : String($0) }.joined(separator: ",") + "]"
    }

    static func decode(_ text: String) -> [Float] {
        text.dropFirst().dropLast().split(separator: ",").map { Float($0) ?? .nan }
    }
}
