import ArgumentParser
import Foundation
import Logging
import Prediction
import SkyportApp
import SkyportDomain
import SkyportStore

/// `skyport train <model>`: trains, evaluates and registers a version of a model product.
struct Train: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Train a model product, measure it beside its baselines on held-out data and register it.",
        discussion: """
            MODEL is a product of the catalogue (skyport models catalogue lists them; the delay model: delay). Its configuration
            comes from the JSON file given by --config (or SKYPORT_<MODEL>_MODEL_CONFIG, default config/<model>-model.json when it
            exists); the period options override it for products trained on a time split. Progress is printed per boosting round.
            """)

    @OptionGroup var common: CommonOptions

    @Argument(help: "The model product, e.g. delay.")
    var model: String

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
        var document = try Self.load(path: config ?? configuration.modelConfigPath(model))
        for (key, text, option) in [("train", train, "--train"), ("validation", validation, "--validation"), ("test", test, "--test")] {
            guard let text else { continue }
            guard case .object(var fields) = document else { throw ValidationError("\(option) needs a configuration that is a JSON object") }
            fields[key] = try Self.period(text, option)
            document = .object(fields)
        }
        let (quiet, promote, ifNoChampion, model, given) = (self.quiet, self.promote, self.ifNoChampion, self.model, document)
        try await withRuntime(common) { runtime in
            let platform = runtime.prediction
            let product = try platform.catalog.require(model, kind: .invalid)
            let name = product.name.rawValue
            if ifNoChampion, try await platform.registry.resolve(name, "champion") != nil {
                print("the \(name) model already has a champion: nothing to train")
                return
            }
            let training = try product.trainingConfiguration(given)
            print("training the \(name) model (once; a minute or more on two cores)")
            fflush(nil)
            let started = Date()
            let draft = try await product.train(training, progress: { line in
                // Flushed line by line: a log file or a container's output shows each phase as it starts.
                if !quiet || Self.isMilestone(line) { print(line); fflush(nil) }
            }, shouldStop: { false })
            let version = try await platform.registry.register(draft, now: Int64(Date().timeIntervalSince1970))
            if let promote {
                try await platform.registry.move(alias: promote, of: name, to: version, by: "cli", now: Int64(Date().timeIntervalSince1970))
            }
            print("")
            print("registered \(name) model version \(version.version) (\(version.id))\(promote.map { ", now \($0)" } ?? "")")
            if let report = product.report(of: version) { print(report) }
            print(String(format: "trained and evaluated in %.1f s", Date().timeIntervalSince(started)))
        }
    }

    /// A phase, a result, or every 25th boosting round (`[classifier] round 25: …`): what `--quiet` keeps.
    static func isMilestone(_ line: String) -> Bool {
        guard line.hasPrefix("["), let match = line.firstMatch(of: /\] round (\d+):/) else { return true }
        return Int(match.1).map { $0 % 25 == 0 } ?? true
    }

    /// The configuration file as a document; none means the product's defaults (an empty object).
    static func load(path: String?) throws -> JSONDocument {
        guard let path else { return .object([:]) }
        guard let data = FileManager.default.contents(atPath: path) else { throw ValidationError("no training configuration at \(path)") }
        do {
            return try JSONDecoder().decode(JSONDocument.self, from: data)
        } catch {
            throw ValidationError("\(path) is not JSON: \(error)")
        }
    }

    static func period(_ text: String, _ option: String) throws -> JSONDocument {
        let parts = text.components(separatedBy: "..")
        guard parts.count == 2 else { throw ValidationError("\(option) takes FROM..TO, e.g. 2013-01-01..2013-08-31") }
        return try JSONDocument(TrainingPeriod(from: parts[0], to: parts[1]))
    }
}
