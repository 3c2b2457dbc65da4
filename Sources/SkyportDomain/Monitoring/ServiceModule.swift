import Foundation

/// A module's name: what `skyport serve --services` lists, what metrics and logs carry, what alert rules and the
/// command center name. The set is open: a module declares its own name beside its code
/// (`extension ServiceModule { static let loyalty = ServiceModule("loyalty") }`), and the application's
/// `ServiceCatalogue` says which modules exist, in which order and under which title.
public struct ServiceModule: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    public init(_ rawValue: String) {
        self.rawValue = rawValue
    }

    public var description: String { rawValue }

    public static let web = ServiceModule("web")
    public static let booking = ServiceModule("booking")
    public static let cdp = ServiceModule("cdp")
    public static let predictions = ServiceModule("predictions")
    public static let operations = ServiceModule("operations")
    public static let opsCenter = ServiceModule("ops-center")
}
