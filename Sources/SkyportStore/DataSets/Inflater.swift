import CZlib

/// zlib's inflate for compressed bytes held in memory: request bodies (`Content-Encoding: gzip`, `deflate`) and the data
/// sets the project ships gzip-compressed. The limit applies to what comes out, so a small input that inflates to
/// gigabytes is stopped at the limit instead of exhausting memory.
public enum Inflater {
    public enum Failure: Error, Equatable, Sendable {
        /// More than the limit came out.
        case tooLarge
        /// Not a complete stream of the format.
        case corrupt
    }

    /// The format of the compressed bytes, as zlib's window bits name it.
    public enum Format: Sendable {
        /// RFC 1952, one member or several one after another.
        case gzip
        /// RFC 1950 (what HTTP calls `deflate`).
        case zlib
        /// A bare RFC 1951 stream.
        case rawDeflate

        var windowBits: Int32 {
            switch self {
            case .gzip: 15 + 16
            case .zlib: 15
            case .rawDeflate: -15
            }
        }
    }

    /// `bytes` inflated, at most `limit` bytes of output.
    public static func inflate(_ bytes: [UInt8], _ format: Format, limit: Int) throws(Failure) -> [UInt8] {
        let windowBits = format.windowBits

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
