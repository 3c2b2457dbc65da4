/// An alert's labels written one way (`module=booking`, `slo=order-availability`; empty for none), the key of
/// its state and history.
public struct AlertLabels: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let pairs: [(String, String)]

    public init(_ pairs: [(String, String)] = []) {
        self.pairs = pairs.sorted { $0.0 < $1.0 }
    }

    public init(text: String) {
        self.init(text.split(separator: ",").compactMap { pair in
            let parts = pair.split(separator: "=", maxSplits: 1)
            return parts.count == 2 ? (String(parts[0]), String(parts[1])) : nil
        })
    }

    public var description: String { pairs.map { "\($0.0)=\($0.1)" }.joined(separator: ",") }
    public subscript(name: String) -> String? { pairs.first { $0.0 == name }?.1 }

    public static func == (lhs: AlertLabels, rhs: AlertLabels) -> Bool { lhs.description == rhs.description }
    public func hash(into hasher: inout Hasher) { hasher.combine(description) }
    public static func < (lhs: AlertLabels, rhs: AlertLabels) -> Bool { lhs.description < rhs.description }
}
