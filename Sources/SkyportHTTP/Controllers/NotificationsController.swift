import Foundation
import Hummingbird
import Operations
import SkyportDomain

/// Messages to passengers and where they went, for operators.
///
/// - `GET /v1/disruptions/{id}/impact`: every booking, who was told of which level when, who moved or took a refund,
///   and the US DOT and EU261 exposure.
/// - `GET /v1/notifications/{id}`: one message with every delivery and each try.
/// - `GET /v1/notifications/dead-letters`, `POST /v1/notifications/deliveries/{id}/retry`.
/// - `POST /v1/webhook-endpoints` `{"url", "description", "enabled_events"?}` (201 with the signing `secret`, shown once),
///   `GET /v1/webhook-endpoints`, `DELETE /v1/webhook-endpoints/{id}`, `POST /v1/webhook-endpoints/{id}/ping` (a test event,
///   sent now), `GET /v1/webhook-endpoints/{id}/deliveries` (the latest order events sent there).
public struct NotificationsController: Sendable {
    let disruptions: DisruptionService
    let notifications: PassengerMessages
    let webhooks: WebhookEndpoints
    let orderWebhooks: OrderWebhooks
    let access: OperatorAccess

    public init(disruptions: DisruptionService, notifications: PassengerMessages, webhooks: WebhookEndpoints, orderWebhooks: OrderWebhooks,
                access: OperatorAccess) {
        self.disruptions = disruptions
        self.notifications = notifications
        self.webhooks = webhooks
        self.orderWebhooks = orderWebhooks
        self.access = access
    }

    struct DeadLetters: Encodable, Sendable {
        let deadLetters: [PassengerMessages.DeadLetter]
    }

    struct EndpointRequest: Decodable {
        let url: String?
        let description: String?
        /// The events to receive; omitted or empty for every event.
        let enabledEvents: [String]?

        enum CodingKeys: String, CodingKey { case url, description, enabledEvents = "enabled_events" }
    }

    struct Deliveries: Encodable, Sendable {
        let data: [OrderWebhooks.Delivery]
    }

    struct CreatedEndpoint: Encodable, Sendable {
        let endpoint: WebhookEndpoints.Endpoint
        let secret: String
    }

    struct Endpoints: Encodable, Sendable {
        let endpoints: [WebhookEndpoints.Endpoint]
    }

    public func register(on router: some RouterMethods<AppRequestContext>) {
        router.get("/v1/disruptions/:id/impact") { request, context in
            _ = try await access.require(request)
            guard let impact = try await disruptions.impact(of: try context.parameters.require("id")) else {
                throw ServiceError(.notFound, code: .disruptionNotFound, message: "No disruption has this id.")
            }
            return JSONResponse(impact)
        }
        router.get("/v1/notifications/dead-letters") { request, _ in
            _ = try await access.require(request)
            return JSONResponse(DeadLetters(deadLetters: try await notifications.deadLetters()))
        }
        router.get("/v1/notifications/:id") { request, context in
            _ = try await access.require(request)
            guard let message = try await notifications.message(id: try context.parameters.require("id")) else {
                throw ServiceError(.notFound, code: .notificationNotFound, message: "No message has this id.")
            }
            return JSONResponse(message)
        }
        router.post("/v1/notifications/deliveries/:id/retry") { request, context in
            _ = try await access.require(request)
            guard try await notifications.retry(deliveryID: try context.parameters.require("id")) else {
                throw ServiceError(.notFound, code: .deadLetterNotFound, message: "No delivery with this id is on the dead-letter list.")
            }
            return Response(status: .accepted)
        }
        router.post("/v1/webhook-endpoints") { request, _ in
            _ = try await access.require(request)
            let input = try await PredictionsController.decode(EndpointRequest.self, request)
            guard let url = input.url else { throw ServiceError(.invalid, code: .missingField, message: "url is required.", field: "url") }
            let (endpoint, secret) = try await webhooks.create(url: url, description: input.description ?? "", events: input.enabledEvents)
            return JSONResponse(CreatedEndpoint(endpoint: endpoint, secret: secret), status: .created)
        }
        router.post("/v1/webhook-endpoints/:id/ping") { request, context in
            _ = try await access.require(request)
            return JSONResponse(try await orderWebhooks.ping(endpointID: try context.parameters.require("id")), status: .created)
        }
        router.get("/v1/webhook-endpoints/:id/deliveries") { request, context in
            _ = try await access.require(request)
            return JSONResponse(Deliveries(data: try await orderWebhooks.deliveries(endpointID: try context.parameters.require("id"))))
        }
        router.get("/v1/webhook-endpoints") { request, _ in
            _ = try await access.require(request)
            return JSONResponse(Endpoints(endpoints: try await webhooks.list()))
        }
        router.delete("/v1/webhook-endpoints/:id") { request, context in
            _ = try await access.require(request)
            guard try await webhooks.disable(id: try context.parameters.require("id")) else {
                throw ServiceError(.notFound, code: .webhookEndpointNotFound, message: "No active endpoint has this id.")
            }
            return Response(status: .noContent)
        }
    }
}
