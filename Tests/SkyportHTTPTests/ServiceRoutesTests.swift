import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SkyportHTTP
import SkyportApp
import SkyportDomain
import SkyportStore
import SkyportTestSupport
import Testing

@Suite struct ServiceRoutesTests {
    @Test func healthAndReadiness() async throws {
        try await APITestHarness.withClient { client, _ in
            try await client.execute(uri: "/health/live", method: .get) { response in
                #expect(response.status == .ok)
                #expect(APITestHarness.json(response, schema: "Health")["status"] as? String == "ok")
            }
            try await client.execute(uri: "/health/ready", method: .get) { response in
                #expect(response.status == .ok)
                let body = APITestHarness.json(response, schema: "Health")
                #expect(body["database"] as? String == "ok" && body["status"] as? String == "ready")
                // Every module runs here; the fixture puts flights on sale but trains no model.
                let modules = body["modules"] as? [String: [String: String]] ?? [:]
                #expect(Set(modules.keys) == Set(SkyportModules.catalogue.modules.map(\.rawValue)))
                #expect(modules["booking"]?["status"] == "ready" && modules["predictions"]?["status"] == "degraded")
            }
        }
    }

    @Test func readinessFailsWhenTheDatabaseIsGone() async throws {
        try await APITestHarness.withClient { client, runtime in
            await runtime.database.close()
            try await client.execute(uri: "/health/ready", method: .get) { response in
                #expect(response.status == .serviceUnavailable)
            }
        }
    }

    @Test func metricsFollowPrometheusNaming() async throws {
        try await APITestHarness.withClient { client, _ in
            _ = try await APITestHarness.buy(client)
            try await client.execute(uri: "/metrics", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("text/plain; version=0.0.4") == true)
                let text = String(buffer: response.body)
                #expect(text.contains(#"skyport_http_requests_total{module="booking",method="POST",route="/v1/orders",status="201"} 1"#))
                #expect(text.contains(#"skyport_http_request_duration_seconds_bucket{module="booking",method="POST",route="/v1/offer-requests",le="+Inf"} 1"#))
                #expect(text.contains("skyport_orders_created_total 1"))
                #expect(text.contains("skyport_seats_sold_total 1"))
                #expect(text.contains("skyport_offers_served_total 6"))
                #expect(text.contains("skyport_http_requests_in_flight"))
                // The fixture's SQLite store: four readers and the writer.
                #expect(text.contains("skyport_database_connections 5.0") && text.contains("skyport_database_operations_in_flight"))
            }
        }
    }

    @Test func requestIDsAreEchoedOrMade() async throws {
        try await APITestHarness.withClient { client, _ in
            try await client.execute(uri: "/health/live", method: .get, headers: [HTTPField.Name("X-Request-Id")!: "client-chosen-id-1"]) { response in
                #expect(response.headers[HTTPField.Name("X-Request-Id")!] == "client-chosen-id-1")
            }
            try await client.execute(uri: "/health/live", method: .get, headers: [HTTPField.Name("X-Request-Id")!: "bad id"]) { response in
                #expect(response.headers[HTTPField.Name("X-Request-Id")!]?.hasPrefix("req_") == true)
            }
        }
    }

    @Test func unknownRoutesAnswerInTheErrorShape() async throws {
        try await APITestHarness.withClient { client, _ in
            try await client.execute(uri: "/v1/nothing-here", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(APITestHarness.errorCodes(response) == ["not_found"])
            }
        }
    }

    @Test func theOpenAPIDocumentDescribesEveryRouteAndNoOther() async throws {
        let document = try JSONSerialization.jsonObject(with: OpenAPIController.document) as! [String: Any]
        #expect(document["openapi"] as? String == "3.1.0")
        let paths = document["paths"] as! [String: [String: Any]]
        let documented = Set(paths.flatMap { path, operations in operations.keys.map { "\($0.uppercased()) \(path)" } })
        try await APITestHarness.withClient { _, runtime in
            // Every module's routes but the pages: the site's, and the command center's under /ops.
            let router = try runtime.router(for: try await runtime.modules(Set(SkyportModules.catalogue.modules).subtracting([.web])))
            let served = Set(router.routes.map { route in
                let path = route.path.description.split(separator: "/").map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }.joined(separator: "/")
                return "\(route.method.rawValue) /\(path)"
            }.filter { !$0.contains(" /ops") })
            #expect(served == documented, "served but undocumented: \(served.subtracting(documented)); documented but not served: \(documented.subtracting(served))")
        }
        try await APITestHarness.withClient { client, _ in
            try await client.execute(uri: "/openapi.json", method: .get) { response in
                #expect(response.status == .ok)
                #expect(Data(response.body.readableBytesView) == OpenAPIController.document)
            }
        }
    }
}
