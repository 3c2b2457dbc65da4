import Accounts
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Prediction
import SQLKit
import SkyportApp
import SkyportDomain
import SkyportHTTP
import SkyportStore
import SkyportTestSupport
import Testing

/// The ML platform's endpoints: operator rights, training jobs, the registry, serving and monitoring.
@Suite struct PredictionRoutesTests {
    static func operatorHeaders(_ runtime: SkyportRuntime) async throws -> HTTPFields {
        let (_, token) = try await OperatorTokens(database: runtime.database).create(name: "ops-test", now: 1)
        return [.authorization: "Bearer \(token)", .contentType: "application/json"]
    }

    /// A training job once it has succeeded or failed (polled for up to two minutes), as `GET /v1/training-jobs/{id}` shows it.
    static func finished(_ jobID: String, get: (String) async throws -> TestResponse) async throws -> [String: Any] {
        var job: [String: Any] = [:]
        for _ in 0..<480 {
            job = APITestHarness.json(try await get("/v1/training-jobs/\(jobID)"), schema: "TrainingJob")
            if ["succeeded", "failed"].contains(job["status"] as? String) { break }
            try await Task.sleep(for: .milliseconds(250))
        }
        return job
    }

    static func send(_ client: any TestClientProtocol, _ method: HTTPRequest.Method, _ uri: String, headers: HTTPFields,
                     _ body: Any? = nil) async throws -> TestResponse {
        try await client.execute(uri: uri, method: method, headers: headers, body: try body.map(APITestHarness.body))
    }

    @Test func operatorEndpointsNeedAValidToken() async throws {
        try await APITestHarness.withClient { client, runtime in
            let tokens = OperatorTokens(database: runtime.database)
            let (holder, token) = try await tokens.create(name: "night shift", now: 1)
            for (method, uri) in [(HTTPRequest.Method.post, "/v1/predictions/delay"), (.get, "/v1/models/delay/versions"),
                                  (.post, "/v1/training-jobs"), (.get, "/v1/models/delay/monitoring"), (.put, "/v1/models/delay/aliases/champion")] {
                let anonymous = try await Self.send(client, method, uri, headers: [:], ["flight_id": "x"])
                #expect(anonymous.status == .unauthorized)
                #expect(APITestHarness.errorCodes(anonymous) == ["operator_token_required"])
                let wrong = try await Self.send(client, method, uri, headers: [.authorization: "Bearer sop_\(String(repeating: "0", count: 64))"])
                #expect(APITestHarness.errorCodes(wrong) == ["operator_token_invalid"])
            }
            let allowed = try await Self.send(client, .get, "/v1/models/delay/versions", headers: [.authorization: "Bearer \(token)"])
            #expect(allowed.status == .ok)
            #expect(try await tokens.revoke(id: holder.id, now: 2))
            let revoked = try await Self.send(client, .get, "/v1/models/delay/versions", headers: [.authorization: "Bearer \(token)"])
            #expect(APITestHarness.errorCodes(revoked) == ["operator_token_invalid"])
        }
    }

    @Test func trainPromotePredictAndMonitorThroughTheAPI() async throws {
        try await APITestHarness.withClient { client, runtime in
            try await SyntheticHistory.seed(runtime.database, days: 70)
            let headers = try await Self.operatorHeaders(runtime)
            let noModel = try await Self.send(client, .post, "/v1/predictions/delay", headers: headers, ["flight_id": "1", "source": "history"])
            #expect(noModel.status == .notFound)
            #expect(APITestHarness.errorCodes(noModel) == ["model_not_found"])

            let configuration: [String: Any] = [
                "train": ["from": "2013-01-01", "to": "2013-02-15"], "validation": ["from": "2013-02-16", "to": "2013-02-28"],
                "test": ["from": "2013-03-01", "to": "2013-03-11"],
                "booster": ["maxRounds": 30, "maxDepth": 4, "learningRate": 0.2, "earlyStoppingRounds": 6],
            ]
            let badJob = try await Self.send(client, .post, "/v1/training-jobs", headers: headers,
                                             ["configuration": ["train": ["from": "2013-13-01", "to": "2013-02-15"]]])
            #expect(badJob.status == .unprocessableContent)
            #expect(APITestHarness.errorCodes(badJob) == ["invalid_period"])
            let started = try await Self.send(client, .post, "/v1/training-jobs", headers: headers, ["configuration": configuration, "promote": "champion"])
            #expect(started.status == .accepted)
            let jobID = try #require(APITestHarness.json(started, schema: "TrainingJob")["id"] as? String)
            var job: [String: Any] = [:]
            for _ in 0..<240 {
                job = APITestHarness.json(try await Self.send(client, .get, "/v1/training-jobs/\(jobID)", headers: headers), schema: "TrainingJob")
                if ["succeeded", "failed"].contains(job["status"] as? String) { break }
                try await Task.sleep(for: .milliseconds(250))
            }
            #expect(job["status"] as? String == "succeeded", "\(job)")
            #expect(job["model_version"] as? Int == 1)
            #expect((job["progress"] as? [String])?.contains { $0.contains("best round") } == true)

            let versions = APITestHarness.json(try await Self.send(client, .get, "/v1/models/delay/versions", headers: headers), schema: "ModelVersionList")
            let first = try #require((versions["versions"] as? [[String: Any]])?.first)
            #expect(first["aliases"] as? [String] == ["champion"])
            let evaluation = try #require(first["evaluation"] as? [String: Any])
            let classifier = try #require(evaluation["classifier"] as? [String: Any])
            let modelAUC = try #require((classifier["model"] as? [String: Any])?["auc"] as? Double)
            #expect(modelAUC > 0.7)

            // One flight of the test period, by its 2013 id.
            let flightID = try await runtime.database.read { sql in
                try await sql.raw("SELECT id FROM historical_flights WHERE flight_date = '2013-03-05' ORDER BY departure_delay_minutes DESC LIMIT 1")
                    .first()!.decode(column: "id", as: Int64.self)
            }
            let predicted = try await Self.send(client, .post, "/v1/predictions/delay", headers: headers,
                                                ["flight_id": String(flightID), "source": "history"])
            #expect(predicted.status == .ok)
            let prediction = APITestHarness.json(predicted, schema: "DelayPrediction")
            #expect((prediction["model"] as? [String: Any])?["alias"] as? String == "champion")
            let probability = try #require(prediction["probability_delayed"] as? Double)
            #expect(probability >= 0 && probability <= 1)
            #expect(prediction["expected_delay_minutes"] is Double)
            #expect(prediction["lead_time_minutes"] as? Int == 120)
            let flight = try #require(prediction["flight"] as? [String: Any])
            let departure = try Date(try #require(flight["scheduled_departure"] as? String), strategy: .iso8601)
            let asOf = try Date(try #require(prediction["features_as_of"] as? String), strategy: .iso8601)
            #expect(departure.timeIntervalSince(asOf) == 7200)
            let reasons = try #require(prediction["reasons"] as? [[String: Any]])
            #expect(!reasons.isEmpty && reasons.count <= 3)
            #expect(reasons.allSatisfy { ($0["phrase"] as? String)?.isEmpty == false && ($0["contribution"] as? Double ?? 0) > 0 })

            // Explicit features: all of them, null where unknown, codes as text.
            var features: [String: Any] = Dictionary(uniqueKeysWithValues: DelayFeature.allCases.map { ($0.rawValue, NSNull() as Any) })
            features["origin"] = "JFK"
            features["carrier"] = "B6"
            features["wind_gust_mph"] = 45
            features["waiting_departures"] = 14
            let explicit = try await Self.send(client, .post, "/v1/predictions/delay", headers: headers, ["features": features, "model": "1"])
            #expect(explicit.status == .ok)
            _ = APITestHarness.json(explicit, schema: "DelayPrediction")

            var incomplete = features
            incomplete["hour_local"] = nil
            incomplete["wind_speed_mph"] = true
            incomplete["origin"] = 7
            incomplete["snowfall"] = 2
            let refused = try await Self.send(client, .post, "/v1/predictions/delay", headers: headers, ["features": incomplete])
            #expect(refused.status == .unprocessableContent)
            #expect(Set(APITestHarness.errorCodes(refused)) == ["missing_feature", "wrong_type", "unknown_feature"])

            for (body, status, code) in [
                (["flight_id": "999999999", "source": "history"] as [String: Any], HTTPResponse.Status.notFound, "flight_not_found"),
                (["flight_id": String(flightID), "source": "history", "model": "9"], .notFound, "model_not_found"),
                (["flight_id": String(flightID), "source": "future"], .unprocessableContent, "unknown_source"),
                (["flight_id": String(flightID), "source": "history", "lead_time_minutes": -5], .unprocessableContent, "invalid_lead_time"),
                (["flight_id": 12], .unprocessableContent, "wrong_type"),
                ([:], .unprocessableContent, "missing_field"),
            ] {
                let response = try await Self.send(client, .post, "/v1/predictions/delay", headers: headers, body)
                #expect(response.status == status, "\(body)")
                #expect(APITestHarness.errorCodes(response) == [code], "\(body)")
            }

            // A whole day in one call.
            let batch = try await Self.send(client, .post, "/v1/predictions/delay/batch", headers: headers,
                                            ["from": "2013-03-05T05:00:00Z", "to": "2013-03-06T05:00:00Z", "source": "history"])
            #expect(batch.status == .ok)
            let scores = APITestHarness.json(batch, schema: "BatchScores")
            #expect(scores["count"] as? Int == 90)
            let badWindow = try await Self.send(client, .post, "/v1/predictions/delay/batch", headers: headers,
                                                ["from": "2013-03-05T05:00:00Z", "to": "2013-05-06T05:00:00Z", "source": "history"])
            #expect(APITestHarness.errorCodes(badWindow) == ["invalid_window"])

            // Monitoring sees the predictions just made: drift per feature and realized AUC for the day.
            try await runtime.prediction.log.flush()
            let monitoring = APITestHarness.json(try await Self.send(client, .get, "/v1/models/delay/monitoring?days=1", headers: headers),
                                                 schema: "ModelMonitoring")
            let drift = try #require(monitoring["drift"] as? [String: Any])
            #expect(drift["predictions"] as? Int == 91)
            #expect((drift["features"] as? [[String: Any]])?.count == DelayFeature.allCases.count)
            // Days are UTC dates: the local day of 2013-03-05 spans two of them.
            let days = try #require(monitoring["days"] as? [[String: Any]])
            #expect(days.map { $0["predictions"] as? Int ?? 0 }.reduce(0, +) == 90)
            #expect(days.allSatisfy { $0["with_outcome"] as? Int == $0["predictions"] as? Int })
            #expect(days.contains { ($0["realized_auc"] as? NSNumber).map { $0.doubleValue > 0.5 } == true }, "\(days)")
        }
    }

    @Test(arguments: TestDatabases.engines)
    func importPromoteAndRollBackThroughTheAPI(engine: SQLEngine) async throws {
        try await APITestHarness.withClient(engine: engine) { client, runtime in
            let headers = try await Self.operatorHeaders(runtime)
            let model = try TinyDelayModel.bytes().base64EncodedString()
            let imported = try await Self.send(client, .post, "/v1/models/delay/versions", headers: headers,
                                               ["probability_model": model, "decision_threshold": 0.4, "description": "from the lab"])
            #expect(imported.status == .created)
            #expect(APITestHarness.json(imported, schema: "ModelVersion")["origin"] as? String == "imported")
            _ = try await Self.send(client, .post, "/v1/models/delay/versions", headers: headers, ["probability_model": model])

            for (body, code) in [
                (["probability_model": try TinyDelayModel.bytes(columns: 5).base64EncodedString()], "feature_schema_mismatch"),
                (["probability_model": Data("not a model".utf8).base64EncodedString()], "invalid_model_file"),
                (["probability_model": "%%%"], "missing_field"),
                (["probability_model": model, "decision_threshold": 3], "invalid_threshold"),
            ] as [([String: Any], String)] {
                let response = try await Self.send(client, .post, "/v1/models/delay/versions", headers: headers, body)
                #expect(response.status == .unprocessableContent)
                #expect(APITestHarness.errorCodes(response) == [code])
            }

            let promoted = try await Self.send(client, .put, "/v1/models/delay/aliases/champion", headers: headers, ["version": 2])
            #expect(promoted.status == .ok)
            _ = try await Self.send(client, .put, "/v1/models/delay/aliases/champion", headers: headers, ["version": 1])
            let aliases = APITestHarness.json(try await Self.send(client, .get, "/v1/models/delay/aliases", headers: headers), schema: "ModelAliases")
            #expect((aliases["aliases"] as? [[String: Any]])?.first?["version"] as? Int == 1)
            #expect((aliases["moves"] as? [[String: Any]])?.count == 2)
            #expect((aliases["moves"] as? [[String: Any]])?.first?["moved_by"] as? String == "ops-test")

            let unknown = try await Self.send(client, .put, "/v1/models/delay/aliases/champion", headers: headers, ["version": 9])
            #expect(APITestHarness.errorCodes(unknown) == ["model_not_found"])
            let badAlias = try await Self.send(client, .put, "/v1/models/delay/aliases/Top%20Model", headers: headers, ["version": 1])
            #expect(APITestHarness.errorCodes(badAlias) == ["invalid_alias"])
            let one = try await Self.send(client, .get, "/v1/models/delay/versions/champion", headers: headers)
            #expect(APITestHarness.json(one, schema: "ModelVersion")["version"] as? Int == 1)

            // A flight on sale, with live weather at its origin and an earlier departure recorded.
            let (flightID, origin, departsAt) = try await runtime.database.read { sql in
                let row = try await sql.raw("SELECT id, origin, departs_at FROM flights ORDER BY departs_at LIMIT 1 OFFSET 20").first()!
                return (try row.decode(column: "id", as: String.self), try row.decode(column: "origin", as: String.self),
                        try row.decode(column: "departs_at", as: Int64.self))
            }
            try await runtime.database.transaction { sql in
                try await sql.raw("""
                    INSERT INTO weather_observations (station, observed_at, wind_speed_mph, wind_gust_mph, visibility_mi, source, received_at)
                    VALUES (\(bind: origin), \(bind: departsAt - 3 * 3600), 30.0, 45.0, 0.5, 'test', \(bind: departsAt - 3 * 3600))
                    """).run()
                let earlier = try await sql.raw("SELECT id, departs_at FROM flights WHERE origin = \(bind: origin) AND departs_at < \(bind: departsAt - 3 * 3600) ORDER BY departs_at DESC LIMIT 1").first()
                if let earlier {
                    try await sql.raw("""
                        INSERT INTO flight_departures (flight_id, departed_at, recorded_at)
                        VALUES (\(bind: try earlier.decode(column: "id", as: String.self)), \(bind: try earlier.decode(column: "departs_at", as: Int64.self) + 3600), 0)
                        """).run()
                }
            }
            let live = try await Self.send(client, .post, "/v1/predictions/delay", headers: headers, ["flight_id": flightID])
            #expect(live.status == .ok)
            let prediction = APITestHarness.json(live, schema: "DelayPrediction")
            #expect((prediction["flight"] as? [String: Any])?["source"] as? String == "schedule")
            #expect(prediction["expected_delay_minutes"] == nil)  // imported without a minutes model
        }
    }
}
