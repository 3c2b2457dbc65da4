import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import SkyportDomain
import SkyportHTTP
import SkyportTestSupport
import Testing

/// What the API does with requests a browser, a fuzzer or an attacker can send (issue 16, defect 11).

@Suite struct TransportSecurityTests {
    @Test func strictTransportSecurityWhenServedOverHTTPS() async throws {
        try await APITestHarness.withClient(environment: ["SKYPORT_PUBLIC_URL": "https://fly.example"]) { client, _ in
            for uri in ["/health/live", "/", "/v1/airports?query=JFK", "/no/such/page"] {
                let response = try await client.execute(uri: uri, method: .get)
                #expect(response.headers[HTTPField.Name("Strict-Transport-Security")!] == "max-age=31536000; includeSubDomains", "\(uri)")
            }
        }
        try await APITestHarness.withClient { client, _ in
            let plain = try await client.execute(uri: "/health/live", method: .get)
            #expect(plain.headers[HTTPField.Name("Strict-Transport-Security")!] == nil)
        }
    }
}

@Suite struct MethodNotAllowedTests {
    @Test func anAddressAnswersWhichMethodsItTakes() async throws {
        try await APITestHarness.withClient { client, _ in
            let trace = try await client.execute(uri: "/v1/orders", method: HTTPRequest.Method("TRACE")!)
            #expect(trace.status == .methodNotAllowed && trace.headers[HTTPField.Name("Allow")!] == "GET, POST")
            #expect(APITestHarness.errorCodes(trace) == ["method_not_allowed"])
            let delete = try await client.execute(uri: "/v1/profiles/email:ada@example.com/events", method: .delete)
            #expect(delete.status == .methodNotAllowed && delete.headers[HTTPField.Name("Allow")!] == "GET")
            let missing = try await client.execute(uri: "/v1/no-such-address", method: .delete)
            #expect(missing.status == .notFound)
        }
    }
}

@Suite struct RequestBodyTests {
    @Test func aJSONEndpointTakesOnlyJSON() async throws {
        try await APITestHarness.withClient { client, _ in
            // A page on another site can post these without the browser asking first.
            for type in ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", nil] {
                var headers: HTTPFields = [:]
                if let type { headers[.contentType] = type }
                let response = try await client.execute(uri: "/v1/offer-requests", method: .post, headers: headers,
                                                        body: try APITestHarness.body(APITestHarness.searchBody))
                #expect(response.status == .unsupportedMediaType && APITestHarness.errorCodes(response) == ["unsupported_media_type"], "\(type ?? "none")")
            }
            let json = try await client.execute(uri: "/v1/offer-requests", method: .post, headers: [.contentType: "application/json; charset=utf-8"],
                                                body: try APITestHarness.body(APITestHarness.searchBody))
            #expect(json.status == .created)
        }
    }

    @Test(arguments: [("expiry_month", "1.5"), ("expiry_year", "1e30"), ("expiry_year", "99999999999999999999999")])
    func aNumberThatFitsNoIntegerIsAFieldError(field: String, number: String) async throws {
        try await APITestHarness.withClient { client, _ in
            var card = #"{"number": "4242424242424242", "expiry_month": 12, "expiry_year": 2030, "cvc": "123", "holder_name": "Ada"}"#
            card = card.replacingOccurrences(of: field == "expiry_month" ? #""expiry_month": 12"# : #""expiry_year": 2030"#, with: "\"\(field)\": \(number)")
            let body = #"{"offer_id": "off_x", "passengers": [], "contact": {"email": "a@b.co", "phone_number": "+12125550123"}, "payment": {"card": "# + card + "}}"
            let response = try await client.execute(uri: "/v1/orders", method: .post, headers: APITestHarness.jsonHeaders, body: ByteBuffer(string: body))
            #expect(response.status == .badRequest)
            let error = try #require((APITestHarness.json(response, schema: "Error")["errors"] as? [[String: Any]])?.first)
            #expect(error["code"] as? String == "invalid_field_type" && error["field"] as? String == "payment.card.\(field)")
        }
    }
}

@Suite struct UnreadableRequestTests {
    @Test func aURLTooLongForTheParserGetsTheErrorShape() async throws {
        try await APITestHarness.withClient(live: true) { client, _ in
            let response = try await client.execute(uri: "/v1/airports?query=" + String(repeating: "a", count: 90_000), method: .get)
            #expect(response.status == .requestHeaderFieldsTooLarge)
            #expect(APITestHarness.errorCodes(response) == ["request_header_too_large"])
            #expect(response.headers[HTTPField.Name("X-Request-Id")!]?.hasPrefix("req_") == true)
            #expect(response.headers[.contentType] == "application/json; charset=utf-8")
        }
    }
}
