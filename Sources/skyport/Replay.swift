import Accounts
import ArgumentParser
import Booking
import Foundation
import Logging
import Operations
import Prediction
import SkyportApp
import SkyportDomain
import SkyportStore

/// `skyport replay`: a day of 2013 played again, time-compressed, against the deployed delay model.
struct Replay: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Replay a 2013 day (its weather, departures and cancellations) with bookings, against the champion delay model.",
        discussion: """
            Builds a database of its own (default <data dir>/replay-DATE.sqlite, made anew each run) from the data set's CSVs: the day,
            the week before and the day after, with the champion delay model of the configured database. It books passengers on the
            day's flights, then plays the day from 05:00 New York time: each step stores the weather observed and the departures that
            left, cancels the flights the record has as cancelled three hours ahead, scores the departures of the next hours, tells
            the passengers of each disruption level and lets them answer (about 60% take a held alternative, half of the others
            entitled to a refund take it). The site and the API serve the replay meanwhile, on the replay's clock.

            Try: skyport replay --date 2013-02-08   (the day a blizzard hit New York)
            """)

    @OptionGroup var common: CommonOptions

    @Option(help: "The 2013 day to play, YYYY-MM-DD.") var date: String

    @Option(help: "Replay minutes per real second (60: an hour of the day a minute). 0 plays as fast as it can.") var speed: Double = 60

    @Option(name: .customLong("step-minutes"), help: "Replay minutes per step.") var stepMinutes = 5

    @Option(name: .customLong("bookings-per-flight"), help: "Bookings made on each flight of the day (1 to 3 passengers each).")
    var bookingsPerFlight = 2

    @Option(help: "Port the site and the API of the replay listen on.") var port = 8081

    @Option(name: .customLong("replay-database-url"), help: "The replay's own database (default sqlite://<data dir>/replay-DATE.sqlite).")
    var replayDatabaseURL: String?

    @Flag(name: .customLong("no-serve"), help: "Play and print only, without the site and the API.") var noServe = false

    @Flag(name: .customLong("exit-when-done"), help: "Stop serving once the day is played (default: serve until Ctrl-C).")
    var exitWhenDone = false

    func run() async throws {
        guard let day = LocalDate(iso: date) else { throw ValidationError("--date must be a day written YYYY-MM-DD") }
        guard speed >= 0 else { throw ValidationError("--speed must be 0 or more") }
        var plan = ReplayPlan(date: day)
        plan.stepMinutes = stepMinutes
        plan.bookingsPerFlight = bookingsPerFlight
        guard plan.problems.isEmpty else { throw ValidationError(plan.problems.joined(separator: "\n")) }
        let source = try common.configuration()
        let fetcher = DataSetFetcher(dataDirectory: source.dataDirectory)
        if !fetcher.isComplete { try fetcher.fetch { print($0) } }
        let location = try DatabaseLocation(url: replayDatabaseURL ?? "sqlite://\(source.dataDirectory.appendingPathComponent("replay-\(day.iso).sqlite").path)")
        let logger = Logger(label: "skyport.replay")
        print("building the replay's database (\(location)) from \(source.dataDirectory.path)")
        let started: ReplayRuntime
        do {
            started = try await ReplayRuntime.start(plan: plan, source: source, database: location, port: port, logger: logger) { print("  \($0)") }
        } catch let error as ServiceError {
            throw CommandFailure(description: "\(error.message) (\(error.code))")
        }
        print("  champion delay model: version \(started.modelVersion) of \(source.database)")
        print("  champion cancellation-risk model: " + (started.cancellationModelVersion.map { "version \($0)" } ?? "none (train one with `skyport train cancellation-risk --promote champion`)"))
        do {
            try await play(started, serving: !noServe)
        } catch {
            await started.runtime.close()
            throw error
        }
        await started.runtime.close()
    }

    func play(_ started: ReplayRuntime, serving: Bool) async throws {
        let runtime = started.runtime, replay = started.replay
        let password = Identifier.make(prefix: "pw", length: 12)
        let guest = try await started.signUpGuest(password: password)
        let prepared = try await replay.prepare(customerID: guest.id)
        let (_, operatorToken) = try await OperatorTokens(database: runtime.database).create(name: "replay", now: started.clock.now)
        print("booked \(prepared.bookings) bookings (\(prepared.passengers) passengers) on \(prepared.flights) flights of \(replay.plan.date)")
        if serving {
            print("""

                  The replay is served on http://localhost:\(port) (its clock: \(replay.plan.date) from \(StormReplay.localTime(replay.start)) New York time).
                    Sign in as guest@replay.example / \(password) to see \(prepared.customerBookings.count) bookings in My trips, with their messages live,
                    or look up \(prepared.examples.map { "\($0.reference) / \($0.familyName)" }.joined(separator: ", ")) under Manage booking.
                    Operators: curl -H 'Authorization: Bearer \(operatorToken)' localhost:\(port)/v1/disruptions

                  """)
        }
        fflush(nil)
        let stepSeconds = speed == 0 ? 0 : Double(replay.plan.stepMinutes * 60) / speed
        try await withThrowingTaskGroup(of: String.self) { group in
            if serving { group.addTask { try await runtime.serve(); return "serve" } }
            group.addTask {
                while !replay.finished, !Task.isCancelled {
                    let begun = Date()
                    report(try await replay.step())
                    let left = stepSeconds - Date().timeIntervalSince(begun)
                    if left > 0 { try await Task.sleep(for: .milliseconds(Int(left * 1000))) }
                }
                try await runtime.prediction.log.flush()
                summarize(try await replay.summary())
                return "replay"
            }
            while let finished = try await group.next() {
                if finished == "serve" || !serving {
                    group.cancelAll()
                } else if exitWhenDone {
                    // Stop serving as Ctrl-C would: in-flight requests finish, connections close.
                    kill(getpid(), SIGTERM)
                } else {
                    print("the day is played; still serving on http://localhost:\(port) (Ctrl-C stops)")
                    fflush(nil)
                }
            }
        }
    }

    /// One line for each step in which something happened, and one every replay hour.
    func report(_ step: StormReplay.Step) {
        let pass = step.pass
        let changed = pass.opened + pass.raised + pass.lowered + pass.closed
        guard changed + step.told + step.rebooked + step.refunded + step.cancelled > 0 || step.at % 3600 == 0 else { return }
        var parts = ["\(StormReplay.localTime(step.at))  scored \(pass.scored)"]
        if changed > 0 { parts.append("disruptions opened \(pass.opened), raised \(pass.raised), lowered \(pass.lowered), closed \(pass.closed)") }
        if step.departed + step.cancelled > 0 { parts.append("departed \(step.departed), cancelled \(step.cancelled)") }
        if step.told > 0 { parts.append("told \(step.told) bookings") }
        if step.rebooked + step.refunded > 0 { parts.append("rebooked \(step.rebooked), refunded \(step.refunded)") }
        print(parts.joined(separator: " | "))
        // Out at once, also into a pipe or a log file: the replay is watched as it goes.
        fflush(nil)
    }

    func summarize(_ summary: StormReplay.Summary) {
        print("""

              \(summary.flights) flights: \(summary.departed) departed, \(summary.cancelled) cancelled; \(summary.bookings) bookings
              disruptions by highest level: \(summary.disruptions.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
              \(summary.messages) messages for \(summary.passengersTold) passengers; \(summary.rebookings) moves to a held flight, \(summary.bookingsRefunded) refunds
              deliveries: \(summary.deliveries.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
              seats sold match bookings and holds: \(summary.inventoryConsistent ? "yes" : "NO")
              """)
        fflush(nil)
    }
}
