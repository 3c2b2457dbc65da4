import Crypto
import Foundation
import Operations
import SQLKit
import SkyportDomain
import SkyportStore
import SkyportTestSupport
import Testing
@testable import CommandCenter

@Suite struct AlertEngineTests {
    static let configuration = MonitoringConfiguration(
        alerts: [
            AlertRule(name: "HighErrorRate", signal: .httpErrorRatio, window: MonitoringDuration(seconds: 300), comparison: .above, threshold: 0.05,
                      for: MonitoringDuration(seconds: 120), severity: .page, summary: "5xx above 5%", runbook: "docs/runbooks.md#higherrorrate"),
            AlertRule(name: "NotificationBacklog", signal: .notificationBacklog, comparison: .above, threshold: 500,
                      for: MonitoringDuration(seconds: 0), severity: .page, summary: "backlog", runbook: "docs/runbooks.md#notificationbacklog"),
        ],
        slos: [ServiceLevelObjective(name: "order-availability", kind: .availability, method: "POST", route: "/v1/orders", objective: 0.999,
                                     runbook: "docs/runbooks.md#slo-burn")])

    func events(_ database: any Database) async throws -> [(rule: String, labels: String, kind: String, delivery: String)] {
        try await database.read { sql in
            try await sql.raw("SELECT rule, labels, kind, delivery_status FROM alert_events ORDER BY id").all().map {
                (try $0.decode(column: "rule", as: String.self), try $0.decode(column: "labels", as: String.self),
                 try $0.decode(column: "kind", as: String.self), try $0.decode(column: "delivery_status", as: String.self))
            }
        }
    }

    /// From requests recorded by an instance to a page on the operators' webhook: pending, firing after the rule's
    /// duration, resolved once the errors stop; the webhook gets firing and resolved, signed, in Alertmanager's shape.
    @Test(arguments: TestDatabases.engines)
    func errorsRecordedByAnInstanceFireAnAlertThatResolvesAndIsDeliveredSigned(engine: SQLEngine) async throws {
        try await TestDatabases.with(engine) { database in
            let receiver = try await WebhookReceiver()
            try await receiver.start()
            let recorder = TrafficRecorder(database: database, instance: "inst_a", logger: TestDatabases.logger)
            let reader = SignalReader(traffic: TrafficHistory(database: database), instances: InstanceDirectory(database: database),
                                      configuration: Self.configuration)
            let secret = "a-secret-of-sixteen+"
            let engine = AlertEngine(database: database, configuration: Self.configuration,
                                     webhook: AlertWebhook(url: URL(string: receiver.url)!, secret: secret), publicURL: "http://ops.test", logger: TestDatabases.logger)
            var now: Int64 = 1_796_000_000
            func minute(ok: Int, failed: Int) async throws {
                for index in 0..<(ok + failed) {
                    recorder.record(module: "booking", method: "POST", route: "/v1/orders", status: index < failed ? 500 : 201, seconds: 0.01, at: now)
                }
                try await recorder.flush(now: now)
            }
            func evaluate() async throws -> [AlertState.Transition] {
                let changes = try await engine.evaluate(try await reader.read(now: now, figures: nil), now: now)
                try await engine.deliverDue(now: now)
                return changes.filter { $0.rule == "HighErrorRate" }.map(\.transition)
            }

            try await minute(ok: 95, failed: 5)  // exactly 5%: not above the threshold
            #expect(try await evaluate() == [])
            now += 60
            try await minute(ok: 80, failed: 20)
            #expect(try await evaluate() == [.pending])
            now += 60
            #expect(try await evaluate() == [])  // pending for 60 s of 120
            now += 60
            #expect(try await evaluate() == [.firing])
            // 5% bad burns a 0.1% budget 50 times too fast: both burn-rate alerts of the objective fire from the first minute.
            let active = try await AlertBook(database: database, configuration: Self.configuration).active()
            #expect(active.map(\.rule) == ["HighErrorRate", "SLOBurnOrderAvailabilityFast", "SLOBurnOrderAvailabilitySlow"])
            #expect(active.allSatisfy { $0.state == "firing" })
            // The errors stop; once the 5-minute window has passed them, the alert resolves.
            for _ in 0..<5 {
                now += 60
                try await minute(ok: 100, failed: 0)
                _ = try await evaluate()
            }
            #expect(try await events(database).filter { $0.rule == "HighErrorRate" }.map(\.kind) == ["pending", "firing", "resolved"])
            #expect(try await events(database).filter { $0.rule == "HighErrorRate" }.map(\.delivery) == ["none", "delivered", "delivered"])

            // The same requests also burn the order objective's budget (22.2% bad over the hour and 5 min at the worst).
            #expect(try await events(database).contains { $0.rule == "SLOBurnOrderAvailabilityFast" && $0.kind == "firing" && $0.labels == "slo=order-availability" })

            let requests = receiver.requests.filter { String(decoding: $0.body, as: UTF8.self).contains("HighErrorRate") }
            #expect(requests.count == 2)
            let first = try #require(requests.first)
            let mac = HMAC<SHA256>.authenticationCode(for: first.body, using: SymmetricKey(data: Data(secret.utf8)))
            #expect(first.headers["x-skyport-signature"] == "sha256=" + mac.map { String(format: "%02x", $0) }.joined())
            let body = try #require(try JSONSerialization.jsonObject(with: first.body) as? [String: Any])
            let alert = try #require((body["alerts"] as? [[String: Any]])?.first)
            #expect(body["version"] as? String == "4" && body["status"] as? String == "firing")
            #expect((alert["labels"] as? [String: String]) == ["alertname": "HighErrorRate", "severity": "page", "module": "booking"])
            #expect((alert["annotations"] as? [String: String])?["runbook_url"] == "docs/runbooks.md#higherrorrate")
            try await receiver.stop()
        }
    }

    @Test(arguments: TestDatabases.engines)
    func aWebhookThatFailsIsTriedAgainWithBackoffThenGivenUp(engine: SQLEngine) async throws {
        try await TestDatabases.with(engine) { database in
            let receiver = try await WebhookReceiver()
            try await receiver.start()
            receiver.answer(503)
            let engine = AlertEngine(database: database, configuration: Self.configuration,
                                     webhook: AlertWebhook(url: URL(string: receiver.url)!, secret: "a-secret-of-sixteen+"), publicURL: "http://ops.test",
                                     logger: TestDatabases.logger)
            var readings = SignalReadings()
            readings.set("NotificationBacklog", AlertLabels(), 900)
            var now: Int64 = 1_000_000
            let changes = try await engine.evaluate(readings, now: now)
            #expect(changes.map(\.transition) == [.firing])
            var tries: [Int64] = []
            for _ in 0..<40 {
                if try await engine.deliverDue(now: now) > 0 { tries.append(now) }
                now += 30
            }
            #expect(receiver.requests.count == AlertEngine.deliveryTries)
            #expect(zip(tries.dropFirst(), tries).map { $0 - $1 } == [30, 60, 120, 240, 480])
            let row = try await database.read { sql in
                try await sql.raw("SELECT delivery_status, delivery_attempts, last_error FROM alert_events").first()
            }
            #expect(try row?.decode(column: "delivery_status", as: String.self) == "failed")
            #expect(try row?.decode(column: "last_error", as: String.self) == "HTTP 503")
            try await receiver.stop()
        }
    }

    /// Alert state lives in the database: an instance taking over the evaluation carries on from it.
    @Test(arguments: TestDatabases.engines)
    func anotherEvaluatorCarriesOnFromTheStoredState(engine: SQLEngine) async throws {
        try await TestDatabases.with(engine) { database in
            let rule = AlertRule(name: "OutboxBacklog", signal: .outboxBacklog, comparison: .above, threshold: 10, for: MonitoringDuration(seconds: 300),
                                 severity: .ticket, summary: "outbox", runbook: "docs/runbooks.md")
            let configuration = MonitoringConfiguration(alerts: [rule], slos: [])
            var readings = SignalReadings()
            readings.set("OutboxBacklog", AlertLabels(), 50)
            let first = AlertEngine(database: database, configuration: configuration, webhook: nil, publicURL: "", logger: TestDatabases.logger)
            let second = AlertEngine(database: database, configuration: configuration, webhook: nil, publicURL: "", logger: TestDatabases.logger)
            let steps = [try await first.evaluate(readings, now: 0), try await second.evaluate(readings, now: 200),
                         try await second.evaluate(readings, now: 300), try await second.evaluate(SignalReadings(), now: 360)]
            #expect(steps.map { $0.map(\.transition) } == [[.pending], [], [.firing], [.resolved]])
            #expect(try await AlertBook(database: database, configuration: configuration).active().isEmpty)
            #expect(try await AlertBook(database: database, configuration: configuration).history(since: 0).map(\.kind) == ["resolved", "firing", "pending"])
            try await second.prune(now: 360 + AlertEngine.historySeconds)
            #expect(try await AlertBook(database: database, configuration: configuration).history(since: 0).map(\.kind) == ["resolved"])
        }
    }
}
