import Foundation
import Hummingbird

/// An `application/x-www-form-urlencoded` body (or query string) as name-value pairs.
public struct FormData: Sendable {
    public private(set) var values: [String: String] = [:]

    /// Forms here are small; anything larger is refused before it is parsed.
    public static let maximumBytes = 32 * 1024

    public init(values: [String: String] = [:]) {
        self.values = values
    }

    /// Parses `a=1&b=two+words`; a repeated name keeps its first value.
    public init(encoded text: Substring) {
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = Self.decode(parts[0]), !name.isEmpty else { continue }
            let value = parts.count > 1 ? Self.decode(parts[1]) ?? "" : ""
            if values[name] == nil { values[name] = value }
        }
    }

    /// The request's query string.
    public init(query request: Request) {
        self.init(encoded: Substring(request.uri.query ?? ""))
    }

    /// The request's form body.
    public static func read(_ request: Request) async throws -> FormData {
        var request = request
        let buffer = try await request.collectBody(upTo: maximumBytes)
        return FormData(encoded: Substring(String(buffer: buffer)))
    }

    public subscript(_ name: String) -> String? { values[name] }

    /// The trimmed value, or nil when absent or blank.
    public func trimmed(_ name: String) -> String? {
        guard let value = values[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
        return value
    }

    private static func decode(_ raw: Substring) -> String? {
        String(raw).replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}
