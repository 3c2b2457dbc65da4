import Foundation
import SkyportDomain

/// Reads settings from the environment with one error shape: a malformed value throws a `ConfigurationError` that
/// names the variable and what it accepts. `SkyportConfiguration` reads the settings every module shares through
/// it; a module reads its own in its folder, when it is built (`CustomerDataModule`, `OperationsModule`).
public struct ConfigurationScope: Sendable {
    public let environment: [String: String]

    public init(_ environment: [String: String]) {
        self.environment = environment
    }

    /// The same environment with `values` set over it.
    public func overriding(_ values: [String: String]) -> ConfigurationScope {
        ConfigurationScope(environment.merging(values) { $1 })
    }

    /// The value, or nil when unset.
    public func string(_ name: String) -> String? {
        environment[name]
    }

    /// An integer within `range`, `value` when unset.
    public func integer(_ name: String, default value: Int, range: ClosedRange<Int>) throws -> Int {
        guard let raw = environment[name] else { return value }
        guard let parsed = Int(raw), range.contains(parsed) else { throw ConfigurationError("\(name) must be an integer in \(range)") }
        return parsed
    }

    /// `on` or `off`, `value` when unset.
    public func isOn(_ name: String, default value: Bool) throws -> Bool {
        switch environment[name] {
        case nil: return value
        case "on": return true
        case "off": return false
        default: throw ConfigurationError("\(name) must be on or off")
        }
    }

    /// A file's path: the variable's, else `standard` when that file exists here, else nil.
    public func file(_ name: String, standard: String) -> String? {
        if let path = environment[name] { return path }
        return FileManager.default.fileExists(atPath: standard) ? standard : nil
    }

    /// IP addresses or CIDR blocks separated by commas; none when unset.
    public func addressRanges(_ name: String) throws -> [IPAddressRange] {
        try (environment[name] ?? "").split(separator: ",").map { entry in
            let text = entry.trimmingCharacters(in: .whitespaces)
            guard let range = IPAddressRange(text) else {
                throw ConfigurationError("\(name) lists IP addresses or CIDR blocks separated by commas, not \"\(text.prefix(60))\"")
            }
            return range
        }
    }
}
