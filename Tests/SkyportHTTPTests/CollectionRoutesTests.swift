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

            // An id of the wrong type is refused, not taken as missing (with a userId beside it, it was stored before).
            let oddTypes = try await post("/cdp/v1/identify", ["userId": 51122074, "anonymousId": ["a": 1], "messageId": 7, "name": [true]])
            #expect(oddTypes.status == .badRequest && APITestHarness.errorCodes(oddTypes) == ["invalid_field", "invalid_field", "invalid_field"])
            #expect(try await Self.events(runtime).isEmpty)
            #expect(APITestHarness.errorCodes(try await post("/cdp/v1/batch", ["batch": []])) == ["missing_field"])
            #expect(APITestHarness.errorCodes(try await post("/cdp/v1/track", ["anonymousId": "a", "event": "E", "timestamp": "soon"])) == ["invalid_timestamp"])
            let noKey = try await post("/cdp/v1/track", ["anonymousId": "a", "event": "E"], headers: [.contentType: "application/json"])
            #expect(noKey.status == .unauthorized && APITestHarness.errorCodes(noKey) == ["write_key_required"])
            let wrongKey = try await post("/cdp/v1/track", ["anonymousId": "a", "event": "E"], headers: Self.basic("wk_" + String(repeating: "0", count: 48)))
            #expect(APITestHarness.errorCodes(wrongKey) == ["invalid_write_key"])

            let huge = try await post("/cdp/v1/track", ["anonymousId": "a", "event": "E", "properties": ["x": String(repeating: "y", count: 40_000)]])
            #expect(huge.status == .contentTooLarge && APITestHarness.errorCodes(huge) == ["message_too_large"])
            let bigBatch = try await post("/cdp/v1/batch", ["batch": (0..<150).map { ["type": "track", "anonymousId": "a", "event": "E", "messageId": "b\($0)",
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

/// What attackers and real clients found (issue 16): compressed batches, numbers with no value, repeated
/// keys, and message ids that one source could use to drop another's messages.
@Suite struct CollectionHardeningTests {
    static func batch(_ count: Int, prefix: String = "m", padding: Int = 0) -> [String: Any] {
        ["batch": (0..<count).map { ["type": "track", "anonymousId": "anon-z", "event": "Products Searched", "messageId": "\(prefix)-\($0)",
                                      "properties": ["origin": "JFK", "destination": "LAX", "pad": String(repeating: "p", count: padding)]] }]
    }

    static func encoded(_ object: Any) throws -> [UInt8] {
        Array(try APITestHarness.body(object).readableBytesView)
    }

    @Test(arguments: TestDatabases.engines)
    func gzipAndDeflateBatchesAreReadAndTheLimitAppliesToWhatTheyInflateTo(engine: SQLEngine) async throws {
        try await APITestHarness.withClient(engine: engine) { client, runtime in
            let (_, key) = try await EventSources(database: runtime.database).create(name: "rudderstack", now: 1)
            func post(_ bytes: [UInt8], encoding: String?) async throws -> TestResponse {
                var headers = CollectionRoutesTests.basic(key)
                if let encoding { headers[.contentEncoding] = encoding }
                return try await client.execute(uri: "/cdp/v1/batch", method: .post, headers: headers, body: ByteBuffer(bytes: bytes))
            }
            #expect(try await post(TestCompression.compress(Self.encoded(Self.batch(3, prefix: "gz")), .gzip), encoding: "gzip").status == .ok)
            #expect(try await post(TestCompression.compress(Self.encoded(Self.batch(2, prefix: "zl")), .zlib), encoding: "deflate").status == .ok)
            #expect(try await post(TestCompression.compress(Self.encoded(Self.batch(2, prefix: "raw")), .rawDeflate), encoding: "deflate").status == .ok)
            // A RudderStack-sized batch: 3.5 MB of messages.
            let large = try Self.encoded(Self.batch(120, prefix: "big", padding: 29_000))
            #expect(large.count > 3_400_000)
            #expect(try await post(TestCompression.compress(large, .gzip), encoding: "gzip").status == .ok)
            #expect(try await CollectionRoutesTests.events(runtime).count == 3 + 2 + 2 + 120)

            // 64 MB of spaces around a small batch compress to about 64 KB: refused at the limit, nothing stored.
            var bomb = try Self.encoded(Self.batch(1, prefix: "bomb"))
            bomb.insert(contentsOf: [UInt8](repeating: 0x20, count: 64 * 1024 * 1024), at: 1)
            let compressedBomb = TestCompression.compress(bomb, .gzip)
            #expect(compressedBomb.count < 200_000)
            let refused = try await post(compressedBomb, encoding: "gzip")
            #expect(refused.status == .contentTooLarge && APITestHarness.errorCodes(refused) == ["batch_too_large"])
            let cut = try await post(Array(TestCompression.compress(Self.encoded(Self.batch(1, prefix: "cut")), .gzip).dropLast(12)), encoding: "gzip")
            #expect(cut.status == .badRequest && APITestHarness.errorCodes(cut) == ["malformed_body"])
            let brotli = try await post(Self.encoded(Self.batch(1, prefix: "br")), encoding: "br")
            #expect(brotli.status == .unsupportedMediaType && APITestHarness.errorCodes(brotli) == ["unsupported_content_encoding"])
            #expect(try await CollectionRoutesTests.events(runtime).count == 127)
        }
    }

    @Test(arguments: TestDatabases.engines)
    func numbersWithoutAValueAndRepeatedKeysAreRefusedAndStoredOddValuesStillRead(engine: SQLEngine) async throws {
        try await APITestHarness.withClient(engine: engine) { client, runtime in
            let (_, key) = try await EventSources(database: runtime.database).create(name: "web", now: 1)
            func post(_ text: String) async throws -> TestResponse {
                try await client.execute(uri: "/cdp/v1/batch", method: .post, headers: CollectionRoutesTests.basic(key), body: ByteBuffer(string: text))
            }
            let infinite = try await post(#"{"batch":[{"type":"track","anonymousId":"a","event":"E","properties":{"n":1e400}}]}"#)
            #expect(infinite.status == .badRequest && APITestHarness.errorCodes(infinite) == ["number_out_of_range"])
            let twice = try await post(#"{"batch":[{"type":"track","anonymousId":"a","event":"E"}],"batch":[{"type":"track","userId":"x"}]}"#)
            #expect(twice.status == .badRequest && APITestHarness.errorCodes(twice) == ["duplicate_key"])
            for text in [#"{"batch":[{"type":"track","anonymousId":"a","event":"E","properties":{"n":01}}]}"#,
                         #"{"batch":[{"type":"track","anonymousId":"a","event":"E\x"}]}"#, "{\"batch\":[{\"type\":\"track\",\"anonymousId\":\"a\",\"event\":\"E\u{1}\"}]}"] {
                #expect(APITestHarness.errorCodes(try await post(text)) == ["malformed_json"], "\(text)")
            }
            #expect(try await CollectionRoutesTests.events(runtime).isEmpty)

            // What an earlier version stored (infinity, text that is not JSON) still reads and exports.
            #expect(try await post(#"{"batch":[{"type":"identify","userId":"cus_9","traits":{"email":"ana@example.com"}}]}"#).status == .ok)
            try await runtime.profileProcessor.processPending()
            try await runtime.database.transaction { sql in
                try await sql.raw("UPDATE cdp_events SET payload = '{\"type\":\"track\",\"properties\":{\"n\":1e400,\"n\":2}}'").run()
                try await sql.raw("UPDATE cdp_traits SET value = 'not json at all'").run()
            }
            let headers = try await PredictionRoutesTests.operatorHeaders(runtime)
            for uri in ["/v1/profiles/user_id:cus_9", "/v1/profiles/user_id:cus_9/events", "/v1/profiles/user_id:cus_9/export"] {
                let response = try await client.execute(uri: uri, method: .get, headers: headers)
                #expect(response.status == .ok, "\(uri)")
            }
        }
    }

    @Test(arguments: TestDatabases.engines)
    func aMessageIdIsUniqueWithinItsSourceOnly(engine: SQLEngine) async throws {
        try await APITestHarness.withClient(engine: engine) { client, runtime in
            let sources = EventSources(database: runtime.database)
            let (_, app) = try await sources.create(name: "app", now: 1)
            let site = try await sources.webSite(now: 1)
            func post(_ key: String, _ id: String) async throws -> TestResponse {
                try await client.execute(uri: "/cdp/v1/batch", method: .post, headers: CollectionRoutesTests.basic(key),
                                         body: try APITestHarness.body(["batch": [["type": "track", "anonymousId": "a", "event": "E", "messageId": id]]]))
            }
            #expect(try await post(app, "same-id").status == .ok)
            #expect(try await post(site.writeKey, "same-id").status == .ok)
            #expect(try await post(app, "same-id").status == .ok)  // a retry of the app's: not stored again
            #expect(try await CollectionRoutesTests.events(runtime).count == 2)

            // Someone with the site's public key claims ids the booking relay might use: the order still arrives.
            for id in (1...5).map({ "outbox-\($0)" }) { #expect(try await post(site.writeKey, id).status == .ok) }
            _ = try await APITestHarness.buy(client)
            #expect(try await runtime.bookingEventRelay.relayBatch() > 0)  // the order and its sales documents
            let relayed = try await runtime.database.read { sql in
                try await sql.raw("SELECT message_id FROM cdp_events WHERE source_id = 'src_booking'").all().map { try $0.decode(column: "message_id", as: String.self) }
            }
            #expect(relayed.count == 1)
            #expect(relayed.first?.hasPrefix("booking-") == true && relayed.first?.count == 40)
        }
    }
}
