import CZint

/// The two symbologies a boarding pass is printed in (Resolution 792 allows PDF417, Aztec, Data Matrix and QR).
public enum Symbology: String, Sendable, CaseIterable {
    case pdf417
    case qrCode = "qr"

    var zintCode: Int32 {
        switch self {
        case .pdf417: BARCODE_PDF417
        case .qrCode: BARCODE_QRCODE
        }
    }

    /// Light modules kept around the symbol so that a scanner finds its edges: 2 for PDF417, 4 for QR.
    public var quietZone: Int { self == .pdf417 ? 2 : 4 }

    /// How many modules tall one row is drawn: PDF417 rows are three times their modules' width, QR modules square.
    public var rowHeight: Int { self == .pdf417 ? 3 : 1 }
}

/// A barcode as libzint encoded it: its rows of dark and light modules.
public struct Barcode: Sendable, Equatable {
    public let symbology: Symbology
    public let text: String
    public let rows: Int
    public let columns: Int
    /// Row by row, `true` for a dark module.
    public let modules: [Bool]

    public func isDark(row: Int, column: Int) -> Bool { modules[row * columns + column] }

    /// Encodes `text` (ASCII, as a boarding pass is) with libzint.
    public init(_ text: String, as symbology: Symbology) throws(BarcodeError) {
        guard let symbol = ZBarcode_Create() else { throw BarcodeError(code: ZINT_ERROR_MEMORY, message: "libzint could not allocate a symbol") }
        defer { ZBarcode_Delete(symbol) }
        symbol.pointee.symbology = symbology.zintCode
        if symbology == .qrCode { symbol.pointee.option_1 = 2 }  // error correction M: 15 % of the symbol may be lost
        let bytes = Array(text.utf8)
        let status = bytes.withUnsafeBufferPointer { ZBarcode_Encode(symbol, $0.baseAddress, Int32($0.count)) }
        guard status < ZINT_ERROR else {
            let message = withUnsafeBytes(of: symbol.pointee.errtxt) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            throw BarcodeError(code: status, message: message)
        }
        let rows = Int(symbol.pointee.rows), columns = Int(symbol.pointee.width)
        var modules = [Bool](repeating: false, count: rows * columns)
        for row in 0..<rows {
            for column in 0..<columns where skyport_zint_module_is_set(symbol, Int32(row), Int32(column)) != 0 {
                modules[row * columns + column] = true
            }
        }
        self.symbology = symbology
        self.text = text
        self.rows = rows
        self.columns = columns
        self.modules = modules
    }

    /// The version of libzint in use (`21110` for 2.11.1).
    public static var libraryVersion: Int { Int(ZBarcode_Version()) }
}

/// libzint's refusal, with its own message.
public struct BarcodeError: Error, Equatable, Sendable, CustomStringConvertible {
    public let code: Int32
    public let message: String
    public var description: String { "libzint error \(code): \(message)" }
}
