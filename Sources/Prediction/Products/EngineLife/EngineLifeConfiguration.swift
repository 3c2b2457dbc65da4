import SkyportDomain

/// What an engine-life training job uses. Read from JSON (`config/engine-life-model.json`), every field optional.
public struct EngineLifeConfiguration: Codable, Sendable, Equatable {
    /// Remaining cycles are learnt capped here: early in life an engine shows no wear, so any larger number is a guess
    /// (the standard FD001 protocol caps at 125).
    public var cap = 125
    /// Every n-th training engine is held out: early stopping, and the calibration of the interval and of the
    /// probability of failure.
    public var holdOutEvery = 5
    /// The interval's coverage (0.9: 90 % of engines' remaining cycles inside it).
    public var intervalLevel = 0.9
    /// The probability of failure is within this many cycles.
    public var failureHorizon = 30
    public var booster = BoosterParameters()

    public init() {
        booster.learningRate = 0.03
        booster.maxDepth = 4
        booster.maxRounds = 3000
        booster.earlyStoppingRounds = 100
        booster.minChildWeight = 10
    }

    public init(from decoder: any Decoder) throws {
        self.init()
        let container = try decoder.container(keyedBy: CodingKeys.self)
        cap = try container.decodeIfPresent(Int.self, forKey: .cap) ?? cap
        holdOutEvery = try container.decodeIfPresent(Int.self, forKey: .holdOutEvery) ?? holdOutEvery
        intervalLevel = try container.decodeIfPresent(Double.self, forKey: .intervalLevel) ?? intervalLevel
        failureHorizon = try container.decodeIfPresent(Int.self, forKey: .failureHorizon) ?? failureHorizon
        booster = try container.decodeIfPresent(BoosterParameters.self, forKey: .booster) ?? booster
    }

    public func problems() -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        if !(50...400).contains(cap) { issues.append(.init(code: .invalidParameter, field: "cap", message: "cap must be 50 to 400 cycles.")) }
        if !(2...10).contains(holdOutEvery) { issues.append(.init(code: .invalidParameter, field: "holdOutEvery", message: "holdOutEvery must be 2 to 10.")) }
        if !(intervalLevel >= 0.5 && intervalLevel < 1) { issues.append(.init(code: .invalidParameter, field: "intervalLevel", message: "intervalLevel must be in [0.5, 1).")) }
        if !(1...200).contains(failureHorizon) { issues.append(.init(code: .invalidParameter, field: "failureHorizon", message: "failureHorizon must be 1 to 200 cycles.")) }
        return issues + booster.problems()
    }
}
