import Foundation

/// One model product the platform trains, registers, serves and monitors: the delay model, cancellation risk,
/// engine remaining life. The registry, training jobs, prediction log, monitoring, HTTP routes and CLI are written
/// once against this protocol; a product supplies what only it knows.
///
/// Values a product keeps in the registry (its evaluation) or in a training job (its configuration) travel as
/// `JSONDocument`s, which the product alone reads as its own types.
public protocol ModelProduct: Sendable {
    /// Its name in URLs, the CLI and the registry.
    var name: ModelName { get }
    /// What it predicts, in one sentence for the catalogue.
    var summary: String { get }
    /// The features this build computes for it; a version trained on another schema is not served.
    var featureSchema: FeatureSchema { get }
    /// The roles of the booster files a version carries (`probability`, `minutes`); the first is required.
    var artifactRoles: [String] { get }
    /// How long before a subject's moment (a departure) an imported version reads its features; 0 where there is none.
    var defaultLeadTimeMinutes: Int { get }

    /// The training configuration `given` (nil: the defaults) with its defaults filled in, or the problems that stop
    /// it from training (a `ValidationFailure`).
    func trainingConfiguration(_ given: JSONDocument?) throws -> JSONDocument
    /// Trains, evaluates against baselines on held-out data and returns the version to register. `shouldStop` is
    /// read between boosting rounds (a shutdown), which then throw `TrainingStopped`.
    func train(_ configuration: JSONDocument, progress: @escaping @Sendable (String) -> Void,
               shouldStop: @escaping @Sendable () -> Bool) async throws -> ModelRegistry.Draft

    /// The test metrics of a stored evaluation beside its baselines, for the catalogue.
    func headline(of evaluation: JSONDocument) -> ModelHeadline?
    /// A version's evaluation as a table for a terminal (`skyport models show`), or nil when it has none.
    func report(of version: ModelVersion) -> String?

    /// One prediction from an API request's body (JSON), with the number of subjects it scored.
    func predict(_ body: Data) async throws -> ServedPredictions
    /// Many subjects at once from an API request's body (JSON).
    func predictBatch(_ body: Data) async throws -> ServedPredictions

    /// What happened to subjects the version scored, where it is known by now: whether the event it gives a
    /// probability of (a delay of 15 minutes, a cancellation, a failure) happened. Realized quality is measured on these.
    func outcomes(of subjects: [PredictionSubject], version: ModelVersion) async throws -> [PredictionSubject: Bool]
}

/// What a prediction was about, as the prediction log keeps it: a source (`schedule`, `history`, `fleet`) and the
/// subject's reference in it (a flight id, an engine id).
public struct PredictionSubject: Hashable, Sendable {
    public let source: String
    public let reference: String

    public init(source: String, reference: String) {
        self.source = source
        self.reference = reference
    }
}

/// An answer of a product's prediction endpoint; it encodes as its response.
public struct ServedPredictions: Sendable, Encodable {
    public let response: any Encodable & Sendable
    /// How many subjects it scored (for the served-predictions counter).
    public let count: Int

    public init(_ response: any Encodable & Sendable, count: Int) {
        self.response = response
        self.count = count
    }

    public func encode(to encoder: any Encoder) throws {
        try response.encode(to: encoder)
    }
}

/// A version's headline test metrics beside the simple baselines measured on the same rows.
public struct ModelHeadline: Codable, Sendable, Equatable {
    /// One metric: the model's figure and each baseline's.
    public struct Metric: Codable, Sendable, Equatable {
        public let name: String
        /// Whether a higher figure is better (AUC) or a lower one (RMSE, Brier).
        public let higherIsBetter: Bool
        public let model: Double
        public let baselines: [String: Double]

        public init(name: String, higherIsBetter: Bool, model: Double, baselines: [String: Double]) {
            self.name = name
            self.higherIsBetter = higherIsBetter
            self.model = model
            self.baselines = baselines
        }
    }

    /// What was measured on: the held-out period or set and its size.
    public let testSet: String
    public let metrics: [Metric]

    public init(testSet: String, metrics: [Metric]) {
        self.testSet = testSet
        self.metrics = metrics
    }
}
