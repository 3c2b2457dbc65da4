import CommandCenter
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SkyportApp
import SkyportDomain
import SkyportHTTP
import SkyportStore
import SkyportTestSupport
import Testing

@Suite struct CommandCenterRoutesTests {
    /// Every series the shipped Prometheus rules read is one Skyport exports, with the same labels and bucket bounds.
    @Test func everySeriesTheRulesReadIsExported() async throws {
        try await APITestHarness.withClient { client, runtime in
            _ = try await APITestHarness.buy(client)
            try await runtime.commandCenter.instances.heartbeat(id: runtime.instance, services: runtime.configuration.services, host: "test",
                                                                startedAt: 0, health: await runtime.moduleHealth(), now: runtime.now())
            await runtime.commandCenter.evaluateOnce { figures, readiness in
                runtime.metrics.publish(figures, readiness: readiness, disruptionLevels: ["delay", "cancelled"])
            }
            // The fixture has no champion model, so no drift: the gauge then is absent, as the rule's data is.
            #expect(runtime.commandCenter.figures?.modelDriftPSI == nil)
            var withModel = try #require(runtime.commandCenter.figures)
            withModel.modelDriftPSI = 0.31
            runtime.metrics.publish(withModel, readiness: [.booking: 1], disruptionLevels: [])
            let text = String(decoding: runtime.metrics.exposition(), as: UTF8.self)
            #expect(text.contains("skyport_model_drift_psi 0.31"))
            let rules = PrometheusRuleFile.render(runtime.commandCenter.configuration)
            let names = Set(rules.matches(of: /skyport_[a-z_]+/).map { String($0.output) })
            #expect(names.count >= 9)
            for name in names.sorted() { #expect(text.contains("\n" + name + "{") || text.contains("\n" + name + " "), "\(name) is exported") }
            for bound in rules.matches(of: /le="([0-9.]+)"/).map({ String($0.output.1) }) {
                #expect(text.contains(#"route="/v1/orders",le="\#(bound)"}"#), "bucket le=\(bound)")
            }
            #expect(text.contains(#"skyport_module_ready{module="booking"} 1.0"#))
            #expect(text.contains("skyport_business_orders 1.0") && text.contains("skyport_business_seats_sold 1.0"))
            #expect(text.contains(#"skyport_business_revenue_booked{currency="USD"}"#))
            #expect(text.contains(#"skyport_disruptions_open{level="cancelled"} 0.0"#))
        }
    }

    @Test func theCommandCenterAPIIsForOperatorsAndDescribedByTheDocument() async throws {
        try await APITestHarness.withClient { client, runtime in
            _ = try await APITestHarness.buy(client)
            try await runtime.commandCenter.recorder.flush(now: runtime.now())
            try await runtime.commandCenter.instances.heartbeat(id: runtime.instance, services: runtime.configuration.services, host: "test",
                                                                startedAt: 0, health: await runtime.moduleHealth(), now: runtime.now())
            await runtime.commandCenter.evaluateOnce()
            for path in ["/v1/ops/alerts", "/v1/ops/slos", "/v1/ops/instances", "/v1/ops/rules"] {
                let anonymous = try await client.execute(uri: path, method: .get)
                #expect(anonymous.status == .unauthorized && APITestHarness.errorCodes(anonymous) == ["operator_token_required"])
            }
            let headers = try await PredictionRoutesTests.operatorHeaders(runtime)
            let alerts = try await client.execute(uri: "/v1/ops/alerts?hours=48", method: .get, headers: headers)
            #expect(alerts.status == .ok)
            _ = APITestHarness.json(alerts, schema: "Alerts")
            let slos = APITestHarness.json(try await client.execute(uri: "/v1/ops/slos", method: .get, headers: headers), schema: "Objectives")
            let order = (slos["objectives"] as? [[String: Any]])?.first { $0["name"] as? String == "order-availability" }
            #expect(order?["requests"] as? Int == 1 && order?["budget_remaining"] as? Double == 1)
            let instances = APITestHarness.json(try await client.execute(uri: "/v1/ops/instances", method: .get, headers: headers), schema: "Instances")
            #expect((instances["instances"] as? [[String: Any]])?.first?["live"] as? Bool == true)
            _ = APITestHarness.json(try await client.execute(uri: "/v1/ops/rules", method: .get, headers: headers), schema: "MonitoringRules")
            let bad = try await client.execute(uri: "/v1/ops/alerts?hours=0", method: .get, headers: headers)
            #expect(bad.status == .unprocessableContent && APITestHarness.errorCodes(bad) == ["invalid_hours"])
        }
    }

    /// `--services` runs only the modules named: the others' routes are not served and readiness lists only these.
    @Test func anInstanceServesOnlyItsModules() async throws {
        try await APITestHarness.withClient(environment: ["SKYPORT_SERVICES": "operations,ops-center"]) { client, _ in
            #expect(try await client.execute(uri: "/v1/offer-requests", method: .post, headers: APITestHarness.jsonHeaders, body: APITestHarness.body(APITestHarness.searchBody)).status == .notFound)
            #expect(try await client.execute(uri: "/", method: .get).status == .notFound)
            #expect(try await client.execute(uri: "/v1/predictions/delay", method: .post).status == .notFound)
            #expect(try await client.execute(uri: "/v1/weather/latest", method: .get).status == .ok)
            let ready = try await client.execute(uri: "/health/ready", method: .get)
            #expect(Set((APITestHarness.json(ready, schema: "Health")["modules"] as? [String: Any] ?? [:]).keys) == ["operations", "ops-center"])
        }
        #expect(throws: ConfigurationError.self) { try SkyportConfiguration(environment: ["SKYPORT_SERVICES": "web,payments"]) }
    }
}
