/// The engine-life model's features of an engine after a cycle, from that cycle and the ones before it only (never
/// a later one: `EngineFeatureLeakageTests` rewrites the later cycles and checks nothing moves).
public struct EngineFeatureBuilder: Sendable {
    public init() {}

    /// The features after `cycles[last]` (`last` defaults to the latest), in `EngineFeature.all` order; NaN where a
    /// window has too few cycles.
    public func features(_ cycles: ArraySlice<EngineCycle>) -> [Float] {
        guard let latest = cycles.last else { return [Float](repeating: .nan, count: EngineFeature.all.count) }
        var vector: [Float] = [Float(latest.cycle)]
        vector.reserveCapacity(EngineFeature.all.count)
        let start = cycles.prefix(10)
        for sensor in EngineSensor.allCases {
            let values = cycles.map { $0.sensors[sensor.position] }
            let level = Self.mean(values.suffix(5))
            vector.append(Float(level))
            vector.append(Float(level - Self.mean(start.map { $0.sensors[sensor.position] })))
            vector.append(Float(Self.slope(values.suffix(10)) ?? .nan))
            vector.append(Float(Self.slope(values.suffix(30)) ?? .nan))
        }
        return vector
    }

    static func mean(_ values: some Collection<Double>) -> Double {
        values.isEmpty ? .nan : values.reduce(0, +) / Double(values.count)
    }

    /// The least-squares slope per cycle of consecutive readings, or nil under three of them.
    static func slope(_ values: some Collection<Double>) -> Double? {
        let n = Double(values.count)
        guard values.count >= 3 else { return nil }
        let meanX = (n - 1) / 2, meanY = mean(values)
        var covariance = 0.0, variance = 0.0
        for (x, y) in values.enumerated() {
            covariance += (Double(x) - meanX) * (y - meanY)
            variance += (Double(x) - meanX) * (Double(x) - meanX)
        }
        return covariance / variance
    }
}
