import Forecasting
import NIOPosix

/// What the demand product keeps between requests: each version's series file, read once, and each route's fitted
/// method, fitted once per version (fitting is the cost of a forecast; a forecast from a fit is microseconds).
actor RouteDemandServing {
    private var artifacts: [String: RouteDemandArtifact] = [:]
    private var fitted: [String: any FittedForecaster] = [:]
    /// Versions kept, oldest first: an alias moving back and forth stays warm, an old version's routes are let go.
    private var versions: [String] = []
    private static let keptVersions = 3

    func artifact(of version: ModelVersion, load: @Sendable () async throws -> RouteDemandArtifact) async throws -> RouteDemandArtifact {
        if let artifact = artifacts[version.id] { return artifact }
        let artifact = try await load()
        artifacts[version.id] = artifact
        versions.removeAll { $0 == version.id }
        versions.append(version.id)
        while versions.count > Self.keptVersions {
            let dropped = versions.removeFirst()
            artifacts[dropped] = nil
            fitted = fitted.filter { !$0.key.hasPrefix(dropped + "/") }
        }
        return artifact
    }

    /// `days` forecasts after the route's last day, from its method fitted on all of its days.
    func forecast(_ route: RouteDemandArtifact.Route, version: String, days: Int, level: Double) async throws -> [ForecastPoint] {
        let key = "\(version)/\(route.name)"
        if let model = fitted[key] { return model.forecast(horizon: days, level: level).seats }
        let model = try await NIOThreadPool.singleton.runIfActive { try route.method.fit(route.seats, seasonLength: 7) }
        fitted[key] = model
        return model.forecast(horizon: days, level: level).seats
    }
}

extension [ForecastPoint] {
    /// The points as seats: a method without a floor (the airline model on the raw series) can go below zero on a thin
    /// route, and no flight carries fewer than no seats.
    var seats: [ForecastPoint] {
        map { ForecastPoint(value: Swift.max(0, $0.value), lower: Swift.max(0, $0.lower), upper: Swift.max(0, $0.upper)) }
    }
}
