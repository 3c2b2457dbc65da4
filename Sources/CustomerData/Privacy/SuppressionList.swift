import Foundation
import SQLKit
import SkyportStore

/// People who asked to be erased: later events naming any of their identifiers are dropped. The list
/// holds SHA-256 digests of `type:value`, never the identifiers themselves.
///
/// Collection checks a copy kept in memory and refreshed every few seconds (another instance may have
/// erased someone); the profile processor checks the table itself, so nothing slips through.
public actor SuppressionList {
    let database: any Database
    let refreshInterval: Duration
    private var digests: Set<String> = []
    private var loadedAt: ContinuousClock.Instant?

    public init(database: any Database, refreshInterval: Duration = .seconds(5)) {
        self.database = database
        self.refreshInterval = refreshInterval
    }

    public static func digest(_ identifier: CustomerIdentifier) -> String {
        SHA256Hex.digest(identifier.description)
    }

    /// The messages of `messages` that name no suppressed person.
    public func admitted(_ messages: [SegmentMessage], rules: IdentityRules = .standard) async throws -> [SegmentMessage] {
        if loadedAt.map({ ContinuousClock.now - $0 > refreshInterval }) ?? true { try await reload() }
        guard !digests.isEmpty else { return messages }
        return messages.filter { message in
            let ids = [message.userID.flatMap { rules.normalize(.userID, $0) }, message.anonymousID.flatMap { rules.normalize(.anonymousID, $0) }]
            return !ids.contains { $0.map { digests.contains(Self.digest($0)) } ?? false }
        }
    }

    /// Reads the list again (after an erasure in this process, at once).
    public func reload() async throws {
        digests = try await database.read { sql in try await SuppressionStore.all(on: sql) }
        loadedAt = .now
    }
}
