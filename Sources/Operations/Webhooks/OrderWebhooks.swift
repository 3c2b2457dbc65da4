import Foundation
import Logging
import SQLKit
import SkyportDomain
import SkyportStore

/// Webhooks for every order event: the outbox's order events (its own cursor) become one delivery per subscribed
/// endpoint, sent signed like disruption messages (`X-Skyport-Signature`, `X-Skyport-Event`, `X-Skyport-Delivery`), tried
/// again on the retry schedule and marked failed after the last try; `ping` checks an endpoint on request.
public struct OrderWebhooks: Sendable {
    public static let consumer = "order-webhooks"

    let database: any Database
    let poster: HTTPPoster
    let retries: RetrySchedule
    let logger: Logger
    let now: @Sendable () -> Int64

    public init(database: any Database, destinations: WebhookDestinations, retries: RetrySchedule, logger: Logger, now: @escaping @Sendable () -> Int64) {
        self.database = database
        poster = HTTPPoster(timeoutSeconds: 10, destinations: destinations)
        self.retries = retries
        self.logger = logger
        self.now = now
    }

    /// One delivery as operators see it.
    public struct Delivery: Encodable, Sendable {
        public let id: String
        public let eventId: String
        public let eventType: String
        public let status: String
        public let attempts: Int
        public let lastResult: String?
        public let createdAt: UTCInstant
        public let deliveredAt: UTCInstant?
    }

    /// The body of an event: its id, type, time (seconds since 1970) and the event's own JSON as `data`.
    static func body(id: String, type: String, createdAt: Int64, data: String) -> String {
        "{\"id\":\(WebhookChannel.json(id)),\"type\":\(WebhookChannel.json(type)),\"created_at\":\(createdAt),\"data\":\(data)}"
    }

    /// Turns the next outbox rows into deliveries; returns how many rows it read.
    @discardableResult
    public func fanOut(limit: Int = 500) async throws -> Int {
        try await database.transaction { sql in
            let now = now()
            let position = try await ConsumerCursor.lock(Self.consumer, engine: database.engine, on: sql, now: now)
            let rows = ConsumerCursor.ready(try await Outbox.events(after: position, limit: limit, on: sql), after: position, engine: database.engine,
                                            id: \.id, writtenAt: \.createdAt, now: now, grace: 2)
            guard let last = rows.last else { return 0 }
            var subscribers: [String: [String]] = [:]
            for row in rows where WebhookEventType.outboxTopics.contains(row.topic) {
                guard let type = WebhookEventType(rawValue: row.topic) else { continue }
                if subscribers[row.topic] == nil { subscribers[row.topic] = try await WebhookEndpointStore.enabledIDs(subscribedTo: type, on: sql) }
                let eventID = "evt_\(row.id)"
                let body = Self.body(id: eventID, type: row.topic, createdAt: row.createdAt, data: row.payload)
                for endpoint in subscribers[row.topic] ?? [] {
                    try await WebhookEventDeliveryStore.enqueue(endpointID: endpoint, eventID: eventID, type: row.topic, body: body, at: now, on: sql)
                }
            }
            try await ConsumerCursor.advance(Self.consumer, to: last.id, on: sql, now: now)
            return rows.count
        }
    }

    /// Sends the deliveries due now; returns how many it tried. They are claimed in one short transaction and posted
    /// outside any (a slow endpoint never holds the database), each attempt recorded in its own.
    @discardableResult
    public func sendDue(limit: Int = 50) async throws -> Int {
        let skipLocked = database.engine == .postgres
        let due = try await database.transaction { sql in
            try await WebhookEventDeliveryStore.claimDue(at: now(), limit: limit, claimSeconds: 120, skipLocked: skipLocked, on: sql)
        }
        for delivery in due {
            let outcome = await send(delivery)
            let retryAt = outcome.delivered || outcome.permanent ? nil : retries.delay(afterAttempt: delivery.attempts + 1).map { now() + Int64($0) }
            try await database.transaction { sql in
                try await WebhookEventDeliveryStore.record(delivery.id, delivered: outcome.delivered, result: outcome.result, retryAt: retryAt, at: now(), on: sql)
            }
        }
        return due.count
    }

    /// Posts one delivery; whether it was delivered, and whether a failure is final.
    func send(_ delivery: WebhookEventDeliveryRow) async -> (delivered: Bool, permanent: Bool, result: String) {
        do {
            guard let endpoint = try await database.read({ sql in try await WebhookEndpointStore.target(delivery.endpoint_id, on: sql) }),
                  !endpoint.disabled, let url = URL(string: endpoint.url) else {
                return (false, true, "the endpoint was disabled or removed")
            }
            let answer = try await post(Data(delivery.body.utf8), type: delivery.event_type, deliveryID: delivery.id, url: url, secret: endpoint.secret)
            let summary = "HTTP \(answer.status)\(answer.body.isEmpty ? "" : ": \(answer.body.prefix(200))")"
            return ((200..<300).contains(answer.status), (400..<500).contains(answer.status) && ![408, 429].contains(answer.status), summary)
        } catch let failure as DeliveryFailure {
            return (false, failure.permanent, failure.detail)
        } catch {
            return (false, false, "\(error)")
        }
    }

    func post(_ body: Data, type: String, deliveryID: String, url: URL, secret: String) async throws -> HTTPPoster.Answer {
        try await poster.post(url, body: body, headers: [
            ("Content-Type", "application/json"),
            ("User-Agent", "Skyport-Webhooks/1"),
            ("X-Skyport-Event", type),
            ("X-Skyport-Delivery", deliveryID),
            ("X-Skyport-Signature", WebhookChannel.signature(of: body, secret: secret)),
        ])
    }

    /// Sends a `ping` to the endpoint now and answers what it said (recorded with its deliveries).
    public func ping(endpointID: String) async throws -> Delivery {
        let now = now()
        guard let endpoint = try await database.read({ sql in try await WebhookEndpointStore.target(endpointID, on: sql) }), !endpoint.disabled,
              let url = URL(string: endpoint.url) else {
            throw ServiceError(.notFound, code: .webhookEndpointNotFound, message: "No active endpoint has this id.")
        }
        let eventID = Identifier.make(prefix: "evt_ping")
        let body = Self.body(id: eventID, type: WebhookEventType.ping.rawValue, createdAt: now, data: "{\"endpoint_id\":\(WebhookChannel.json(endpointID))}")
        let deliveryID = Identifier.make(prefix: "wev")
        let (delivered, result): (Bool, String)
        do {
            let answer = try await post(Data(body.utf8), type: WebhookEventType.ping.rawValue, deliveryID: deliveryID, url: url, secret: endpoint.secret)
            (delivered, result) = ((200..<300).contains(answer.status), "HTTP \(answer.status)")
        } catch let failure as DeliveryFailure {
            (delivered, result) = (false, failure.detail)
        }
        try await database.transaction { sql in
            try await sql.raw("""
                INSERT INTO webhook_event_deliveries (id, endpoint_id, event_id, event_type, body, status, attempts, next_attempt_at, last_result,
                                                      created_at, delivered_at)
                VALUES (\(bind: deliveryID), \(bind: endpointID), \(bind: eventID), 'ping', \(bind: body), \(bind: delivered ? "delivered" : "failed"), 1,
                        \(bind: now), \(bind: result), \(bind: now), \(bind: delivered ? now : nil))
                """).run()
        }
        return Delivery(id: deliveryID, eventId: eventID, eventType: "ping", status: delivered ? "delivered" : "failed", attempts: 1, lastResult: result,
                        createdAt: .init(now), deliveredAt: delivered ? .init(now) : nil)
    }

    /// The endpoint's latest deliveries.
    public func deliveries(endpointID: String, limit: Int = 50) async throws -> [Delivery] {
        try await database.read { sql in
            try await WebhookEventDeliveryStore.recent(endpointID: endpointID, limit: limit, on: sql).map {
                Delivery(id: $0.id, eventId: $0.event_id, eventType: $0.event_type, status: $0.status, attempts: $0.attempts, lastResult: $0.last_result,
                         createdAt: .init($0.created_at), deliveredAt: $0.delivered_at.map(UTCInstant.init))
            }
        }
    }

    /// Runs until the application shuts down.
    public func run(pollSeconds: Double = 1) async {
        while !Shutdown.isRequested {
            do {
                while try await fanOut() > 0 {}
                while try await sendDue() > 0 {}
            } catch {
                logger.error("order webhooks pass failed", metadata: ["module": "operations", "error": "\(String(reflecting: error))"])
            }
            _ = await Shutdown.waiting { try? await Task.sleep(for: .seconds(pollSeconds)) }
        }
    }
}
