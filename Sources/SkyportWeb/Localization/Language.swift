import Foundation

/// The languages the site is written in.
public enum Language: String, Sendable, CaseIterable {
    case english = "en"
    case korean = "ko"

    /// The best language for an `Accept-Language` header: the highest-weighted tag whose primary
    /// subtag the site speaks, else English.
    public static func negotiate(_ header: String?) -> Language {
        guard let header else { return .english }
        var best: (language: Language, weight: Double)?
        for (position, item) in header.split(separator: ",").enumerated() {
            let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = parts.first?.lowercased(), !tag.isEmpty else { continue }
            var weight = 1.0
            for parameter in parts.dropFirst() where parameter.hasPrefix("q=") {
                weight = Double(parameter.dropFirst(2)) ?? 0
            }
            let primary = tag.split(separator: "-").first.map(String.init) ?? tag
            guard weight > 0, let language = Language(rawValue: primary) else { continue }
            // Earlier tags win ties, as the header lists preferences in order.
            let adjusted = weight - Double(position) * 1e-6
            if best == nil || adjusted > best!.weight { best = (language, adjusted) }
        }
        return best?.language ?? .english
    }

    /// The language's own name, as a switcher shows it.
    public var nativeName: String {
        switch self {
        case .english: return "English"
        case .korean: return "한국어"
        }
    }
}
