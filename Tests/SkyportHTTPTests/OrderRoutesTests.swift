import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import SQLKit
import SkyportStore
import SkyportApp
import SkyportDomain
import SkyportStore
import SkyportTestSupport
import Testing

@Suite struct OrderRoutesTests {
    static let idempotencyKey = HTTPField.Name("Idempotency-Key")!
    static let replayed = HTTPField.Name("Idempotent-Replayed")!

    @Test func theTwoStepPurchaseThenReadingTheOrder() async throws {
        try await APITestHarness.withClient { client, _ in
            let order = try await APITestHarness.buy(client)
            let id = try #require(order["id"] as? String), token = try #require(order["access_token"] as? String)
            let reference = try #require(order["booking_reference"] as? String)
            try await client.execute(uri: "/v1/orders/\(id)", method: .get, headers: [.authorization: "Bearer \(token)"]) { response in
                #expect(response.status == .ok)
                let body = APITestHarness.json(response, schema: "Order")
                #expect(body["booking_reference"] as? String == reference)
                #expect(body["access_token"] == nil)
            }
            try await client.execute(uri: "/v1/orders?booking_reference=\(reference.lowercased())&family_name=LOVELACE", method: .get) { response in
                #expect(response.status == .ok)
                #expect(APITestHarness.json(response, schema: "OrderWithToken")["access_token"] as? String == token)
            }
        }
    }

    @Test func ordersAreVisibleToTheirOwnerOnly() async throws {
        try await APITestHarness.withClient { client, _ in
            let first = try await APITestHarness.buy(client), second = try await APITestHarness.buy(client)
            let id = try #require(first["id"] as? String), otherToken = try #require(second["access_token"] as? String)
            try await client.execute(uri: "/v1/orders/\(id)", method: .get) { response in
                #expect(response.status == .unauthorized)
                #expect(APITestHarness.errorCodes(response) == ["missing_access_token"])
            }
            try await client.execute(uri: "/v1/orders/\(id)", method: .get, headers: [.authorization: "Bearer \(otherToken)"]) { response in
                #expect(response.status == .notFound)
                #expect(APITestHarness.errorCodes(response) == ["order_not_found"])
            }
            try await client.execute(uri: "/v1/orders?booking_reference=ABC234&family_name=Lovelace", method: .get) { response in
                #expect(response.status == .notFound)
            }
            try await client.execute(uri: "/v1/orders?booking_reference=ABC&family_name=L0velace", method: .get) { response in
                #expect(response.status == .unprocessableContent)
                #expect(APITestHarness.errorCodes(response) == ["invalid_booking_reference", "invalid_name"])
            }
        }
    }

    @Test func aRetryWithTheSameKeyReturnsTheSameOrder() async throws {
        try await APITestHarness.withClient { client, _ in
            let offerID = try await APITestHarness.firstOfferID(client)
            let body = try APITestHarness.body(APITestHarness.orderBody(offerID: offerID))
            let first = try await client.execute(uri: "/v1/orders", method: .post, headers: [Self.idempotencyKey: "key-1", .contentType: "application/json"], body: body) { response in
                #expect(response.status == .created)
                #expect(response.headers[Self.replayed] == nil)
                return APITestHarness.json(response, schema: "OrderWithToken")["id"] as? String
            }
            try await client.execute(uri: "/v1/orders", method: .post, headers: [Self.idempotencyKey: "key-1", .contentType: "application/json"], body: body) { response in
                #expect(response.status == .created)
                #expect(response.headers[Self.replayed] == "true")
                #expect(APITestHarness.json(response, schema: "OrderWithToken")["id"] as? String == first)
            }
            let other = try APITestHarness.body(APITestHarness.orderBody(offerID: offerID, card: "5555555555554444"))
            try await client.execute(uri: "/v1/orders", method: .post, headers: [Self.idempotencyKey: "key-1", .contentType: "application/json"], body: other) { response in
                #expect(response.status == .unprocessableContent)
                #expect(APITestHarness.errorCodes(response) == ["idempotency_key_reused"])
            }
        }
    }

    @Test(arguments: [
        ("4000000000000002", "card_declined"), ("4000000000009995", "insufficient_funds"), ("4000000000000069", "expired_card"),
    ])
    func declinedCardsAnswer402AndWriteNothing(card: String, code: String) async throws {
        try await APITestHarness.withClient { client, runtime in
            let offerID = try await APITestHarness.firstOfferID(client)
            try await client.execute(uri: "/v1/orders", method: .post, headers: APITestHarness.jsonHeaders, body: APITestHarness.body(APITestHarness.orderBody(offerID: offerID, card: card))) { response in
                #expect(response.status.code == 402)
                #expect(APITestHarness.errorCodes(response) == [code])
            }
            let orders = try await runtime.database.read { sql in try await sql.raw("SELECT COUNT(*) AS n FROM orders").first()!.decode(column: "n", as: Int.self) }
            #expect(orders == 0)
        }
    }

    @Test func badOrdersGetPreciseErrors() async throws {
        try await APITestHarness.withClient { client, _ in
            let offerID = try await APITestHarness.firstOfferID(client)
            var body = APITestHarness.orderBody(offerID: offerID)
            body["contact"] = ["email": "ada-at-example.com", "phone_number": "12"]
            try await client.execute(uri: "/v1/orders", method: .post, headers: APITestHarness.jsonHeaders, body: APITestHarness.body(body)) { response in
                #expect(response.status == .unprocessableContent)
                #expect(APITestHarness.errorCodes(response) == ["invalid_email", "invalid_phone_number"])
            }
            try await client.execute(uri: "/v1/orders", method: .post, headers: APITestHarness.jsonHeaders, body: APITestHarness.body(APITestHarness.orderBody(offerID: "off_forged.x"))) { response in
                #expect(response.status == .notFound)
                #expect(APITestHarness.errorCodes(response) == ["offer_not_found"])
            }
            body = APITestHarness.orderBody(offerID: offerID)
            body["passengers"] = [["type": "adult", "given_name": 42, "family_name": "Lovelace"]]
            try await client.execute(uri: "/v1/orders", method: .post, headers: APITestHarness.jsonHeaders, body: APITestHarness.body(body)) { response in
                #expect(response.status == .badRequest)
                let errors = APITestHarness.json(response, schema: "Error")["errors"] as? [[String: Any]]
                #expect(errors?.first?["code"] as? String == "invalid_field_type")
                #expect(errors?.first?["field"] as? String == "passengers[0].given_name")
            }
            try await client.execute(uri: "/v1/orders", method: .post, headers: [Self.idempotencyKey: String(repeating: "k", count: 300), .contentType: "application/json"],
                                     body: APITestHarness.body(APITestHarness.orderBody(offerID: offerID))) { response in
                #expect(APITestHarness.errorCodes(response) == ["invalid_idempotency_key"])
            }
            // Miles: a mistyped membership number, an amount and an award at once, and (well formed) without a customer session.
            for (miles, status, code) in [(["membership_number": "1234567890", "amount": 1_000] as [String: Any], HTTPResponse.Status.unprocessableContent,
                                           "invalid_membership_number"),
                                          (["membership_number": "1234567897", "amount": 1_000, "award": true], .unprocessableContent, "invalid_miles"),
                                          (["membership_number": "1234567897", "award": true], .unauthorized, "miles_need_sign_in")] {
                body = APITestHarness.orderBody(offerID: offerID)
                body["payment"] = ["miles": miles]
                try await client.execute(uri: "/v1/orders", method: .post, headers: APITestHarness.jsonHeaders, body: APITestHarness.body(body)) { response in
                    #expect(response.status == status && APITestHarness.errorCodes(response) == [code], "\(miles)")
                }
            }
        }
    }

    @Test func cancellationInTwoSteps() async throws {
        try await APITestHarness.withClient { client, _ in
            let order = try await APITestHarness.buy(client)
            let id = try #require(order["id"] as? String), token = try #require(order["access_token"] as? String)
            let auth: HTTPFields = [.authorization: "Bearer \(token)", .contentType: "application/json"]
            try await client.execute(uri: "/v1/order-cancellations", method: .post, headers: APITestHarness.jsonHeaders, body: APITestHarness.body(["order_id": id])) { response in
                #expect(response.status == .unauthorized)
            }
            let quoteID = try await client.execute(uri: "/v1/order-cancellations", method: .post, headers: auth,
                                                   body: APITestHarness.body(["order_id": id])) { response in
                #expect(response.status == .created)
                let quote = APITestHarness.json(response, schema: "Cancellation")
                #expect(quote["refund_amount"] as? String == order["tax_amount"] as? String)
                return try #require(quote["id"] as? String)
            }
            try await client.execute(uri: "/v1/order-cancellations/\(quoteID)/confirm", method: .post, headers: auth) { response in
                #expect(response.status == .ok)
                #expect(APITestHarness.json(response, schema: "Cancellation")["status"] as? String == "confirmed")
            }
            try await client.execute(uri: "/v1/orders/\(id)", method: .get, headers: auth) { response in
                #expect(APITestHarness.json(response, schema: "Order")["status"] as? String == "cancelled")
            }
            try await client.execute(uri: "/v1/order-cancellations", method: .post, headers: auth, body: APITestHarness.body(["order_id": id])) { response in
                #expect(response.status == .conflict)
                #expect(APITestHarness.errorCodes(response) == ["order_already_cancelled"])
            }
            try await client.execute(uri: "/v1/order-cancellations/ocr_missing/confirm", method: .post, headers: auth) { response in
                #expect(response.status == .notFound)
                #expect(APITestHarness.errorCodes(response) == ["order_cancellation_not_found"])
            }
        }
    }

    @Test(arguments: TestDatabases.engines)
    func theAPIBehavesTheSameOnEachEngine(engine: SQLEngine) async throws {
        try await APITestHarness.withClient(engine: engine) { client, _ in
            let order = try await APITestHarness.buy(client)
            #expect(order["status"] as? String == "confirmed")
            #expect((order["passengers"] as? [[String: Any]])?.first?["ticket_number"] as? String == "9990000000001")
        }
    }
}
