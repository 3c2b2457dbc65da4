import Booking
import Foundation
import HTTPTypes
import HummingbirdTesting
import Prediction
import SkyportApp
import SkyportDomain
import SkyportStore
import SkyportTestSupport
import Testing

/// The engine-life product through the generic routes: trained as a job on the shipped FD001 copy, then served for
/// one test engine and a batch, each answer checked against the OpenAPI document; bad histories get precise errors.
@Suite struct EngineLifeRoutesTests {
    static func body(_ engine: EngineHistory, name: String? = nil) -> [String: Any] {
        ["engine": name ?? "FD001-test-\(engine.unit)",
         "cycles": engine.cycles.map { ["cycle": $0.cycle, "settings": $0.settings, "sensors": $0.sensors] as [String: Any] }]
    }

    @Test func trainedThroughAJobAndServedForAnEngineAndABatch() async throws {
        try await APITestHarness.withClient { client, runtime in
            let headers = try await PredictionRoutesTests.operatorHeaders(runtime)
            func send(_ method: HTTPRequest.Method, _ uri: String, _ body: Any? = nil) async throws -> TestResponse {
                try await PredictionRoutesTests.send(client, method, uri, headers: headers, body)
            }
            let data = try await QuickEngineLifeModel.data()
            let engine = data.test[30]
            let noModel = try await send(.post, "/v1/predictions/engine-life", Self.body(engine))
            #expect(noModel.status == .notFound && APITestHarness.errorCodes(noModel) == ["model_not_found"])

            let started = try await send(.post, "/v1/training-jobs", [
                "model": "engine-life", "promote": "champion",
                "configuration": ["booster": ["maxRounds": 60, "learningRate": 0.3, "earlyStoppingRounds": 10, "threads": 1]],
            ])
            #expect(started.status == .accepted)
            let jobID = try #require(APITestHarness.json(started, schema: "TrainingJob")["id"] as? String)
            let job = try await PredictionRoutesTests.finished(jobID) { try await send(.get, $0) }
            #expect(job["status"] as? String == "succeeded", "\(job)")

            // One engine: remaining cycles inside its interval, the chance of failing within 30 cycles, reasons in words.
            let answer = APITestHarness.json(try await send(.post, "/v1/predictions/engine-life", Self.body(engine)), schema: "EngineLifePrediction")
            let remaining = try #require(answer["remaining_cycles"] as? Double)
            let interval = try #require(answer["interval"] as? [String: Any])
            let lower = try #require(interval["lower"] as? Double), upper = try #require(interval["upper"] as? Double)
            #expect(lower <= remaining && remaining <= upper && interval["level"] as? Double == 0.9)
            #expect(answer["cycles_run"] as? Int == engine.cycles.count && answer["engine"] as? String == "FD001-test-\(engine.unit)")
            let probability = try #require(answer["probability_failure_within_horizon"] as? Double)
            #expect((0...1).contains(probability) && answer["failure_horizon_cycles"] as? Int == 30)
            #expect(!((answer["reasons"] as? [[String: Any]]) ?? []).isEmpty)

            // A batch: reasons only when asked for.
            let engines = data.test.prefix(3).map { Self.body($0) }
            let plain = APITestHarness.json(try await send(.post, "/v1/predictions/engine-life/batch", ["engines": engines]), schema: "EngineLifePredictions")
            let plainPredictions = try #require(plain["predictions"] as? [[String: Any]])
            #expect(plainPredictions.count == 3 && plainPredictions.allSatisfy { ($0["reasons"] as? [Any])?.isEmpty == true })
            let explained = APITestHarness.json(try await send(.post, "/v1/predictions/engine-life/batch", ["engines": engines, "explain": true]),
                                                schema: "EngineLifePredictions")
            #expect(((explained["predictions"] as? [[String: Any]]) ?? []).contains { !(($0["reasons"] as? [Any]) ?? []).isEmpty })
            #expect(plainPredictions.map { $0["remaining_cycles"] as? Double } == ((explained["predictions"] as? [[String: Any]]) ?? []).map { $0["remaining_cycles"] as? Double })

            // Bad histories are refused naming the field.
            var outOfOrder = Self.body(engine)
            var cycles = try #require(outOfOrder["cycles"] as? [[String: Any]])
            cycles[1]["cycle"] = 1
            outOfOrder["cycles"] = cycles
            let refused = try await send(.post, "/v1/predictions/engine-life", outOfOrder)
            #expect(refused.status == .unprocessableContent && APITestHarness.errorCodes(refused) == ["invalid_cycle"])
            cycles[1]["cycle"] = 1e20
            outOfOrder["cycles"] = cycles
            #expect(APITestHarness.errorCodes(try await send(.post, "/v1/predictions/engine-life", outOfOrder)) == ["invalid_cycle"])
            cycles[1]["cycle"] = 2
            cycles[1]["sensors"] = [1.0, 2.0]
            outOfOrder["cycles"] = cycles
            #expect(APITestHarness.errorCodes(try await send(.post, "/v1/predictions/engine-life", outOfOrder)) == ["invalid_cycle"])
            #expect(APITestHarness.errorCodes(try await send(.post, "/v1/predictions/engine-life", ["cycles": []])) == ["missing_field"])
            #expect(APITestHarness.errorCodes(try await send(.post, "/v1/predictions/engine-life/batch", ["engines": []])) == ["missing_field"])

            // The fleet: an engine's history recorded through the API, predicted and put on its aircraft's calendar.
            let tail = try #require(try await runtime.database.read { sql in
                try await FlightStore.scheduledTails(departingFrom: runtime.now(), on: sql).first?.tail
            })
            var record = Self.body(engine)
            record["engine"] = nil
            record["tail_number"] = tail
            let recorded = APITestHarness.json(try await send(.post, "/v1/engines/ESN-31/cycles", record), schema: "Engine")
            #expect(recorded["cycles_recorded"] as? Int == engine.cycles.count && recorded["tail_number"] as? String == tail)
            let due = try #require(recorded["due"] as? [String: Any])
            #expect(due["remaining_cycles"] as? Double == remaining && due["basis"] as? String != nil)
            let list = APITestHarness.json(try await send(.get, "/v1/engines?due_within=100000"), schema: "EngineList")
            #expect((list["engines"] as? [[String: Any]])?.map { $0["id"] as? String } == ["ESN-31"])
            let detail = APITestHarness.json(try await send(.get, "/v1/engines/ESN-31"), schema: "EngineDetail")
            #expect((detail["recent_cycles"] as? [Any])?.count == min(30, engine.cycles.count))
            // Refused: the same cycles again, an unknown aircraft, an unknown engine, a bad due_within.
            let again = try await send(.post, "/v1/engines/ESN-31/cycles", record)
            #expect(again.status == .conflict && APITestHarness.errorCodes(again) == ["cycle_out_of_order"])
            record["tail_number"] = "N0NE"
            #expect(APITestHarness.errorCodes(try await send(.post, "/v1/engines/ESN-32/cycles", record)) == ["unknown_tail"])
            #expect(APITestHarness.errorCodes(try await send(.get, "/v1/engines/ESN-32")) == ["engine_not_found"])
            #expect(APITestHarness.errorCodes(try await send(.get, "/v1/engines?due_within=zero")) == ["invalid_due_within"])
            #expect(APITestHarness.errorCodes(try await send(.get, "/v1/engines?due_within=0")) == ["invalid_due_within"])

            // A shop visit for the engine's aircraft over the next day: each of its flights flown by another aircraft or cancelled.
            let starts = UTCInstant(runtime.now() + 3600), ends = UTCInstant(runtime.now() + 25 * 3600)
            let planned = try await send(.post, "/v1/aircraft/\(tail)/shop-visits", ["starts_at": "\(starts)", "ends_at": "\(ends)", "engine_id": "ESN-31"])
            #expect(planned.status == .created)
            let visit = APITestHarness.json(planned, schema: "ShopVisit")
            let planFlights = try #require(visit["flights"] as? [[String: Any]])
            #expect(!planFlights.isEmpty && planFlights.allSatisfy { ["reassigned", "cancelled"].contains($0["outcome"] as? String) })
            #expect(APITestHarness.errorCodes(try await send(.post, "/v1/aircraft/\(tail)/shop-visits", ["starts_at": "tomorrow", "ends_at": "\(ends)"])) == ["invalid_time"])
            let nowhere = try await send(.post, "/v1/aircraft/N0NE/shop-visits", ["starts_at": "\(starts)", "ends_at": "\(ends)"])
            #expect(nowhere.status == .notFound && APITestHarness.errorCodes(nowhere) == ["unknown_tail"])
        }
    }
}
