import Foundation
import SkyportDomain

/// One product as the catalogue shows it (`GET /v1/models`, the command center's Models page): what it predicts,
/// its champion and challenger with their test metrics beside the baselines, their data period, and how the champion
/// does in service (drift, realized quality).
public struct ModelOverview: Codable, Sendable, Equatable {
    /// A version the catalogue names by its alias.
    public struct Deployed: Codable, Sendable, Equatable {
        public let alias: String
        public let version: Int
        public let id: String
        public let createdAt: String
        public let origin: String
        public let dataPeriod: ModelVersion.DataPeriod
        public let headline: ModelHeadline?
    }

    /// The champion in service over the last days.
    public struct Service: Codable, Sendable, Equatable {
        public let days: Int
        public let predictions: Int
        /// The feature that moved most against the training data, and how far.
        public let mostDriftedFeature: String?
        public let maximumPSI: Double?
        public let driftLevel: ModelMonitor.Drift.Level?
        /// Predictions whose outcome is known by now, and realized AUC and Brier over them.
        public let withOutcome: Int
        public let realizedAuc: Double?
        public let realizedBrier: Double?
    }

    public let name: String
    public let summary: String
    public let featureSchema: String
    public let features: Int
    public let versions: Int
    public let champion: Deployed?
    public let challenger: Deployed?
    public let service: Service?

    /// The overview of `product` from `registry` and `monitor`, with service figures over the last `days`.
    public static func of(_ product: any ModelProduct, registry: ModelRegistry, monitor: ModelMonitor, days: Int = 7,
                          now: Int64) async throws -> ModelOverview {
        let versions = try await registry.versions(of: product.name.rawValue)
        func deployed(_ alias: String) -> (Deployed, ModelVersion)? {
            guard let version = versions.first(where: { $0.aliases.contains(alias) }) else { return nil }
            return (Deployed(alias: alias, version: version.version, id: version.id, createdAt: ISO8601.format(version.createdAt),
                             origin: version.origin, dataPeriod: version.dataPeriod, headline: version.evaluation.flatMap(product.headline)),
                    version)
        }
        let champion = deployed("champion")
        var service: Service?
        if let (_, version) = champion {
            let since = now - Int64(days) * 86_400
            let drift = try await monitor.drift(of: version, since: since)
            let realized = try await monitor.realized(of: version, product: product, predictedSince: since)
            let top = drift.features.first
            service = Service(days: days, predictions: drift.predictions, mostDriftedFeature: top?.feature, maximumPSI: top?.psi,
                              driftLevel: top?.level, withOutcome: realized.count, realizedAuc: realized.auc, realizedBrier: realized.metrics?.brier)
        }
        return ModelOverview(name: product.name.rawValue, summary: product.summary, featureSchema: product.featureSchema.version,
                             features: product.featureSchema.features.count, versions: versions.count, champion: champion?.0,
                             challenger: deployed("challenger")?.0, service: service)
    }
}
