import ArgumentParser
import Foundation
import Logging
import Prediction
import SkyportApp
import SkyportDomain
import SkyportStore

/// `skyport models`: the catalogue of model products and the registry of each (`--model`, the delay model by default).
struct Models: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The model catalogue; list, inspect, promote and import versions of a model (--model, default delay).",
        subcommands: [Catalogue.self, List.self, Show.self, Promote.self, Import.self, History.self])

    /// The arguments with `models <model> <command> ...` put as `models <command> --model <model> ...`, so that both spellings work.
    static func arguments(_ arguments: [String]) -> [String] {
        let commands = Set(configuration.subcommands.compactMap { $0.configuration.commandName ?? String(describing: $0).lowercased() })
        guard arguments.count >= 3, arguments[0] == "models", !arguments[1].hasPrefix("-"), !commands.contains(arguments[1]) else { return arguments }
        return ["models", arguments[2], "--model", arguments[1]] + arguments.dropFirst(3)
    }

    /// Which product a registry command works on.
    struct ModelOption: ParsableArguments {
        @Option(help: "The model product (skyport models catalogue lists them).") var model = DelayModel.name.rawValue
    }

    struct Catalogue: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every model product: what it predicts, its champion and test metrics beside baselines.")
        @OptionGroup var common: CommonOptions

        func run() async throws {
            try await withRuntime(common) { runtime in
                for product in runtime.prediction.catalog.products {
                    let overview = try await runtime.prediction.overview(of: product)
                    print("\(overview.name): \(overview.summary)")
                    print("  features \(overview.featureSchema) (\(overview.features)), \(overview.versions) version(s)")
                    for deployed in [overview.champion, overview.challenger].compactMap({ $0 }) {
                        print("  \(deployed.alias): v\(deployed.version), trained on \(deployed.dataPeriod.train?.description ?? "data from elsewhere")")
                        for metric in deployed.headline?.metrics ?? [] {
                            let baselines = metric.baselines.sorted { $0.key < $1.key }.map { "\($0.key) \(String(format: "%.4f", $0.value))" }
                            print("    \(metric.name) \(String(format: "%.4f", metric.model))  (\(baselines.joined(separator: ", ")))")
                        }
                    }
                    if overview.champion == nil { print("  no champion: skyport train \(overview.name) --promote champion") }
                }
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every version of a model, newest first.")
        @OptionGroup var common: CommonOptions
        @OptionGroup var product: ModelOption

        func run() async throws {
            let model = product.model
            try await withRuntime(common) { runtime in
                let product = try runtime.prediction.catalog.require(model, kind: .invalid)
                let versions = try await runtime.prediction.registry.versions(of: product.name.rawValue)
                if versions.isEmpty { print("no \(model) model yet: skyport train \(model) --promote champion") }
                for version in versions {
                    let first = version.evaluation.flatMap(product.headline)?.metrics.first
                    let auc = first.map { String(format: "\($0.name) %.4f", $0.model) } ?? "no evaluation"
                    let aliases = version.aliases.isEmpty ? "" : "  [\(version.aliases.joined(separator: ", "))]"
                    print("v\(version.version)  \(version.id)  \(version.origin)  \(ISO8601Text.format(version.createdAt))  \(auc)\(aliases)")
                }
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "One version: parameters, data period, metrics beside the baselines.")
        @OptionGroup var common: CommonOptions
        @OptionGroup var product: ModelOption
        @Argument(help: "A version number, alias (champion) or id.") var reference: String

        func run() async throws {
            let (model, reference) = (product.model, reference)
            try await withRuntime(common) { runtime in
                let (product, version) = try await resolve(reference, of: model, runtime)
                print("\(model) model v\(version.version) (\(version.id)), \(version.origin) \(ISO8601Text.format(version.createdAt))")
                print(version.description)
                print("features \(version.featureSchema.version), lead time \(version.leadTimeMinutes) min, threshold \(String(format: "%.3f", version.decisionThreshold))")
                if let train = version.dataPeriod.train { print("trained on \(train), data fingerprint \(version.dataFingerprint.prefix(16))") }
                print("files: " + version.artifacts.map { "\($0.role) \($0.format) \($0.byteCount) B sha256 \($0.sha256.prefix(12))" }.joined(separator: "; "))
                print("aliases: \(version.aliases.isEmpty ? "none" : version.aliases.joined(separator: ", "))")
                if let report = product.report(of: version) {
                    print("")
                    print(report)
                }
            }
        }
    }

    struct Promote: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Point an alias (champion, challenger) at a version; rolling back is promoting the previous one again.")
        @OptionGroup var common: CommonOptions
        @OptionGroup var product: ModelOption
        @Argument(help: "A version number, alias or id.") var reference: String
        @Option(help: "The alias to move.") var alias = "champion"

        func run() async throws {
            let (model, reference, alias) = (product.model, reference, alias)
            try await withRuntime(common) { runtime in
                let (product, version) = try await resolve(reference, of: model, runtime)
                let before = try await runtime.prediction.registry.resolve(product.name.rawValue, alias)
                try await runtime.prediction.registry.move(alias: alias, of: product.name.rawValue, to: version, by: "cli",
                                                           now: Int64(Date().timeIntervalSince1970))
                print("\(alias): \(before.map { "v\($0.version)" } ?? "none") -> v\(version.version)")
            }
        }
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Register a model trained elsewhere (XGBoost JSON or UBJSON) whose features match the current schema.")
        @OptionGroup var common: CommonOptions
        @OptionGroup var product: ModelOption
        @Argument(help: "The model file of the product's first role (the delay model: the probability of a 15+ minute delay).") var file: String
        @Option(help: "The delay model's regressor file for the expected minutes.") var minutes: String?
        @Option(help: "The probability at which a departure is flagged as delayed.") var threshold = 0.5
        @Option(help: "What the model is.") var description = ""

        func run() async throws {
            let (model, file, minutes, threshold, description) = (product.model, file, minutes, threshold, description)
            try await withRuntime(common) { runtime in
                let product = try runtime.prediction.catalog.require(model, kind: .invalid)
                func read(_ path: String) throws -> Data {
                    guard let data = FileManager.default.contents(atPath: path) else { throw ValidationError("cannot read \(path)") }
                    return data
                }
                var files = [product.artifactRoles.first ?? "": try read(file)]
                if let minutes { files[ModelVersion.minutesRole] = try read(minutes) }
                let version = try await ModelImporter(registry: runtime.prediction.registry, product: product).importModel(
                    files, decisionThreshold: threshold, leadTimeMinutes: product.defaultLeadTimeMinutes,
                    description: description.isEmpty ? "imported from \(file)" : description, now: Int64(Date().timeIntervalSince1970))
                print("imported as \(model) model v\(version.version) (\(version.id)); promote it with: skyport models promote --model \(model) \(version.version)")
            }
        }
    }

    struct History: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every alias move of a model, newest first.")
        @OptionGroup var common: CommonOptions
        @OptionGroup var product: ModelOption

        func run() async throws {
            let model = product.model
            try await withRuntime(common) { runtime in
                let name = try runtime.prediction.catalog.require(model, kind: .invalid).name.rawValue
                for move in try await runtime.prediction.registry.aliasHistory(of: name) {
                    print("\(ISO8601Text.format(move.movedAt))  \(move.alias): \(move.fromVersion.map { "v\($0)" } ?? "none") -> v\(move.toVersion) by \(move.movedBy)")
                }
            }
        }
    }

    static func resolve(_ reference: String, of model: String, _ runtime: SkyportRuntime) async throws -> (any ModelProduct, ModelVersion) {
        let product = try runtime.prediction.catalog.require(model, kind: .invalid)
        guard let version = try await runtime.prediction.registry.resolve(product.name.rawValue, reference) else {
            throw ValidationError("the \(model) model has no version or alias \(reference) (see skyport models list --model \(model))")
        }
        return (product, version)
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
