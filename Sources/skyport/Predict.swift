import ArgumentParser
import Foundation
import Prediction
import SkyportApp

/// `skyport predict`: the delay model from the command line.
struct Predict: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Predict departure delays with a registered model.",
        subcommands: [Flight.self, Window.self])

    struct Flight: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "One flight: probability, expected minutes and reasons.")
        @OptionGroup var common: CommonOptions
        @Argument(help: "A flight id (schedule) or a 2013 record number (history).") var flightID: String
        @Option(help: "schedule (flights on sale) or history (2013).") var source = "schedule"
        @Option(help: "Version number, alias or id.") var model = "champion"

        func run() async throws {
            try await withRuntime(common) { runtime in
                let prediction = try await runtime.prediction.predictor.predict(flightID: flightID, source: source, model: model)
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                print(String(decoding: try encoder.encode(prediction), as: UTF8.self))
            }
        }
    }

    struct Window: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every departure scheduled in a window, each at its lead time.")
        @OptionGroup var common: CommonOptions
        @Option(help: "Start (ISO 8601 time or a date).") var from: String
        @Option(help: "End, excluded (ISO 8601 time or a date).") var to: String
        @Option(help: "schedule (flights on sale) or history (2013).") var source = "schedule"
        @Option(help: "Version number, alias or id.") var model = "champion"
        @Flag(help: "Print every flight, not only those likely delayed.") var all = false

        func run() async throws {
            guard let start = ISO8601Text.parse(from), let end = ISO8601Text.parse(to), end > start else {
                throw ValidationError("--from and --to take ISO 8601 times or dates, with --to after --from")
            }
            try await withRuntime(common) { runtime in
                let scores = try await runtime.prediction.predictor.score(scheduledFrom: start, to: end, source: source, model: model)
                for prediction in scores.predictions where all || prediction.likelyDelayed {
                    print(String(format: "%@  %@ %5d  %@-%@  p=%.3f  ~%3.0f min", prediction.flight.scheduledDeparture ?? "", prediction.flight.carrier ?? "",
                                 prediction.flight.flightNumber ?? 0, prediction.flight.origin ?? "", prediction.flight.destination ?? "",
                                 prediction.probabilityDelayed, prediction.expectedDelayMinutes ?? 0))
                }
                let overall = Double(scores.count) / max(scores.featureSeconds + scores.scoringSeconds, 1e-9)
                print(String(format: "%d departures scored with v%d, %d likely delayed; features %.3f s, model %.3f s (%.0f rows/s); %.0f rows/s overall",
                             scores.count, scores.model.version, scores.likelyDelayed, scores.featureSeconds, scores.scoringSeconds,
                             Double(scores.count) / max(scores.scoringSeconds, 1e-9), overall))
            }
        }
    }
}
