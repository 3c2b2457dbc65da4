import Foundation
import SkyportDomain

/// What a delay-model training job uses: the periods of its time-based split, the lead time and
/// XGBoost's parameters. Read from a JSON file (`config/delay-model.json`), every field optional.
public struct TrainingConfiguration: Codable, Sendable, Equatable {
    /// A period of dates of a time-based split (kept under this name for existing callers).
    public typealias Period = TrainingPeriod
    /// XGBoost parameters shared by every booster of a job (kept under this name for existing callers).
    public typealias Booster = BoosterParameters

    public var train = Period(from: "2013-01-01", to: "2013-08-31")
    /// Early stopping and the decision threshold are chosen here.
    public var validation = Period(from: "2013-09-01", to: "2013-09-30")
    /// Held out: the metrics stored with the model are measured here.
    public var test = Period(from: "2013-10-01", to: "2013-12-31")
    public var leadTimeMinutes = DelayFeatureBuilder.defaultLeadTimeMinutes
    /// A departure is "delayed" at this many minutes or more.
    public var delayThresholdMinutes = 15
    /// Minutes above this are capped when learning expected minutes (a few extreme delays would dominate).
    public var minutesCap = 300.0
    public var booster = Booster()
    /// Features the model must not learn from (their column is blanked in training, so no tree splits on it).
    /// `day_of_year` and `month` are excluded by default: a time split puts the test months outside the training
    /// range, where trees can only repeat the last month they saw.
    public var excludedFeatures = ["day_of_year", "month"]

    public init() {}

    /// Every field optional in the file: missing ones keep their defaults.
    public init(from decoder: any Decoder) throws {
        self.init()
        let container = try decoder.container(keyedBy: CodingKeys.self)
        train = try container.decodeIfPresent(Period.self, forKey: .train) ?? train
        validation = try container.decodeIfPresent(Period.self, forKey: .validation) ?? validation
        test = try container.decodeIfPresent(Period.self, forKey: .test) ?? test
        leadTimeMinutes = try container.decodeIfPresent(Int.self, forKey: .leadTimeMinutes) ?? leadTimeMinutes
        delayThresholdMinutes = try container.decodeIfPresent(Int.self, forKey: .delayThresholdMinutes) ?? delayThresholdMinutes
        minutesCap = try container.decodeIfPresent(Double.self, forKey: .minutesCap) ?? minutesCap
        booster = try container.decodeIfPresent(Booster.self, forKey: .booster) ?? booster
        excludedFeatures = try container.decodeIfPresent([String].self, forKey: .excludedFeatures) ?? excludedFeatures
    }

    /// The reasons this configuration cannot train, in words an operator can act on (empty: it can).
    public func problems() -> [ValidationIssue] {
        var issues = TrainingPeriod.problems(train: train, validation: validation, test: test)
        let known = Set(DelayFeature.allCases.map(\.rawValue))
        for name in excludedFeatures where !known.contains(name) {
            issues.append(.init(code: .unknownFeature, field: "excludedFeatures", message: "\(name) is not a feature."))
        }
        if !(0...1440).contains(leadTimeMinutes) { issues.append(.init(code: .invalidLeadTime, field: "leadTimeMinutes", message: "The lead time must be 0 to 1440 minutes.")) }
        if !(1...180).contains(delayThresholdMinutes) { issues.append(.init(code: .invalidThreshold, field: "delayThresholdMinutes", message: "The delay threshold must be 1 to 180 minutes.")) }
        return issues + booster.problems()
    }
}

extension TrainingConfiguration {
    /// Reads a configuration file; a missing default file means the built-in defaults.
    public static func load(path: String?) throws -> TrainingConfiguration {
        guard let path else { return TrainingConfiguration() }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ServiceError(.invalid, code: .configNotFound, message: "No training configuration at \(path).")
        }
        do {
            return try JSONDecoder().decode(TrainingConfiguration.self, from: data)
        } catch {
            throw ServiceError(.invalid, code: .configMalformed, message: "\(path) is not a valid training configuration: \(error)")
        }
    }
}
