import Booking
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SkyportApp
import SkyportDomain
import SkyportHTTP
import SkyportTestSupport
import Testing

@Suite struct ModuleCompositionTests {
    @Test func serviceListsAreParsedWithAClearErrorForUnknownNames() throws {
        let catalogue = SkyportModules.catalogue
        #expect(try catalogue.parseList("all") == Set(catalogue.modules))
        #expect(try catalogue.parseList("web, booking") == [.web, .booking])
        #expect(throws: ValidationFailure.self) { try catalogue.parseList("web,payments") }
        #expect(throws: ValidationFailure.self) { try catalogue.parseList(" , ") }
        #expect(catalogue.ordered([.opsCenter, .web, ServiceModule("later"), .cdp]) == [.web, .cdp, .opsCenter, ServiceModule("later")])
    }

    /// Each module's routes are counted under its name because its group says so: every route of the application is
    /// requested once, and the request figures name the module that answered.
    @Test func everyRouteBelongsToTheModuleThatServesIt() async throws {
        let expected: [String: String] = [
            "/v1/offer-requests": "booking", "/v1/orders/:id": "booking", "/v1/order-cancellations/:id/confirm": "booking",
            "/v1/orders/:id/rebookings": "booking", "/v1/orders/:id/notifications": "booking", "/v1/flights/:id/delay": "operations",
            "/v1/weather/latest": "operations", "/v1/predictions/:model": "predictions", "/v1/training-jobs/:id": "predictions",
            "/cdp/v1/batch": "cdp", "/v1/profiles/:ref": "cdp", "/v1/cdp/segments": "cdp", "/v1/personalization": "cdp",
            "/ops": "ops-center", "/ops/stream": "ops-center", "/v1/ops/alerts": "ops-center", "/": "web", "/checkout": "web",
            "/bookings/{id}/rebook": "web", "/health/ready": "platform", "/metrics": "platform", "unmatched": "unmatched",
        ]
        try await APITestHarness.withClient { client, runtime in
            let routes = try runtime.router(for: try await runtime.modules()).routes
            for route in routes {
                let path = "/" + route.path.description.split(separator: "/").map { $0.hasPrefix(":") || $0.hasPrefix("{") ? "x" : String($0) }
                    .joined(separator: "/")
                try await client.execute(uri: path, method: route.method) { _ in }
            }
            try await client.execute(uri: "/nothing/here", method: .get) { _ in }
            var owners: [String: String] = [:]
            try await client.execute(uri: "/metrics", method: .get) { response in
                for line in String(buffer: response.body).split(separator: "\n") where line.hasPrefix("skyport_http_requests_total{") {
                    let labels = Dictionary(line.matches(of: /(\w+)="([^"]*)"/).map { (String($0.1), String($0.2)) }) { first, _ in first }
                    if let route = labels["route"], let module = labels["module"] { owners[route] = module }
                }
            }
            for route in routes {
                let template = "/" + route.path.description.split(separator: "/").joined(separator: "/")
                #expect(owners[template] != nil && owners[template] != "unmatched", "\(route.method) \(template) has no module")
            }
            // The figures write a parameter as `{id}`; the table writes some as `:id`, as the routes are declared.
            for (route, module) in expected {
                let template = route == "unmatched" ? "NotFound" : route.replacing(/:(\w+)/) { "{\($0.1)}" }
                #expect(owners[template] == module, "\(route)")
            }
        }
    }

    /// Module names are no longer a closed enum, so a rule about a module that does not exist is refused when the
    /// command center's configuration is read, beside the shipped configuration which names only real modules.
    @Test func alertRulesNameOnlyModulesOfTheCatalogue() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        _ = try SkyportRuntime.monitoring(at: root.appendingPathComponent("config/monitoring.json").path)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("monitoring-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data("""
            {"alerts": [{"name": "PaymentsDown", "signal": "module_ready", "module": "payments", "comparison": "below", "threshold": 1,
                         "for": "2m", "severity": "page", "summary": "x", "runbook": "docs/runbooks.md"}], "slos": []}
            """.utf8).write(to: file)
        #expect { try SkyportRuntime.monitoring(at: file.path) } throws: { error in
            "\(error)".contains("PaymentsDown: 'payments' is not a module")
        }
    }

    /// A module reads its own settings when it is built: a malformed one stops the instance that serves the module
    /// with the variable's name, and `off` leaves its loop out.
    @Test func aModuleReadsItsOwnSettings() async throws {
        try await APITestHarness.withClient { _, runtime in
            func modules(_ environment: [String: String]) async throws -> [any SkyportModule] {
                let configuration = try SkyportConfiguration(environment: [
                    "SKYPORT_DATABASE_URL": "sqlite:///unused/by/tests.sqlite", "SKYPORT_SECRET_KEY": BookingFixture.secret,
                    "SKYPORT_SERVICES": "operations,cdp",
                ].merging(environment) { $1 })
                let other = try SkyportRuntime(configuration: configuration, database: runtime.database, payments: TestPaymentProcessor(),
                                               clock: .fixed(FixtureNetwork.now), logger: TestDatabases.logger)
                return try await other.modules()
            }
            let names = { (modules: [any SkyportModule]) in modules.flatMap(\.services).map { "\($0)" } }
            #expect(names(try await modules([:])).contains("disruption engine"))
            #expect(names(try await modules([:])).contains("customer profiles"))
            let quiet = names(try await modules(["SKYPORT_OPERATIONS_ENGINE": "off", "SKYPORT_CDP_PROFILES": "off"]))
            #expect(!quiet.contains("disruption engine") && !quiet.contains("customer profiles") && quiet.contains("notification worker"))
            await #expect { try await modules(["SKYPORT_OPERATIONS_ENGINE": "sometimes"]) } throws: { error in
                "\(error)" == "SKYPORT_OPERATIONS_ENGINE must be on or off"
            }
        }
    }
}
