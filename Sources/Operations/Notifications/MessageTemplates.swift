import Foundation
import Mustache

/// The disruption message in English and Korean, from the Mustache templates in `Resources/Messages`
/// (`subject-<language>` and `body-<language>`).
public struct MessageTemplates: Sendable {
    let library: MustacheLibrary
    public static let languages = ["en", "ko"]

    public init(library: MustacheLibrary) {
        self.library = library
    }

    /// The templates shipped with Skyport.
    public static func bundled() throws -> MessageTemplates {
        guard let directory = Bundle.module.url(forResource: "Messages", withExtension: nil) else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "the message templates are missing from the bundle"])
        }
        var templates: [String: MustacheTemplate] = [:]
        for part in ["subject", "body"] {
            for language in languages {
                let name = "\(part)-\(language)"
                let text = try String(contentsOf: directory.appendingPathComponent("\(name).mustache"), encoding: .utf8)
                templates[name] = try MustacheTemplate(string: text)
            }
        }
        return MessageTemplates(library: MustacheLibrary(templates: templates))
    }

    /// The subject and body in `language` (English when there is no template for it).
    public func render(_ content: NotificationContent, language: String) -> (subject: String, body: String) {
        let language = Self.languages.contains(language) ? language : "en"
        let subject = library.render(content, withTemplate: "subject-\(language)") ?? ""
        let body = library.render(content, withTemplate: "body-\(language)") ?? ""
        return (subject.trimmingCharacters(in: .whitespacesAndNewlines), Self.tidy(body))
    }

    /// Sections leave blank lines behind: at most one blank line in a row, none at the ends.
    static func tidy(_ text: String) -> String {
        var lines: [Substring] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let blank = line.allSatisfy(\.isWhitespace)
            if blank, lines.last.map({ $0.allSatisfy(\.isWhitespace) }) ?? true { continue }
            lines.append(blank ? "" : line)
        }
        return lines.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines) + "\n"
    }
}
