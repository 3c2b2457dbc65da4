import Foundation
import SkyportDomain

/// Reading the programme's rules from a JSON file (`config/loyalty.json`, the shape of `LoyaltyProgramme`'s coding keys).
public enum LoyaltyConfiguration {
    /// Why a programme file is refused.
    public struct Invalid: Error, CustomStringConvertible {
        public let path: String
        public let problems: [String]
        public var description: String { "\(path): \(problems.joined(separator: "; "))" }
    }

    public static func load(path: String) throws -> LoyaltyProgramme {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch { throw Invalid(path: path, problems: ["cannot be read: \(error.localizedDescription)"]) }
        return try parse(data, path: path)
    }

    public static func parse(_ data: Data, path: String = "loyalty.json") throws -> LoyaltyProgramme {
        let programme: LoyaltyProgramme
        do { programme = try JSONDecoder().decode(LoyaltyProgramme.self, from: data) } catch {
            throw Invalid(path: path, problems: ["is not a loyalty programme: \(error)"])
        }
        guard programme.problems.isEmpty else { throw Invalid(path: path, problems: programme.problems) }
        return programme
    }
}
