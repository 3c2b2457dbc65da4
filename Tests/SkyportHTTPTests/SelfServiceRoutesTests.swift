import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import SkyportDomain
import SkyportTestSupport
import Testing

@Suite struct SelfServiceRoutesTests {
    /// Searches and returns the first offer of `brand`.
    static func offerID(_ client: any TestClientProtocol, brand: String) async throws -> String {
        try await client.execute(uri: "/v1/offer-requests", method: .post, headers: APITestHarness.jsonHeaders,
                                 body: APITestHarness.body(APITestHarness.searchBody)) { response in
            let offers = APITestHarness.json(response, schema: "OfferRequest")["offers"] as? [[String: Any]] ?? []
            return try #require(offers.first { $0["fare_brand"] as? String == brand }?["id"] as? String)
        }
    }

    static func auth(_ token: String) -> HTTPFields { [.authorization: "Bearer \(token)", .contentType: "application/json"] }

    @Test func seatsBagsAndAChangeThroughTheAPI() async throws {
        try await APITestHarness.withClient { client, _ in
            let offerID = try await Self.offerID(client, brand: "standard")
            // The purchase page's seat map, then a purchase with a chosen seat and a bag.
            let flightID = try await client.execute(uri: "/v1/seat-maps?offer_id=\(offerID)", method: .get) { response in
                #expect(response.status == .ok)
                let maps = APITestHarness.json(response, schema: "SeatMaps")["data"] as? [[String: Any]]
                return try #require(maps?.first?["flight_id"] as? String)
            }
            var body = APITestHarness.orderBody(offerID: offerID)
            body["seats"] = [["passenger_index": 0, "flight_id": flightID, "designator": "7C"]]
            body["bags"] = [["passenger_index": 0, "flight_id": flightID, "quantity": 1]]
            let order = try await client.execute(uri: "/v1/orders", method: .post, headers: APITestHarness.jsonHeaders, body: APITestHarness.body(body)) { response in
                #expect(response.status == .created)
                return APITestHarness.json(response, schema: "OrderWithToken")
            }
            let id = try #require(order["id"] as? String), token = try #require(order["access_token"] as? String)
            let passenger = try #require((order["passengers"] as? [[String: Any]])?.first?["id"] as? String)
            #expect((order["services"] as? [[String: Any]])?.compactMap { $0["type"] as? String } == ["seat", "checked_bag"])
            #expect((order["coupons"] as? [[String: Any]])?.first?["seat"] as? String == "7C")

            // Later: another seat, with errors that say what is wrong.
            let move = ["seats": [["passenger_id": passenger, "flight_id": flightID, "designator": "30D"]]]
            try await client.execute(uri: "/v1/orders/\(id)/services", method: .post, headers: APITestHarness.jsonHeaders, body: APITestHarness.body(move)) { response in
                #expect(response.status == .unauthorized)
            }
            try await client.execute(uri: "/v1/orders/\(id)/services", method: .post, headers: Self.auth(token), body: APITestHarness.body(move)) { response in
                #expect(response.status == .ok)
                let coupons = APITestHarness.json(response, schema: "Order")["coupons"] as? [[String: Any]]
                #expect(coupons?.first?["seat"] as? String == "30D")
            }
            let missing = ["seats": [["passenger_id": passenger, "flight_id": flightID, "designator": "99Z"]]]
            try await client.execute(uri: "/v1/orders/\(id)/services", method: .post, headers: Self.auth(token), body: APITestHarness.body(missing)) { response in
                #expect(response.status == .notFound)
                #expect(APITestHarness.errorCodes(response) == ["seat_not_found"])
            }
            try await client.execute(uri: "/v1/orders/\(id)/seat-maps", method: .get, headers: Self.auth(token)) { response in
                #expect(response.status == .ok)
                _ = APITestHarness.json(response, schema: "SeatMaps")
            }

            // A change to the next day, in two steps.
            let request: [String: Any] = ["order_id": id, "slices": ["remove": [["flight_id": flightID]], "add": [["departure_date": "2026-12-09"]]]]
            let changeOffer = try await client.execute(uri: "/v1/order-change-requests", method: .post, headers: Self.auth(token),
                                                       body: APITestHarness.body(request)) { response in
                #expect(response.status == .created)
                let offers = APITestHarness.json(response, schema: "OrderChangeRequest")["order_change_offers"] as? [[String: Any]]
                return try #require(offers?.first?["id"] as? String)
            }
            let confirm: [String: Any] = ["selected_order_change_offer": changeOffer, "payment": (APITestHarness.orderBody(offerID: "")["payment"] ?? [:])]
            try await client.execute(uri: "/v1/order-changes", method: .post, headers: Self.auth(token), body: APITestHarness.body(confirm)) { response in
                #expect(response.status == .created)
                let change = APITestHarness.json(response, schema: "OrderChange")
                #expect(change["removed_flight_id"] as? String == flightID)
            }
            try await client.execute(uri: "/v1/order-changes", method: .post, headers: Self.auth(token), body: APITestHarness.body(confirm)) { response in
                #expect(response.status == .conflict)
                #expect(APITestHarness.errorCodes(response) == ["order_changed_since_offer"])
            }
        }
    }

    @Test func aBasicFareCannotBeChanged() async throws {
        try await APITestHarness.withClient { client, _ in
            let order = try await APITestHarness.buy(client)
            let id = try #require(order["id"] as? String), token = try #require(order["access_token"] as? String)
            let flightID = try #require(((order["slices"] as? [[String: Any]])?.first?["segments"] as? [[String: Any]])?.first?["flight_id"] as? String)
            let request: [String: Any] = ["order_id": id, "slices": ["remove": [["flight_id": flightID]], "add": [["departure_date": "2026-12-09"]]]]
            try await client.execute(uri: "/v1/order-change-requests", method: .post, headers: Self.auth(token), body: APITestHarness.body(request)) { response in
                #expect(response.status == .conflict)
                #expect(APITestHarness.errorCodes(response) == ["fare_not_changeable"])
            }
            try await client.execute(uri: "/v1/order-change-requests", method: .post, headers: Self.auth(token),
                                     body: APITestHarness.body(["order_id": id, "slices": ["remove": [], "add": []]])) { response in
                #expect(response.status == .unprocessableContent)
                #expect(APITestHarness.errorCodes(response) == ["invalid_slices", "invalid_slices"])
            }
        }
    }
}
