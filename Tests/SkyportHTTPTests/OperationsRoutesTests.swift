import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Operations
import SkyportApp
import SkyportDomain
import SkyportTestSupport
import Testing

/// Weather ingestion and reads, disruptions and the operators' word on flights, over HTTP.
@Suite struct OperationsRoutesTests {
    static func send(_ client: any TestClientProtocol, _ method: HTTPRequest.Method, _ uri: String, headers: HTTPFields = [:],
                     text: String) async throws -> TestResponse {
        try await client.execute(uri: uri, method: method, headers: headers, body: ByteBuffer(string: text))
    }

    @Test func metarIsIngestedAndReadBack() async throws {
        try await APITestHarness.withClient { client, runtime in
            let headers = try await PredictionRoutesTests.operatorHeaders(runtime)
            let reports = """
                KJFK 011151Z 36029G45KT 1/4SM +SN FZFG VV005 M04/M06 A2964 RMK AO2 SLP038
                KJFK 0111XXZ 36029G45KT 1/4SM
                KEWR 011151Z 35012KT 4SM -SN OVC025 M02/M03 A2968
                EGLL 011150Z 24015KT 9999 FEW030 08/04 Q1009
                """
            let anonymous = try await Self.send(client, .post, "/v1/weather/metar", text: reports)
            #expect(APITestHarness.errorCodes(anonymous) == ["operator_token_required"])

            let stored = try await Self.send(client, .post, "/v1/weather/metar", headers: headers, text: reports)
            #expect(stored.status == .ok)
            let report = APITestHarness.json(stored, schema: "MetarIngestReport")
            #expect(report["stored"] as? Int == 2)
            #expect(report["ignored_stations"] as? [String] == ["EGLL"])
            let rejected = try #require(report["rejected"] as? [[String: Any]])
            #expect(rejected.count == 1 && rejected[0]["line"] as? Int == 2 && rejected[0]["code"] as? String == "invalid_time")

            let garbage = try await Self.send(client, .post, "/v1/weather/metar", headers: headers, text: "hello\nworld")
            #expect(garbage.status == .unprocessableContent)
            #expect(APITestHarness.errorCodes(garbage) == ["invalid_reports"])
            let empty = try await Self.send(client, .post, "/v1/weather/metar", headers: headers, text: "")
            #expect(APITestHarness.errorCodes(empty) == ["empty_body"])

            let latest = try await client.execute(uri: "/v1/weather/latest", method: .get)
            let observations = try #require(APITestHarness.json(latest, schema: "WeatherLatest")["observations"] as? [[String: Any]])
            #expect(observations.map { $0["airport"] as? String } == ["EWR", "JFK"])
            let jfk = try await client.execute(uri: "/v1/weather/airports/jfk?hours=6", method: .get)
            let weather = APITestHarness.json(jfk, schema: "AirportWeather")
            let now = try #require(weather["latest"] as? [String: Any])
            #expect(now["flight_category"] as? String == "LIFR" && now["ceiling_ft"] as? Int == 500 && now["observed_at"] as? String == "2026-12-01T11:51:00Z")
            #expect(now["present_weather"] as? [String] == ["+SN", "FZFG"])

            let unknown = try await client.execute(uri: "/v1/weather/airports/XYZ", method: .get)
            #expect(unknown.status == .notFound && APITestHarness.errorCodes(unknown) == ["airport_not_found"])
            let badHours = try await client.execute(uri: "/v1/weather/airports/JFK?hours=0", method: .get)
            #expect(APITestHarness.errorCodes(badHours) == ["invalid_hours"])
        }
    }

    @Test func operatorsDeclareAndReadDisruptions() async throws {
        try await APITestHarness.withClient { client, runtime in
            let headers = try await PredictionRoutesTests.operatorHeaders(runtime)
            let flight = "20261201-AA200-JFKLAX"  // 17:00 in New York, 22:00Z
            let delayed = try await PredictionRoutesTests.send(client, .post, "/v1/flights/\(flight)/delay", headers: headers,
                                                               ["delay_minutes": 95, "note": "late inbound aircraft"])
            #expect(delayed.status == .ok)
            let outcome = APITestHarness.json(delayed, schema: "FlightDisruptionOutcome")
            let disruption = try #require(outcome["disruption"] as? [String: Any])
            #expect(disruption["level"] as? String == "major_delay" && disruption["expected_departure"] as? String == "2026-12-01T23:35:00Z")
            let id = try #require(disruption["id"] as? String)

            let list = try await PredictionRoutesTests.send(client, .get, "/v1/disruptions", headers: headers)
            #expect((APITestHarness.json(list, schema: "DisruptionList")["disruptions"] as? [[String: Any]])?.count == 1)
            let one = try await PredictionRoutesTests.send(client, .get, "/v1/disruptions/\(id)", headers: headers)
            let history = APITestHarness.json(one, schema: "Disruption")["history"] as? [[String: Any]]
            #expect(history?.first?["note"] as? String == "late inbound aircraft" && history?.first?["actor"] as? String == "operator:ops-test")

            let cancelled = try await PredictionRoutesTests.send(client, .post, "/v1/flights/\(flight)/cancellation", headers: headers, [String: Any]())
            #expect((APITestHarness.json(cancelled, schema: "FlightDisruptionOutcome")["disruption"] as? [String: Any])?["level"] as? String == "cancelled")
            let again = try await PredictionRoutesTests.send(client, .post, "/v1/flights/\(flight)/delay", headers: headers, ["delay_minutes": 10])
            #expect(again.status == .conflict && APITestHarness.errorCodes(again) == ["flight_cancelled"])

            let both = try await PredictionRoutesTests.send(client, .post, "/v1/flights/20261201-UA100-JFKLAX/delay", headers: headers,
                                                            ["delay_minutes": 10, "estimated_departure": "2026-12-01T14:00:00Z"])
            #expect(APITestHarness.errorCodes(both) == ["ambiguous_request"])
            let badTime = try await PredictionRoutesTests.send(client, .post, "/v1/flights/20261201-UA100-JFKLAX/departure", headers: headers,
                                                               ["departed_at": "yesterday"])
            #expect(APITestHarness.errorCodes(badTime) == ["invalid_time"])
            let departed = try await PredictionRoutesTests.send(client, .post, "/v1/flights/20261201-B6300-EWRBOS/departure", headers: headers,
                                                                ["departed_at": "2026-12-01T12:00:00Z"])
            #expect(departed.status == .noContent)
            let missing = try await PredictionRoutesTests.send(client, .post, "/v1/flights/nope/cancellation", headers: headers, [String: Any]())
            #expect(missing.status == .notFound && APITestHarness.errorCodes(missing) == ["flight_not_found"])
            let noModel = try await PredictionRoutesTests.send(client, .post, "/v1/disruptions/assess", headers: headers)
            #expect(APITestHarness.errorCodes(noModel) == ["model_not_found"])
            let badStatus = try await PredictionRoutesTests.send(client, .get, "/v1/disruptions?status=maybe", headers: headers)
            #expect(APITestHarness.errorCodes(badStatus) == ["invalid_status"])
        }
    }

    @Test func passengersSeeTheirOptionsAndOperatorsSeeTheImpact() async throws {
        try await APITestHarness.withClient { client, runtime in
            let headers = try await PredictionRoutesTests.operatorHeaders(runtime)
            let created = try await PredictionRoutesTests.send(client, .post, "/v1/webhook-endpoints", headers: headers,
                                                               ["url": "http://127.0.0.1:9/hooks", "description": "nobody listens"])
            #expect(created.status == .created)
            let endpoint = APITestHarness.json(created, schema: "WebhookEndpointCreated")
            #expect((endpoint["secret"] as? String)?.hasPrefix("whsec_") == true)
            let badURL = try await PredictionRoutesTests.send(client, .post, "/v1/webhook-endpoints", headers: headers, ["url": "ftp://x"])
            #expect(APITestHarness.errorCodes(badURL) == ["invalid_url"])

            let first = try await APITestHarness.buy(client), second = try await APITestHarness.buy(client)
            let order = try #require(first["id"] as? String), token = try #require(first["access_token"] as? String)
            let other = try #require(second["id"] as? String), otherToken = try #require(second["access_token"] as? String)
            let slices = try #require(first["slices"] as? [[String: Any]])
            let flight = try #require((slices.first?["segments"] as? [[String: Any]])?.first?["flight_id"] as? String)
            let cancelled = try await PredictionRoutesTests.send(client, .post, "/v1/flights/\(flight)/cancellation", headers: headers, ["note": "crew"])
            let disruption = try #require((APITestHarness.json(cancelled, schema: "FlightDisruptionOutcome")["disruption"] as? [String: Any])?["id"] as? String)
            try await runtime.operations.worker.drain()

            let owner: HTTPFields = [.authorization: "Bearer \(token)", .contentType: "application/json"]
            let stranger = try await PredictionRoutesTests.send(client, .get, "/v1/orders/\(order)/disruptions", headers: [.authorization: "Bearer \(otherToken)"])
            #expect(stranger.status == .notFound)
            let options = try await PredictionRoutesTests.send(client, .get, "/v1/orders/\(order)/disruptions", headers: owner)
            let disruptions = try #require(APITestHarness.json(options, schema: "RebookingOptionsList")["disruptions"] as? [[String: Any]])
            #expect(disruptions.first?["refund_eligible"] as? Bool == true && disruptions.first?["level"] as? String == "cancelled")
            let alternative = try #require((disruptions.first?["alternatives"] as? [[String: Any]])?.first?["id"] as? String)
            let inbox = try await PredictionRoutesTests.send(client, .get, "/v1/orders/\(order)/notifications", headers: owner)
            let messages = try #require(APITestHarness.json(inbox, schema: "NotificationList")["notifications"] as? [[String: Any]])
            #expect(messages.count == 1 && (messages[0]["subject"] as? String)?.hasPrefix("Cancelled:") == true)

            let moved = try await PredictionRoutesTests.send(client, .post, "/v1/orders/\(order)/rebookings", headers: owner, ["alternative_id": alternative])
            #expect(moved.status == .created)
            #expect(APITestHarness.json(moved, schema: "Rebooking")["from_flight_id"] as? String == flight)
            let again = try await PredictionRoutesTests.send(client, .post, "/v1/orders/\(order)/rebookings", headers: owner, ["alternative_id": alternative])
            #expect(again.status == .conflict && APITestHarness.errorCodes(again) == ["alternative_no_longer_held"])
            let refund = try await PredictionRoutesTests.send(client, .post, "/v1/orders/\(other)/disruption-refund",
                                                              headers: [.authorization: "Bearer \(otherToken)"])
            #expect(refund.status == .created && APITestHarness.json(refund, schema: "Cancellation")["status"] as? String == "confirmed")
            let noRefund = try await PredictionRoutesTests.send(client, .post, "/v1/orders/\(order)/disruption-refund", headers: owner)
            #expect(APITestHarness.errorCodes(noRefund) == ["refund_not_allowed"])

            let impact = try await PredictionRoutesTests.send(client, .get, "/v1/disruptions/\(disruption)/impact", headers: headers)
            let body = APITestHarness.json(impact, schema: "DisruptionImpact")
            #expect(body["passengers_rebooked"] as? Int == 1 && body["passengers_refunded"] as? Int == 1 && body["passengers_told"] as? Int == 2)
            let messageID = try #require(messages[0]["id"] as? String)
            let message = try await PredictionRoutesTests.send(client, .get, "/v1/notifications/\(messageID)", headers: headers)
            let deliveries = try #require(APITestHarness.json(message, schema: "NotificationMessage")["deliveries"] as? [[String: Any]])
            #expect(Set(deliveries.compactMap { $0["channel"] as? String }) == ["inbox", "webhook"])
            let dead = try await PredictionRoutesTests.send(client, .get, "/v1/notifications/dead-letters", headers: headers)
            _ = APITestHarness.json(dead, schema: "DeadLetterList")
            let list = try await PredictionRoutesTests.send(client, .get, "/v1/webhook-endpoints", headers: headers)
            #expect((APITestHarness.json(list, schema: "WebhookEndpointList")["endpoints"] as? [Any])?.count == 1)
            let endpointID = try #require((endpoint["endpoint"] as? [String: Any])?["id"] as? String)
            let removed = try await PredictionRoutesTests.send(client, .delete, "/v1/webhook-endpoints/\(endpointID)", headers: headers)
            #expect(removed.status == .noContent)
        }
    }
}
