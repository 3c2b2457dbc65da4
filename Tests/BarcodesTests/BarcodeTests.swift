import Barcodes
import Foundation
import Testing

@Suite struct BarcodeTests {
    static let pass = "M1LOVELACE/ADA        EABC123 JFKLAXUA 0100 342Y005A0001 100"

    @Test(arguments: Symbology.allCases)
    func libzintEncodesABoardingPass(symbology: Symbology) throws {
        let barcode = try Barcode(Self.pass, as: symbology)
        #expect(barcode.rows > 0 && barcode.columns > 0)
        #expect(barcode.modules.contains(true) && barcode.modules.contains(false))
        if symbology == .qrCode {
            #expect(barcode.rows == barcode.columns)
            // QR's three finder patterns: 7 dark modules along the top-left, top-right and bottom-left edges.
            #expect((0..<7).allSatisfy { barcode.isDark(row: 0, column: $0) && barcode.isDark(row: 0, column: barcode.columns - 1 - $0) })
            #expect((0..<7).allSatisfy { barcode.isDark(row: barcode.rows - 1, column: $0) })
        } else {
            // Every PDF417 row opens with the start pattern 11111111 0 1 0 1 000.
            let start = [true, true, true, true, true, true, true, true, false, true, false, true, false, true, false, false, false]
            #expect((0..<barcode.rows).allSatisfy { row in start.indices.allSatisfy { barcode.isDark(row: row, column: $0) == start[$0] } })
        }
        #expect(Barcode.libraryVersion >= 21_100)
    }

    @Test func drawingsCoverExactlyTheDarkModules() throws {
        let barcode = try Barcode(Self.pass, as: .qrCode)
        let dark = barcode.modules.filter { $0 }.count
        #expect(barcode.runs.reduce(0) { $0 + $1.length } == dark)
        let image = barcode.raster(moduleSize: 2)
        #expect(image.width == (barcode.columns + 8) * 2 && image.pixels.filter { $0 == 0 }.count == dark * 4)
        let svg = barcode.svg(label: "Boarding pass <Ada & Co>")
        #expect(svg.hasPrefix("<svg") && svg.contains("aria-label=\"Boarding pass &lt;Ada &amp; Co>\""))
    }

    @Test func aPNGHasItsChunksAndChecksums() throws {
        let png = PNGImage.grey(width: 2, height: 1, pixels: [0, 255])
        #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        #expect(String(decoding: png[12..<16], as: UTF8.self) == "IHDR")
        // IHDR of a 2 × 1 greyscale image and its CRC.
        #expect(Array(png[16..<29]) == [0, 0, 0, 2, 0, 0, 0, 1, 8, 0, 0, 0, 0])
        #expect(Array(png[29..<33]) == [0xD1, 0x49, 0x20, 0x56])  // Python: zlib.crc32(b"IHDR" + header)
        #expect(Array(png.suffix(12)) == [0, 0, 0, 0, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82])
    }

    @Test func aPDFPageHasACorrectCrossReferenceTable() throws {
        var page = PDFPage()
        page.text("BOARDING PASS (LOVELACE/ADA)", x: 20, y: 40, size: 14, bold: true)
        page.barcode(try Barcode(Self.pass, as: .pdf417), x: 20, y: 60, module: 1)
        let pdf = page.document(title: "Boarding pass")
        let text = String(decoding: pdf, as: UTF8.self)
        #expect(text.hasPrefix("%PDF-1.4") && text.hasSuffix("%%EOF\n"))
        #expect(text.contains("(BOARDING PASS \\(LOVELACE/ADA\\)) Tj"))
        // Every offset in the xref table points at its object.
        let xref = try #require(text.range(of: "xref\n"))
        let entries = text[xref.upperBound...].split(separator: "\n").dropFirst(2).prefix(7)
        for (index, entry) in entries.enumerated() {
            let offset = try #require(Int(entry.prefix(10)))
            #expect(String(decoding: pdf[offset..<(offset + 8)], as: UTF8.self).hasPrefix("\(index + 1) 0 obj"))
        }
    }
}
