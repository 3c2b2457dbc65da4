import CZlib

/// A greyscale PNG (8 bits per pixel), written by hand: the signature, IHDR, one zlib-compressed IDAT of unfiltered
/// scanlines, IEND, each chunk with zlib's CRC-32.
public enum PNGImage {
    /// The PNG bytes of `pixels` (row by row, `width` × `height`, 0 black … 255 white).
    public static func grey(width: Int, height: Int, pixels: [UInt8]) -> [UInt8] {
        precondition(pixels.count == width * height, "pixels must be width × height")
        var scanlines = [UInt8]()
        scanlines.reserveCapacity((width + 1) * height)
        for row in 0..<height {
            scanlines.append(0)  // filter: none
            scanlines.append(contentsOf: pixels[(row * width)..<((row + 1) * width)])
        }
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        var header = bigEndian(UInt32(width)) + bigEndian(UInt32(height))
        header += [8, 0, 0, 0, 0]  // 8-bit depth, greyscale, deflate, adaptive filtering, no interlace
        chunk("IHDR", header, into: &png)
        chunk("IDAT", deflate(scanlines), into: &png)
        chunk("IEND", [], into: &png)
        return png
    }

    /// A barcode as a PNG, `moduleSize` pixels per module.
    public static func barcode(_ barcode: Barcode, moduleSize: Int = 4) -> [UInt8] {
        let image = barcode.raster(moduleSize: moduleSize)
        return grey(width: image.width, height: image.height, pixels: image.pixels)
    }

    static func deflate(_ bytes: [UInt8]) -> [UInt8] {
        var length = compressBound(uLong(bytes.count))
        var output = [UInt8](repeating: 0, count: Int(length))
        let status = output.withUnsafeMutableBufferPointer { out in
            bytes.withUnsafeBufferPointer { input in compress2(out.baseAddress, &length, input.baseAddress, uLong(bytes.count), Z_BEST_COMPRESSION) }
        }
        precondition(status == Z_OK, "compress2 cannot fail with a buffer of compressBound's size")
        return Array(output.prefix(Int(length)))
    }

    static func chunk(_ type: String, _ data: [UInt8], into png: inout [UInt8]) {
        let typed = Array(type.utf8) + data
        png += bigEndian(UInt32(data.count)) + typed
        let crc = typed.withUnsafeBufferPointer { crc32(0, $0.baseAddress, uInt($0.count)) }
        png += bigEndian(UInt32(crc))
    }

    static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }
}
