import Accounts
import CustomerData
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import SQLKit
import SkyportApp
import SkyportContracts
import SkyportDomain
import SkyportHTTP
import SkyportStore
import SkyportTestSupport
import Testing

/// Profiles, segments, privacy rights and personalization over HTTP, fed by collection and by the
/// booking engine.
@Suite struct ProfileRoutesTests {
    static func collect(_ client: any TestClientProtocol, key: String, _ batch: [[String: Any]]) async throws {
        let response = try await client.execute(uri: "/cdp/v1/batch", method: .post, headers: CollectionRoutesTests.basic(key),
                                                body: try APITestHarness.body(["batch": batch]))
        #expect(response.status == .ok)
    }

    static func get(_ client: any TestClientProtocol, _ uri: String, _ headers: HTTPFields) async throws -> TestResponse {
        try await client.execute(uri: uri, method: .get, headers: headers)
    }

    @Test(arguments: TestDatabases.engines)
    func operatorsReadProfilesTimelinesAndConsentsAndEraseThem(engine: SQLEngine) async throws {
        try await APITestHarness.withClient(engine: engine) { client, runtime in
            let headers = try await PredictionRoutesTests.operatorHeaders(runtime)
            let (_, key) = try await EventSources(database: runtime.database).create(name: "app", now: 1)
            try await Self.collect(client, key: key, [
                ["type": "identify", "userId": "cus_1", "anonymousId": "b-1", "traits": ["email": "Ada@Example.com", "phone": "+82 10 1234 5678", "firstName": "Ada"]],
                ["type": "track", "event": "Products Searched", "anonymousId": "b-1", "properties": ["origin": "JFK", "destination": "LAX"]],
                ["type": "page", "anonymousId": "b-1", "name": "Home"],
            ])
            try await runtime.profileProcessor.processPending()

            #expect(try await Self.get(client, "/v1/profiles/email:ada@example.com", [:]).status == .unauthorized)
            let profile = try await Self.get(client, "/v1/profiles/email:ADA@example.com", headers)
            #expect(profile.status == .ok)
            let body = APITestHarness.json(profile, schema: "CustomerProfile")
            // Trait names are the client's own: not rewritten to snake_case.
            #expect((body["traits"] as? [String: Any])?["firstName"] != nil)
            #expect((body["computed_traits"] as? [String: Any])?["last_search"] != nil)
            let id = try #require(body["id"] as? String)
            // A phone's + is percent-encoded in a path.
            #expect(try await Self.get(client, "/v1/profiles/phone:%2B821012345678", headers).status == .ok)
            #expect(APITestHarness.errorCodes(try await Self.get(client, "/v1/profiles/email:nobody@example.com", headers)) == ["profile_not_found"])
            #expect(APITestHarness.errorCodes(try await Self.get(client, "/v1/profiles/shoe:42", headers)) == ["invalid_identifier"])

            let page = try await Self.get(client, "/v1/profiles/profile_id:\(id)/events?limit=2", headers)
            let timeline = APITestHarness.json(page, schema: "ProfileTimeline")
            #expect((timeline["data"] as? [[String: Any]])?.map { $0["type"] as? String } == ["page", "track"])
            let next = try #require(timeline["next_before"] as? Int)
            let rest = APITestHarness.json(try await Self.get(client, "/v1/profiles/user_id:cus_1/events?before=\(next)", headers), schema: "ProfileTimeline")
            #expect((rest["data"] as? [Any])?.count == 1 && rest["next_before"] == nil)
            #expect(APITestHarness.errorCodes(try await Self.get(client, "/v1/profiles/user_id:cus_1/events?limit=0", headers)) == ["invalid_limit"])

            let consent = try await client.execute(uri: "/v1/profiles/user_id:cus_1/consents", method: .put, headers: headers,
                                                   body: try APITestHarness.body(["personalization": true, "source": "call centre"]))
            let consents = APITestHarness.json(consent, schema: "ConsentHistory")
            #expect((consents["current"] as? [String: Bool]) == ["personalization": true])
            let noDecision = try await client.execute(uri: "/v1/profiles/user_id:cus_1/consents", method: .put, headers: headers,
                                                      body: try APITestHarness.body(["source": "web"]))
            #expect(APITestHarness.errorCodes(noDecision) == ["missing_decision"])
            let wrongType = try await client.execute(uri: "/v1/profiles/user_id:cus_1/consents", method: .put, headers: headers,
                                                     body: try APITestHarness.body(["personalization": "yes"]))
            #expect(APITestHarness.errorCodes(wrongType) == ["wrong_type"])

            let export = APITestHarness.json(try await Self.get(client, "/v1/profiles/user_id:cus_1/export", headers), schema: "PrivacyExport")
            #expect((export["events"] as? [Any])?.count == 3 && (export["categories"] as? [Any])?.isEmpty == false)

            let erased = try await client.execute(uri: "/v1/profiles/anonymous_id:b-1", method: .delete, headers: headers)
            let receipt = APITestHarness.json(erased, schema: "ErasureReceipt")
            #expect(receipt["events"] as? Int == 3 && receipt["identifiers"] as? Int == 4)
            #expect(try await Self.get(client, "/v1/profiles/user_id:cus_1", headers).status == .notFound)
            let audit = APITestHarness.json(try await Self.get(client, "/v1/cdp/privacy-requests", headers), schema: "PrivacyAuditTrail")
            #expect(Set((audit["data"] as? [[String: Any]])?.compactMap { $0["kind"] as? String } ?? []) == ["export", "erasure", "consent"])
            #expect(!String(buffer: try await Self.get(client, "/v1/cdp/privacy-requests", headers).body).contains("ada"))
            // Suppressed: a later event for the erased user is acknowledged and dropped.
            try await Self.collect(client, key: key, [["type": "track", "event": "Page", "userId": "cus_1"]])
            let backlog = APITestHarness.json(try await Self.get(client, "/v1/cdp/backlog", headers), schema: "ProfileBacklog")
            #expect(backlog["events"] as? Int == 0)
        }
    }

    @Test func segmentsAreDefinedCheckedAndListedWithTheirMembers() async throws {
        try await APITestHarness.withClient { client, runtime in
            let headers = try await PredictionRoutesTests.operatorHeaders(runtime)
            let (_, key) = try await EventSources(database: runtime.database).create(name: "app", now: 1)
            try await Self.collect(client, key: key, (1...3).map { n in
                ["type": "track", "event": "Products Searched", "anonymousId": "b-\(n)", "properties": ["origin": "JFK", "destination": n == 3 ? "SFO" : "LAX"]]
            })
            try await runtime.profileProcessor.processPending()
            func create(_ body: [String: Any]) async throws -> TestResponse {
                try await client.execute(uri: "/v1/cdp/segments", method: .post, headers: headers, body: try APITestHarness.body(body))
            }
            let rule: [String: Any] = ["all": [
                ["event": "Products Searched", "where": ["origin": "JFK", "destination": "LAX"], "within_days": 7],
                ["not": ["event": "Order Completed", "within_days": 7]],
            ]]
            let created = try await create(["name": "JFK-LAX lookers", "description": "searched, did not book", "rule": rule])
            #expect(created.status == .created)
            let segment = APITestHarness.json(created, schema: "AudienceSegment")
            #expect(segment["members"] as? Int == 2)
            let id = try #require(segment["id"] as? String)
            #expect(APITestHarness.errorCodes(try await create(["name": "JFK-LAX lookers", "rule": rule])) == ["segment_exists"])
            let bad = try await create(["name": "Broken", "rule": ["all": [["event": "Products Searched", "within_days": 900]]]])
            #expect(bad.status == .unprocessableContent)
            #expect((APITestHarness.json(bad, schema: "Error")["errors"] as? [[String: Any]])?.first?["field"] as? String == "rule.all[0].within_days")
            #expect(APITestHarness.errorCodes(try await create(["name": "No rule"])) == ["missing_field"])

            let members = APITestHarness.json(try await Self.get(client, "/v1/cdp/segments/\(id)/members?limit=1", headers), schema: "AudienceSegmentMembers")
            #expect(members["count"] as? Int == 2 && (members["data"] as? [Any])?.count == 1)
            let after = try #require(members["next_after"] as? String)
            let second = APITestHarness.json(try await Self.get(client, "/v1/cdp/segments/\(id)/members?after=\(after)", headers), schema: "AudienceSegmentMembers")
            #expect((second["data"] as? [Any])?.count == 1)
            let list = APITestHarness.json(try await Self.get(client, "/v1/cdp/segments", headers), schema: "AudienceSegmentList")
            #expect((list["data"] as? [Any])?.count == 1)
            #expect(try await client.execute(uri: "/v1/cdp/segments/\(id)", method: .delete, headers: headers).status == .noContent)
            #expect(APITestHarness.errorCodes(try await Self.get(client, "/v1/cdp/segments/\(id)", headers)) == ["segment_not_found"])
        }
    }

    /// A customer who joins the loyalty programme: the relay identifies them with their membership number, which then
    /// finds the same profile as their email.
    @Test func aNewMembersNumberJoinsTheirProfile() async throws {
        try await APITestHarness.withClient { client, runtime in
            let number = MembershipNumber(serial: 123_456_789).digits
            try await runtime.database.transaction { sql in
                try await Outbox.append(topic: .memberEnrolled, aggregateID: "mem_1", payload: MemberEnrolledEvent(
                    memberID: "mem_1", membershipNumber: number, customerID: "cus_ada", email: "ada@example.com", enrolledAt: 1),
                    on: sql, at: Date(timeIntervalSince1970: 1))
            }
            #expect(try await runtime.bookingEventRelay.relayBatch() == 1)
            try await runtime.profileProcessor.processPending()
            let headers = try await PredictionRoutesTests.operatorHeaders(runtime)
            let byNumber = APITestHarness.json(try await Self.get(client, "/v1/profiles/loyalty_number:\(number)", headers), schema: "CustomerProfile")
            let byEmail = APITestHarness.json(try await Self.get(client, "/v1/profiles/email:ada@example.com", headers), schema: "CustomerProfile")
            #expect(byNumber["id"] as? String != nil && byNumber["id"] as? String == byEmail["id"] as? String)
        }
    }

    @Test func theBookingEngineReportsOrdersAndCancellationsToProfiles() async throws {
        try await APITestHarness.withClient { client, runtime in
            let order = try await APITestHarness.buy(client)
            let relay = runtime.bookingEventRelay
            #expect(try await relay.relayBatch() > 0)  // the order and its sales documents, which the relay reads past
            #expect(try await relay.relayBatch() == 0)  // the cursor moved: nothing twice
            try await runtime.profileProcessor.processPending()
            let headers = try await PredictionRoutesTests.operatorHeaders(runtime)
            let profile = APITestHarness.json(try await Self.get(client, "/v1/profiles/email:ada@example.com", headers), schema: "CustomerProfile")
            let computed = profile["computed_traits"] as? [String: Any]
            #expect(computed?["trips_booked"] as? Int == 1 && computed?["favourite_destination"] as? String == "LAX")
            let timeline = APITestHarness.json(try await Self.get(client, "/v1/profiles/email:ada@example.com/events", headers), schema: "ProfileTimeline")
            let message = (timeline["data"] as? [[String: Any]])?.first?["message"] as? [String: Any]
            let properties = message?["properties"] as? [String: Any]
            #expect(message?["event"] as? String == "Order Completed")
            #expect(properties?["order_id"] as? String == order["booking_reference"] as? String)
            #expect((properties?["products"] as? [[String: Any]])?.first?["destination"] as? String == "LAX")

            // Cancel it: the order no longer counts.
            let orderID = try #require(order["id"] as? String)
            let token = try #require(order["access_token"] as? String)
            let auth: HTTPFields = [.authorization: "Bearer \(token)", .contentType: "application/json"]
            let quote = try await client.execute(uri: "/v1/order-cancellations", method: .post, headers: auth,
                                                 body: try APITestHarness.body(["order_id": orderID]))
            let quoteID = try #require(APITestHarness.json(quote, schema: "Cancellation")["id"] as? String)
            let confirmed = try await client.execute(uri: "/v1/order-cancellations/\(quoteID)/confirm", method: .post, headers: auth)
            #expect(confirmed.status == .ok)
            #expect(try await relay.relayBatch() > 0)
            try await runtime.profileProcessor.processPending()
            let after = APITestHarness.json(try await Self.get(client, "/v1/profiles/email:ada@example.com", headers), schema: "CustomerProfile")
            #expect((after["computed_traits"] as? [String: Any])?["trips_booked"] as? Int == 0)
        }
    }

    @Test func personalizationNeedsConsentAndContinuesTheLastSearchAtTodaysLowestFare() async throws {
        try await APITestHarness.withClient { client, runtime in
            #expect(APITestHarness.errorCodes(try await Self.get(client, "/v1/personalization", [:])) == ["missing_identity"])
            let unknown = APITestHarness.json(try await Self.get(client, "/v1/personalization?anonymousId=stranger", [:]), schema: "Personalization")
            #expect(unknown["personalized"] as? Bool == false && unknown["reason"] as? String == "no_profile")
            #expect((unknown["destinations"] as? [[String: Any]])?.isEmpty == false)

            let (_, key) = try await EventSources(database: runtime.database).create(name: "web", now: 1)
            let search: [String: Any] = ["type": "track", "event": "Products Searched", "anonymousId": "b-9",
                                         "properties": ["origin": "JFK", "destination": "LAX", "departure_date": FixtureNetwork.travelDay.iso]]
            try await Self.collect(client, key: key, [search])
            try await runtime.profileProcessor.processPending()
            let withoutConsent = APITestHarness.json(try await Self.get(client, "/v1/personalization?anonymousId=b-9", [:]), schema: "Personalization")
            #expect(withoutConsent["personalized"] as? Bool == false && withoutConsent["reason"] as? String == "no_consent")
            #expect(withoutConsent["continue_search"] is NSNull || withoutConsent["continue_search"] == nil)

            var consenting = search
            consenting["event"] = "Product Viewed"
            consenting["properties"] = ["destination": "SFO"]
            consenting["context"] = ["consent": ["categoryPreferences": ["personalization": true]]]
            try await Self.collect(client, key: key, [consenting])
            try await runtime.profileProcessor.processPending()
            let response = try await Self.get(client, "/v1/personalization?anonymousId=b-9", [:])
            #expect(response.headers[.cacheControl] == "private, no-store")
            let personal = APITestHarness.json(response, schema: "Personalization")
            #expect(personal["personalized"] as? Bool == true)
            let continueSearch = try #require(personal["continue_search"] as? [String: Any])
            #expect(continueSearch["destination"] as? String == "LAX" && continueSearch["departure_date"] as? String == FixtureNetwork.travelDay.iso)
            // The fare is what a search for that day shows now.
            let offers = try await client.execute(uri: "/v1/offer-requests", method: .post, headers: APITestHarness.jsonHeaders, body: try APITestHarness.body(APITestHarness.searchBody)) {
                APITestHarness.json($0, schema: "OfferRequest")["offers"] as? [[String: Any]] ?? []
            }
            let lowest = offers.compactMap { ($0["total_amount"] as? String).flatMap { Decimal(string: $0) } }.min()
            let fare = continueSearch["lowest_fare"] as? [String: Any]
            #expect((fare?["amount"] as? String).flatMap { Decimal(string: $0) } == lowest && fare?["currency"] as? String == "USD")
            let destinations = (personal["destinations"] as? [[String: Any]])?.compactMap { $0["destination"] as? String } ?? []
            #expect(destinations.prefix(2) == ["LAX", "SFO"])  // from the profile's history, then popular routes
            #expect(Set(destinations).count == destinations.count && !destinations.contains("JFK"))
        }
    }

    /// The attack of issue 16 (defect 2): with the site's public write key, a stranger asserts a customer's
    /// email; neither their events nor the customer's searches cross over.
    @Test(arguments: TestDatabases.engines)
    func aStrangerWithThePublicKeyCannotReadOrWriteACustomersProfile(engine: SQLEngine) async throws {
        try await APITestHarness.withClient(engine: engine) { client, runtime in
            let sources = EventSources(database: runtime.database)
            let site = try await sources.webSite(now: 1)
            let (_, server) = try await sources.create(name: "crm", now: 1)
            let consent: [String: Any] = ["consent": ["categoryPreferences": ["personalization": true]]]
            // The customer, known to a trusted source, and their own browser's search.
            try await Self.collect(client, key: server, [["type": "identify", "userId": "cus_v", "anonymousId": "victim-browser",
                                                          "traits": ["email": "victim@example.com"]]])
            try await Self.collect(client, key: site.writeKey, [["type": "track", "event": "Products Searched", "anonymousId": "victim-browser",
                                                                "properties": ["origin": "JFK", "destination": "LAX", "departure_date": FixtureNetwork.travelDay.iso],
                                                                "context": consent]])
            // The stranger asserts the customer's email from their own browser.
            try await Self.collect(client, key: site.writeKey, [["type": "track", "event": "Product Viewed", "anonymousId": "attacker",
                                                                "properties": ["destination": "SFO"],
                                                                "context": consent.merging(["traits": ["email": "victim@example.com"]]) { $1 }]])
            try await runtime.profileProcessor.processPending()

            let stolen = APITestHarness.json(try await Self.get(client, "/v1/personalization?anonymousId=attacker", [:]), schema: "Personalization")
            #expect(stolen["continue_search"] == nil || stolen["continue_search"] is NSNull)
            let history = (stolen["destinations"] as? [[String: Any]])?.filter { $0["reason"] as? String == "history" }.compactMap { $0["destination"] as? String }
            #expect(history == ["SFO"])

            let headers = try await PredictionRoutesTests.operatorHeaders(runtime)
            let victim = APITestHarness.json(try await Self.get(client, "/v1/profiles/email:victim@example.com", headers), schema: "CustomerProfile")
            let identifiers = (victim["identifiers"] as? [[String: Any]])?.compactMap { $0["value"] as? String } ?? []
            #expect(!identifiers.contains("attacker"))
            let timeline = APITestHarness.json(try await Self.get(client, "/v1/profiles/email:victim@example.com/events", headers), schema: "ProfileTimeline")
            let names = (timeline["data"] as? [[String: Any]])?.compactMap { ($0["message"] as? [String: Any])?["event"] as? String } ?? []
            #expect(!names.contains("Product Viewed") && names.contains("Products Searched"))

            // The customer's own browser still reads back its own search, signed in or not.
            let own = APITestHarness.json(try await Self.get(client, "/v1/personalization?anonymousId=victim-browser", [:]), schema: "Personalization")
            #expect((own["continue_search"] as? [String: Any])?["destination"] as? String == "LAX")
        }
    }
}
