import Foundation
import SQLKit
import SkyportDomain
import SkyportStore

/// The URLs that receive signed disruption messages (an airline's app backend, a travel agency's system).
/// Each endpoint has its own signing secret, shown once when it is created.
public struct WebhookEndpoints: Sendable {
    let database: any Database
    let destinations: WebhookDestinations
    let now: @Sendable () -> Int64

    public init(database: any Database, destinations: WebhookDestinations = .publicOnly, now: @escaping @Sendable () -> Int64) {
        self.database = database
        self.destinations = destinations
        self.now = now
    }

    public struct Endpoint: Sendable, Codable, Equatable {
        public let id: String
        public let url: String
        public let description: String
        public let createdAt: UTCInstant
        public let disabledAt: UTCInstant?
        /// The events it receives; nil for every event.
        public let enabledEvents: [WebhookEventType]?
    }

    /// Registers an endpoint for `events` (every event when nil or empty); returns it with its secret.
    public func create(url text: String, description: String, events: [String]? = nil) async throws -> (Endpoint, secret: String) {
        guard text.count <= 2000, let url = URL(string: text), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
              let host = url.host, !host.isEmpty else {
            throw ServiceError(.invalid, code: .invalidURL, message: "The endpoint is an http or https URL.", field: "url")
        }
        if let reason = destinations.refusal(of: host) {
            throw ServiceError(.invalid, code: .forbiddenAddress, message: "Webhooks go to public addresses: \(reason).", field: "url")
        }
        guard description.count <= 200 else {
            throw ServiceError(.invalid, code: .invalidDescription, message: "A description is at most 200 characters.", field: "description")
        }
        var types: [WebhookEventType]?
        if let events, !events.isEmpty {
            types = try events.enumerated().map { index, name in
                guard let type = WebhookEventType(rawValue: name), type != .ping else {
                    throw ServiceError(.invalid, code: .invalidEventType, message: "'\(name)' is not an event; events are \(WebhookEventType.subscribable).",
                                       field: "enabled_events[\(index)]")
                }
                return type
            }
        }
        let endpoint = Endpoint(id: Identifier.make(prefix: "whk"), url: text, description: description, createdAt: .init(now()), disabledAt: nil,
                                enabledEvents: types)
        let secret = SecretToken.make(prefix: "whsec_")
        try await database.transaction { sql in try await WebhookEndpointStore.insert(endpoint, secret: secret, on: sql) }
        return (endpoint, secret)
    }

    public func list() async throws -> [Endpoint] {
        try await database.read { sql in try await WebhookEndpointStore.all(on: sql) }
    }

    /// Stops sending to an endpoint (its pending deliveries go to the dead letters on their next try).
    public func disable(id: String) async throws -> Bool {
        let now = now()
        return try await database.transaction { sql in try await WebhookEndpointStore.disable(id, at: now, on: sql) }
    }
}
