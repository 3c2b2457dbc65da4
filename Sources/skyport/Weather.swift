import ArgumentParser
import Foundation
import Operations
import SkyportApp
import SkyportDomain

/// `skyport weather`: METAR ingestion and the latest observations.
struct WeatherCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "weather", abstract: "Ingest METAR reports and show the weather at Skyport's airports.",
        subcommands: [Ingest.self, Latest.self])

    struct Ingest: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Store the METAR/SPECI reports of FILE (one per line; - reads standard input).",
            discussion: "Malformed lines are listed with their reason; the rest is stored. Exit status 1 when no line could be read.")
        @OptionGroup var common: CommonOptions
        @Argument(help: "A text file of raw reports, or - for standard input.") var file: String

        func run() async throws {
            let text: String
            if file == "-" {
                text = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
            } else {
                guard let contents = try? String(contentsOfFile: file, encoding: .utf8) else {
                    throw CommandFailure(description: "cannot read \(file) as UTF-8 text")
                }
                text = contents
            }
            try await withRuntime(common) { runtime in
                let report = try await runtime.operations.weather.ingest(text)
                print("stored \(report.stored), corrected \(report.corrected), already stored \(report.duplicates), "
                      + "other stations \(report.ignoredStations.count), rejected \(report.rejected.count)")
                if !report.airports.isEmpty { print("airports: \(report.airports.joined(separator: " "))") }
                for rejection in report.rejected {
                    print("line \(rejection.line): \(rejection.message) [\(rejection.code)]  \(rejection.report)")
                }
                if report.stored + report.corrected + report.duplicates == 0, report.ignoredStations.isEmpty, !report.rejected.isEmpty {
                    throw CommandFailure(description: "no report could be read")
                }
            }
        }
    }

    struct Latest: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The latest observation at every airport that has one.")
        @OptionGroup var common: CommonOptions

        func run() async throws {
            try await withRuntime(common) { runtime in
                for observation in try await runtime.operations.weather.latest() {
                    let category = observation.flightCategory?.rawValue ?? "-"
                    let visibility = observation.visibilityMiles.map { "\($0) mi" } ?? "-"
                    let ceiling = observation.ceilingFeet.map { "\($0) ft" } ?? "none"
                    print("\(observation.airport)  \(ISO8601Text.format(observation.observedAt))  \(category)  visibility \(visibility)  ceiling \(ceiling)  \(observation.presentWeather.joined(separator: " "))")
                }
            }
        }
    }
}
