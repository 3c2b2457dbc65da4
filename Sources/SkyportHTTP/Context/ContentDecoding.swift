import Foundation
import SkyportStore

/// Request bodies sent with `Content-Encoding: gzip` or `deflate` (analytics clients compress their
/// batches: RudderStack's Python SDK by default, Segment's on request), inflated by the system's zlib
/// (`Inflater`). The size limit applies to what comes out, so a small compressed body that inflates to
/// gigabytes is stopped at the limit instead of exhausting memory.
public enum ContentDecoding {
    /// The encodings a request body may have.
    public enum Encoding: String, Sendable {
        case identity, gzip, deflate

        /// The encoding `Content-Encoding` names (nil header: identity); nil when it is one Skyport does not read.
        public init?(header: String?) {
            guard let header else { self = .identity; return }
            let names = header.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty }
            switch names {
            case [], ["identity"]: self = .identity
            case ["gzip"], ["x-gzip"]: self = .gzip
            case ["deflate"]: self = .deflate
            default: return nil
            }
        }
    }

    /// More than the limit came out, or not a complete stream of the encoding.
    public typealias Failure = Inflater.Failure

    /// `bytes` inflated, at most `limit` bytes of output. `deflate` is the zlib format (RFC 9110), and a raw
    /// deflate stream, which some clients send under that name, is accepted too.
    public static func decode(_ bytes: [UInt8], _ encoding: Encoding, limit: Int) throws(Failure) -> [UInt8] {
        switch encoding {
        case .identity:
            guard bytes.count <= limit else { throw .tooLarge }
            return bytes
        case .gzip:
            return try Inflater.inflate(bytes, .gzip, limit: limit)
        case .deflate:
            do {
                return try Inflater.inflate(bytes, .zlib, limit: limit)
            } catch .corrupt {
                return try Inflater.inflate(bytes, .rawDeflate, limit: limit)
            }
        }
    }

}
