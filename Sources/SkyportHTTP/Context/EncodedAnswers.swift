import NIOCore
import Synchronization

/// Encoded bodies of answers that are served again unchanged (a cached search answer keeps its offer request id), so
/// that the same bytes are not encoded twice. Bounded by bytes: when full, it starts again empty.
final class EncodedAnswers: Sendable {
    let capacity: Int
    private let bodies = Mutex<(byID: [String: ByteBuffer], bytes: Int)>(([:], 0))

    /// `capacity` in bytes.
    init(capacity: Int = 8 << 20) {
        self.capacity = capacity
    }

    /// The body stored for `id`, or `encode()`'s (then stored).
    func body(for id: String, encode: () throws -> ByteBuffer) rethrows -> ByteBuffer {
        if let known = bodies.withLock({ $0.byID[id] }) { return known }
        let body = try encode()
        bodies.withLock { bodies in
            if bodies.bytes + body.readableBytes > capacity { bodies = ([:], 0) }
            if bodies.byID.updateValue(body, forKey: id) == nil { bodies.bytes += body.readableBytes }
        }
        return body
    }
}
