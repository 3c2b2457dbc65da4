import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import SkyportApp
import SkyportDomain
import SkyportStore
import SkyportTestSupport
import Testing

@Suite struct ShoppingRoutesTests {
    @Test func airportsAreSuggestedByCodeAndName() async throws {
        try await APITestHarness.withClient { client, _ in
            try await client.execute(uri: "/v1/airports?query=lax", method: .get) { response in
                let data = APITestHarness.json(response, schema: "AirportList")["data"] as? [[String: Any]]
                #expect(data?.first?["iata_code"] as? String == "LAX")
            }
            try await client.execute(uri: "/v1/airports?query=kennedy", method: .get) { response in
                let data = APITestHarness.json(response, schema: "AirportList")["data"] as? [[String: Any]]
                #expect(data?.map { $0["iata_code"] as? String } == ["JFK"])
            }
            try await client.execute(uri: "/v1/airports?query=\(String(repeating: "x", count: 61))", method: .get) { response in
                #expect(response.status == .unprocessableContent)
                #expect(APITestHarness.errorCodes(response) == ["invalid_query"])
            }
        }
    }

    @Test func aSearchAnswersOffersInTheDocumentedShape() async throws {
        try await APITestHarness.withClient { client, _ in
            try await client.execute(uri: "/v1/offer-requests", method: .post, headers: APITestHarness.jsonHeaders, body: APITestHarness.body(APITestHarness.searchBody)) { response in
                #expect(response.status == .created)
                let body = APITestHarness.json(response, schema: "OfferRequest")
                #expect((body["id"] as? String)?.hasPrefix("orq_") == true)
                #expect((body["offers"] as? [Any])?.count == 6)
            }
        }
    }

    @Test(arguments: [
        ("{\"slices\":", HTTPResponse.Status.badRequest, ["malformed_json"]),
        ("", .badRequest, ["empty_body"]),
        ("{\"slices\":\"JFK\",\"passengers\":[]}", .badRequest, ["invalid_field_type"]),
        ("{\"passengers\":[{\"type\":\"adult\"}]}", .unprocessableContent, ["missing_field"]),
        ("{\"slices\":[{\"origin\":\"JFK\",\"destination\":\"LAX\",\"departure_date\":\"2026-12-08\"}],\"passengers\":[{\"type\":\"adult\"},{\"type\":\"infant_without_seat\"},{\"type\":\"infant_without_seat\"}]}", .unprocessableContent, ["too_many_infants"]),
        ("{\"slices\":[{\"origin\":\"JFK\",\"destination\":\"ZZZ\",\"departure_date\":\"2025-12-08\"}],\"passengers\":[{\"type\":\"adult\"}]}", .unprocessableContent, ["unknown_airport", "departure_date_in_past"]),
    ])
    func badSearchesGetPreciseErrors(body: String, status: HTTPResponse.Status, codes: [String]) async throws {
        try await APITestHarness.withClient { client, _ in
            try await client.execute(uri: "/v1/offer-requests", method: .post, headers: APITestHarness.jsonHeaders, body: ByteBuffer(string: body)) { response in
                #expect(response.status == status)
                #expect(APITestHarness.errorCodes(response) == codes)
            }
        }
    }

    @Test func oversizedBodiesAreRefused() async throws {
        try await APITestHarness.withClient { client, _ in
            let huge = ByteBuffer(string: "{\"slices\":[],\"padding\":\"" + String(repeating: "x", count: 70_000) + "\"}")
            try await client.execute(uri: "/v1/offer-requests", method: .post, headers: APITestHarness.jsonHeaders, body: huge) { response in
                #expect(response.status == .contentTooLarge)
                #expect(APITestHarness.errorCodes(response) == ["request_too_large"])
            }
        }
    }
}
