import Foundation
import SkyportContracts
import SkyportStore
import Testing

/// The outbox's contracts read what earlier versions stored, byte for byte, and refuse what does not fit them.
@Suite struct OutboxContractTests {
    static func event(_ topic: String, _ payload: String) throws -> Outbox.Event {
        let row: [String: Any] = ["id": 7, "topic": topic, "aggregate_id": "ord_1", "payload": payload, "created_at": 1_800_000_000]
        return try JSONDecoder().decode(Outbox.Event.self, from: JSONSerialization.data(withJSONObject: row))
    }

    static func encoded(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// Payloads as the untyped producers wrote them before the contracts existed (sorted keys, as the outbox writes).
    static let stored: [(topic: String, payload: String)] = [
        ("order.created", #"{"booking_reference":"ABC123","contact_email":"ada@example.com","customer_id":"cus_1","flight_ids":["20261208-UA100-JFKLAX"],"order_id":"ord_1","passengers":2,"products":[{"cabin":"economy","departure_date":"2026-12-08","destination":"LAX","fare_basis":"HUSA","fare_brand":"standard","flight":"UA100","flight_id":"20261208-UA100-JFKLAX","origin":"JFK"}],"seats":2,"total_amount":"318.40","total_currency":"USD"}"#),
        ("order.cancelled", #"{"booking_reference":"ABC123","cancellation_id":"can_1","contact_email":"ada@example.com","order_id":"ord_1","refund_amount":"120.00","refund_currency":"USD"}"#),
        ("order.changed", #"{"actor":"passenger","booking_reference":"ABC123","disruption_id":"dis_1","from_flight_id":"a","order_id":"ord_1","tickets":[{"new_ticket_number":"0162100000002","old_ticket_number":"0162100000001","passenger_id":"pax_1"}],"to_flight_id":"b"}"#),
        ("disruption.level_changed", #"{"disruption_id":"dis_1","flight_id":"20261208-UA100-JFKLAX","kind":"delay","level":"severe_delay"}"#),
        ("cdp.segment.entered", #"{"at":1800000000000,"event":"Segment Entered","profile_id":"prf_1","segment_id":"seg_1","segment_name":"Frequent JFK"}"#),
    ]

    @Test func storedEventsReadThroughTheirContractAndWriteBackTheSameBytes() throws {
        for (topic, payload) in Self.stored {
            let event = try Self.event(topic, payload)
            let rewritten: String? = switch topic {
            case "order.created": try event.payload(of: .orderCreated).map(Self.encoded)
            case "order.cancelled": try event.payload(of: .orderCancelled).map(Self.encoded)
            case "order.changed": try event.payload(of: .orderChanged).map(Self.encoded)
            case "disruption.level_changed": try event.payload(of: .disruptionLevelChanged).map(Self.encoded)
            default: try event.payload(of: .segmentEntered).map(Self.encoded)
            }
            #expect(rewritten == payload, "\(topic)")
        }
    }

    @Test func anotherTopicIsNotReadAndAPayloadThatBreaksTheContractThrows() throws {
        let cancelled = try Self.event("order.cancelled", Self.stored[1].payload)
        #expect(try cancelled.payload(of: .orderCreated) == nil)
        let broken = try Self.event("order.created", #"{"order_id":"ord_1","total_amount":318.4}"#)
        #expect(throws: DecodingError.self) { try broken.payload(of: .orderCreated) }
    }
}
