import CustomerData
import Foundation
import Logging
import SQLKit
import SkyportDomain
import SkyportStore
import SkyportTestSupport
import Synchronization
import Testing

/// Collection, then the profile processor, on a real database.
struct CDPFixture: Sendable {
    let database: any Database
    let source: EventSource
    let collector: EventCollector
    let processor: ProfileProcessor
    let directory: ProfileDirectory
    let segments: SegmentStore
    let privacy: PrivacyService
    let suppressions: SuppressionList

    static let start: Int64 = 1_795_599_000_000  // 2026-11-25T09:30Z
    static let day: Int64 = 86_400_000

    final class Box: Sendable {
        let time = Mutex<Int64>(CDPFixture.start)
    }

    static func with(_ engine: SQLEngine, _ body: @Sendable (CDPFixture, Box) async throws -> Void) async throws {
        try await TestDatabases.with(engine) { database in
            let box = Box()
            let now: @Sendable () -> Int64 = { box.time.withLock { $0 } }
            let suppressions = SuppressionList(database: database, refreshInterval: .zero)
            let (source, _) = try await EventSources(database: database).create(name: "tests", now: 1)
            let fixture = CDPFixture(
                database: database, source: source, collector: EventCollector(database: database, suppressions: suppressions),
                processor: ProfileProcessor(database: database, logger: TestDatabases.logger, now: now),
                directory: ProfileDirectory(database: database, now: now), segments: SegmentStore(database: database, now: now),
                privacy: PrivacyService(database: database, suppressions: suppressions, now: now), suppressions: suppressions)
            try await body(fixture, box)
        }
    }

    /// Collects messages (Segment JSON objects) as one batch received at `at`.
    @discardableResult
    func send(_ messages: [[String: Any]], at time: Int64 = CDPFixture.start) async throws -> EventCollector.Receipt {
        let parsed = try messages.map { try SegmentMessage(foundation: $0, kind: nil, batchSentAt: nil, field: "") }
        return try await collector.collect(parsed, from: source, receivedAt: time)
    }

    func profile(_ reference: String) async throws -> ProfileDirectory.Profile? {
        guard let id = try await directory.profileID(reference) else { return nil }
        return try await directory.profile(id: id)
    }

    func count(_ table: String) async throws -> Int {
        try await database.read { sql in
            try await sql.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table)").first()!.decode(column: "n", as: Int.self)
        }
    }

    func outboxTopics() async throws -> [String] {
        try await database.read { sql in try await Outbox.events(limit: 1000, on: sql).map(\.topic) }
    }

    static func iso(_ milliseconds: Int64) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: Date(timeIntervalSince1970: Double(milliseconds) / 1000))
    }
}

@Suite struct ProfileProcessorTests {
    @Test(arguments: TestDatabases.engines)
    func aVisitorWhoSignsInIsOneProfileFoundByEveryIdentifier(engine: SQLEngine) async throws {
        try await CDPFixture.with(engine) { cdp, _ in
            try await cdp.send([
                ["type": "page", "anonymousId": "browser-1", "messageId": "m1"],
                ["type": "track", "event": "Products Searched", "anonymousId": "browser-1", "messageId": "m2",
                 "properties": ["origin": "JFK", "destination": "LAX", "departure_date": "2026-12-08"]],
                ["type": "identify", "userId": "cus_ada", "anonymousId": "browser-1", "messageId": "m3",
                 "traits": ["email": "Ada@Example.com", "phone": "(212) 555-0100", "loyalty_number": "sk-100", "first_name": "Ada"]],
                ["type": "track", "event": "Order Completed", "userId": "cus_ada", "messageId": "m4",
                 "properties": ["order_id": "PNR123", "total": "310.20", "currency": "USD", "destination": "LAX"]],
            ])
            #expect(try await cdp.processor.processPending() == 4)
            let byEmail = try #require(try await cdp.profile("email:ada@example.com"))
            for reference in ["user_id:cus_ada", "anonymous_id:browser-1", "phone:+12125550100", "loyalty_number:SK100", "profile_id:\(byEmail.id)"] {
                #expect(try await cdp.profile(reference)?.id == byEmail.id, "\(reference)")
            }
            #expect(try await cdp.count("cdp_profiles") == 1)
            #expect(byEmail.traits["first_name"]?.value == "Ada")
            #expect(byEmail.computed_traits.tripsBooked == 1 && byEmail.computed_traits.totalSpend == ["USD": "310.2"])
            #expect(byEmail.computed_traits.lastSearch?.destination == "LAX")
            let timeline = try await cdp.directory.timeline(id: byEmail.id, before: nil, limit: 10)
            #expect(timeline.map(\.event) == ["Order Completed", nil, "Products Searched", nil])
            let backlog = try await cdp.processor.backlog()
            #expect(backlog.events == 0 && backlog.oldestWaitingMilliseconds == 0)
            #expect(try await cdp.directory.profileID("email:nobody@example.com") == nil)
        }
    }

    @Test(arguments: TestDatabases.engines)
    func theNewestTraitWinsWhateverOrderEventsArriveIn(engine: SQLEngine) async throws {
        try await CDPFixture.with(engine) { cdp, _ in
            let t0 = CDPFixture.start
            try await cdp.send([["type": "identify", "userId": "u1", "traits": ["tier": "gold"], "timestamp": CDPFixture.iso(t0 - 1000)]])
            try await cdp.processor.processPending()
            // A phone that was offline sends an older identify afterwards: it does not overwrite.
            try await cdp.send([["type": "identify", "userId": "u1", "traits": ["tier": "silver", "city": "Seoul"], "timestamp": CDPFixture.iso(t0 - 5000)]])
            try await cdp.processor.processPending()
            let profile = try #require(try await cdp.profile("user_id:u1"))
            #expect(profile.traits["tier"]?.value == "gold" && profile.traits["tier"]?.set_at == t0 - 1000)
            #expect(profile.traits["city"]?.value == "Seoul")
        }
    }

    @Test(arguments: TestDatabases.engines)
    func twoProfilesThatTurnOutToBeOnePersonAreMergedAndTheMergeRecorded(engine: SQLEngine) async throws {
        try await CDPFixture.with(engine) { cdp, _ in
            try await cdp.send([
                ["type": "identify", "anonymousId": "laptop", "traits": ["email": "grace@example.com"], "messageId": "a"],
                ["type": "track", "event": "Products Searched", "anonymousId": "laptop", "properties": ["origin": "JFK", "destination": "SFO"], "messageId": "b"],
            ])
            try await cdp.send([["type": "track", "event": "Product Viewed", "anonymousId": "phone", "properties": ["destination": "SFO"], "messageId": "c"]],
                               at: CDPFixture.start + 1000)
            try await cdp.processor.processPending()
            #expect(try await cdp.count("cdp_profiles") == 2)
            let laptop = try #require(try await cdp.profile("anonymous_id:laptop"))
            // The phone's browser signs up with the same email.
            try await cdp.send([["type": "identify", "anonymousId": "phone", "userId": "cus_grace", "traits": ["email": "GRACE@example.com"], "messageId": "d"]],
                               at: CDPFixture.start + 2000)
            try await cdp.processor.processPending()
            #expect(try await cdp.count("cdp_profiles") == 1)
            let merged = try #require(try await cdp.profile("anonymous_id:phone"))
            #expect(merged.id == laptop.id)  // the older profile is kept
            #expect(merged.merges.count == 1 && merged.merges.first?.kept_profile_id == laptop.id && merged.merges.first?.identifier_type == "anonymous_id")
            #expect(try await cdp.directory.timeline(id: merged.id, before: nil, limit: 10).count == 4)
            #expect(merged.computed_traits.favouriteDestination == "SFO")
            #expect(Set(merged.identifiers.map(\.type)) == ["anonymous_id", "email", "user_id"])
        }
    }

    @Test(arguments: TestDatabases.engines)
    func concurrentEventsOfOnePersonNeverMakeTwoProfiles(engine: SQLEngine) async throws {
        try await CDPFixture.with(engine) { cdp, _ in
            // Forty devices of one person, each in its own batch, collected and processed concurrently, by
            // several callers of one processor and by the processor of a second instance (its own cache);
            // every batch links its device to the same email.
            let secondInstance = ProfileProcessor(database: cdp.database, logger: TestDatabases.logger, now: { CDPFixture.start })
            try await withThrowingTaskGroup(of: Void.self) { group in
                for device in 0..<40 {
                    group.addTask {
                        try await cdp.send([
                            ["type": "page", "anonymousId": "device-\(device)", "messageId": "p-\(device)"],
                            ["type": "identify", "anonymousId": "device-\(device)", "traits": ["email": "linus@example.com"], "messageId": "i-\(device)"],
                        ], at: CDPFixture.start + Int64(device))
                    }
                    if device % 8 == 0 { group.addTask { try await cdp.processor.processPending() } }
                    if device % 8 == 4 { group.addTask { try await secondInstance.processPending() } }
                }
                try await group.waitForAll()
            }
            try await cdp.processor.processPending()
            #expect(try await cdp.count("cdp_profiles") == 1)
            let profile = try #require(try await cdp.profile("email:linus@example.com"))
            #expect(profile.identifiers.filter { $0.type == "anonymous_id" }.count == 40)
            #expect(try await cdp.directory.timeline(id: profile.id, before: nil, limit: 500).count == 80)
            #expect(try await cdp.count("cdp_profile_events") == 80)
        }
    }

    @Test(arguments: TestDatabases.engines)
    func aStoredProfileMergedIntoOneThatIsMergedInTheSameBatchKeepsItsEvents(engine: SQLEngine) async throws {
        try await CDPFixture.with(engine) { cdp, _ in
            let start = CDPFixture.start
            try await cdp.send([["type": "identify", "anonymousId": "laptop", "traits": ["email": "ada@example.com"], "messageId": "a",
                                 "timestamp": CDPFixture.iso(start + 5000)]])
            try await cdp.processor.processPending()
            // One batch: the phone's profile (older) takes the laptop's stored one, then the tablet's (older
            // still, and like the phone's new in this batch) takes the phone's.
            try await cdp.send([
                ["type": "page", "anonymousId": "tablet", "messageId": "b", "timestamp": CDPFixture.iso(start + 500)],
                ["type": "page", "anonymousId": "phone", "messageId": "c", "timestamp": CDPFixture.iso(start + 1000)],
                ["type": "identify", "anonymousId": "phone", "traits": ["email": "ada@example.com"], "messageId": "d", "timestamp": CDPFixture.iso(start + 1500)],
                ["type": "identify", "anonymousId": "tablet", "traits": ["email": "ada@example.com"], "messageId": "e", "timestamp": CDPFixture.iso(start + 2000)],
            ])
            try await cdp.processor.processPending()
            #expect(try await cdp.count("cdp_profiles") == 1)
            let profile = try #require(try await cdp.profile("anonymous_id:laptop"))
            #expect(try await cdp.profile("anonymous_id:tablet")?.id == profile.id)
            #expect(try await cdp.count("cdp_merges") == 2)
            #expect(try await cdp.directory.timeline(id: profile.id, before: nil, limit: 10).count == 5)
            #expect(try await cdp.count("cdp_profile_events") == 5)
        }
    }

    @Test(arguments: TestDatabases.engines)
    func theRunningProcessorWorksOutBatchesAheadAndEndsWhereOneAtATimeWould(engine: SQLEngine) async throws {
        try await CDPFixture.with(engine) { cdp, _ in
            // Each verdict needs the searches of the batches before, the last of which may still be being written.
            let searchers = try await cdp.segments.create(name: "Five searches", description: "",
                                                          rule: try SegmentRule(["event": "Products Searched", "within_days": 7, "at_least": 5]))
            let processor = ProfileProcessor(database: cdp.database, logger: TestDatabases.logger, batchSize: 20, now: { CDPFixture.start })
            let running = Task { await processor.run(idle: .milliseconds(5)) }
            // Thirty visitors browse in interleaved batches (each batch touches people the one before
            // touched), then sign in; a small batch size makes many batches.
            for round in 0..<6 {
                try await cdp.send((0..<30).map { person in
                    round < 5
                        ? ["type": "track", "event": "Products Searched", "anonymousId": "visit-\(person)", "messageId": "s-\(round)-\(person)",
                           "properties": ["origin": "ICN", "destination": round % 2 == 0 ? "NRT" : "LAX"]]
                        : ["type": "identify", "userId": "cus_\(person)", "anonymousId": "visit-\(person)", "messageId": "i-\(person)",
                           "traits": ["email": "p\(person)@example.com"]]
                })
            }
            while try await processor.backlog().events > 0 { try await Task.sleep(for: .milliseconds(10)) }
            running.cancel()
            await running.value
            #expect(try await cdp.count("cdp_profiles") == 30)
            #expect(try await cdp.segments.members(of: searchers.id, after: nil, limit: 100).count == 30)
            for person in [0, 17, 29] {
                let profile = try #require(try await cdp.profile("email:p\(person)@example.com"))
                #expect(Set(profile.identifiers.map(\.value)) == ["cus_\(person)", "visit-\(person)", "p\(person)@example.com"])
                #expect(profile.computed_traits.favouriteDestination == "NRT")
                #expect(try await cdp.directory.timeline(id: profile.id, before: nil, limit: 50).count == 6)
            }
        }
    }

    @Test(arguments: TestDatabases.engines)
    func segmentMembershipFollowsEventsAndTimeAndIsAnnouncedInTheOutbox(engine: SQLEngine) async throws {
        try await CDPFixture.with(engine) { cdp, clock in
            let segment = try await cdp.segments.create(name: "JFK-LAX lookers", description: "searched, did not book",
                                                        rule: try SegmentRule(SegmentRuleTests.searchedNotBooked))
            func members() async throws -> [String] { try await cdp.segments.members(of: segment.id, after: nil, limit: 100).map(\.profileID) }
            try await cdp.send([["type": "track", "event": "Products Searched", "anonymousId": "b1", "messageId": "s1",
                                 "properties": ["origin": "JFK", "destination": "LAX"]]])
            try await cdp.processor.processPending()
            let id = try #require(try await cdp.directory.profileID("anonymous_id:b1"))
            #expect(try await members() == [id])
            #expect(try await cdp.profile("anonymous_id:b1")?.segments.map(\.name) == ["JFK-LAX lookers"])
            // A page view cannot change this segment; an order can.
            try await cdp.send([["type": "page", "anonymousId": "b1", "messageId": "p1"]])
            try await cdp.processor.processPending()
            #expect(try await members() == [id])
            try await cdp.send([["type": "track", "event": "Order Completed", "anonymousId": "b1", "messageId": "o1", "properties": ["order_id": "PNR1"]]],
                               at: CDPFixture.start + 60_000)
            clock.time.withLock { $0 += 60_000 }
            try await cdp.processor.processPending()
            #expect(try await members() == [])
            #expect(try await cdp.outboxTopics() == ["cdp.segment.entered", "cdp.segment.exited"])

            // Another visitor searches, and a week later the search ages out without any new event.
            try await cdp.send([["type": "track", "event": "Products Searched", "anonymousId": "b2", "messageId": "s2",
                                 "properties": ["origin": "JFK", "destination": "LAX"]]], at: CDPFixture.start + 60_000)
            try await cdp.processor.processPending()
            #expect(try await members().count == 1)
            clock.time.withLock { $0 += 7 * CDPFixture.day + 120_000 }
            try await cdp.segments.sweep()
            #expect(try await members() == [])
            #expect(try await cdp.segments.summary(id: segment.id)?.members == 0)
            #expect(try await cdp.outboxTopics().suffix(2) == ["cdp.segment.entered", "cdp.segment.exited"])
        }
    }

    @Test(arguments: TestDatabases.engines)
    func aNewSegmentIsFilledFromExistingProfiles(engine: SQLEngine) async throws {
        try await CDPFixture.with(engine) { cdp, _ in
            try await cdp.send([
                ["type": "identify", "userId": "u1", "traits": ["tier": "gold"]],
                ["type": "identify", "userId": "u2", "traits": ["tier": "blue"]],
            ])
            try await cdp.processor.processPending()
            let segment = try await cdp.segments.create(name: "Gold", description: "", rule: try SegmentRule(.object(["trait": "tier", "op": "equals", "value": "gold"])))
            #expect(try await cdp.segments.summary(id: segment.id)?.members == 1)
            await #expect(throws: ServiceError.self) {
                try await cdp.segments.create(name: "Gold", description: "", rule: try SegmentRule(.object(["trait": "tier", "op": "exists"])))
            }
            #expect(try await cdp.segments.delete(id: segment.id))
            #expect(try await cdp.segments.list().isEmpty)
            #expect(try await cdp.outboxTopics() == ["cdp.segment.entered", "cdp.segment.exited"])
        }
    }

    @Test(arguments: TestDatabases.engines)
    func consentComesFromEventsAndOperatorsWithItsHistory(engine: SQLEngine) async throws {
        try await CDPFixture.with(engine) { cdp, _ in
            let consent: [String: Any] = ["consent": ["categoryPreferences": ["personalization": true, "marketing": false]]]
            // Every page carries the same preferences: the history records decisions, not repetitions.
            try await cdp.send((1...3).map { ["type": "page", "anonymousId": "b1", "messageId": "p\($0)", "context": consent] })
            try await cdp.processor.processPending()
            let id = try #require(try await cdp.directory.profileID("anonymous_id:b1"))
            #expect(try await cdp.privacy.allows(.personalization, profile: id))
            #expect(try await cdp.privacy.allows(.marketing, profile: id) == false)
            let history = try await cdp.privacy.recordConsent(profile: id, decisions: [.personalization: false], source: "call centre")
            #expect(history.map(\.purpose) == ["personalization", "marketing", "personalization"])
            #expect(history.last?.source == "call centre" && history.last?.granted == false)
            #expect(try await cdp.privacy.allows(.personalization, profile: id) == false)
            await #expect(throws: ServiceError.self) { try await cdp.privacy.recordConsent(profile: id, decisions: [:], source: "web") }
            // The browser's next answer is a decision again: the processor does not keep the one it knew.
            try await cdp.send([["type": "page", "anonymousId": "b1", "messageId": "p4", "context": consent]])
            try await cdp.processor.processPending()
            #expect(try await cdp.privacy.allows(.personalization, profile: id))
        }
    }

    @Test(arguments: TestDatabases.engines)
    func erasureDeletesEverythingAuditsWithoutPersonalDataAndSuppressesLaterEvents(engine: SQLEngine) async throws {
        try await CDPFixture.with(engine) { cdp, clock in
            try await cdp.send([
                ["type": "identify", "userId": "cus_erase", "anonymousId": "b-erase", "traits": ["email": "erase.me@example.com", "name": "Erin"]],
                ["type": "track", "event": "Products Searched", "anonymousId": "b-erase", "properties": ["origin": "JFK", "destination": "LAX"]],
                ["type": "identify", "userId": "cus_keep", "traits": ["email": "keep@example.com"]],
            ])
            try await cdp.processor.processPending()
            // An event still waiting for the processor is erased too.
            try await cdp.send([["type": "page", "anonymousId": "b-erase", "messageId": "waiting"]])
            let id = try #require(try await cdp.directory.profileID("email:erase.me@example.com"))
            let export = try await cdp.privacy.export(profile: id, requestedBy: "dpo")
            #expect(export.events.count == 2 && export.profile.traits["name"]?.value == "Erin")
            #expect(export.categories.map(\.category).contains("events"))
            let receipt = try await cdp.privacy.erase(profile: id, requestedBy: "dpo")
            #expect(receipt.events == 3 && receipt.identifiers == 3 && receipt.traits == 2)
            #expect(try await cdp.directory.profileID("email:erase.me@example.com") == nil)
            #expect(try await cdp.count("cdp_profiles") == 1)
            #expect(try await cdp.count("cdp_events") == 1)
            let audit = try await cdp.privacy.auditTrail()
            #expect(audit.map(\.kind) == ["erasure", "export"] || audit.map(\.kind) == ["export", "erasure"])
            let trail = String(describing: audit)
            for secret in ["erase.me", "cus_erase", "b-erase", "Erin", id] { #expect(!trail.contains(secret)) }

            // Later events naming the person are dropped at collection...
            let receiptLater = try await cdp.send([["type": "track", "event": "Page", "userId": "cus_erase"], ["type": "page", "anonymousId": "someone-else"]])
            #expect(receiptLater.received == 2 && receiptLater.stored == 1)
            // ...and by the processor when only a trait names them (the email).
            try await cdp.send([["type": "identify", "anonymousId": "new-browser", "traits": ["email": "erase.me@example.com"]]])
            // On PostgreSQL the processor waits briefly at the hole the erased waiting event left.
            clock.time.withLock { $0 += 3000 }
            try await cdp.processor.processPending()
            #expect(try await cdp.directory.profileID("anonymous_id:new-browser") == nil)
            #expect(try await cdp.directory.profileID("anonymous_id:someone-else") != nil)
            await #expect(throws: ServiceError.self) { try await cdp.privacy.erase(profile: id, requestedBy: "dpo") }
        }
    }
}
