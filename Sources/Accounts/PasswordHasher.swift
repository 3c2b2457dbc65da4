import Dispatch
import HummingbirdBcrypt

/// Hashes and checks passwords. Both calls are slow on purpose.
public protocol PasswordHasher: Sendable {
    func hash(_ password: String) async -> String
    func verify(_ password: String, against hash: String) async -> Bool
}

/// bcrypt, run on a global dispatch queue so that its deliberate slowness never blocks the
/// server's event loops or the cooperative thread pool.
public struct BcryptPasswordHasher: PasswordHasher {
    /// log2 of the work factor: 12 in production (about a quarter of a second), lower in tests.
    public let cost: UInt8

    public init(cost: UInt8 = 12) {
        self.cost = cost
    }

    public func hash(_ password: String) async -> String {
        await offload { [cost] in Bcrypt.hash(password, cost: cost) }
    }

    public func verify(_ password: String, against hash: String) async -> Bool {
        await offload { Bcrypt.verify(password, hash: hash) }
    }

    private func offload<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async { continuation.resume(returning: work()) }
        }
    }
}
