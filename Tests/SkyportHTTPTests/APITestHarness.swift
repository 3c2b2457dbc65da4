import Booking
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Prediction
import SkyportApp
import SkyportDomain
import SkyportHTTP
import SkyportStore
import SkyportTestSupport
import Testing

/// Runs the whole HTTP application (router, middleware, services) over a seeded database.
enum APITestHarness {
    /// `environment` adds to (or overrides) the test configuration, such as `SKYPORT_SERVICES`.
    /// `live` serves on a real socket on loopback instead of calling the router directly.
    /// `modelProducts` join the ML platform's built-in products, made over the test's database.
    static func withClient(engine: SQLEngine = .sqlite, environment: [String: String] = [:], live: Bool = false,
                           modelProducts: @escaping @Sendable (any Database) -> [any ModelProduct] = { _ in [] },
                           _ body: @escaping @Sendable (any TestClientProtocol, SkyportRuntime) async throws -> Void) async throws {
        try await TestDatabases.with(engine) { database in
            try await FixtureNetwork.seed(database)
            let configuration = try SkyportConfiguration(environment: [
                "SKYPORT_DATABASE_URL": "sqlite:///unused/by/tests.sqlite", "SKYPORT_SECRET_KEY": BookingFixture.secret, "SKYPORT_BCRYPT_COST": "4",
                "SKYPORT_WEBHOOK_ALLOWED_ADDRESSES": "127.0.0.0/8",
            ].merging(environment) { $1 })
            let runtime = try SkyportRuntime(configuration: configuration, database: database, payments: TestPaymentProcessor(),
                                             clock: .fixed(FixtureNetwork.now), logger: TestDatabases.logger, modelProducts: modelProducts(database))
            // Training jobs run in the background: the harness runs them, and no other loop.
            let application = try await runtime.application(background: .only([.predictions]))
            try await application.test(live ? .live : .router) { client in
                try await body(client, runtime)
            }
        }
    }

    static let validator = JSONSchemaValidator(documentData: OpenAPIController.document)

    /// Decodes a JSON response body and checks it against the named schema of the OpenAPI document.
    static func json(_ response: TestResponse, schema: String, sourceLocation: SourceLocation = #_sourceLocation) -> [String: Any] {
        guard let value = try? JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) else {
            Issue.record("the body is not JSON: \(String(buffer: response.body))", sourceLocation: sourceLocation)
            return [:]
        }
        let problems = validator.problems(value, against: schema)
        #expect(problems.isEmpty, "\(problems)", sourceLocation: sourceLocation)
        #expect(response.headers[HTTPField.Name("X-Request-Id")!] != nil, sourceLocation: sourceLocation)
        return value as? [String: Any] ?? [:]
    }

    /// The error codes of an error response, after checking it has the error shape.
    static func errorCodes(_ response: TestResponse, sourceLocation: SourceLocation = #_sourceLocation) -> [String] {
        let body = json(response, schema: "Error", sourceLocation: sourceLocation)
        return (body["errors"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
    }

    /// What a JSON client sends with a body.
    static let jsonHeaders: HTTPFields = [.contentType: "application/json"]

    static func body(_ object: Any) throws -> ByteBuffer {
        ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: object))
    }

    static var searchBody: [String: Any] { [
        "slices": [["origin": "JFK", "destination": "LAX", "departure_date": FixtureNetwork.travelDay.iso]],
        "passengers": [["type": "adult"]], "cabin_class": "economy",
    ] }

    static func orderBody(offerID: String, card: String = "4242424242424242") -> [String: Any] {
        [
            "offer_id": offerID,
            "passengers": [["type": "adult", "given_name": "Ada", "family_name": "Lovelace"]],
            "contact": ["email": "ada@example.com", "phone_number": "+12125550123"],
            "payment": ["card": ["number": card, "expiry_month": 12, "expiry_year": 2030, "cvc": "123", "holder_name": "Ada Lovelace"]],
        ]
    }

    /// Searches and returns the first offer's id.
    static func firstOfferID(_ client: any TestClientProtocol) async throws -> String {
        try await client.execute(uri: "/v1/offer-requests", method: .post, headers: jsonHeaders, body: body(searchBody)) { response in
            #expect(response.status == .created)
            let offers = json(response, schema: "OfferRequest")["offers"] as? [[String: Any]]
            return try #require(offers?.first?["id"] as? String)
        }
    }

    /// Buys the first offer and returns the created order's body.
    static func buy(_ client: any TestClientProtocol) async throws -> [String: Any] {
        let offerID = try await firstOfferID(client)
        return try await client.execute(uri: "/v1/orders", method: .post, headers: jsonHeaders, body: body(orderBody(offerID: offerID))) { response in
            #expect(response.status == .created)
            return json(response, schema: "OrderWithToken")
        }
    }
}
