import Foundation
import SQLKit
import SkyportDomain
import SkyportStore

/// A person's rights over the customer data platform: consent per purpose with its history, access
/// (an export of everything held) and erasure (deleted for good, audited without personal data, and
/// later events suppressed).
public struct PrivacyService: Sendable {
    let database: any Database
    let directory: ProfileDirectory
    let suppressions: SuppressionList
    let rules: IdentityRules
    /// Milliseconds since 1970.
    let now: @Sendable () -> Int64

    public init(database: any Database, suppressions: SuppressionList, rules: IdentityRules = .standard, now: @escaping @Sendable () -> Int64) {
        self.database = database
        directory = ProfileDirectory(database: database, now: now)
        self.suppressions = suppressions
        self.rules = rules
        self.now = now
    }

    /// One consent decision as recorded.
    public struct ConsentRecord: Sendable, Codable, Equatable {
        public let purpose: String
        public let granted: Bool
        public let source: String
        public let recorded_at: Int64
    }

    /// Records decisions (a purpose left out keeps its last decision), with an audit record (which also
    /// tells the profile processor that a profile changed outside it); returns the whole history.
    public func recordConsent(profile: String, decisions: [ConsentPurpose: Bool], source: String) async throws -> [ConsentRecord] {
        let source = source.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...80).contains(source.count) else {
            throw ServiceError(.invalid, code: .invalidSource, message: "Say where the decision was made (1 to 80 characters), e.g. call centre.", field: "source")
        }
        guard !decisions.isEmpty else {
            throw ServiceError(.invalid, code: .missingDecision, message: "Give true or false for personalization and/or marketing.")
        }
        let now = now()
        try await database.transaction { sql in
            for (purpose, granted) in decisions.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
                try await ProfileStore.recordConsent(profile: profile, purpose: purpose, granted: granted, source: source, at: now, on: sql)
            }
            try await insertAudit(id: Identifier.make(prefix: "prq"), kind: .consent, requestedBy: source, at: now,
                                  summary: ["decisions": decisions.count], on: sql)
        }
        return try await consentHistory(profile: profile)
    }

    public func consentHistory(profile: String) async throws -> [ConsentRecord] {
        try await database.read { sql in try await history(profile, on: sql) }
    }

    private func history(_ profile: String, on sql: any SQLDatabase) async throws -> [ConsentRecord] {
        try await ProfileStore.consentHistory(of: profile, on: sql)
    }

    /// Whether the profile's latest decision allows `purpose` (no decision: not allowed).
    public func allows(_ purpose: ConsentPurpose, profile: String) async throws -> Bool {
        try await database.read { sql in try await ProfileStore.consents(of: [profile], on: sql)[profile]?[purpose] ?? false }
    }

    /// Everything held about a person.
    public struct Export: Sendable, Encodable {
        public let generated_at: Int64
        public let profile: ProfileDirectory.Profile
        public let consent_history: [ConsentRecord]
        public let events: [ProfileDirectory.TimelineEvent]
        public let categories: [DataCategory]
        public let not_included: String
    }

    /// The export of access requests (GDPR article 15, PIPA article 35); the request is audited.
    public func export(profile id: String, requestedBy: String) async throws -> Export {
        guard let profile = try await directory.profile(id: id) else {
            throw ServiceError(.notFound, code: .profileNotFound, message: "No profile holds this identifier.")
        }
        var events: [ProfileDirectory.TimelineEvent] = []
        var before: Int64?
        while true {
            let page = try await directory.timeline(id: id, before: before, limit: 1000)
            events += page
            guard page.count == 1000, let last = page.last else { break }
            before = last.id
        }
        let export = Export(generated_at: now(), profile: profile, consent_history: try await consentHistory(profile: id), events: events,
                            categories: DataCategory.all,
                            not_included: "Bookings, tickets and payments are kept by the booking engine for the retention that tax and aviation law require; ask for them with the booking reference.")
        try await audit(kind: .export, requestedBy: requestedBy, summary: ["events": events.count, "identifiers": profile.identifiers.count])
        return export
    }

    /// The audit of an erasure: counts only, no identifier, trait or profile id.
    public struct ErasureReceipt: Sendable, Codable, Equatable {
        public let request_id: String
        public let erased_at: Int64
        public let events: Int
        public let identifiers: Int
        public let traits: Int
        public let consents: Int
        public let segments: Int
        public let merges: Int
    }

    /// Deletes the profile, its identifiers, traits, consents, memberships, merge records and events
    /// (also events not yet processed that name its user or anonymous ids), and suppresses its
    /// identifiers, in one transaction that also holds the profile processor off.
    public func erase(profile id: String, requestedBy: String) async throws -> ErasureReceipt {
        let now = now()
        let receipt = try await database.transaction { sql -> ErasureReceipt in
            _ = try await ConsumerCursor.lock(ProfileProcessor.consumer, engine: database.engine, on: sql, now: now)
            let identifiers = try await ProfileStore.identifiers(of: [id], on: sql).map(\.identifier)
            guard try await ProfileStore.facts(of: [id], on: sql)[id] != nil else {
                throw ServiceError(.notFound, code: .profileNotFound, message: "No profile holds this identifier.")
            }
            // Segment membership first: leaving a segment is announced while the profile still exists.
            let segments = try await SegmentMembership.removeAll(profile: id, segments: try await SegmentStore(database: database, now: self.now).all(on: sql),
                                                                 on: sql, now: now)
            // Events not processed yet that name the person (the backlog, after the processor's cursor) go too.
            let erased = try await ProfileStore.erase(
                id, userIDs: identifiers.filter { $0.type == .userID }.map(\.value),
                anonymousIDs: identifiers.filter { $0.type == .anonymousID }.map(\.value),
                unprocessedAfter: try await ConsumerCursor.position(ProfileProcessor.consumer, on: sql), on: sql)
            let (events, traits, consents, merges) = (erased.events, erased.traits, erased.consents, erased.merges)
            try await SuppressionStore.insert(identifiers.map(SuppressionList.digest), at: now, on: sql)
            let receipt = ErasureReceipt(request_id: Identifier.make(prefix: "prq"), erased_at: now, events: events, identifiers: identifiers.count,
                                         traits: traits, consents: consents, segments: segments, merges: merges)
            try await insertAudit(id: receipt.request_id, kind: .erasure, requestedBy: requestedBy, at: now, summary: [
                "events": events, "identifiers": identifiers.count, "traits": traits, "consents": consents, "segments": segments, "merges": merges,
            ], on: sql)
            return receipt
        }
        try await suppressions.reload()
        return receipt
    }

    /// A privacy request as audited.
    public struct AuditRecord: Sendable, Codable, Equatable {
        public let id: String
        public let kind: String
        public let requested_by: String
        public let requested_at: Int64
        public let summary: String
    }

    public func auditTrail(limit: Int = 100) async throws -> [AuditRecord] {
        try await database.read { sql in try await PrivacyRequestStore.latest(limit: limit, on: sql) }
    }

    private func audit(kind: PrivacyRequestKind, requestedBy: String, summary: [String: Int]) async throws {
        let now = now()
        try await database.transaction { sql in
            try await insertAudit(id: Identifier.make(prefix: "prq"), kind: kind, requestedBy: requestedBy, at: now, summary: summary, on: sql)
        }
    }

    private func insertAudit(id: String, kind: PrivacyRequestKind, requestedBy: String, at time: Int64, summary: [String: Int],
                             on sql: any SQLDatabase) async throws {
        try await PrivacyRequestStore.insert(id: id, kind: kind, requestedBy: requestedBy, at: time, summary: summary, on: sql)
    }
}
