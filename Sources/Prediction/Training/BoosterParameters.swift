import SkyportDomain

/// XGBoost parameters shared by every booster of the job.
public struct BoosterParameters: Codable, Sendable, Equatable {
    public var learningRate = 0.1
    public var maxDepth = 6
    public var minChildWeight = 10.0
    public var subsample = 0.8
    public var columnSample = 0.8
    public var lambda = 1.0
    public var maxBin = 256
    public var maxRounds = 600
    public var earlyStoppingRounds = 30
    public var threads = 0
    public var seed = 2013

    public init() {}

    public init(from decoder: any Decoder) throws {
        self.init()
        let container = try decoder.container(keyedBy: CodingKeys.self)
        learningRate = try container.decodeIfPresent(Double.self, forKey: .learningRate) ?? learningRate
        maxDepth = try container.decodeIfPresent(Int.self, forKey: .maxDepth) ?? maxDepth
        minChildWeight = try container.decodeIfPresent(Double.self, forKey: .minChildWeight) ?? minChildWeight
        subsample = try container.decodeIfPresent(Double.self, forKey: .subsample) ?? subsample
        columnSample = try container.decodeIfPresent(Double.self, forKey: .columnSample) ?? columnSample
        lambda = try container.decodeIfPresent(Double.self, forKey: .lambda) ?? lambda
        maxBin = try container.decodeIfPresent(Int.self, forKey: .maxBin) ?? maxBin
        maxRounds = try container.decodeIfPresent(Int.self, forKey: .maxRounds) ?? maxRounds
        earlyStoppingRounds = try container.decodeIfPresent(Int.self, forKey: .earlyStoppingRounds) ?? earlyStoppingRounds
        threads = try container.decodeIfPresent(Int.self, forKey: .threads) ?? threads
        seed = try container.decodeIfPresent(Int.self, forKey: .seed) ?? seed
    }

    /// The parameters as XGBoost names them (`threads` 0: every core).
    func xgboostParameters() -> [(String, String)] {
        var parameters: [(String, String)] = [
            ("tree_method", "hist"), ("eta", String(learningRate)), ("max_depth", String(maxDepth)),
            ("min_child_weight", String(minChildWeight)), ("subsample", String(subsample)),
            ("colsample_bytree", String(columnSample)), ("lambda", String(lambda)), ("max_bin", String(maxBin)),
            ("seed", String(seed)), ("verbosity", "1"),
        ]
        if threads > 0 { parameters.append(("nthread", String(threads))) }
        return parameters
    }

    /// The reasons these parameters cannot train (under `booster.` in a configuration).
    public func problems() -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        if !(1...5000).contains(maxRounds) { issues.append(.init(code: .invalidParameter, field: "booster.maxRounds", message: "maxRounds must be 1 to 5000.")) }
        if !(1...500).contains(earlyStoppingRounds) { issues.append(.init(code: .invalidParameter, field: "booster.earlyStoppingRounds", message: "earlyStoppingRounds must be 1 to 500.")) }
        if !(learningRate > 0 && learningRate <= 1) { issues.append(.init(code: .invalidParameter, field: "booster.learningRate", message: "learningRate must be in (0, 1].")) }
        if !(1...16).contains(maxDepth) { issues.append(.init(code: .invalidParameter, field: "booster.maxDepth", message: "maxDepth must be 1 to 16.")) }
        return issues
    }
}
