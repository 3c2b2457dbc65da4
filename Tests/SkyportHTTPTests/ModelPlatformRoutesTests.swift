import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Prediction
import SkyportApp
import SkyportTestSupport
import Testing

/// The ML platform is written once for every product: a tiny test product (a real XGBoost classifier of whether two
/// numbers add up to more than one) is trained, registered, promoted, served and monitored through the same generic
/// routes as the delay model, and appears in the catalogue beside it.
@Suite struct ModelPlatformRoutesTests {
    static func object(_ response: TestResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any])
    }

    @Test func aTinyProductIsTrainedPromotedServedAndMonitoredThroughTheGenericRoutes() async throws {
        try await APITestHarness.withClient(modelProducts: { database in [TinyModelProduct(database: database, now: { Int64(FixtureNetwork.now.timeIntervalSince1970) })] }) {
            client, runtime in
            let headers = try await PredictionRoutesTests.operatorHeaders(runtime)
            let tiny = try #require(runtime.prediction.catalog.product(TinyModelProduct.name) as? TinyModelProduct)
            func send(_ method: HTTPRequest.Method, _ uri: String, _ body: Any? = nil) async throws -> TestResponse {
                try await PredictionRoutesTests.send(client, method, uri, headers: headers, body)
            }

            // The catalogue lists every product, the test one without a champion yet.
            let catalogue = APITestHarness.json(try await send(.get, "/v1/models"), schema: "ModelCatalogue")
            let names = (catalogue["models"] as? [[String: Any]])?.compactMap { $0["name"] as? String }
            #expect(names == ["delay", "cancellation-risk", "engine-life", "demand", "tiny-test"])
            let before = APITestHarness.json(try await send(.get, "/v1/models/tiny-test"), schema: "ModelOverview")
            #expect(before["champion"] == nil && before["versions"] as? Int == 0 && before["features"] as? Int == 2)

            // Unknown products and bad configurations are refused before anything is queued.
            let unknown = try await send(.get, "/v1/models/no-such-model/versions")
            #expect(unknown.status == .notFound)
            #expect(APITestHarness.errorCodes(unknown) == ["unknown_model"])
            #expect(APITestHarness.errorCodes(try await send(.post, "/v1/predictions/no-such-model", ["x": 1])) == ["unknown_model"])
            let unknownJob = try await send(.post, "/v1/training-jobs", ["model": "no-such-model"])
            #expect(unknownJob.status == .unprocessableContent)
            #expect(APITestHarness.errorCodes(unknownJob) == ["unknown_model"])
            let badRounds = try await send(.post, "/v1/training-jobs", ["model": "tiny-test", "configuration": ["rounds": 0]])
            #expect(APITestHarness.errorCodes(badRounds) == ["invalid_parameter"])
            let wrongType = try await send(.post, "/v1/training-jobs", ["model": "tiny-test", "configuration": ["rounds": "many"]])
            #expect(APITestHarness.errorCodes(wrongType) == ["wrong_type"])
            #expect((try Self.object(try await send(.get, "/v1/models/tiny-test/versions"))["versions"] as? [Any])?.isEmpty == true)

            // Trained as a job through the generic route, promoted on success.
            let started = try await send(.post, "/v1/training-jobs", ["model": "tiny-test", "configuration": ["rounds": 30], "promote": "champion"])
            #expect(started.status == .accepted)
            let jobID = try #require(try Self.object(started)["id"] as? String)
            var job: [String: Any] = [:]
            for _ in 0..<240 {
                job = try Self.object(try await send(.get, "/v1/training-jobs/\(jobID)"))
                if ["succeeded", "failed"].contains(job["status"] as? String) { break }
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(job["status"] as? String == "succeeded", "\(job)")
            #expect(job["model"] as? String == "tiny-test" && (job["configuration"] as? [String: Any])?["rounds"] as? Int == 30)
            let versions = try #require(try Self.object(try await send(.get, "/v1/models/tiny-test/versions"))["versions"] as? [[String: Any]])
            #expect(versions.count == 1 && versions[0]["aliases"] as? [String] == ["champion"] && versions[0]["model_name"] as? String == "tiny-test")
            #expect((versions[0]["feature_schema"] as? [String: Any])?["version"] as? String == "tiny/1")
            // The delay model's registry is untouched.
            #expect(try await runtime.prediction.registry.versions(of: "delay").isEmpty)

            // Served through the generic prediction routes.
            let high = try Self.object(try await send(.post, "/v1/predictions/tiny-test", ["subject": "a", "x": 0.9, "y": 0.8]))
            let low = try Self.object(try await send(.post, "/v1/predictions/tiny-test", ["subject": "b", "x": 0.1, "y": 0.2]))
            #expect((high["probability"] as? Double ?? 0) > 0.7 && (low["probability"] as? Double ?? 1) < 0.3)
            #expect(high["alias"] as? String == "champion" && high["version"] as? Int == 1)
            let missing = try await send(.post, "/v1/predictions/tiny-test", ["subject": "c", "x": 0.5])
            #expect(missing.status == .unprocessableContent && APITestHarness.errorCodes(missing) == ["missing_field"])
            var pairs: [[String: Any]] = []
            for index in 0..<40 {
                let x = Double(index % 8) / 8, y = Double(index / 8) / 5
                pairs.append(["subject": "pair-\(index)", "x": x, "y": y])
                tiny.settle("pair-\(index)", happened: x + y > 1)
            }
            let batch = try Self.object(try await send(.post, "/v1/predictions/tiny-test/batch", ["pairs": pairs]))
            #expect((batch["predictions"] as? [Any])?.count == 40)

            // Monitored by the generic routes: drift per feature, and realized quality from the product's outcomes.
            try await tiny.log.flush()
            let monitoring = APITestHarness.json(try await send(.get, "/v1/models/tiny-test/monitoring?days=1"), schema: "ModelMonitoring")
            #expect((monitoring["model"] as? [String: Any])?["name"] as? String == "tiny-test")
            let drifted = (monitoring["drift"] as? [String: Any])?["features"] as? [[String: Any]]
            #expect(Set(drifted?.compactMap { $0["feature"] as? String } ?? []) == ["x", "y"])
            let days = try #require(monitoring["days"] as? [[String: Any]])
            #expect(days.reduce(0) { $0 + ($1["predictions"] as? Int ?? 0) } == 42)
            #expect(days.reduce(0) { $0 + ($1["with_outcome"] as? Int ?? 0) } == 40)
            #expect((days.last?["realized_auc"] as? Double ?? 0) > 0.8)

            // The catalogue now shows its champion, its test metric beside the baseline, and the champion in service.
            let after = APITestHarness.json(try await send(.get, "/v1/models/tiny-test"), schema: "ModelOverview")
            let champion = try #require(after["champion"] as? [String: Any])
            let metric = try #require(((champion["headline"] as? [String: Any])?["metrics"] as? [[String: Any]])?.first)
            #expect(metric["name"] as? String == "AUC" && (metric["model"] as? Double ?? 0) > 0.8)
            #expect((metric["baselines"] as? [String: Any])?["prior rate"] as? Double == 0.5)
            let service = try #require(after["service"] as? [String: Any])
            #expect(service["with_outcome"] as? Int == 40 && (service["realized_auc"] as? Double ?? 0) > 0.8)

            // Aliases move through the generic route; a version the product does not have is refused.
            let challenger = try await send(.put, "/v1/models/tiny-test/aliases/challenger", ["version": 1])
            #expect(challenger.status == .ok)
            let aliases = try Self.object(try await send(.get, "/v1/models/tiny-test/aliases"))
            #expect((aliases["aliases"] as? [[String: Any]])?.compactMap { $0["alias"] as? String } == ["challenger", "champion"])
            #expect(APITestHarness.errorCodes(try await send(.put, "/v1/models/tiny-test/aliases/champion", ["version": 9])) == ["model_not_found"])
        }
    }
}
