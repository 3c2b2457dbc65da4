import ArgumentParser
import Foundation
import Logging
import Prediction
import SkyportApp
import SkyportDomain
import SkyportStore

/// `skyport models`: the model registry.
struct Models: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List, inspect, promote and import delay model versions.",
        subcommands: [List.self, Show.self, Promote.self, Import.self, History.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every version of the delay model, newest first.")
        @OptionGroup var common: CommonOptions

        func run() async throws {
            try await withRuntime(common) { runtime in
                let versions = try await runtime.prediction.registry.versions(of: DelayPredictor.modelName)
                if versions.isEmpty { print("no delay model yet: skyport train delay --promote champion") }
                for version in versions {
                    let auc = version.evaluation.map { String(format: "AUC %.4f", $0.classifier.model.auc) } ?? "no evaluation"
                    let aliases = version.aliases.isEmpty ? "" : "  [\(version.aliases.joined(separator: ", "))]"
                    print("v\(version.version)  \(version.id)  \(version.origin)  \(ISO8601Text.format(version.createdAt))  \(auc)\(aliases)")
                }
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "One version: parameters, data period, metrics beside the baselines.")
        @OptionGroup var common: CommonOptions
        @Argument(help: "A version number, alias (champion) or id.") var reference: String

        func run() async throws {
            try await withRuntime(common) { runtime in
                let version = try await resolve(reference, runtime)
                print("delay model v\(version.version) (\(version.id)), \(version.origin) \(ISO8601Text.format(version.createdAt))")
                print(version.description)
                print("features \(version.featureSchema.version), lead time \(version.leadTimeMinutes) min, threshold \(String(format: "%.3f", version.decisionThreshold))")
                if let train = version.dataPeriod.train { print("trained on \(train), data fingerprint \(version.dataFingerprint.prefix(16))") }
                print("files: " + version.artifacts.map { "\($0.role) \($0.format) \($0.byteCount) B sha256 \($0.sha256.prefix(12))" }.joined(separator: "; "))
                print("aliases: \(version.aliases.isEmpty ? "none" : version.aliases.joined(separator: ", "))")
                if let evaluation = version.evaluation {
                    print("")
                    print(EvaluationReport(evaluation: evaluation, threshold: version.decisionThreshold).text)
                }
            }
        }
    }

    struct Promote: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Point an alias (champion, challenger) at a version; rolling back is promoting the previous one again.")
        @OptionGroup var common: CommonOptions
        @Argument(help: "A version number, alias or id.") var reference: String
        @Option(help: "The alias to move.") var alias = "champion"

        func run() async throws {
            try await withRuntime(common) { runtime in
                let version = try await resolve(reference, runtime)
                let before = try await runtime.prediction.registry.resolve(DelayPredictor.modelName, alias)
                try await runtime.prediction.registry.move(alias: alias, of: DelayPredictor.modelName, to: version, by: "cli",
                                                           now: Int64(Date().timeIntervalSince1970))
                print("\(alias): \(before.map { "v\($0.version)" } ?? "none") -> v\(version.version)")
            }
        }
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Register a model trained elsewhere (XGBoost JSON or UBJSON) whose features match the current schema.")
        @OptionGroup var common: CommonOptions
        @Argument(help: "The classifier's model file (probability of a 15+ minute delay).") var file: String
        @Option(help: "A regressor's model file for the expected minutes.") var minutes: String?
        @Option(help: "The probability at which a departure is flagged as delayed.") var threshold = 0.5
        @Option(help: "What the model is.") var description = ""

        func run() async throws {
            try await withRuntime(common) { runtime in
                guard let probability = FileManager.default.contents(atPath: file) else { throw ValidationError("cannot read \(file)") }
                let minutesData = try minutes.map { path in
                    guard let data = FileManager.default.contents(atPath: path) else { throw ValidationError("cannot read \(path)") }
                    return data
                }
                let version = try await ModelImporter(registry: runtime.prediction.registry).importModel(
                    probability: probability, minutes: minutesData, decisionThreshold: threshold,
                    leadTimeMinutes: DelayFeatureBuilder.defaultLeadTimeMinutes,
                    description: description.isEmpty ? "imported from \(file)" : description, now: Int64(Date().timeIntervalSince1970))
                print("imported as delay model v\(version.version) (\(version.id)); promote it with: skyport models promote \(version.version)")
            }
        }
    }

    struct History: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every alias move, newest first.")
        @OptionGroup var common: CommonOptions

        func run() async throws {
            try await withRuntime(common) { runtime in
                for move in try await runtime.prediction.registry.aliasHistory(of: DelayPredictor.modelName) {
                    print("\(ISO8601Text.format(move.movedAt))  \(move.alias): \(move.fromVersion.map { "v\($0)" } ?? "none") -> v\(move.toVersion) by \(move.movedBy)")
                }
            }
        }
    }

    static func resolve(_ reference: String, _ runtime: SkyportRuntime) async throws -> ModelVersion {
        guard let version = try await runtime.prediction.registry.resolve(DelayPredictor.modelName, reference) else {
            throw ValidationError("the delay model has no version or alias \(reference) (see skyport models list)")
        }
        return version
    }
}

/// Runs `body` over a started runtime (migrated database), closing it afterwards; service errors print their message.
func withRuntime(_ common: CommonOptions, _ body: (SkyportRuntime) async throws -> Void) async throws {
    let configuration = try common.configuration()
    let runtime = try await SkyportRuntime.start(configuration, logger: Logger(label: "skyport.cli"))
    do {
        try await body(runtime)
        try await runtime.prediction.log.flush()
    } catch let error as ServiceError {
        await runtime.database.close()
        throw CommandFailure(description: "\(error.message) (\(error.code))")
    } catch let failure as ValidationFailure {
        await runtime.database.close()
        throw CommandFailure(description: failure.issues.map { "\($0.field ?? ""): \($0.message)" }.joined(separator: "\n"))
    } catch {
        await runtime.database.close()
        throw error
    }
    await runtime.database.close()
}

/// A refusal worth printing as it is (without the usage text ArgumentParser adds to validation errors).
struct CommandFailure: Error, CustomStringConvertible {
    let description: String
}

/// Instants as ISO 8601 text for the terminal.
enum ISO8601Text {
    static func format(_ seconds: Int64) -> String { Date(timeIntervalSince1970: TimeInterval(seconds)).formatted(.iso8601) }
    static func parse(_ text: String) -> Int64? {
        if let date = try? Date(text, strategy: .iso8601) { return Int64(date.timeIntervalSince1970) }
        return LocalDate(iso: text).map { Int64($0.daysSinceEpoch) * 86_400 }
    }
}
