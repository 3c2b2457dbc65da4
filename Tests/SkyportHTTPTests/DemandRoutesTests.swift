import Foundation
import HTTPTypes
import HummingbirdTesting
import Prediction
import SkyportApp
import SkyportDomain
import SkyportTestSupport
import Testing

/// The demand product through the generic routes: trained as a job on a made-up record of three routes, then served
/// for one route and as the planning view, each answer checked against the OpenAPI document; bad requests get their codes.
@Suite struct DemandRoutesTests {
    @Test func trainedThroughAJobAndServedForARouteAndThePlanningView() async throws {
        try await APITestHarness.withClient { client, runtime in
            let headers = try await PredictionRoutesTests.operatorHeaders(runtime)
            func send(_ method: HTTPRequest.Method, _ uri: String, _ body: Any? = nil) async throws -> TestResponse {
                try await PredictionRoutesTests.send(client, method, uri, headers: headers, body)
            }
            try await SyntheticRouteTraffic.seed(runtime.database)
            let noModel = try await send(.post, "/v1/predictions/demand", ["origin": "JFK", "destination": "LAX"])
            #expect(noModel.status == .notFound && APITestHarness.errorCodes(noModel) == ["model_not_found"])
            let refused = try await send(.post, "/v1/training-jobs", ["model": "demand", "configuration": ["testDays": 2]])
            #expect(refused.status == .unprocessableContent && APITestHarness.errorCodes(refused) == ["invalid_parameter"])

            let started = try await send(.post, "/v1/training-jobs", [
                "model": "demand", "promote": "champion", "configuration": ["lastDate": "2013-05-20", "testDays": 14, "minimumDays": 100],
            ])
            #expect(started.status == .accepted)
            let jobID = try #require(APITestHarness.json(started, schema: "TrainingJob")["id"] as? String)
            let job = try await PredictionRoutesTests.finished(jobID) { try await send(.get, $0) }
            #expect(job["status"] as? String == "succeeded", "\(job)")
            let overview = APITestHarness.json(try await send(.get, "/v1/models/demand"), schema: "ModelOverview")
            #expect(overview["champion"] != nil)

            let forecast = APITestHarness.json(try await send(.post, "/v1/predictions/demand", ["origin": "LGA", "destination": "ORD", "days": 10, "level": 0.8]),
                                               schema: "RouteDemandForecast")
            let daily = try #require(forecast["daily"] as? [[String: Any]])
            #expect(daily.count == 10 && daily[0]["date"] as? String == "2013-05-21" && forecast["level"] as? Double == 0.8)
            #expect((forecast["recent"] as? [String: Any])?["departures"] as? Int == 28 * 4)

            let planning = APITestHarness.json(try await send(.post, "/v1/predictions/demand/batch", ["days": 7]), schema: "RoutePlanning")
            #expect((planning["routes"] as? [[String: Any]])?.count == 3 && planning["to"] as? String == "2013-05-27")

            for (body, status, code) in [
                (["origin": "JFK", "destination": "SFO"] as [String: Any], HTTPResponse.Status.notFound, "unknown_route"),
                (["origin": "JFK", "destination": "LAX", "days": 400], .unprocessableContent, "invalid_days"),
                (["origin": "J1K", "destination": "LAX"], .unprocessableContent, "invalid_airport"),
                (["origin": "JFK", "destination": "LAX", "level": 0.2], .unprocessableContent, "invalid_level"),
            ] {
                let answer = try await send(.post, "/v1/predictions/demand", body)
                #expect(answer.status == status && APITestHarness.errorCodes(answer) == [code], "\(body)")
            }
            #expect(APITestHarness.errorCodes(try await send(.post, "/v1/predictions/demand/batch", ["days": 92])) == ["invalid_days"])
        }
    }
}
