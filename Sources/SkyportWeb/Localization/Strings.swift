import Foundation

/// Every visible string of the site in one language, loaded from `Locales/<code>.json`.
public struct Strings: Sendable {
    public let language: Language
    public let table: [String: String]
    /// The same strings nested by the dots of their keys, so that templates write `{{t.nav.manage}}`.
    let tree: StringTree

    public init(language: Language, table: [String: String]) {
        self.language = language
        self.table = table
        tree = StringTree(table)
    }

    /// The string for `key`; a missing key shows itself so that it is noticed, and a test
    /// checks that both languages have every key.
    public subscript(_ key: String) -> String { table[key] ?? key }

    /// The string for `key` with each `{name}` replaced by its value.
    public func format(_ key: String, _ values: [String: String]) -> String {
        var text = self[key]
        for (name, value) in values { text = text.replacingOccurrences(of: "{\(name)}", with: value) }
        return text
    }

    /// Both languages, from the module's resources.
    public static func bundled() throws -> [Language: Strings] {
        var result: [Language: Strings] = [:]
        for language in Language.allCases {
            guard let url = Bundle.module.url(forResource: language.rawValue, withExtension: "json", subdirectory: "Locales") else {
                throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: "Locales/\(language.rawValue).json"])
            }
            let table = try JSONDecoder().decode([String: String].self, from: Data(contentsOf: url))
            result[language] = Strings(language: language, table: table)
        }
        return result
    }
}

/// Strings nested by key segments (`nav.manage` -> `["nav": ["manage": ...]]`). Immutable after init.
final class StringTree: @unchecked Sendable {
    let root: [String: Any]

    init(_ table: [String: String]) {
        var root: [String: Any] = [:]
        for (key, value) in table {
            Self.insert(value, at: key.split(separator: ".").map(String.init)[...], into: &root)
        }
        self.root = root
    }

    private static func insert(_ value: String, at path: ArraySlice<String>, into node: inout [String: Any]) {
        guard let head = path.first else { return }
        if path.count == 1 {
            node[head] = value
        } else {
            var child = node[head] as? [String: Any] ?? [:]
            insert(value, at: path.dropFirst(), into: &child)
            node[head] = child
        }
    }
}
