import SQLKit
import SkyportDomain
import SkyportStore

/// The endpoints that receive disruption messages (`webhook_endpoints`) with their signing secrets.
enum WebhookEndpointStore {
    static func insert(_ endpoint: WebhookEndpoints.Endpoint, secret: String, on sql: any SQLDatabase) async throws {
        try await sql.raw("""
            INSERT INTO webhook_endpoints (id, url, secret, description, created_at, enabled_events)
            VALUES (\(bind: endpoint.id), \(bind: endpoint.url), \(bind: secret), \(bind: endpoint.description), \(bind: endpoint.createdAt.seconds),
                    \(bind: WebhookEventType.filter(endpoint.enabledEvents)))
            """).run()
    }

    /// Every endpoint, oldest first (without secrets).
    static func all(on sql: any SQLDatabase) async throws -> [WebhookEndpoints.Endpoint] {
        try await sql.raw("SELECT id, url, description, created_at, disabled_at, enabled_events FROM webhook_endpoints ORDER BY created_at, id").all().map { row in
            WebhookEndpoints.Endpoint(
                id: try row.decode(column: "id", as: String.self), url: try row.decode(column: "url", as: String.self),
                description: try row.decode(column: "description", as: String.self),
                createdAt: .init(try row.decode(column: "created_at", as: Int64.self)),
                disabledAt: try row.decode(column: "disabled_at", as: Int64?.self).map(UTCInstant.init),
                enabledEvents: WebhookEventType.types(of: try row.decode(column: "enabled_events", as: String?.self)))
        }
    }

    /// The enabled endpoints subscribed to `type`, by id.
    static func enabledIDs(subscribedTo type: WebhookEventType, on sql: any SQLDatabase) async throws -> [String] {
        try await sql.raw("""
            SELECT id FROM webhook_endpoints WHERE disabled_at IS NULL
            AND (enabled_events IS NULL OR enabled_events LIKE \(bind: "%,\(type.rawValue),%")) ORDER BY id
            """).all().map { try $0.decode(column: "id", as: String.self) }
    }

    /// Where one endpoint posts and how it signs; nil for an unknown endpoint.
    static func target(_ id: String, on sql: any SQLDatabase) async throws -> (url: String, secret: String, disabled: Bool)? {
        try await sql.raw("SELECT url, secret, disabled_at FROM webhook_endpoints WHERE id = \(bind: id)").first().map {
            (try $0.decode(column: "url", as: String.self), try $0.decode(column: "secret", as: String.self),
             try $0.decode(column: "disabled_at", as: Int64?.self) != nil)
        }
    }

    /// Disables an enabled endpoint; false when there was none.
    static func disable(_ id: String, at now: Int64, on sql: any SQLDatabase) async throws -> Bool {
        try await !sql.raw("UPDATE webhook_endpoints SET disabled_at = \(bind: now) WHERE id = \(bind: id) AND disabled_at IS NULL RETURNING id")
            .all().isEmpty
    }
}
