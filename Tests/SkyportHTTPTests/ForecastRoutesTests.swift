import Foundation
import HTTPTypes
import HummingbirdTesting
import SkyportTestSupport
import Testing

/// `POST /v1/forecasts`: a series in, the chosen method's forecast with intervals and every candidate's backtest out
/// (checked against the OpenAPI document); bad series get the documented codes; operators only.
@Suite struct ForecastRoutesTests {
    /// A monthly series with a trend and a season (a level of 200 growing 1.5 a month, ±15 % over the year, a little
    /// deterministic wobble), eight years from January 2010.
    static func monthly() -> (timestamps: [String], values: [Double]) {
        let timestamps = (0..<96).map { String(format: "%04d-%02d", 2010 + $0 / 12, $0 % 12 + 1) }
        let values = (0..<96).map { month -> Double in
            let trend = 200 + 1.5 * Double(month)
            return trend * (1 + 0.15 * sin(2 * .pi * Double(month % 12) / 12)) + 3 * sin(Double(month) * 1.7)
        }
        return (timestamps, values)
    }

    @Test func forecastsASeriesWithItsBacktest() async throws {
        try await APITestHarness.withClient { client, runtime in
            let headers = try await PredictionRoutesTests.operatorHeaders(runtime)
            let series = Self.monthly()
            let body: [String: Any] = ["timestamps": series.timestamps, "values": series.values, "frequency": "monthly", "horizon": 12, "level": 0.9]
            let answer = APITestHarness.json(try await PredictionRoutesTests.send(client, .post, "/v1/forecasts", headers: headers, body), schema: "SeriesForecast")
            let forecast = try #require(answer["forecast"] as? [[String: Any]])
            #expect(forecast.count == 12)
            #expect(forecast.first?["timestamp"] as? String == "2018-01" && forecast.last?["timestamp"] as? String == "2018-12")
            for point in forecast {
                let value = try #require(point["value"] as? Double)
                #expect((point["lower"] as? Double ?? .infinity) < value && value < (point["upper"] as? Double ?? -.infinity))
            }
            let backtest = try #require(answer["backtest"] as? [String: Any])
            let methods = try #require(backtest["methods"] as? [[String: Any]])
            #expect(methods.count == 6 && backtest["origins"] as? Int == 6)
            #expect(methods.first?["method"] as? String == answer["method"] as? String)
            // The chosen method beats seasonal naive on a trending series.
            let naive = try #require((answer["seasonal_naive"] as? [String: Any])?["mase"] as? Double)
            #expect(try #require(methods.first?["mase"] as? Double) < naive)

            let unauthenticated = try await client.execute(uri: "/v1/forecasts", method: .post, headers: [.contentType: "application/json"],
                                                           body: try APITestHarness.body(body))
            #expect(unauthenticated.status == .unauthorized)
        }
    }

    @Test func badSeriesAreRefusedWithTheirCodes() async throws {
        try await APITestHarness.withClient { client, runtime in
            let headers = try await PredictionRoutesTests.operatorHeaders(runtime)
            let series = Self.monthly()
            func codes(_ changes: [String: Any]) async throws -> [String] {
                var body: [String: Any] = ["timestamps": series.timestamps, "values": series.values, "frequency": "monthly", "horizon": 12]
                body.merge(changes) { $1 }
                let response = try await PredictionRoutesTests.send(client, .post, "/v1/forecasts", headers: headers, body)
                #expect(response.status == .unprocessableContent)
                return APITestHarness.errorCodes(response)
            }
            #expect(try await codes(["frequency": "hourly"]) == ["invalid_frequency"])
            #expect(try await codes(["horizon": 0]) == ["invalid_horizon"])
            #expect(try await codes(["level": 1.5]) == ["invalid_level"])
            #expect(try await codes(["values": Array(series.values.dropLast())]) == ["invalid_series"])
            var gap = series.timestamps
            gap[40] = "2013-06"
            #expect(try await codes(["timestamps": gap]) == ["invalid_series"])
            gap[40] = "June 2013"
            #expect(try await codes(["timestamps": gap]) == ["invalid_timestamp"])
            #expect(try await codes(["timestamps": Array(series.timestamps.prefix(20)), "values": Array(series.values.prefix(20))]) == ["series_too_short"])
            // Too short for every method but seasonal naive: that is what it answers with.
            let short = try await PredictionRoutesTests.send(client, .post, "/v1/forecasts", headers: headers, [
                "timestamps": Array(series.timestamps.prefix(30)), "values": Array(series.values.prefix(30)), "frequency": "monthly", "horizon": 12])
            #expect(APITestHarness.json(short, schema: "SeriesForecast")["method"] as? String == "seasonal_naive")
            #expect(try await codes(["values": "many"]) == ["wrong_type"])
        }
    }
}
