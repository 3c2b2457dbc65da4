import Foundation
import SQLKit
import SkyportDomain
import SkyportStore
import SkyportTestSupport
import Testing
@testable import CommandCenter

@Suite struct TrafficTests {
    static let minute: Int64 = 1_796_000_040 - 1_796_000_040 % 60

    @Test(arguments: TestDatabases.engines)
    func twoInstancesRequestsAddUpAndAFlushRepeatedCountsNothingTwice(engine: SQLEngine) async throws {
        try await TestDatabases.with(engine) { database in
            let first = TrafficRecorder(database: database, instance: "inst_a", logger: TestDatabases.logger)
            let second = TrafficRecorder(database: database, instance: "inst_b", logger: TestDatabases.logger)
            let t = Self.minute
            for index in 0..<10 {
                first.record(module: "booking", method: "POST", route: "/v1/orders", status: index < 2 ? 503 : 201, seconds: 0.004, at: t + 5)
            }
            second.record(module: "booking", method: "POST", route: "/v1/orders", status: 422, seconds: 0.3, at: t + 61)
            second.record(module: "web", method: "GET", route: "/", status: 200, seconds: 0.01, at: t + 70)
            try await first.flush(now: t + 10)
            try await first.flush(now: t + 20)  // nothing new: the rows are written whole, so nothing doubles
            first.record(module: "booking", method: "POST", route: "/v1/orders", status: 201, seconds: 0.004, at: t + 30)
            try await first.flush(now: t + 30)
            try await second.flush(now: t + 75)

            let history = TrafficHistory(database: database)
            let orders = try await history.route(method: "POST", route: "/v1/orders", since: t, until: t + 120, resolution: .minute)
            #expect(orders.requests == 12 && orders.serverErrors == 2 && orders.clientErrors == 1)
            #expect(orders.histogram.count(atOrBelow: 0.005) == 11 && orders.histogram.total == 12)
            let hourly = try await history.route(method: "POST", route: "/v1/orders", since: t - 3600, until: t + 3600, resolution: .hour)
            #expect(hourly.requests == 12)

            let modules = try await history.modules(since: t, until: t + 120, resolution: .minute)
            #expect(modules["booking"]?.requests == 12 && modules["web"]?.requests == 1)
            let series = try await history.series(module: "booking", since: t, until: t + 120, resolution: .minute, step: 60)
            #expect(series.map(\.periodStart) == [t, t + 60] && series.map(\.counts.requests) == [11, 1])
            let coarse = try await history.series(module: nil, since: t, until: t + 120, resolution: .minute, step: 120)
            #expect(coarse.reduce(0) { $0 + $1.counts.requests } == 13)

            try await first.prune(now: t + 3 * 86_400)
            #expect(try await history.route(method: "POST", route: "/v1/orders", since: t, until: t + 120, resolution: .minute).requests == 0)
            #expect(try await history.route(method: "POST", route: "/v1/orders", since: t - 3600, until: t + 3600, resolution: .hour).requests == 12)
        }
    }

    @Test(arguments: TestDatabases.engines)
    func aModuleIsReadyWhileALiveInstanceServesItAndNotOnceItFallsSilent(engine: SQLEngine) async throws {
        try await TestDatabases.with(engine) { database in
            let directory = InstanceDirectory(database: database)
            try await directory.heartbeat(id: "inst_web", services: [.web, .booking], host: "pod-a", startedAt: 100,
                                          health: [.web: ModuleHealth(.ready), .booking: ModuleHealth(.degraded, "no schedule")], now: 1000)
            try await directory.heartbeat(id: "inst_ops", services: [.operations], host: "pod-b", startedAt: 100,
                                          health: [.operations: ModuleHealth(.notReady, "the database does not answer")], now: 1000)
            var instances = try await directory.recent(now: 1010)
            #expect(instances.count == 2)
            #expect(instances.first { $0.id == "inst_web" }?.health[.booking] == ModuleHealth(.degraded, "no schedule"))
            #expect(InstanceDirectory.readiness(of: instances, now: 1010) == [.web: 1, .booking: 1, .operations: 0])
            // Silent for longer than the heartbeat allows: counted as down.
            #expect(InstanceDirectory.readiness(of: instances, now: 1000 + InstanceDirectory.staleSeconds + 1) == [.web: 0, .booking: 0, .operations: 0])
            try await directory.leave(id: "inst_ops")
            instances = try await directory.recent(now: 1010)
            #expect(instances.map(\.id) == ["inst_web"])
        }
    }
}
