import Foundation
@testable import SkyportHTTP
import Testing

@Suite struct StreamingJSONEncoderTests {
    struct Leaf: Encodable {
        let codeName: String
        let amountInCents: Int64
    }

    struct Sample: Encodable {
        let plainText: String
        let escapedText: String
        let count: Int
        let ratio: Double
        let wholeDouble: Double
        let flag: Bool
        let missing: String?
        let present: String?
        let leaves: [Leaf]
        let matrix: [[Int]]
        let labels: [String: String]
        let empty: [Leaf]
    }

    static let sample = Sample(
        plainText: "JFK to LAX", escapedText: "quote \" backslash \\ newline \n tab \t bell \u{7} 한국어 ✈️",
        count: -42, ratio: 0.075, wholeDouble: 12.0, flag: true, missing: nil, present: "here",
        leaves: [Leaf(codeName: "US", amountInCents: 1778), Leaf(codeName: "ZP", amountInCents: 530)],
        matrix: [[1, 2], [], [3]], labels: ["departure_date": "2026-12-08", "origin": "JFK"], empty: [])

    @Test func writesTheSameJSONAsFoundationWithSnakeCaseKeys() throws {
        let streamed = try JSONSerialization.jsonObject(with: Data(StreamingJSONEncoder.encode(Self.sample))) as! NSDictionary
        let foundation = JSONEncoder()
        foundation.keyEncodingStrategy = .convertToSnakeCase
        let expected = try JSONSerialization.jsonObject(with: foundation.encode(Self.sample)) as! NSDictionary
        #expect(streamed == expected)
        #expect(streamed["missing"] == nil)
        #expect(streamed["escaped_text"] as? String == Self.sample.escapedText)
    }

    @Test func topLevelArraysAndScalars() throws {
        #expect(String(decoding: try StreamingJSONEncoder.encode([1, 2, 3]), as: UTF8.self) == "[1,2,3]")
        #expect(String(decoding: try StreamingJSONEncoder.encode("a\"b"), as: UTF8.self) == #""a\"b""#)
        #expect(String(decoding: try StreamingJSONEncoder.encode(["k": ["x"]]), as: UTF8.self) == #"{"k":["x"]}"#)
    }

    @Test func nonFiniteNumbersAreRefused() {
        #expect(throws: EncodingError.self) { try StreamingJSONEncoder.encode([Double.nan]) }
    }

    @Test(arguments: [("departingAtLocal", "departing_at_local"), ("disruptionID", "disruption_id"), ("modelVersionID", "model_version_id"),
                      ("eu261CompensationEUR", "eu261_compensation_eur"), ("eu261CompensationPerPassengerEUR", "eu261_compensation_per_passenger_eur"),
                      ("URLPath", "url_path"), ("plain", "plain"), ("a", "a")])
    func propertyNamesBecomeSnakeCaseWithRunsOfCapitalsAsOneWord(name: String, wire: String) {
        #expect(JSONSink.snakeCase(name) == wire)
    }
}
