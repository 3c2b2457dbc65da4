import Accounts
import Foundation
import Hummingbird
import Prediction
import SkyportDomain

/// The model registry, training jobs and monitoring, for operators.
///
/// - `GET /v1/models/delay/versions`, `GET /v1/models/delay/versions/{version|alias|id}`
/// - `POST /v1/models/delay/versions`: import `{"probability_model": base64, "minutes_model": base64?, "decision_threshold": 0.3, ...}`
/// - `GET /v1/models/delay/aliases`: where each alias points and every move;
///   `PUT /v1/models/delay/aliases/{alias}` `{"version": 3}` moves it (rollback is moving it back)
/// - `POST /v1/training-jobs` `{"model": "delay", "configuration": {...}, "promote": "challenger"}`; `GET /v1/training-jobs/{id}`;
///   `POST /v1/training-jobs/{id}/restart` (a failed or interrupted job)
/// - `GET /v1/models/delay/monitoring?model=champion&days=7`: drift, prediction distribution and realized AUC per day
public struct ModelsController: Sendable {
    let platform: PredictionPlatform
    let jobs: TrainingJobs
    let access: OperatorAccess
    let now: @Sendable () -> Int64

    public init(platform: PredictionPlatform, jobs: TrainingJobs, access: OperatorAccess, now: @escaping @Sendable () -> Int64) {
        self.platform = platform
        self.jobs = jobs
        self.access = access
        self.now = now
    }

    struct VersionList: Encodable, Sendable {
        let versions: [ModelVersion]
    }

    struct ImportRequest: Decodable {
        let probability_model: String?
        let minutes_model: String?
        let decision_threshold: Double?
        let lead_time_minutes: Int?
        let description: String?
    }

    struct AliasRequest: Decodable {
        let version: Int?
    }

    struct Aliases: Encodable, Sendable {
        struct Pointer: Encodable, Sendable {
            let alias: String
            let version: Int
        }
        let aliases: [Pointer]
        let moves: [AliasMove]
    }

    struct TrainingRequest: Decodable {
        let model: String?
        let configuration: TrainingConfiguration?
        let promote: String?
    }

    struct Monitoring: Encodable, Sendable {
        let model: DelayPrediction.Model
        let drift: ModelMonitor.Drift
        let days: [ModelMonitor.Day]
    }

    public func register(on router: some RouterMethods<AppRequestContext>) {
        router.get("/v1/models/delay/versions") { request, _ in
            _ = try await access.require(request)
            return JSONResponse(VersionList(versions: try await platform.registry.versions(of: DelayPredictor.modelName)))
        }

        router.get("/v1/models/delay/versions/:reference") { request, context in
            _ = try await access.require(request)
            return JSONResponse(try await version(try context.parameters.require("reference")))
        }

        router.post("/v1/models/delay/versions") { request, _ in
            let caller = try await access.require(request)
            // Model files run to megabytes (base64): this endpoint takes up to 64 MiB.
            let input = try await PredictionsController.decode(ImportRequest.self, request, limit: 64 << 20)
            guard let encoded = input.probability_model, let probability = Data(base64Encoded: encoded), !probability.isEmpty else {
                throw ServiceError(.invalid, code: .missingField, message: "probability_model must be the model file in base64.", field: "probability_model")
            }
            var minutes: Data?
            if let encoded = input.minutes_model {
                guard let decoded = Data(base64Encoded: encoded), !decoded.isEmpty else {
                    throw ServiceError(.invalid, code: .invalidBase64, message: "minutes_model must be the model file in base64.", field: "minutes_model")
                }
                minutes = decoded
            }
            let version = try await ModelImporter(registry: platform.registry).importModel(
                probability: probability, minutes: minutes, decisionThreshold: input.decision_threshold ?? 0.5,
                leadTimeMinutes: input.lead_time_minutes ?? DelayFeatureBuilder.defaultLeadTimeMinutes,
                description: input.description ?? "imported by \(caller.name)", now: now())
            return JSONResponse(version, status: .created)
        }

        router.get("/v1/models/delay/aliases") { request, _ in
            _ = try await access.require(request)
            let versions = try await platform.registry.versions(of: DelayPredictor.modelName)
            let pointers = versions.flatMap { version in version.aliases.map { Aliases.Pointer(alias: $0, version: version.version) } }
            return JSONResponse(Aliases(aliases: pointers.sorted { $0.alias < $1.alias },
                                        moves: try await platform.registry.aliasHistory(of: DelayPredictor.modelName)))
        }

        router.put("/v1/models/delay/aliases/:alias") { request, context in
            let caller = try await access.require(request)
            let alias = try context.parameters.require("alias")
            let input = try await PredictionsController.decode(AliasRequest.self, request)
            guard let number = input.version else {
                throw ServiceError(.invalid, code: .missingField, message: "version is the model version the alias should point at.", field: "version")
            }
            let target = try await version(String(number))
            try await platform.registry.move(alias: alias, of: DelayPredictor.modelName, to: target, by: caller.name, now: now())
            return JSONResponse(try await version(String(number)))
        }

        router.post("/v1/training-jobs") { request, _ in
            let caller = try await access.require(request)
            let input = try await PredictionsController.decode(TrainingRequest.self, request)
            guard (input.model ?? "delay") == "delay" else {
                throw ServiceError(.invalid, code: .unknownModel, message: "The models that can be trained here: delay.", field: "model")
            }
            let job = try await jobs.start(input.configuration ?? TrainingConfiguration(), promote: input.promote, requestedBy: caller.name)
            return JSONResponse(job, status: .accepted)
        }

        router.post("/v1/training-jobs/:id/restart") { request, context in
            _ = try await access.require(request)
            return JSONResponse(try await jobs.restart(id: try context.parameters.require("id")), status: .accepted)
        }

        router.get("/v1/training-jobs/:id") { request, context in
            _ = try await access.require(request)
            guard let job = try await jobs.job(id: try context.parameters.require("id")) else {
                throw ServiceError(.notFound, code: .trainingJobNotFound, message: "No training job has this id.")
            }
            return JSONResponse(job)
        }

        router.get("/v1/models/delay/monitoring") { request, _ in
            _ = try await access.require(request)
            let reference = request.uri.queryParameters["model"].map(String.init) ?? "champion"
            let daysText = request.uri.queryParameters["days"].map(String.init) ?? "7"
            guard let days = Int(daysText), (1...400).contains(days) else {
                throw ServiceError(.invalid, code: .invalidDays, message: "days must be 1 to 400.", field: "days")
            }
            let target = try await version(reference)
            let since = now() - Int64(days) * 86_400
            // Predictions are grouped by their departures' day, which for replays of 2013 lies far in the past.
            let drift = try await platform.monitor.drift(of: target, since: since)
            let daily = try await platform.monitor.daily(of: target, predictedSince: since)
            let alias = ModelRegistry.isAlias(reference) ? reference : nil
            return JSONResponse(Monitoring(model: .init(name: DelayPredictor.modelName, version: target.version, id: target.id, alias: alias),
                                           drift: drift, days: daily))
        }
    }

    private func version(_ reference: String) async throws -> ModelVersion {
        guard let version = try await platform.registry.resolve(DelayPredictor.modelName, reference) else {
            throw ServiceError(.notFound, code: .modelNotFound, message: "The delay model has no version or alias \"\(reference)\".", field: "model")
        }
        return version
    }
}
