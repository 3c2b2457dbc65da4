import Foundation
import Logging
import Prediction
import SkyportDomain
import SkyportStore
import SkyportTestSupport
@testable import Operations

/// The fixture network on sale, a champion delay model trained on the synthetic storms, and the operations
/// services over them on a clock the test moves.
struct OperationsFixture: Sendable {
    let database: any Database
    let clock: MovableClock
    let platform: PredictionPlatform
    let weather: WeatherService
    let disruptions: DisruptionService
    let observed = WakeUpSignal()

    /// 2026-12-01 10:00 UTC (05:00 in New York): the morning's departures lie ahead.
    static let morning = Int64(FixtureNetwork.firstDay.daysSinceEpoch) * 86_400 + 10 * 3600

    init(database: any Database, policy: DisruptionPolicy = .standard) async throws {
        self.database = database
        _ = try await FixtureNetwork.seed(database)
        let clock = MovableClock(Date(timeIntervalSince1970: TimeInterval(Self.morning)))
        self.clock = clock
        let now: @Sendable () -> Int64 = { Int64(clock.now.timeIntervalSince1970) }
        try await WeatherDelayModel.installChampion(in: database, now: now())
        platform = PredictionPlatform(database: database, modelDirectory: nil, logger: TestDatabases.logger, now: now)
        weather = WeatherService(database: database, observed: observed, now: now)
        disruptions = DisruptionService(database: database, policy: policy, predictor: platform.predictor, schedule: platform.schedule,
                                        logger: TestDatabases.logger, now: now)
    }

    var now: Int64 { Int64(clock.now.timeIntervalSince1970) }

    /// METAR text for `station`, observed nine minutes before the clock's hour, `hoursAgo` hours earlier.
    func report(_ station: String, _ body: String, hoursAgo: Int = 0) -> String {
        let observed = now - 9 * 60 - Int64(hoursAgo) * 3600
        let day = Calendar.utcDay(observed)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(station) \(two(day))\(two(Int(observed % 86_400 / 3600)))\(two(Int(observed % 3600 / 60)))Z \(body)"
    }

    static let calm = "27008KT 10SM FEW250 05/M04 A3030 RMK AO2 SLP262"
    static let blizzard = "36035G50KT 1/4SM +SN BLSN FZFG VV003 M06/M08 A2940 RMK AO2 SLP960 P0015"
}

extension Calendar {
    static func utcDay(_ seconds: Int64) -> Int {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.component(.day, from: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }
}
