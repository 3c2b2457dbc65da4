import Foundation
import Prediction
import SkyportDomain
import SkyportStore
import Synchronization
import XGBoost

/// The smallest real model product, to test the platform without any airline data: the probability that `x + y > 1`
/// for two numbers in [0, 1], learnt by a real XGBoost classifier from a deterministic sample (labels flipped for one
/// row in ten, so it is not perfect). A subject is a named pair; its outcome is known once `settle` records it.
public struct TinyModelProduct: ModelProduct {
    public static let name: ModelName = "tiny-test"
    let registry: ModelRegistry
    let server: ModelServer
    /// Its prediction log (flush it before reading monitoring).
    public let log: PredictionLog
    let now: @Sendable () -> Int64
    let settled = Outcomes()

    /// What happened to each subject, as the test settles it.
    final class Outcomes: Sendable {
        let known = Mutex<[String: Bool]>([:])
    }

    public init(database: any Database, now: @escaping @Sendable () -> Int64) {
        registry = ModelRegistry(database: database)
        log = PredictionLog(database: database, logger: TestDatabases.logger)
        self.now = now
        server = ModelServer(name: Self.name, schema: Self.schema, roles: [ModelVersion.probabilityRole], registry: registry)
    }

    static let schema = FeatureSchema(version: "tiny/1", features: ["x", "y"])

    public var name: ModelName { Self.name }
    public var summary: String { "Whether two numbers add up to more than one (a test product)." }
    public var featureSchema: FeatureSchema { Self.schema }
    public var artifactRoles: [String] { [ModelVersion.probabilityRole] }
    public var defaultLeadTimeMinutes: Int { 0 }

    /// How long to boost.
    struct Configuration: Codable {
        var rounds = 20
    }

    struct Evaluation: Codable, Equatable {
        let model: ClassifierMetrics
        let priorRate: ClassifierMetrics
    }

    public func trainingConfiguration(_ given: JSONDocument?) throws -> JSONDocument {
        let configuration = try given.map { try RequestJSON.decode(Configuration.self, from: $0, field: "configuration") } ?? Configuration()
        guard (1...200).contains(configuration.rounds) else {
            throw ValidationFailure([ValidationIssue(code: .invalidParameter, field: "configuration.rounds", message: "rounds must be 1 to 200.")])
        }
        return try JSONDocument(configuration)
    }

    /// `count` pairs and their labels, the same every time.
    static func sample(_ count: Int, seed: UInt64) -> (values: [Float], labels: [Bool]) {
        var state = seed
        func next() -> Float {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Float(state >> 40) / Float(1 << 24)
        }
        var values: [Float] = [], labels: [Bool] = []
        for row in 0..<count {
            let x = next(), y = next()
            values += [x, y]
            labels.append((x + y > 1) != (row % 10 == 0))
        }
        return (values, labels)
    }

    public func train(_ configuration: JSONDocument, progress: @escaping @Sendable (String) -> Void,
                      shouldStop: @escaping @Sendable () -> Bool) async throws -> ModelRegistry.Draft {
        let rounds = try configuration.decode(Configuration.self).rounds
        let train = Self.sample(2_000, seed: 1), test = Self.sample(500, seed: 2)
        let matrix = try DMatrix(values: train.values, rows: 2_000, columns: 2, labels: train.labels.map { $0 ? 1 : 0 })
        let booster = try Booster(trainingOn: [matrix], parameters: [("objective", "binary:logistic"), ("max_depth", "3"), ("seed", "1")])
        for round in 0..<rounds {
            try booster.update(iteration: round, training: matrix)
            progress("[tiny] round \(round + 1)")
        }
        let probabilities = try booster.predict(try DMatrix(values: test.values, rows: 500, columns: 2)).map(Double.init)
        let prior = Double(train.labels.filter { $0 }.count) / 2_000
        var draft = ModelRegistry.Draft(self, origin: "trained")
        draft.evaluation = try JSONDocument(Evaluation(
            model: ClassifierMetrics(probabilities: probabilities, labels: test.labels, threshold: 0.5),
            priorRate: ClassifierMetrics(probabilities: Array(repeating: prior, count: 500), labels: test.labels, threshold: prior)))
        draft.profile = FeatureProfile(values: train.values, features: Self.schema.features)
        draft.files = [ModelVersion.probabilityRole: ("ubj", try booster.save(format: .ubj))]
        draft.description = "x + y > 1, \(rounds) rounds"
        return draft
    }

    public func headline(of evaluation: JSONDocument) -> ModelHeadline? {
        guard let evaluation = try? evaluation.decode(Evaluation.self) else { return nil }
        return ModelHeadline(testSet: "500 pairs", metrics: [
            .init(name: "AUC", higherIsBetter: true, model: evaluation.model.auc, baselines: ["prior rate": evaluation.priorRate.auc]),
        ])
    }

    public func report(of version: ModelVersion) -> String? {
        headline(of: version.evaluation ?? .null).map { "AUC \($0.metrics[0].model)" }
    }

    struct Request: Decodable {
        let subject: String?
        let x: Double?
        let y: Double?
        let model: String?
    }

    struct Answer: Codable, Sendable {
        let subject: String
        let probability: Double
        let version: Int
        let alias: String?
    }

    struct Answers: Codable, Sendable {
        let predictions: [Answer]
    }

    public func predict(_ body: Data) async throws -> ServedPredictions {
        let request = try RequestJSON.decode(Request.self, from: body)
        return ServedPredictions(try await score([request], model: request.model)[0], count: 1)
    }

    public func predictBatch(_ body: Data) async throws -> ServedPredictions {
        struct Batch: Decodable {
            let pairs: [Request]?
            let model: String?
        }
        let batch = try RequestJSON.decode(Batch.self, from: body)
        guard let pairs = batch.pairs, !pairs.isEmpty else {
            throw ServiceError(.invalid, code: .missingField, message: "pairs is a list of {subject, x, y}.", field: "pairs")
        }
        return ServedPredictions(Answers(predictions: try await score(pairs, model: batch.model)), count: pairs.count)
    }

    private func score(_ requests: [Request], model: String?) async throws -> [Answer] {
        var values: [Float] = []
        for (index, request) in requests.enumerated() {
            guard request.subject?.isEmpty == false, let x = request.x, let y = request.y else {
                throw ServiceError(.invalid, code: .missingField, message: "A pair needs a subject, x and y.", field: requests.count == 1 ? "x" : "pairs[\(index)]")
            }
            values += [Float(x), Float(y)]
        }
        let (version, alias, outputs) = try await server.score(values, rows: requests.count, reference: model ?? "champion")
        let predictedAt = now()
        await log.append(requests.indices.map { index in
            PredictionLog.Entry(modelVersionID: version.id, subject: PredictionSubject(source: "tiny", reference: requests[index].subject ?? ""),
                                moment: predictedAt, cutoff: predictedAt, predictedAt: predictedAt, probability: Double(outputs[index]),
                                expectedValue: nil, features: Array(values[(index * 2)..<(index * 2 + 2)]))
        })
        return requests.indices.map { Answer(subject: requests[$0].subject ?? "", probability: Double(outputs[$0]), version: version.version, alias: alias) }
    }

    /// Records what happened to a subject.
    public func settle(_ subject: String, happened: Bool) {
        settled.known.withLock { $0[subject] = happened }
    }

    public func outcomes(of subjects: [PredictionSubject], version: ModelVersion) async throws -> [PredictionSubject: Bool] {
        let known = settled.known.withLock { $0 }
        return Dictionary(uniqueKeysWithValues: subjects.compactMap { subject in known[subject.reference].map { (subject, $0) } })
    }
}
