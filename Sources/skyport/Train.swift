import ArgumentParser
import Foundation
import Logging
import Prediction
import SkyportApp
import SkyportStore

/// `skyport train delay`: trains, evaluates and registers a delay model.
struct Train: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Train models on the 2013 record.",
        subcommands: [TrainDelay.self])
}

struct TrainDelay: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delay",
        abstract: "Train the departure-delay model (probability of 15+ minutes and expected minutes) and register it.",
        discussion: """
            Parameters come from the JSON file given by --config (or SKYPORT_DELAY_MODEL_CONFIG, default config/delay-model.json
            when it exists); the period options override it. Progress is printed per boosting round.
            """)

    @OptionGroup var common: CommonOptions

    @Option(help: "A JSON training configuration (see config/delay-model.json).")
    var config: String?

    @Option(help: "Training period, e.g. 2013-01-01..2013-08-31.")
    var train: String?

    @Option(help: "Validation period (early stopping and threshold), e.g. 2013-09-01..2013-09-30.")
    var validation: String?

    @Option(help: "Held-out test period the stored metrics are measured on, e.g. 2013-10-01..2013-12-31.")
    var test: String?

    @Option(help: "Move this alias (e.g. champion) to the new version.")
    var promote: String?

    @Flag(help: "Do nothing when the model already has a champion (for first starts).")
    var ifNoChampion = false

    @Flag(help: "Print the phases and every 25th round, not every round.")
    var quiet = false

    func run() async throws {
        let configuration = try common.configuration()
        var training = try TrainingConfiguration.load(path: config ?? configuration.delayModelConfigPath)
        if let train { training.train = try Self.period(train, "--train") }
        if let validation { training.validation = try Self.period(validation, "--validation") }
        if let test { training.test = try Self.period(test, "--test") }
        let (quiet, promote, ifNoChampion) = (self.quiet, self.promote, self.ifNoChampion)
        try await withRuntime(common) { runtime in
            let platform = runtime.prediction
            if ifNoChampion, try await platform.registry.resolve(DelayPredictor.modelName, "champion") != nil {
                print("the delay model already has a champion: nothing to train")
                return
            }
            print("training the delay model on the 2013 record (once; about a minute on two cores)")
            fflush(nil)
            let result = try await DelayModelTrainer(source: platform.history).train(training) { line in
                // Flushed line by line: a log file or a container's output shows each phase as it starts.
                if !quiet || Self.isMilestone(line) { print(line); fflush(nil) }
            }
            let version = try await platform.registry.register(result.draft, now: Int64(Date().timeIntervalSince1970))
            if let promote {
                try await platform.registry.move(alias: promote, of: DelayPredictor.modelName, to: version, by: "cli", now: Int64(Date().timeIntervalSince1970))
            }
            print("")
            print("registered delay model version \(version.version) (\(version.id))\(promote.map { ", now \($0)" } ?? "")")
            if let evaluation = version.evaluation { print(EvaluationReport(evaluation: evaluation, threshold: version.decisionThreshold).text) }
            print(String(format: "features %.1f s, training (classifier + minutes) %.1f s", result.featureSeconds, result.trainingSeconds))
        }
    }

    /// A phase, a result, or every 25th boosting round (`[classifier] round 25: …`): what `--quiet` keeps.
    static func isMilestone(_ line: String) -> Bool {
        guard line.hasPrefix("["), let match = line.firstMatch(of: /\] round (\d+):/) else { return true }
        return Int(match.1).map { $0 % 25 == 0 } ?? true
    }

    static func period(_ text: String, _ option: String) throws -> TrainingConfiguration.Period {
        let parts = text.components(separatedBy: "..")
        guard parts.count == 2 else { throw ValidationError("\(option) takes FROM..TO, e.g. 2013-01-01..2013-08-31") }
        return TrainingConfiguration.Period(from: parts[0], to: parts[1])
    }
}
