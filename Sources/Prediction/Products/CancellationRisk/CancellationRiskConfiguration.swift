import Foundation
import SkyportDomain

/// What a cancellation-risk training job uses: the periods of its time-based split, the lead times its rows are read
/// at, and XGBoost's parameters. Read from JSON (`config/cancellation-risk-model.json`), every field optional.
public struct CancellationRiskConfiguration: Codable, Sendable, Equatable {
    public var train = TrainingPeriod(from: "2013-01-01", to: "2013-08-31")
    /// Early stopping and the decision threshold are chosen here.
    public var validation = TrainingPeriod(from: "2013-09-01", to: "2013-09-30")
    /// Held out: the metrics stored with the model are measured here, at each lead time.
    public var test = TrainingPeriod(from: "2013-10-01", to: "2013-12-31")
    /// Every departure gives a row at each of these lead times (minutes before departure); serving reads the features
    /// at the first (the earliest warning), or at the lead time a request names.
    public var leadTimesMinutes = [360, 120]
    public var booster = BoosterParameters()
    /// Features the model must not learn from. `day_of_year` and `month` as for the delay model: a time split puts the
    /// test months outside the training range. And every feature drawn from the aircraft (`tailFeatures`): the 2013
    /// record names no aircraft for 2,512 of its 8,255 cancelled departures (and for none that flew), because an
    /// aircraft is recorded when it flies; a feature that is missing when the tail is would tell the model the outcome.
    public var excludedFeatures = ["day_of_year", "month"] + Self.tailFeatures

    /// The features computed from the departure's aircraft (its tail number).
    public static let tailFeatures = [DelayFeature.aircraftSeats.rawValue, DelayFeature.aircraftAgeYears.rawValue, DelayFeature.aircraftLegOfDay.rawValue,
                                      DelayFeature.aircraftPreviousLegDelay.rawValue, CancellationFeature.aircraftPreviousLegOverdue.rawValue]

    public init() {
        booster.maxDepth = 6
        booster.learningRate = 0.05
        booster.maxRounds = 1500
        booster.earlyStoppingRounds = 60
    }

    /// Every field optional: missing ones keep their defaults.
    public init(from decoder: any Decoder) throws {
        self.init()
        let container = try decoder.container(keyedBy: CodingKeys.self)
        train = try container.decodeIfPresent(TrainingPeriod.self, forKey: .train) ?? train
        validation = try container.decodeIfPresent(TrainingPeriod.self, forKey: .validation) ?? validation
        test = try container.decodeIfPresent(TrainingPeriod.self, forKey: .test) ?? test
        leadTimesMinutes = try container.decodeIfPresent([Int].self, forKey: .leadTimesMinutes) ?? leadTimesMinutes
        booster = try container.decodeIfPresent(BoosterParameters.self, forKey: .booster) ?? booster
        excludedFeatures = try container.decodeIfPresent([String].self, forKey: .excludedFeatures) ?? excludedFeatures
    }

    /// The reasons this configuration cannot train, in words an operator can act on (empty: it can).
    public func problems() -> [ValidationIssue] {
        var issues = TrainingPeriod.problems(train: train, validation: validation, test: test)
        for name in excludedFeatures where !CancellationFeatureSchema.names.contains(name) {
            issues.append(.init(code: .unknownFeature, field: "excludedFeatures", message: "\(name) is not a feature."))
        }
        if leadTimesMinutes.isEmpty || leadTimesMinutes.count > 4 || !leadTimesMinutes.allSatisfy({ (0...1440).contains($0) }) {
            issues.append(.init(code: .invalidLeadTime, field: "leadTimesMinutes", message: "One to four lead times, each 0 to 1440 minutes."))
        }
        return issues + booster.problems()
    }
}
