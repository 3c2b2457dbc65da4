import Foundation
import Forecasting
@testable import Prediction
import SQLKit
import SkyportDomain
import SkyportStore
import SkyportTestSupport
import Testing

@Suite struct RouteDemandTests {
    static let first = LocalDate(year: 2013, month: 1, day: 1)!

    static func route(_ seats: [Double], origin: String = "JFK", destination: String = "LAX") -> RouteSeries {
        RouteSeries(origin: origin, destination: destination, firstDate: first, seats: seats, departures: seats.map { _ in 4 }, imputedShare: 0)
    }

    @Test func theSeriesCountsDepartedSeatsImputesUnknownAircraftAndFillsMissingDays() {
        let days = [
            RecordedRouteDay(date: "2013-01-01", origin: "JFK", destination: "LAX", departures: 3, departuresWithSeats: 2, seats: 300),
            RecordedRouteDay(date: "2013-01-03", origin: "JFK", destination: "LAX", departures: 1, departuresWithSeats: 1, seats: 150),
            RecordedRouteDay(date: "2013-01-01", origin: "LGA", destination: "BOS", departures: 1, departuresWithSeats: 0, seats: 0),
            RecordedRouteDay(date: "2013-01-02", origin: "LGA", destination: "BOS", departures: 2, departuresWithSeats: 0, seats: 0),
            RecordedRouteDay(date: "2013-01-03", origin: "LGA", destination: "BOS", departures: 2, departuresWithSeats: 0, seats: 0),
            RecordedRouteDay(date: "2013-01-02", origin: "EWR", destination: "ORD", departures: 1, departuresWithSeats: 1, seats: 90),
        ]
        let series = RouteSeries.build(from: days, first: Self.first, last: Self.first.adding(days: 2), minimumDays: 2)
        // EWR-ORD flew on one day of three: left out. The busiest first.
        #expect(series.map(\.route) == ["LGA-BOS", "JFK-LAX"])
        let jfk = series[1]
        // The unknown aircraft takes the route's mean of 150 seats; the day without a departure is 0.
        #expect(jfk.seats == [450, 0, 150] && jfk.departures == [3, 0, 1])
        #expect(abs(jfk.imputedShare - 0.25) < 1e-9)
        // A route with no known aircraft takes the network's mean: (300 + 150 + 90) / 4 = 135 seats.
        #expect(series[0].seats == [135, 270, 270] && series[0].imputedShare == 1)
    }

    @Test func heldOutForecastsNeverReadTheTestDays() throws {
        let seats = SyntheticRouteTraffic.weeklySeats(days: 140, base: 1000, seed: 7)
        var poisoned = seats
        for index in (140 - 14)..<140 { poisoned[index] = index % 2 == 0 ? 1 : 50_000 }
        let clean = try RouteDemandTrainer.forecast(Self.route(seats), testDays: 14, level: 0.95)
        let dirty = try RouteDemandTrainer.forecast(Self.route(poisoned), testDays: 14, level: 0.95)
        #expect(clean.testMethod == dirty.testMethod)
        #expect(clean.model == dirty.model && clean.seasonalNaive == dirty.seasonalNaive && clean.weekdayMean == dirty.weekdayMean)
    }

    @Test func aWeeklyPatternIsForecastCloserThanSeasonalNaiveWithIntervalsThatCover() throws {
        let routes = (0..<4).map { Self.route(SyntheticRouteTraffic.weeklySeats(days: 182, base: Double(600 + 300 * $0), seed: UInt64($0 + 1)), origin: "JF\($0)") }
        var configuration = RouteDemandConfiguration()
        configuration.testDays = 28
        let outcomes = try routes.map { try RouteDemandTrainer.forecast($0, testDays: 28, level: 0.95) }
        let evaluation = RouteDemandTrainer.evaluate(outcomes, configuration: configuration, seconds: 0)
        #expect(evaluation.routes == 4 && evaluation.testPeriod == "2013-06-04 to 2013-07-01")
        #expect(evaluation.model.wape < evaluation.seasonalNaive.wape)
        #expect(evaluation.model.wape < 4, "4 % noise around a weekly pattern")
        #expect((evaluation.model.coverage ?? 0) >= 0.85)
        #expect(evaluation.weekdayMean.coverage == nil)
    }

    @Test func noForecastIsBelowNoSeats() {
        let points = [ForecastPoint(value: -3, lower: -10, upper: 5), ForecastPoint(value: 40, lower: 20, upper: 60)]
        #expect(points.seats == [ForecastPoint(value: 0, lower: 0, upper: 5), ForecastPoint(value: 40, lower: 20, upper: 60)])
    }

    @Test func theConfigurationRefusesWhatCannotTrain() throws {
        var configuration = RouteDemandConfiguration()
        #expect(configuration.problems().isEmpty)
        configuration.testDays = 3
        configuration.lastDate = "2013-02-01"
        configuration.level = 1
        #expect(Set(configuration.problems().map(\.field)) == ["testDays", "level"])
        configuration.testDays = 28
        #expect(Set(configuration.problems().map(\.field)) == ["lastDate", "level"])
    }

    /// Three routes over 20 weeks of a made-up record: the product trains, registers, serves a route's days and month
    /// totals and the planning view, and refuses what it cannot answer.
    @Test(arguments: TestDatabases.engines)
    func theProductTrainsRegistersAndServes(engine: SQLEngine) async throws {
        try await TestDatabases.with(engine) { database in
            try await SyntheticRouteTraffic.seed(database)
            let registry = ModelRegistry(database: database)
            let product = RouteDemandModel(database: database, registry: registry)
            await #expect(throws: ServiceError.self) { try await product.predict(Data(#"{"origin":"JFK","destination":"LAX"}"#.utf8)) }

            let version = try await SyntheticRouteTraffic.installChampion(product, registry: registry)
            let evaluation = try #require(try version.evaluation?.decode(RouteDemandEvaluation.self))
            #expect(evaluation.routes == 3 && evaluation.testPeriod == "2013-05-07 to 2013-05-20")
            #expect(product.headline(of: version.evaluation!)?.metrics.first?.baselines.keys.sorted() == ["seasonal naive", "weekday mean"])
            #expect(product.report(of: version)?.contains("seasonal naive") == true)

            let encoder = JSONEncoder()
            encoder.keyEncodingStrategy = .convertToSnakeCase
            let served = try await product.predict(Data(#"{"origin":"jfk","destination":"LAX","days":45}"#.utf8))
            let forecast = try JSONSerialization.jsonObject(with: try encoder.encode(served)) as! [String: Any]
            let daily = forecast["daily"] as! [[String: Any]], months = forecast["months"] as! [[String: Any]]
            #expect(daily.count == 45 && daily.first?["date"] as? String == "2013-05-21" && daily.last?["date"] as? String == "2013-07-04")
            #expect(months.map { $0["month"] as! String } == ["2013-05", "2013-06", "2013-07"] && months.map { $0["days"] as! Int } == [11, 30, 4])
            #expect(forecast["unit"] as? String == "seats_flown")
            for day in daily {
                let (value, lower, upper) = (day["seats"] as! Double, day["lower"] as! Double, day["upper"] as! Double)
                #expect(lower <= value && value <= upper && value > 300 && value < 900)
            }

            let planning = try await product.predictBatch(Data(#"{"days":14}"#.utf8))
            #expect(planning.count == 3)
            let view = try JSONSerialization.jsonObject(with: try encoder.encode(planning)) as! [String: Any]
            #expect(view["from"] as? String == "2013-05-21" && view["recent_to"] as? String == "2013-05-20")
            #expect((view["routes"] as! [[String: Any]]).allSatisfy { abs($0["change_percent"] as! Double) < 15 })
            #expect(try await product.predictBatch(Data(#"{"origin":"LGA"}"#.utf8)).count == 1)

            for (body, code) in [(#"{"origin":"JFK","destination":"SFO"}"#, "unknown_route"), (#"{"origin":"JFK","destination":"LAX","days":0}"#, "invalid_days"),
                                 (#"{"origin":"JFKX","destination":"LAX"}"#, "invalid_airport"), (#"{"origin":"JFK","destination":"LAX","level":1.5}"#, "invalid_level"),
                                 (#"{"origin":"JFK","destination":"LAX","model":"7"}"#, "model_not_found")] {
                await #expect(throws: ServiceError.self, "\(body)") {
                    do { _ = try await product.predict(Data(body.utf8)) } catch let error as ServiceError {
                        #expect(error.code.rawValue == code, "\(body)")
                        throw error
                    }
                }
            }
        }
    }
}
