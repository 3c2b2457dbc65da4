import Foundation
import SkyportDomain

/// What a delay-model training job uses: the periods of its time-based split, the lead time and
/// XGBoost's parameters. Read from a JSON file (`config/delay-model.json`), every field optional.
public struct TrainingConfiguration: Codable, Sendable, Equatable {
    /// A period of scheduled departure dates, both ends included, at the origin's local date.
    public struct Period: Codable, Sendable, Equatable, CustomStringConvertible {
        public let from: String
        public let to: String

        public init(from: String, to: String) {
            self.from = from
            self.to = to
        }

        public var firstDay: LocalDate? { LocalDate(iso: from) }
        public var lastDay: LocalDate? { LocalDate(iso: to) }
        public var description: String { "\(from)..\(to)" }

        func contains(_ date: LocalDate) -> Bool {
            guard let firstDay, let lastDay else { return false }
            return date >= firstDay && date <= lastDay
        }
    }

    /// XGBoost parameters shared by every booster of the job.
    public struct Booster: Codable, Sendable, Equatable {
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
    }

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
        var issues: [ValidationIssue] = []
        let periods = [("train", train), ("validation", validation), ("test", test)]
        for (name, period) in periods {
            guard let first = period.firstDay, let last = period.lastDay else {
                issues.append(.init(code: .invalidPeriod, field: name, message: "\(name) needs dates as YYYY-MM-DD."))
                continue
            }
            if last < first { issues.append(.init(code: .invalidPeriod, field: name, message: "\(name) ends before it starts.")) }
        }
        if issues.isEmpty, let trainEnd = train.lastDay, let validationStart = validation.firstDay, let validationEnd = validation.lastDay,
           let testStart = test.firstDay {
            if validationStart <= trainEnd { issues.append(.init(code: .overlappingPeriods, field: "validation", message: "The validation period must start after the training period.")) }
            if testStart <= validationEnd { issues.append(.init(code: .overlappingPeriods, field: "test", message: "The test period must start after the validation period.")) }
        }
        let known = Set(DelayFeature.allCases.map(\.rawValue))
        for name in excludedFeatures where !known.contains(name) {
            issues.append(.init(code: .unknownFeature, field: "excludedFeatures", message: "\(name) is not a feature."))
        }
        if !(0...1440).contains(leadTimeMinutes) { issues.append(.init(code: .invalidLeadTime, field: "leadTimeMinutes", message: "The lead time must be 0 to 1440 minutes.")) }
        if !(1...180).contains(delayThresholdMinutes) { issues.append(.init(code: .invalidThreshold, field: "delayThresholdMinutes", message: "The delay threshold must be 1 to 180 minutes.")) }
        if !(1...5000).contains(booster.maxRounds) { issues.append(.init(code: .invalidParameter, field: "booster.maxRounds", message: "maxRounds must be 1 to 5000.")) }
        if !(1...500).contains(booster.earlyStoppingRounds) { issues.append(.init(code: .invalidParameter, field: "booster.earlyStoppingRounds", message: "earlyStoppingRounds must be 1 to 500.")) }
        if !(booster.learningRate > 0 && booster.learningRate <= 1) { issues.append(.init(code: .invalidParameter, field: "booster.learningRate", message: "learningRate must be in (0, 1].")) }
        if !(1...16).contains(booster.maxDepth) { issues.append(.init(code: .invalidParameter, field: "booster.maxDepth", message: "maxDepth must be 1 to 16.")) }
        return issues
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
