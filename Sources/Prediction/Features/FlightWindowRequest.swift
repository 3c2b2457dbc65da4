import SkyportDomain

/// `POST /v1/predictions/{model}/batch` of a flight product: `{"from": ISO 8601, "to": ISO 8601, "source": "history",
/// "model": "champion", "explain": false}`, every departure scheduled in the window.
struct FlightWindowRequest: Decodable {
    let from: String?
    let to: String?
    let source: String?
    let model: String?
    let explain: Bool?

    /// The window in seconds since 1970: both ends ISO 8601 times, the end after the start, at most 31 days long.
    func window() throws -> (start: Int64, end: Int64) {
        guard let start = from.flatMap(RequestJSON.instant) else {
            throw ServiceError(.invalid, code: .invalidTime, message: "from must be an ISO 8601 time such as 2013-02-08T00:00:00Z.", field: "from")
        }
        guard let end = to.flatMap(RequestJSON.instant) else {
            throw ServiceError(.invalid, code: .invalidTime, message: "to must be an ISO 8601 time such as 2013-02-09T00:00:00Z.", field: "to")
        }
        guard end > start, end - start <= 31 * 86_400 else {
            throw ServiceError(.invalid, code: .invalidWindow, message: "The window must end after it starts and span at most 31 days.", field: "to")
        }
        return (start, end)
    }
}
