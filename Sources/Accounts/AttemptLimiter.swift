import Foundation
import SQLKit
import SkyportDomain
import SkyportStore

/// Counts failed attempts (sign-ins, booking look-ups) per subject in the database, so that the
/// limit holds across every instance of Skyport, and refuses a subject over its limit.
public struct AttemptLimiter: Sendable {
    /// A subject and the failures it may have within the window.
    public struct Rule: Sendable, Hashable {
        public let subject: String
        public let limit: Int
        public init(subject: String, limit: Int) {
            self.subject = subject
            self.limit = limit
        }
    }

    /// Limits on guessing one secret (a password, the family name behind a booking reference), counted three
    /// ways so that nobody can lock another person out: per key and client together (a client that keeps
    /// guessing is stopped for that key only), per client (one client trying many keys), and per key from every
    /// client (guessing spread over many addresses; set high, as reaching it also stops the real owner).
    public struct GuessLimits: Sendable, Hashable {
        public let name: String
        public let perKeyAndClient: Int
        public let perClient: Int
        public let perKey: Int

        public init(name: String, perKeyAndClient: Int, perClient: Int, perKey: Int) {
            self.name = name
            self.perKeyAndClient = perKeyAndClient
            self.perClient = perClient
            self.perKey = perKey
        }

        /// The subjects a failure counts against: pair, client, key.
        public func subjects(key: String, client: String) -> [String] {
            ["\(name):pair:\(client)|\(key)", "\(name):client:\(client)", "\(name):key:\(key)"]
        }

        /// Wrong family names for one booking reference: the site's look-up and `GET /v1/orders` share them.
        public static let bookingLookUp = GuessLimits(name: "lookup", perKeyAndClient: 5, perClient: 20, perKey: 50)

        public func rules(key: String, client: String) -> [Rule] {
            zip(subjects(key: key, client: client), [perKeyAndClient, perClient, perKey]).map { Rule(subject: $0, limit: $1) }
        }
    }

    /// Runs `attempt` within `limits`: refused with `rateLimited` when over any of them (a refused attempt
    /// still counts against the client, which keeps trying); a nil answer (a wrong guess) counts against all
    /// three; a success forgets this client's failures for the key.
    public func guarded<T: Sendable>(_ limits: GuessLimits, key: String, client: String,
                                     _ attempt: () async throws -> T?) async throws -> T? {
        let subjects = limits.subjects(key: key, client: client)
        do {
            try await ensureAllowed(limits.rules(key: key, client: client))
        } catch let error as ServiceError where error.kind == .rateLimited {
            try await recordFailure([subjects[1]])
            throw error
        }
        guard let result = try await attempt() else {
            try await recordFailure(subjects)
            return nil
        }
        try await clear(subjects[0])
        return result
    }

    private let database: any Database
    private let window: TimeInterval
    private let now: @Sendable () -> Date

    public init(database: any Database, window: TimeInterval = 15 * 60, now: @escaping @Sendable () -> Date = { Date() }) {
        self.database = database
        self.window = window
        self.now = now
    }

    /// Throws `rateLimited` when any rule's subject has reached its limit within the window.
    public func ensureAllowed(_ rules: [Rule]) async throws {
        let since = Int64(now().timeIntervalSince1970 - window)
        for rule in rules {
            let row = try await database.read { sql in
                try await sql.raw("""
                    SELECT COUNT(*) AS failures, MIN(failed_at) AS oldest FROM attempt_failures
                    WHERE subject = \(bind: rule.subject) AND failed_at > \(bind: since)
                    """).first()
            }
            let failures = try row?.decode(column: "failures", as: Int.self) ?? 0
            guard failures >= rule.limit else { continue }
            let oldest = try row?.decode(column: "oldest", as: Int64?.self) ?? since
            let minutes = max(1, Int((Double(oldest - since) / 60).rounded(.up)))
            throw ServiceError(.rateLimited, code: .tooManyAttempts,
                               message: "Too many failed attempts. Try again in \(minutes) minute\(minutes == 1 ? "" : "s").")
        }
    }

    /// Records one failure against each subject (and forgets failures older than the window).
    public func recordFailure(_ subjects: [String]) async throws {
        let at = Int64(now().timeIntervalSince1970)
        try await database.transaction { sql in
            try await sql.raw("DELETE FROM attempt_failures WHERE failed_at <= \(bind: at - Int64(window))").run()
            for subject in subjects {
                try await sql.raw("INSERT INTO attempt_failures (subject, failed_at) VALUES (\(bind: subject), \(bind: at))").run()
            }
        }
    }

    /// Forgets the subject's failures (after a success).
    public func clear(_ subject: String) async throws {
        try await database.transaction { sql in
            try await sql.raw("DELETE FROM attempt_failures WHERE subject = \(bind: subject)").run()
        }
    }
}
