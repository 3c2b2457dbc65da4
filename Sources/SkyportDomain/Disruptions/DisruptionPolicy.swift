/// When a flight is disrupted, and how badly: the levels a predicted or declared delay crosses, and how
/// the disruption engine watches the departures ahead. Read from `config/disruption-policy.json`.
public struct DisruptionPolicy: Codable, Sendable, Equatable {
    /// One step of severity: reached when the expected delay is at least `minutes` and, for a prediction,
    /// the probability of a delay is at least `minimumProbability`.
    public struct Level: Codable, Sendable, Equatable {
        public var name: String
        public var minutes: Int
        public var minimumProbability: Double

        public init(name: String, minutes: Int, minimumProbability: Double) {
            self.name = name
            self.minutes = minutes
            self.minimumProbability = minimumProbability
        }

        enum CodingKeys: String, CodingKey {
            case name, minutes
            case minimumProbability = "minimum_probability"
        }
    }

    /// A step of cancellation risk: reached when the cancellation-risk model gives the flight at least
    /// `minimumProbability`. Risk levels rank above every delay level and below a declared cancellation, so a flight
    /// has one disruption whose level is the worse of its delay and its risk.
    public struct RiskLevel: Codable, Sendable, Equatable {
        public var name: String
        public var minimumProbability: Double

        public init(name: String, minimumProbability: Double) {
            self.name = name
            self.minimumProbability = minimumProbability
        }

        enum CodingKeys: String, CodingKey {
            case name
            case minimumProbability = "minimum_probability"
        }
    }

    /// From the lowest to the highest.
    public var levels: [Level]
    /// Cancellation-risk levels, from the lowest to the highest (none: the cancellation-risk model is not acted on).
    public var cancellationRiskLevels: [RiskLevel]
    /// A prediction lowers a level (or closes the disruption) only once it is this far below the level,
    /// so a delay hovering around a threshold does not open and close over and over.
    public var hysteresisMinutes: Int
    /// Departures scheduled this far ahead are scored.
    public var horizonHours: Int
    /// Scored at least this often even without a new observation.
    public var rescoreIntervalSeconds: Int
    /// A change of the expected delay smaller than this is not written to a disruption's history.
    public var updateStepMinutes: Int
    /// A probability must fall this far below a level's minimum before the level is lowered (for delay and for risk).
    public static let probabilityHysteresis = 0.1

    /// The level of a cancelled flight, above every configured level.
    public static let cancelledLevel = "cancelled"

    /// US rules make 30 minutes the delay passengers must be told about (14 CFR 259.8); 3 hours is where a
    /// domestic passenger may refuse the change and be refunded.
    public static let standard = DisruptionPolicy(
        levels: [
            Level(name: "delay", minutes: 30, minimumProbability: 0.5),
            Level(name: "major_delay", minutes: 90, minimumProbability: 0.6),
            Level(name: "severe_delay", minutes: 180, minimumProbability: 0.6),
        ],
        cancellationRiskLevels: [
            RiskLevel(name: "cancellation_possible", minimumProbability: 0.3),
            RiskLevel(name: "cancellation_likely", minimumProbability: 0.5),
        ],
        hysteresisMinutes: 10, horizonHours: 6, rescoreIntervalSeconds: 180, updateStepMinutes: 15)

    public init(levels: [Level], cancellationRiskLevels: [RiskLevel] = [], hysteresisMinutes: Int, horizonHours: Int, rescoreIntervalSeconds: Int,
                updateStepMinutes: Int) {
        self.levels = levels
        self.cancellationRiskLevels = cancellationRiskLevels
        self.hysteresisMinutes = hysteresisMinutes
        self.horizonHours = horizonHours
        self.rescoreIntervalSeconds = rescoreIntervalSeconds
        self.updateStepMinutes = updateStepMinutes
    }

    enum CodingKeys: String, CodingKey {
        case levels
        case cancellationRiskLevels = "cancellation_risk_levels"
        case hysteresisMinutes = "hysteresis_minutes"
        case horizonHours = "horizon_hours"
        case rescoreIntervalSeconds = "rescore_interval_seconds"
        case updateStepMinutes = "update_step_minutes"
    }

    /// Policies written before cancellation risk have no `cancellation_risk_levels`: they act on delays only.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        levels = try container.decode([Level].self, forKey: .levels)
        cancellationRiskLevels = try container.decodeIfPresent([RiskLevel].self, forKey: .cancellationRiskLevels) ?? []
        hysteresisMinutes = try container.decode(Int.self, forKey: .hysteresisMinutes)
        horizonHours = try container.decode(Int.self, forKey: .horizonHours)
        rescoreIntervalSeconds = try container.decode(Int.self, forKey: .rescoreIntervalSeconds)
        updateStepMinutes = try container.decode(Int.self, forKey: .updateStepMinutes)
    }

    /// What is wrong with the policy, one line each; empty when it can be used.
    public var problems: [String] {
        var problems: [String] = []
        if levels.isEmpty { problems.append("levels: at least one level is needed") }
        for (index, level) in levels.enumerated() {
            if level.name.isEmpty || !level.name.allSatisfy({ $0.isASCII && ($0.isLowercase || $0 == "_") }) || level.name == Self.cancelledLevel {
                problems.append("levels[\(index)].name: lowercase letters and underscores, not \"\(Self.cancelledLevel)\"")
            }
            if level.minutes < 1 { problems.append("levels[\(index)].minutes: at least 1") }
            if !(0...1).contains(level.minimumProbability) { problems.append("levels[\(index)].minimum_probability: 0 to 1") }
            if index > 0, level.minutes <= levels[index - 1].minutes { problems.append("levels[\(index)].minutes: above the level before") }
        }
        for (index, level) in cancellationRiskLevels.enumerated() {
            if level.name.isEmpty || !level.name.allSatisfy({ $0.isASCII && ($0.isLowercase || $0 == "_") }) || level.name == Self.cancelledLevel {
                problems.append("cancellation_risk_levels[\(index)].name: lowercase letters and underscores, not \"\(Self.cancelledLevel)\"")
            }
            if !(level.minimumProbability > 0 && level.minimumProbability <= 1) {
                problems.append("cancellation_risk_levels[\(index)].minimum_probability: above 0, at most 1")
            }
            if index > 0, level.minimumProbability <= cancellationRiskLevels[index - 1].minimumProbability {
                problems.append("cancellation_risk_levels[\(index)].minimum_probability: above the level before")
            }
        }
        let names = levels.map(\.name) + cancellationRiskLevels.map(\.name)
        if Set(names).count != names.count { problems.append("levels and cancellation_risk_levels: names must differ") }
        if hysteresisMinutes < 0 { problems.append("hysteresis_minutes: 0 or more") }
        if !(1...48).contains(horizonHours) { problems.append("horizon_hours: 1 to 48") }
        if !(10...3600).contains(rescoreIntervalSeconds) { problems.append("rescore_interval_seconds: 10 to 3600") }
        if updateStepMinutes < 1 { problems.append("update_step_minutes: at least 1") }
        return problems
    }

    /// The order of a level: 1 for the lowest delay level, the risk levels above the delay levels, a cancellation above
    /// them all; 0 for none.
    public func rank(_ level: String?) -> Int {
        guard let level else { return 0 }
        if level == Self.cancelledLevel { return levels.count + cancellationRiskLevels.count + 1 }
        if let risk = cancellationRiskLevels.firstIndex(where: { $0.name == level }) { return levels.count + risk + 1 }
        return (levels.firstIndex { $0.name == level } ?? -1) + 1
    }

    /// Whether `level` is one of the cancellation-risk levels.
    public func isCancellationRisk(_ level: String?) -> Bool {
        cancellationRiskLevels.contains { $0.name == level }
    }

    /// The highest cancellation-risk level a probability reaches (nil without one).
    public func riskLevel(for cancellationProbability: Double?) -> RiskLevel? {
        guard let probability = cancellationProbability else { return nil }
        return cancellationRiskLevels.last { probability >= $0.minimumProbability }
    }

    /// The level a prediction reaches: its cancellation-risk level if it has one, else its delay level.
    public func target(for prediction: DelayEstimate, cancellationProbability: Double?) -> String? {
        riskLevel(for: cancellationProbability)?.name ?? level(for: prediction)?.name
    }

    /// The highest level an estimate reaches; a declared delay (no probability) counts as certain.
    public func level(for estimate: DelayEstimate) -> Level? {
        levels.last { estimate.minutes >= $0.minutes && (estimate.probability ?? 1) >= $0.minimumProbability }
    }

    /// What a new prediction does to a flight's disruption (nil when it has none open): the delay estimate and, when
    /// the cancellation-risk model scored the flight, its probability of cancellation.
    public func assess(_ open: OpenDisruption?, prediction: DelayEstimate, cancellationProbability: Double? = nil) -> DisruptionDecision {
        let target = target(for: prediction, cancellationProbability: cancellationProbability)
        guard let open else { return target.map { .open(level: $0) } ?? .none }
        // What an operator declared stands until they change it or the flight leaves.
        guard open.cause == .predicted else { return .none }
        let current = rank(open.level)
        let reached = rank(target)
        if reached > current, let target { return .raise(level: target) }
        if reached < current {
            var wellBelow = false
            if let risk = cancellationRiskLevels.first(where: { $0.name == open.level }) {
                wellBelow = (cancellationProbability ?? 0) < risk.minimumProbability - Self.probabilityHysteresis
            } else if let currentLevel = levels.first(where: { $0.name == open.level }) {
                wellBelow = prediction.minutes < currentLevel.minutes - hysteresisMinutes
                    || (prediction.probability ?? 1) < currentLevel.minimumProbability - Self.probabilityHysteresis
            }
            if wellBelow {
                return target.map { .lower(level: $0) } ?? .close(reason: .predictionCleared)
            }
        }
        return abs(prediction.minutes - open.expectedDelayMinutes) >= updateStepMinutes ? .update : .none
    }

    /// What an operator's new departure time does: the level of the declared delay, or a close when it is
    /// below every level.
    public func assess(_ open: OpenDisruption?, declaredDelayMinutes minutes: Int) -> DisruptionDecision {
        let target = level(for: DelayEstimate(probability: nil, minutes: minutes))
        guard let open else { return target.map { .open(level: $0.name) } ?? .none }
        guard let target else { return .close(reason: .declaredOnTime) }
        let change = rank(target.name) - rank(open.level)
        return change > 0 ? .raise(level: target.name) : change < 0 ? .lower(level: target.name) : .update
    }
}

/// A delay as predicted (with its probability) or declared (without).
public struct DelayEstimate: Sendable, Equatable {
    public var probability: Double?
    public var minutes: Int

    public init(probability: Double?, minutes: Int) {
        self.probability = probability
        self.minutes = minutes
    }
}

/// The part of an open disruption the policy decides on.
public struct OpenDisruption: Sendable, Equatable {
    public enum Cause: String, Sendable, Codable { case predicted, declared }
    public var level: String
    public var cause: Cause
    public var expectedDelayMinutes: Int

    public init(level: String, cause: Cause, expectedDelayMinutes: Int) {
        self.level = level
        self.cause = cause
        self.expectedDelayMinutes = expectedDelayMinutes
    }
}

/// What happens to a flight's disruption.
public enum DisruptionDecision: Sendable, Equatable {
    public enum CloseReason: String, Sendable, Codable {
        case predictionCleared = "prediction_cleared", declaredOnTime = "declared_on_time", departed, operatorClosed = "operator_closed"
    }

    case none
    case open(level: String)
    case raise(level: String)
    case lower(level: String)
    /// Same level, a new expected time worth recording.
    case update
    case close(reason: CloseReason)
}
