import Foundation

/// The modules an application is made of, in the order people read them, each with the title the command center
/// shows. Built once from the application's list of modules; parses `--services` against it.
public struct ServiceCatalogue: Sendable {
    /// One module and its title.
    public struct Entry: Sendable, Equatable {
        public let module: ServiceModule
        public let title: String

        public init(_ module: ServiceModule, title: String) {
            self.module = module
            self.title = title
        }
    }

    public let entries: [Entry]

    /// Refuses an empty list or a name given twice: both are mistakes in the list of modules, not in input.
    public init(_ entries: [Entry]) {
        precondition(!entries.isEmpty && Set(entries.map(\.module)).count == entries.count, "a catalogue names each module once")
        self.entries = entries
    }

    /// Every module, in catalogue order.
    public var modules: [ServiceModule] { entries.map(\.module) }

    public func contains(_ module: ServiceModule) -> Bool {
        entries.contains { $0.module == module }
    }

    /// The title people read; the name itself for a module the catalogue does not know (an older instance's).
    public func title(of module: ServiceModule) -> String {
        entries.first { $0.module == module }?.title ?? module.rawValue
    }

    /// `modules` in catalogue order; names the catalogue does not know come last, by name.
    public func ordered(_ modules: some Sequence<ServiceModule>) -> [ServiceModule] {
        let position = Dictionary(uniqueKeysWithValues: entries.enumerated().map { ($1.module, $0) })
        return modules.sorted { lhs, rhs in
            switch (position[lhs], position[rhs]) {
            case let (l?, r?): l < r
            case (.some, nil): true
            case (nil, .some): false
            case (nil, nil): lhs.rawValue < rhs.rawValue
            }
        }
    }

    /// Parses a `--services` list such as `web,booking` (or `all`); throws with the unknown name.
    public func parseList(_ text: String) throws(ValidationFailure) -> Set<ServiceModule> {
        let names = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let known = modules.map(\.rawValue).joined(separator: ", ")
        if names == ["all"] { return Set(modules) }
        guard !names.isEmpty else {
            throw ValidationFailure([ValidationIssue(code: .invalidServices, field: "services", message: "Name at least one service: \(known) or all.")])
        }
        var chosen = Set<ServiceModule>()
        for name in names {
            let module = ServiceModule(name)
            guard contains(module) else {
                throw ValidationFailure([ValidationIssue(
                    code: .unknownService, field: "services", message: "'\(name)' is not a service; the services are \(known), or all.")])
            }
            chosen.insert(module)
        }
        return chosen
    }
}
