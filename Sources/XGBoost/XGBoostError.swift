import CXGBoost
import Foundation

/// A failed call into libxgboost, with the message XGBoost gave for it.
public struct XGBoostError: Error, CustomStringConvertible, Sendable {
    /// The C function that failed, e.g. `XGBoosterUpdateOneIter`.
    public let function: String
    /// XGBoost's own explanation (`XGBGetLastError`), or ours when the failure was caught before the call.
    public let message: String

    public init(function: String, message: String) {
        self.function = function
        self.message = message
    }

    public var description: String { "\(function): \(message)" }

    /// Turns a C return code into a Swift error. XGBoost keeps the last error per thread, so this must be
    /// called right after the failing call, on the same thread (no `await` in between).
    @inline(__always)
    static func check(_ code: Int32, _ function: String) throws {
        guard code != 0 else { return }
        let message = XGBGetLastError().map { String(cString: $0) } ?? "unknown error"
        throw XGBoostError(function: function, message: message.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
