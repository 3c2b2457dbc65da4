import Accounts
import CustomerData
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import SQLKit
import SkyportApp
import SkyportDomain
import SkyportHTTP
import SkyportStore
import SkyportTestSupport
import Testing

/// Segment's tracking API under /cdp: write keys, limits, reasons, deduplication, storage.
@Suite struct CollectionRoutesTests {
    static func basic(_ key: String) -> HTTPFields {
        [.authorization: "Basic \(Data("\(key):".utf8).base64EncodedString())", .contentType: "application/json"]
    }

    static func events(_ runtime: SkyportRuntime) async throws -> [(type: String, userID: String?, anonymousID: String?, occurredAt: Int64)] {
        try await runtime.database.read { sql in
            try await sql.raw("SELECT type, user_id, anonymous_id, occurred_at FROM cdp_events ORDER BY id").all().map {
                (try $0.decode(column: "type", as: String.self), try $0.decode(column: "user_id", as: String?.self),
                 try $0.decode(column: "anonymous_id", as: String?.self), try $0.decode(column: "occurred_at", as: Int64.self))
            }
        }
    }

    @Test(arguments: TestDatabases.engines)
    func aBatchIsStoredOnceAndAcknowledgedWith200(engine: SQLEngine) async throws {
        try await APITestHarness.withClient(engine: engine) { client, runtime in
            let (_, key) = try await EventSources(database: runtime.database).create(name: "web", now: 1)
            let batch: [String: Any] = [
                "batch": [
                    ["type": "identify", "userId": "cust-1", "anonymousId": "anon-1", "messageId": "m-1", "traits": ["email": "ada@example.com"],
                     "timestamp": "2026-11-25T09:30:00.123+09:00"],
                    ["type": "track", "userId": NSNull(), "anonymousId": "anon-1", "event": "Products Searched", "messageId": "m-2",
                     "properties": ["origin": "JFK", "destination": "LAX"], "context": ["page": ["path": "/"]], "integrations": [:],
                     "timestamp": "2026-11-25T00:30:00Z"],
                    ["type": "page", "anonymousId": "anon-1", "name": "Home", "messageId": "m-3"],
                ],
                "sentAt": "2026-11-25T00:31:00Z",
            ]
            let response = try await client.execute(uri: "/cdp/v1/batch", method: .post, headers: Self.basic(key), body: try APITestHarness.body(batch))
            #expect(response.status == .ok)
            #expect(APITestHarness.json(response, schema: "CollectionAck")["success"] as? Bool == true)
            // The client retries: nothing is counted twice.
            let retry = try await client.execute(uri: "/cdp/v1/batch", method: .post, headers: Self.basic(key), body: try APITestHarness.body(batch))
            #expect(retry.status == .ok)
            let stored = try await Self.events(runtime)
            #expect(stored.map(\.type) == ["identify", "track", "page"])
            #expect(stored[1].userID == nil && stored[1].anonymousID == "anon-1")
            // The client's clock was about a minute behind the time the batch arrived, at most: the time is corrected.
            let now = Int64(Date().timeIntervalSince1970 * 1000)
            #expect(abs(stored[1].occurredAt - (now - 60_000)) < 120_000)

            // writeKey in the body works too, for a single message.
            let single = try await client.execute(uri: "/cdp/v1/track", method: .post, headers: [.contentType: "application/json"],
                                                  body: try APITestHarness.body(["writeKey": key, "anonymousId": "anon-2", "event": "Product Viewed"]))
            #expect(single.status == .ok)
            #expect(try await Self.events(runtime).count == 4)
        }
    }

    @Test func refusalsNameTheMessageAndStoreNothing() async throws {
        try await APITestHarness.withClient { client, runtime in
            let sources = EventSources(database: runtime.database)
            let (source, key) = try await sources.create(name: "web", now: 1)
            func post(_ uri: String, _ body: Any, headers: HTTPFields? = nil) async throws -> TestResponse {
                try await client.execute(uri: uri, method: .post, headers: headers ?? Self.basic(key), body: try APITestHarness.body(body))
            }
            let mixed = try await post("/cdp/v1/batch", ["batch": [
                ["type": "track", "anonymousId": "a", "event": "Fine", "messageId": "ok-1"],
                ["type": "track", "anonymousId": "a", "messageId": "no-event"],
                ["type": "identify", "userId": NSNull(), "anonymousId": NSNull()],
                "not a message",
            ]])
            #expect(mixed.status == .badRequest)
            let body = APITestHarness.json(mixed, schema: "Error")
            let fields = (body["errors"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }
            #expect(fields == ["batch[1].event", "batch[2].userId", "batch[3]"])
            // Analytics clients read the first error at the top level.
            #expect(body["code"] as? String == "missing_event" && body["success"] as? Bool == false && body["message"] is String)
            #expect(try await Self.events(runtime).isEmpty)

            #expect(APITestHarness.errorCodes(try await post("/cdp/v1/batch", ["batch": []])) == ["missing_field"])
            #expect(APITestHarness.errorCodes(try await post("/cdp/v1/track", ["anonymousId": "a", "event": "E", "timestamp": "soon"])) == ["invalid_timestamp"])
            let noKey = try await post("/cdp/v1/track", ["anonymousId": "a", "event": "E"], headers: [.contentType: "application/json"])
            #expect(noKey.status == .unauthorized && APITestHarness.errorCodes(noKey) == ["write_key_required"])
            let wrongKey = try await post("/cdp/v1/track", ["anonymousId": "a", "event": "E"], headers: Self.basic("wk_" + String(repeating: "0", count: 48)))
            #expect(APITestHarness.errorCodes(wrongKey) == ["invalid_write_key"])

            let huge = try await post("/cdp/v1/track", ["anonymousId": "a", "event": "E", "properties": ["x": String(repeating: "y", count: 40_000)]])
            #expect(huge.status == .contentTooLarge && APITestHarness.errorCodes(huge) == ["message_too_large"])
            let bigBatch = try await post("/cdp/v1/batch", ["batch": (0..<20).map { ["type": "track", "anonymousId": "a", "event": "E", "messageId": "b\($0)",
                                                                                  "properties": ["x": String(repeating: "y", count: 30_000)]] }])
            #expect(bigBatch.status == .contentTooLarge && APITestHarness.errorCodes(bigBatch) == ["batch_too_large"])
            let malformed = try await client.execute(uri: "/cdp/v1/batch", method: .post, headers: Self.basic(key), body: ByteBuffer(string: "{not json"))
            #expect(APITestHarness.errorCodes(malformed) == ["malformed_json"])
            #expect(try await Self.events(runtime).isEmpty)

            #expect(try await sources.revoke(id: source.id, now: 2))
            #expect(APITestHarness.errorCodes(try await post("/cdp/v1/track", ["anonymousId": "a", "event": "E"])) == ["invalid_write_key"])
        }
    }

    @Test func operatorsCreateAndRevokeSources() async throws {
        try await APITestHarness.withClient { client, runtime in
            let (_, token) = try await OperatorTokens(database: runtime.database).create(name: "ops", now: 1)
            let headers: HTTPFields = [.authorization: "Bearer \(token)", .contentType: "application/json"]
            let anonymous = try await client.execute(uri: "/v1/cdp/sources", method: .post, headers: [.contentType: "application/json"],
                                                     body: try APITestHarness.body(["name": "web"]))
            #expect(anonymous.status == .unauthorized)
            let created = try await client.execute(uri: "/v1/cdp/sources", method: .post, headers: headers, body: try APITestHarness.body(["name": "web"]))
            #expect(created.status == .created)
            let source = APITestHarness.json(created, schema: "EventSourceCreated")
            let key = try #require(source["write_key"] as? String)
            let id = try #require(source["id"] as? String)
            let sent = try await client.execute(uri: "/cdp/v1/page", method: .post, headers: Self.basic(key),
                                                body: try APITestHarness.body(["anonymousId": "a", "name": "Home"]))
            #expect(sent.status == .ok)
            #expect(APITestHarness.errorCodes(try await client.execute(uri: "/v1/cdp/sources", method: .post, headers: headers,
                                                                       body: try APITestHarness.body(["name": ""]))) == ["invalid_name"])
            #expect(try await client.execute(uri: "/v1/cdp/sources/\(id)", method: .delete, headers: headers).status == .noContent)
            let again = try await client.execute(uri: "/v1/cdp/sources/\(id)", method: .delete, headers: headers)
            #expect(APITestHarness.errorCodes(again) == ["source_not_found"])
        }
    }
}
