import Foundation
import SkyportDomain

/// `POST /v1/predictions/delay`: `{"flight_id": "...", "source": "schedule"|"history", "model": "champion",
/// "lead_time_minutes": 120}` or `{"features": {"hour_local": 17.5, "origin": "JFK", ...}, "model": "champion"}`.
struct DelayRequest: Decodable {
    /// A JSON value of the explicit features, as it came.
    enum Scalar: Decodable {
        case number(Double)
        case string(String)
        case null
        case other

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() { self = .null }
            else if let number = try? container.decode(Double.self) { self = .number(number) }
            else if let text = try? container.decode(String.self) { self = .string(text) }
            else { self = .other }
        }

        var input: FeatureInput {
            switch self {
            case .number(let value): .number(value)
            case .string(let code): .code(code)
            case .null: .missing
            case .other: .number(.nan)  // refused as a wrong type
            }
        }
    }

    let flight_id: String?
    let source: String?
    let model: String?
    let lead_time_minutes: Int?
    let features: [String: Scalar]?

    static func decode(_ body: Data) throws -> DelayRequest { try RequestJSON.decode(DelayRequest.self, from: body) }

    func predict(with predictor: DelayPredictor) async throws -> DelayPrediction {
        let model = model ?? "champion"
        if let features {
            guard flight_id == nil else {
                throw ServiceError(.invalid, code: .ambiguousRequest, message: "Send either flight_id or features, not both.", field: "features")
            }
            return try await predictor.predict(features: features.mapValues(\.input), model: model)
        }
        guard let flightID = flight_id, !flightID.isEmpty else {
            throw ServiceError(.invalid, code: .missingField, message: "Send flight_id (a flight on sale, or with source history a 2013 flight) or features.", field: "flight_id")
        }
        if let lead = lead_time_minutes, !(0...1440).contains(lead) {
            throw ServiceError(.invalid, code: .invalidLeadTime, message: "lead_time_minutes must be 0 to 1440.", field: "lead_time_minutes")
        }
        return try await predictor.predict(flightID: flightID, source: source ?? "schedule", model: model, leadTimeMinutes: lead_time_minutes)
    }
}
