import CustomerData
import Foundation
import SQLKit
import SkyportDomain
import SkyportStore
import SkyportTestSupport
import Testing

@Suite struct SegmentTimestampTests {
    @Test(arguments: [
        ("2026-11-25T09:30:00Z", 1_795_599_000_000),
        ("2026-11-25T09:30:00.123Z", 1_795_599_000_123),
        ("2026-11-25T09:30:00.1Z", 1_795_599_000_100),
        ("2026-11-25T09:30:00.123456Z", 1_795_599_000_123),
        ("2026-11-25T18:30:00+09:00", 1_795_599_000_000),
        ("2026-11-25T18:30:00.5+0900", 1_795_599_000_500),
        ("2026-11-25T04:30:00-05:00", 1_795_599_000_000),
        ("2026-11-25T09:30:00", 1_795_599_000_000),
        ("1970-01-01T00:00:00Z", 0),
    ] as [(String, Int64)])
    func readsWhatClientsSend(text: String, expected: Int64) {
        #expect(SegmentTimestamp.milliseconds(text) == expected)
    }

    @Test(arguments: ["", "yesterday", "2026-13-01T00:00:00Z", "2026-11-25", "2026-11-25T09:30:00.Z", "2026-11-25T09:30:00+9", "2026-11-25T25:00:00Z", "2026-11-25T09:30:00Zjunk"])
    func refusesWhatIsNotAnInstant(text: String) {
        #expect(SegmentTimestamp.milliseconds(text) == nil)
    }
}

@Suite struct SegmentMessageTests {
    @Test func aTrackWithoutEventOrIdentityIsRefusedWithBothReasons() {
        let failure = #expect(throws: ValidationFailure.self) {
            try SegmentMessage(["type": "track", "userId": .null, "anonymousId": "anonymous"], kind: nil, batchSentAt: nil, field: "batch[2]")
        }
        #expect(Set(failure?.issues.map(\.code) ?? []) == ["missing_identity", "missing_event"])
        #expect(failure?.issues.contains { $0.field == "batch[2].event" } == true)
    }

    @Test func blankIdentifiersIdentifyNobody() throws {
        for blank in ["", "null", "0", "-1", "anonymous", "undefined"] {
            #expect(throws: ValidationFailure.self) { try SegmentMessage(["userId": .string(blank)], kind: .identify, batchSentAt: nil, field: "") }
        }
        let message = try SegmentMessage(["userId": .null, "anonymousId": "a-1"], kind: .identify, batchSentAt: nil, field: "")
        #expect(message.userID == nil && message.anonymousID == "a-1")
        #expect(message.messageID.hasPrefix("msg_"))  // generated when the client sent none
    }

    @Test func theClientsClockErrorIsTakenOut() throws {
        // The client's clock is 10 minutes fast: it says it sent at 09:40 what happened at 09:39; we received at 09:30:05.
        let message = try SegmentMessage(["type": "track", "event": "Products Searched", "anonymousId": "a",
                                          "timestamp": "2026-11-25T09:39:00Z", "sentAt": "2026-11-25T09:40:00Z"],
                                         kind: nil, batchSentAt: nil, field: "")
        let received = SegmentTimestamp.milliseconds("2026-11-25T09:30:05Z")!
        #expect(message.occurredAt(receivedAt: received) == SegmentTimestamp.milliseconds("2026-11-25T09:29:05Z"))
        let batchSent = try SegmentMessage(["type": "page", "anonymousId": "a", "timestamp": "2026-11-25T09:39:00Z"], kind: nil,
                                           batchSentAt: SegmentTimestamp.milliseconds("2026-11-25T09:40:00Z"), field: "")
        #expect(batchSent.occurredAt(receivedAt: received) == SegmentTimestamp.milliseconds("2026-11-25T09:29:05Z"))
        let untimed = try SegmentMessage(["type": "page", "anonymousId": "a"], kind: nil, batchSentAt: nil, field: "")
        #expect(untimed.occurredAt(receivedAt: received) == received)
    }

    @Test func malformedFieldsAreNamed() {
        let failure = #expect(throws: ValidationFailure.self) {
            try SegmentMessage(["type": "shout", "anonymousId": "a", "timestamp": "soon", "context": "web"], kind: nil, batchSentAt: nil, field: "")
        }
        #expect(Set(failure?.issues.map(\.code) ?? []) == ["invalid_type", "invalid_timestamp", "invalid_field"])
        #expect(throws: ValidationFailure.self) { try SegmentMessage(["userId": "u"], kind: .alias, batchSentAt: nil, field: "") }
        #expect(throws: ValidationFailure.self) { try SegmentMessage(["userId": "u"], kind: .group, batchSentAt: nil, field: "") }
    }

    @Test func aMessageOver32KilobytesIsTooLarge() {
        let error = #expect(throws: ServiceError.self) {
            try SegmentMessage(["type": "track", "event": "E", "userId": "u", "properties": ["blob": .string(String(repeating: "x", count: 33_000))]],
                               kind: nil, batchSentAt: nil, field: "batch[0]")
        }
        #expect(error?.code == "message_too_large")
    }
}

@Suite struct EventCollectorTests {
    @Test(arguments: TestDatabases.engines)
    func resendsNeverCountTwiceAndRevokedKeysStopWorking(engine: SQLEngine) async throws {
        try await TestDatabases.with(engine) { database in
            let sources = EventSources(database: database)
            let (source, key) = try await sources.create(name: "web site", now: 1)
            #expect(try await sources.source(writeKey: key) == source)
            let collector = EventCollector(database: database)
            func message(_ id: String) throws -> SegmentMessage {
                try SegmentMessage(["type": "track", "event": "Products Searched", "anonymousId": "anon-1", "messageId": .string(id)],
                                   kind: nil, batchSentAt: nil, field: "")
            }
            let first = try await collector.collect([try message("m1"), try message("m2"), try message("m2")], from: source, receivedAt: 1000)
            #expect(first.received == 3 && first.stored == 2 && first.duplicates == 1)
            let retry = try await collector.collect([try message("m1"), try message("m3")], from: source, receivedAt: 2000)
            #expect(retry.received == 2 && retry.stored == 1)
            let count = try await database.read { sql in
                try await sql.raw("SELECT COUNT(*) AS n FROM cdp_events").first()!.decode(column: "n", as: Int.self)
            }
            #expect(count == 3)
            #expect(try await sources.revoke(id: source.id, now: 3))
            #expect(try await sources.source(writeKey: key) == nil)
            #expect(try await sources.revoke(id: source.id, now: 4) == false)
        }
    }
}

@Suite struct StoredPayloadTests {
    @Test func theStoredMessageReadsBackAsSent() throws {
        let sent: [String: Any] = [
            "type": "track", "event": "Order Completed", "anonymousId": "a\"b\\c\n", "messageId": "m-1",
            "properties": ["total": 250.4, "count": 1, "flag": true, "none": NSNull(), "name": "서울 ✈︎ \u{1}",
                           "products": [["sku": "SK1~flex", "price": 99], []]],
        ]
        let message = try SegmentMessage(foundation: sent, kind: nil, batchSentAt: nil, field: "")
        let read = try JSONValue(json: message.payload)
        #expect(read == JSONValue(any: sent))
        #expect(read["properties"]?["flag"] == .bool(true) && read["properties"]?["count"] == .number(1))
        #expect(JSONValue.object(["b": 1, "a": .array([true, .null, "x"])]).json == #"{"a":[true,null,"x"],"b":1}"#)
    }
}

@Suite struct BatchSpansTests {
    @Test func eachMessageIsFoundWhereverItsBracesAndQuotesAre() throws {
        let body = #" { "sentAt" : "2026-11-25T00:00:00Z", "context": {"a": [1, {"b": "]}\"{"}]}, "batch" : [ {"type":"track","event":"x]\"}","n":[1,2]} , {"type":"page"},{}] , "writeKey":"wk"}"#
        let bytes = Array(body.utf8)
        let spans = try #require(BatchSpans.messages(in: bytes))
        #expect(spans.map { String(decoding: bytes[$0], as: UTF8.self) } == [#"{"type":"track","event":"x]\"}","n":[1,2]}"#, #"{"type":"page"}"#, "{}"])
        #expect(BatchSpans.messages(in: Array(#"{"batch": []}"#.utf8)) == [])
        #expect(BatchSpans.messages(in: Array(#"{"other": 1}"#.utf8)) == nil)
        #expect(BatchSpans.messages(in: Array(#"[1]"#.utf8)) == nil)
    }

    @Test func aMessageIsStoredAsSentWithWhatItLacked() throws {
        let raw = Array(#"{"anonymousId": "a", "event": "Products Searched",  "properties": {"z": 1, "a": 2.50}}"#.utf8)
        let object = try #require(try JSONValue(json: raw).objectValue)
        let message = try SegmentMessage(object, kind: .track, batchSentAt: nil, field: "", raw: raw[...])
        #expect(message.payload.hasSuffix(#""event": "Products Searched",  "properties": {"z": 1, "a": 2.50}}"#))  // byte for byte
        let read = try JSONValue(json: message.payload)
        #expect(read["type"] == "track" && read["messageId"]?.string == message.messageID)
        // A write key in a single message is never stored.
        var keyed = object
        keyed["writeKey"] = "wk_secret"
        let withKey = try SegmentMessage(keyed, kind: .track, batchSentAt: nil, field: "", raw: raw[...])
        #expect(!withKey.payload.contains("wk_secret"))
    }
}

@Suite struct JSONParserTests {
    @Test func readsWhatJSONSerializationReads() throws {
        let text = #"{"a": [1, -2.5e3, true, false, null, "\u00e9\ud83d\ude80\n\"\\\/"], "b": {"c": {}}, "d": [], "e": 0.1}"#
        let expected = JSONValue(any: try JSONSerialization.jsonObject(with: Data(text.utf8)))
        #expect(try JSONValue(json: text) == expected)
        #expect(try JSONValue(json: #"  "é🚀"  "#) == "é🚀")
        #expect(try JSONValue(json: "42") == 42)
    }

    @Test(arguments: ["", "{", "[1,]", "tru", #""abc"#, "1 2", #"{"a" 1}"#, #"{"a":1,}"#, #""\ud83d""#, "[01x]", #""\u12G4""#])
    func refusesWhatIsNotJSON(text: String) {
        #expect(throws: (any Error).self) { try JSONValue(json: text) }
    }
}
