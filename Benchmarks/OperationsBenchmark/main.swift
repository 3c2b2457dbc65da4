import Booking
import Foundation
import Logging
import Operations
import Prediction
import SQLKit
import SkyportDomain
import SkyportStore
import SkyportTestSupport

// From one weather observation to the notifications queued for 1,000 affected passengers (BENCHMARKS.md).
//
// Each round builds a fresh database (SQLite with synchronous=full, as served; PostgreSQL when
// SKYPORT_BENCH_POSTGRES_URL is set): the fixture network plus ten morning departures from JFK, 250 bookings
// of four passengers on them, a champion delay model trained on the synthetic storms, calm weather. The
// disruption engine runs as `serve` runs it. Then one blizzard report for JFK is ingested and the clock starts:
// "queued" is when every affected booking has its message queued (the transaction that opens a disruption
// queues them), "worded" when the notification worker has worded them all, held alternatives for each and put
// them in the inboxes. The baseline, measured in the same round, is one scoring pass over the same departures
// in calm weather (no disruption to open).

let rounds = Int(ProcessInfo.processInfo.environment["ROUNDS"] ?? "5") ?? 5
let postgresURL = ProcessInfo.processInfo.environment["SKYPORT_BENCH_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
let logger: Logger = {
    var logger = Logger(label: "skyport.bench")
    logger.logLevel = .error
    return logger
}()
let morning = Int64(FixtureNetwork.firstDay.daysSinceEpoch) * 86_400 + 10 * 3600   // 05:00 in New York
let extraFlights = 10, bookingsPerFlight = 25, partySize = 4

struct Round {
    var passengers = 0
    var queuedMilliseconds = 0.0
    var wordedMilliseconds = 0.0
    var calmPassMilliseconds = 0.0
    var disruptions = 0
}

func milliseconds(since start: ContinuousClock.Instant) -> Double {
    let elapsed = ContinuousClock.now - start
    return Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
}

/// The fixture's CSVs plus `extraFlights` departures JFK-LAX between 07:00 and 10:00, every day of December 2013.
func writeNetwork(to directory: URL) throws {
    try FixtureNetwork.writeCSVs(to: directory)
    let url = directory.appendingPathComponent("flights.csv")
    var lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map(String.init)
    for day in 1...31 {
        for index in 0..<extraFlights {
            let minutes = 7 * 60 + index * 20, hhmm = (minutes / 60) * 100 + minutes % 60, arrival = hhmm + 320
            let utc = "2013-12-\(day < 10 ? "0" : "")\(day)T\(minutes / 60 + 5 < 10 ? "0" : "")\(minutes / 60 + 5):00:00Z"
            lines.append("2013,12,\(day),\(hhmm),\(hhmm),0,\(arrival),\(arrival),0,UA,\(1000 + index),N100,JFK,LAX,330,2475,\(minutes / 60),\(minutes % 60),\(utc)")
        }
    }
    try (lines.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
}

func metar(_ body: String, at now: Int64) -> String {
    let observed = now - 9 * 60
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    let parts = calendar.dateComponents([.day, .hour, .minute], from: Date(timeIntervalSince1970: TimeInterval(observed)))
    func two(_ value: Int?) -> String { String(format: "%02d", value ?? 0) }
    return "KJFK \(two(parts.day))\(two(parts.hour))\(two(parts.minute))Z \(body)"
}

func open() async throws -> (any Database, @Sendable () async -> Void) {
    try await BenchmarkDatabase.open(postgresURL: postgresURL, logger: logger)
}

func round() async throws -> Round {
    let (database, close) = try await open()
    defer { Task { await close() } }
    try await TestDatabases.migrator.migrate(database)
    let csv = FileManager.default.temporaryDirectory.appendingPathComponent("skyport-ops-bench-csv-\(UUID().uuidString)")
    try writeNetwork(to: csv)
    defer { try? FileManager.default.removeItem(at: csv) }
    _ = try await NetworkImporter(database: database, dataDirectory: csv,
                                  record: HistoryImporter(database: database), logger: logger).importAll(scheduleStart: FixtureNetwork.firstDay, weeks: 1)

    let clock = MovableClock(Date(timeIntervalSince1970: TimeInterval(morning)))
    let now: @Sendable () -> Int64 = { Int64(clock.now.timeIntervalSince1970) }
    try await WeatherDelayModel.installChampion(in: database, now: now())
    let booking = BookingServices(database: database, secret: BookingFixture.secret, payments: TestPaymentProcessor(), accountingCode: "999",
                                  clock: BookingClock { clock.now }, logger: logger)
    let prediction = PredictionPlatform(database: database, modelDirectory: nil, schedule: ScheduleDepartureSource(database: database), logger: logger, now: now)
    let operations = OperationsPlatform(
        database: database, prediction: prediction, booking: booking, policy: .standard,
        settings: NotificationSettings(publicURL: "https://fly.example"), channels: [], templates: try MessageTemplates.bundled(),
        instance: "bench", logger: logger, now: now)

    // Each booking is priced afresh: fares go up as the cheaper booking classes fill.
    let search = BookingFixture.search("JFK", "LAX", date: FixtureNetwork.firstDay, passengers: Array(repeating: "adult", count: partySize))
    var result = Round()
    for index in 0..<extraFlights {
        let flight = "20261201-UA\(1000 + index)-JFKLAX"
        for _ in 0..<bookingsPerFlight {
            guard let offer = try await booking.shopping.search(search).offers
                .first(where: { $0.slices[0].segments.count == 1 && $0.slices[0].segments[0].flightId == flight }) else {
                throw BenchmarkError("no offer on \(flight)")
            }
            _ = try await booking.orders.create(BookingFixture.order(offerID: offer.id, passengers: Array(repeating: .adult, count: partySize)),
                                                idempotencyKey: nil, requestHash: UUID().uuidString)
            result.passengers += partySize
        }
    }

    // Calm hours, and the engine's first pass over them.
    _ = try await operations.weather.ingest((1...3).reversed().map { metar("27008KT 10SM FEW250 05/M04 A3030", at: now() - Int64($0) * 3600) }
        .joined(separator: "\n"))
    let engine = Task { await operations.engine.run() }
    defer { engine.cancel() }
    try await Task.sleep(for: .milliseconds(500))
    let calm = ContinuousClock.now
    let calmPass = try await operations.disruptions.assessUpcoming(airports: ["JFK"])
    result.calmPassMilliseconds = milliseconds(since: calm)
    guard calmPass.opened == 0, calmPass.scored > extraFlights else { throw BenchmarkError("calm weather opened disruptions: \(calmPass)") }

    // One blizzard report.
    let blizzard = metar("36035G50KT 1/4SM +SN BLSN FZFG VV003 M06/M08 A2940", at: now())
    let bookings = extraFlights * bookingsPerFlight
    let started = ContinuousClock.now
    _ = try await operations.weather.ingest(blizzard)
    var queued = 0
    while queued < bookings {
        _ = await operations.queued.wait(seconds: 0.05)
        queued = try await database.read { sql in
            try await sql.raw("SELECT COUNT(DISTINCT order_id) AS n FROM notifications").first()!.decode(column: "n", as: Int.self)
        }
        if milliseconds(since: started) > 30_000 { throw BenchmarkError("only \(queued) of \(bookings) bookings queued after 30 s") }
    }
    result.queuedMilliseconds = milliseconds(since: started)
    try await operations.worker.drain()
    result.wordedMilliseconds = milliseconds(since: started)
    engine.cancel()
    await engine.value
    result.disruptions = try await operations.disruptions.list(status: "open").count
    try await prediction.log.flush()
    return result
}

struct BenchmarkError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

print("engine: \(postgresURL == nil ? "SQLite (synchronous=full)" : "PostgreSQL"), \(rounds) rounds")
var results: [Round] = []
for number in 1...rounds {
    let result: Round
    do {
        result = try await round()
    } catch {
        print("round \(number) failed: \(error)")
        exit(1)
    }
    results.append(result)
    print(String(format: "round %d: %d passengers in %d bookings, %d disruptions | observation -> queued %.1f ms, -> worded %.1f ms | calm pass %.1f ms",
                 number, result.passengers, extraFlights * bookingsPerFlight, result.disruptions, result.queuedMilliseconds,
                 result.wordedMilliseconds, result.calmPassMilliseconds))
}
let queued = median(results.map(\.queuedMilliseconds)), worded = median(results.map(\.wordedMilliseconds))
let calm = median(results.map(\.calmPassMilliseconds))
print(String(format: "median: observation -> %d passengers queued %.1f ms; -> worded with alternatives held %.1f ms; calm scoring pass %.1f ms (queued/calm %.2f)",
             results[0].passengers, queued, worded, calm, queued / calm))
