import Foundation
import HTTPTypes
import HummingbirdTesting
import Prediction
import SkyportApp
import SkyportDomain
import SkyportTestSupport
import Testing

/// The cancellation-risk product through the generic routes: trained as a job, listed with its evaluation at both lead
/// times, and served for one 2013 flight and a window, each answer checked against the OpenAPI document.
@Suite struct CancellationRiskRoutesTests {
    @Test func trainedThroughAJobAndServedForAFlightAndAWindow() async throws {
        try await APITestHarness.withClient { client, runtime in
            try await SyntheticHistory.seed(runtime.database, days: 120)
            let headers = try await PredictionRoutesTests.operatorHeaders(runtime)
            func send(_ method: HTTPRequest.Method, _ uri: String, _ body: Any? = nil) async throws -> TestResponse {
                try await PredictionRoutesTests.send(client, method, uri, headers: headers, body)
            }
            let noModel = try await send(.post, "/v1/predictions/cancellation-risk", ["flight_id": "1", "source": "history"])
            #expect(noModel.status == .notFound && APITestHarness.errorCodes(noModel) == ["model_not_found"])
            let configuration: [String: Any] = [
                "train": ["from": "2013-01-01", "to": "2013-03-15"], "validation": ["from": "2013-03-16", "to": "2013-03-31"],
                "test": ["from": "2013-04-01", "to": "2013-04-30"],
                "booster": ["maxRounds": 60, "maxDepth": 4, "learningRate": 0.2, "earlyStoppingRounds": 10],
            ]
            let badLeads = try await send(.post, "/v1/training-jobs", ["model": "cancellation-risk", "configuration": ["leadTimesMinutes": [2000]]])
            #expect(APITestHarness.errorCodes(badLeads) == ["invalid_lead_time"])
            let started = try await send(.post, "/v1/training-jobs", ["model": "cancellation-risk", "configuration": configuration, "promote": "champion"])
            #expect(started.status == .accepted)
            let jobID = try #require(APITestHarness.json(started, schema: "TrainingJob")["id"] as? String)
            let job = try await PredictionRoutesTests.finished(jobID) { try await send(.get, $0) }
            #expect(job["status"] as? String == "succeeded", "\(job)")

            let versions = APITestHarness.json(try await send(.get, "/v1/models/cancellation-risk/versions"), schema: "ModelVersionList")
            let version = try #require((versions["versions"] as? [[String: Any]])?.first)
            #expect(version["lead_time_minutes"] as? Int == 360 && version["aliases"] as? [String] == ["champion"])
            let leadTimes = try #require((version["evaluation"] as? [String: Any])?["lead_times"] as? [[String: Any]])
            #expect(leadTimes.compactMap { $0["lead_time_minutes"] as? Int } == [360, 120])

            // One flight of the test period: read six hours ahead, and two when asked.
            let day = Int64(LocalDate(year: 2013, month: 4, day: 10)!.daysSinceEpoch) * 86_400
            let flightID = try await runtime.prediction.history.departures(scheduledFrom: day + 12 * 3600, to: day + 86_400).first?.reference
            let answer = APITestHarness.json(try await send(.post, "/v1/predictions/cancellation-risk",
                                                            ["flight_id": try #require(flightID), "source": "history"]), schema: "CancellationRiskPrediction")
            #expect(answer["lead_time_minutes"] as? Int == 360)
            let probability = try #require(answer["probability_cancelled"] as? Double)
            #expect(probability >= 0 && probability <= 1)
            let flight = try #require(answer["flight"] as? [String: Any])
            let departure = try Date(try #require(flight["scheduled_departure"] as? String), strategy: .iso8601)
            let asOf = try Date(try #require(answer["features_as_of"] as? String), strategy: .iso8601)
            #expect(departure.timeIntervalSince(asOf) == 6 * 3600)
            let twoHours = APITestHarness.json(try await send(.post, "/v1/predictions/cancellation-risk",
                                                              ["flight_id": try #require(flightID), "source": "history", "lead_time_minutes": 120]),
                                               schema: "CancellationRiskPrediction")
            #expect(twoHours["lead_time_minutes"] as? Int == 120)
            let badLead = try await send(.post, "/v1/predictions/cancellation-risk", ["flight_id": "1", "source": "history", "lead_time_minutes": -5])
            #expect(APITestHarness.errorCodes(badLead) == ["invalid_lead_time"])

            let window = APITestHarness.json(try await send(.post, "/v1/predictions/cancellation-risk/batch",
                                                            ["from": "2013-04-10T00:00:00Z", "to": "2013-04-11T00:00:00Z", "source": "history"]),
                                             schema: "CancellationRiskScores")
            #expect((window["count"] as? Int ?? 0) > 50)
            #expect((window["predictions"] as? [Any])?.count == window["count"] as? Int)
        }
    }
}
