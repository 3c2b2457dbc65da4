import NIOCore
import Synchronization

/// Encoded bodies of answers that are served again unchanged (a cached search answer keeps its offer request id), so
/// that the same bytes are not encoded twice. Bounded: when full, it starts again empty.
final class EncodedAnswers: Sendable {
    let capacity: Int
    private let bodies = Mutex<[String: ByteBuffer]>([:])

    init(capacity: Int = 256) {
        self.capacity = capacity
    }

    /// The body stored for `id`, or `encode()`'s (then stored).
    func body(for id: String, encode: () throws -> ByteBuffer) rethrows -> ByteBuffer {
        if let known = bodies.withLock({ $0[id] }) { return known }
        let body = try encode()
        bodies.withLock { bodies in
            if bodies.count >= capacity { bodies.removeAll(keepingCapacity: true) }
            bodies[id] = body
        }
        return body
    }
}
