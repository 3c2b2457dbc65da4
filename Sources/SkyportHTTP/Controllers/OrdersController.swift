import Accounts
import Booking
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Prometheus
import SkyportDomain
import SkyportStore

/// Step two of the purchase and the owner's view of an order.
///
/// - `POST /v1/orders` (optional `Idempotency-Key`): 201 with the order and its `access_token`.
/// - `GET /v1/orders/{id}` with `Authorization: Bearer <access_token>`.
/// - `GET /v1/orders?booking_reference=ABC234&family_name=Lovelace`: the order and its token.
public struct OrdersController: Sendable {
    let services: BookingServices
    let metrics: SkyportMetrics
    /// Look-ups by reference and family name answer with the order's token: guesses are limited.
    let limiter: AttemptLimiter

    public init(services: BookingServices, metrics: SkyportMetrics, limiter: AttemptLimiter) {
        self.services = services
        self.metrics = metrics
        self.limiter = limiter
    }

    /// An order with the token that unlocks it.
    struct OrderWithToken: Encodable, Sendable {
        let order: OrderView
        let accessToken: String

        func encode(to encoder: any Encoder) throws {
            try order.encode(to: encoder)
            var container = encoder.container(keyedBy: Key.self)
            try container.encode(accessToken, forKey: .accessToken)
        }

        enum Key: String, CodingKey { case accessToken }
    }

    public func register(on router: some RouterMethods<AppRequestContext>) {
        router.post("/v1/orders") { request, context in
            metrics.orderRequests.increment()
            let key = try Self.idempotencyKey(request)
            try JSONBody.requireJSONContentType(request)
            let body = try await JSONBody.collect(request)
            let input = try JSONBody.decode(OrderInput.self, from: body)
            let hash = SHA256Hex.digest(body.readableBytesView)
            let created = try await services.orders.create(input, idempotencyKey: key, requestHash: hash)
            if !created.replayed {
                metrics.ordersCreated.increment()
                metrics.seatsSold.increment(by: Int64(created.seatsTaken))
            }
            var headers: HTTPFields = [:]
            if created.replayed { headers[.idempotentReplayed] = "true" }
            return JSONResponse(OrderWithToken(order: created.order, accessToken: created.accessToken), status: .created, headers: headers)
        }

        router.get("/v1/orders/:id") { request, context in
            let id = try context.parameters.require("id")
            try Self.authorize(request, orderID: id, access: services.access)
            guard let order = try await services.repository.find(id: id) else { throw Self.notFound }
            return JSONResponse(order)
        }

        router.get("/v1/orders") { request, context in
            let reference = request.uri.queryParameters.get("booking_reference") ?? ""
            let family = request.uri.queryParameters.get("family_name") ?? ""
            var issues: [ValidationIssue] = []
            if RecordLocator(reference) == nil {
                issues.append(.init(code: .invalidBookingReference, field: "booking_reference", message: "A booking reference is six letters and digits."))
            }
            if !ContactRules.isValidName(family) {
                issues.append(.init(code: .invalidName, field: "family_name", message: "Give the family name of a passenger as on the ticket."))
            }
            guard issues.isEmpty else { throw ValidationFailure(issues) }
            let found = try await limiter.guarded(.bookingLookUp, key: reference.uppercased(), client: context.clientAddress) {
                try await services.repository.findID(bookingReference: reference, familyName: family)
            }
            guard let id = found, let order = try await services.repository.find(id: id) else {
                throw ServiceError(.notFound, code: .orderNotFound, message: "No booking matches this reference and family name.")
            }
            return JSONResponse(OrderWithToken(order: order, accessToken: services.access.token(for: id)))
        }
    }

    static let missingAccessToken = ServiceError(.unauthorized, code: .missingAccessToken,
                                                 message: "Send the order's access token as 'Authorization: Bearer <token>'.")

    static let notFound = ServiceError(.notFound, code: .orderNotFound, message: "No order has this id, or the access token is not for it.")

    /// Checks `Authorization: Bearer <token>` against the order. A wrong token answers like a
    /// missing order, so that ids cannot be probed.
    static func authorize(_ request: Request, orderID: String, access: OrderAccess) throws {
        guard let header = request.headers[.authorization], header.hasPrefix("Bearer ") else { throw missingAccessToken }
        guard access.isValid(String(header.dropFirst("Bearer ".count)), for: orderID) else { throw notFound }
    }

    static func idempotencyKey(_ request: Request) throws -> String? {
        guard let key = request.headers[.idempotencyKey] else { return nil }
        guard (1...255).contains(key.utf8.count), key.utf8.allSatisfy({ $0 > 32 && $0 < 127 }) else {
            throw ServiceError(.invalid, code: .invalidIdempotencyKey, message: "An Idempotency-Key is 1 to 255 printable ASCII characters.")
        }
        return key
    }
}
