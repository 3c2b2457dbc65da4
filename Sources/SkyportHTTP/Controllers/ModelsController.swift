import Accounts
import Foundation
import Hummingbird
import Prediction
import SkyportDomain

/// The catalogue, the model registry, training jobs and monitoring of every model product, for operators. `{model}`
/// is a product's name (`delay`, ...); an unknown one answers `404 unknown_model`.
///
/// - `GET /v1/models`: every product with its champion, challenger, test metrics beside baselines, drift and realized
///   quality; `GET /v1/models/{model}` one of them
/// - `GET /v1/models/{model}/versions`, `GET /v1/models/{model}/versions/{version|alias|id}`
/// - `POST /v1/models/{model}/versions`: import `{"<role>_model": base64, ..., "decision_threshold": 0.3, ...}` with a file
///   for each of the product's roles (the delay model: `probability_model`, `minutes_model`), the first required
/// - `GET /v1/models/{model}/aliases`: where each alias points and every move;
///   `PUT /v1/models/{model}/aliases/{alias}` `{"version": 3}` moves it (rollback is moving it back)
/// - `POST /v1/training-jobs` `{"model": "delay", "configuration": {...}, "promote": "challenger"}`; `GET /v1/training-jobs/{id}`;
///   `POST /v1/training-jobs/{id}/restart` (a failed or interrupted job)
/// - `GET /v1/models/{model}/monitoring?model=champion&days=7`: drift, prediction distribution and realized AUC per day
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

    struct Catalogue: Encodable, Sendable {
        let models: [ModelOverview]
    }

    struct VersionList: Encodable, Sendable {
        let versions: [ModelVersion]
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
        let configuration: JSONDocument?
        let promote: String?
    }

    struct Monitoring: Encodable, Sendable {
        let model: DelayPrediction.Model
        let drift: ModelMonitor.Drift
        let days: [ModelMonitor.Day]
    }

    public func register(on router: some RouterMethods<AppRequestContext>) {
        router.get("/v1/models") { request, _ in
            _ = try await access.require(request)
            var overviews: [ModelOverview] = []
            for product in platform.catalog.products { overviews.append(try await platform.overview(of: product)) }
            return JSONResponse(Catalogue(models: overviews))
        }

        router.get("/v1/models/:model") { request, context in
            _ = try await access.require(request)
            return JSONResponse(try await platform.overview(of: try product(context)))
        }

        router.get("/v1/models/:model/versions") { request, context in
            _ = try await access.require(request)
            return JSONResponse(VersionList(versions: try await platform.registry.versions(of: try product(context).name.rawValue)))
        }

        router.get("/v1/models/:model/versions/:reference") { request, context in
            _ = try await access.require(request)
            return JSONResponse(try await version(try context.parameters.require("reference"), of: try product(context)))
        }

        router.post("/v1/models/:model/versions") { request, context in
            let caller = try await access.require(request)
            let product = try product(context)
            // Model files run to megabytes (base64): this endpoint takes up to 64 MiB.
            let body = try await PredictionsController.body(of: request, limit: 64 << 20)
            let input = try RequestJSON.decode(ImportRequest.self, from: body)
            let version = try await ModelImporter(registry: platform.registry, product: product)
                .importModel(input.files(for: product), decisionThreshold: input.decision_threshold ?? 0.5,
                             leadTimeMinutes: input.lead_time_minutes ?? product.defaultLeadTimeMinutes,
                             description: input.description ?? "imported by \(caller.name)", now: now())
            return JSONResponse(version, status: .created)
        }

        router.get("/v1/models/:model/aliases") { request, context in
            _ = try await access.require(request)
            let name = try product(context).name.rawValue
            let versions = try await platform.registry.versions(of: name)
            let pointers = versions.flatMap { version in version.aliases.map { Aliases.Pointer(alias: $0, version: version.version) } }
            return JSONResponse(Aliases(aliases: pointers.sorted { $0.alias < $1.alias }, moves: try await platform.registry.aliasHistory(of: name)))
        }

        router.put("/v1/models/:model/aliases/:alias") { request, context in
            let caller = try await access.require(request)
            let product = try product(context)
            let alias = try context.parameters.require("alias")
            let input = try RequestJSON.decode(AliasRequest.self, from: try await PredictionsController.body(of: request))
            guard let number = input.version else {
                throw ServiceError(.invalid, code: .missingField, message: "version is the model version the alias should point at.", field: "version")
            }
            let target = try await version(String(number), of: product)
            try await platform.registry.move(alias: alias, of: product.name.rawValue, to: target, by: caller.name, now: now())
            return JSONResponse(try await version(String(number), of: product))
        }

        router.post("/v1/training-jobs") { request, _ in
            let caller = try await access.require(request)
            let input = try RequestJSON.decode(TrainingRequest.self, from: try await PredictionsController.body(of: request))
            let product = try platform.catalog.require(input.model ?? DelayModel.name.rawValue, kind: .invalid)
            let job = try await jobs.start(product, configuration: input.configuration, promote: input.promote, requestedBy: caller.name)
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

        router.get("/v1/models/:model/monitoring") { request, context in
            _ = try await access.require(request)
            let product = try product(context)
            let reference = request.uri.queryParameters["model"].map(String.init) ?? "champion"
            let daysText = request.uri.queryParameters["days"].map(String.init) ?? "7"
            guard let days = Int(daysText), (1...400).contains(days) else {
                throw ServiceError(.invalid, code: .invalidDays, message: "days must be 1 to 400.", field: "days")
            }
            let target = try await version(reference, of: product)
            let since = now() - Int64(days) * 86_400
            // Predictions are grouped by their subjects' day, which for replays of 2013 lies far in the past.
            let drift = try await platform.monitor.drift(of: target, since: since)
            let daily = try await platform.monitor.daily(of: target, product: product, predictedSince: since)
            let alias = ModelRegistry.isAlias(reference) ? reference : nil
            return JSONResponse(Monitoring(model: .init(name: product.name.rawValue, version: target.version, id: target.id, alias: alias),
                                           drift: drift, days: daily))
        }
    }

    private func product(_ context: AppRequestContext) throws -> any ModelProduct {
        try platform.catalog.require(try context.parameters.require("model"), field: nil)
    }

    private func version(_ reference: String, of product: any ModelProduct) async throws -> ModelVersion {
        guard let version = try await platform.registry.resolve(product.name.rawValue, reference) else {
            throw ServiceError(.notFound, code: .modelNotFound, message: "The \(product.name) model has no version or alias \"\(reference)\".", field: "model")
        }
        return version
    }
}

/// `POST /v1/models/{model}/versions`: a file in base64 for each role of the product (`probability_model`, ...).
struct ImportRequest: Decodable {
    let files: [String: String]
    let decision_threshold: Double?
    let lead_time_minutes: Int?
    let description: String?

    struct Key: CodingKey {
        let stringValue: String
        init?(stringValue: String) { self.stringValue = stringValue }
        var intValue: Int? { nil }
        init?(intValue: Int) { nil }
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        func value<T: Decodable>(_ key: String, as type: T.Type) throws -> T? {
            try Key(stringValue: key).flatMap { try container.decodeIfPresent(type, forKey: $0) }
        }
        decision_threshold = try value("decision_threshold", as: Double.self)
        lead_time_minutes = try value("lead_time_minutes", as: Int.self)
        description = try value("description", as: String.self)
        var files: [String: String] = [:]
        for key in container.allKeys where key.stringValue.hasSuffix("_model") {
            files[String(key.stringValue.dropLast(6))] = try container.decodeIfPresent(String.self, forKey: key)
        }
        self.files = files
    }

    /// The decoded files by role: the first role's required, the others optional; each must be base64.
    func files(for product: any ModelProduct) throws -> [String: Data] {
        var decoded: [String: Data] = [:]
        for (index, role) in product.artifactRoles.enumerated() {
            let field = "\(role)_model"
            guard let encoded = files[role] else {
                if index == 0 {
                    throw ServiceError(.invalid, code: .missingField, message: "\(field) must be the model file in base64.", field: field)
                }
                continue
            }
            guard let bytes = Data(base64Encoded: encoded), !bytes.isEmpty else {
                throw ServiceError(.invalid, code: index == 0 ? .missingField : .invalidBase64, message: "\(field) must be the model file in base64.", field: field)
            }
            decoded[role] = bytes
        }
        return decoded
    }
}
