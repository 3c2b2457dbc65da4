import CZlib
import Foundation

/// Request bodies sent with `Content-Encoding: gzip` or `deflate` (analytics clients compress their
/// batches: RudderStack's Python SDK by default, Segment's on request), inflated by the system's zlib.
/// The size limit applies to what comes out, so a small compressed body that inflates to gigabytes is
/// stopped at the limit instead of exhausting memory.
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

    public enum Failure: Error, Equatable, Sendable {
        /// More than the limit came out.
        case tooLarge
        /// Not a complete stream of the encoding.
        case corrupt
    }

    /// `bytes` inflated, at most `limit` bytes of output. `deflate` is the zlib format (RFC 9110), and a raw
    /// deflate stream, which some clients send under that name, is accepted too.
    public static func decode(_ bytes: [UInt8], _ encoding: Encoding, limit: Int) throws(Failure) -> [UInt8] {
        switch encoding {
        case .identity:
            guard bytes.count <= limit else { throw .tooLarge }
            return bytes
        case .gzip:
            return try inflate(bytes, windowBits: 15 + 16, limit: limit)
        case .deflate:
            do {
                return try inflate(bytes, windowBits: 15, limit: limit)
            } catch .corrupt {
                return try inflate(bytes, windowBits: -15, limit: limit)
            }
        }
    }

    private static func inflate(_ bytes: [UInt8], windowBits: Int32, limit: Int) throws(Failure) -> [UInt8] {
        guard !bytes.isEmpty else { throw .corrupt }
        // zlib keeps the stream's address in its state: the stream must not move, so it lives on the heap.
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        defer {
            inflateEnd(stream)
            stream.deinitialize(count: 1)
            stream.deallocate()
        }
        guard inflateInit2_(stream, windowBits, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else { throw .corrupt }
        var output: [UInt8] = []
        output.reserveCapacity(min(limit, bytes.count * 4))
        let chunkSize = 64 * 1024
        let chunk = UnsafeMutablePointer<UInt8>.allocate(capacity: chunkSize)
        defer { chunk.deallocate() }
        var input = bytes
        return try input.withUnsafeMutableBufferPointer { (source) throws(Failure) -> [UInt8] in
            stream.pointee.next_in = source.baseAddress
            stream.pointee.avail_in = UInt32(source.count)
            while true {
                stream.pointee.next_out = chunk
                stream.pointee.avail_out = UInt32(chunkSize)
                let status = CZlib.inflate(stream, Z_NO_FLUSH)
                let produced = chunkSize - Int(stream.pointee.avail_out)
                guard output.count + produced <= limit else { throw .tooLarge }
                output.append(contentsOf: UnsafeBufferPointer(start: chunk, count: produced))
                switch status {
                case Z_STREAM_END:
                    if stream.pointee.avail_in == 0 { return output }
                    // gzip allows several members one after another (RFC 1952): read the next.
                    guard windowBits > 15, inflateReset(stream) == Z_OK else { throw .corrupt }
                case Z_OK:
                    // Input used up without the end of the stream: it was cut short.
                    if stream.pointee.avail_in == 0, produced < chunkSize { throw .corrupt }
                default:
                    throw .corrupt
                }
            }
        }
    }
}
