/// A one-page PDF written by hand (PDF 1.4): lines of text in Helvetica and Helvetica-Bold, filled rectangles, and
/// barcodes drawn as vectors, so that a printed pass stays sharp at any size. Coordinates are points from the page's
/// top-left corner.
public struct PDFPage: Sendable {
    public let width: Double
    public let height: Double
    private var content = ""

    /// A page of `width` × `height` points (A6 portrait, 298 × 420, by default: a boarding pass's size).
    public init(width: Double = 298, height: Double = 420) {
        self.width = width
        self.height = height
    }

    /// Writes `text` (Latin-1; other characters become `?`) with its baseline at `y`.
    public mutating func text(_ text: String, x: Double, y: Double, size: Double, bold: Bool = false) {
        let escaped = text.unicodeScalars.map { scalar -> String in
            switch scalar {
            case "(", ")", "\\": return "\\" + String(scalar)
            case _ where scalar.value < 32 || scalar.value > 255: return "?"
            case _ where scalar.value > 126: return "\\" + String(scalar.value, radix: 8)
            default: return String(scalar)
            }
        }.joined()
        content += "BT /\(bold ? "F2" : "F1") \(format(size)) Tf \(format(x)) \(format(height - y)) Td (\(escaped)) Tj ET\n"
    }

    /// Fills a rectangle whose top-left corner is (`x`, `y`), in grey `0` black … `1` white.
    public mutating func rectangle(x: Double, y: Double, width: Double, height rectangleHeight: Double, grey: Double = 0) {
        content += "\(format(grey)) g \(format(x)) \(format(height - y - rectangleHeight)) \(format(width)) \(format(rectangleHeight)) re f\n"
    }

    /// Draws a barcode with its top-left corner at (`x`, `y`), `module` points per module; returns its height.
    @discardableResult
    public mutating func barcode(_ barcode: Barcode, x: Double, y: Double, module: Double) -> Double {
        for run in barcode.runs {
            rectangle(x: x + Double(run.x) * module, y: y + Double(run.y) * module, width: Double(run.length) * module,
                      height: Double(run.height) * module)
        }
        return Double(barcode.drawnHeight) * module
    }

    /// The PDF file.
    public func document(title: String) -> [UInt8] {
        let stream = Array(content.utf8)
        let objects = [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 \(format(width)) \(format(height))] /Contents 4 0 R "
                + "/Resources << /Font << /F1 5 0 R /F2 6 0 R >> >> >>",
            "<< /Length \(stream.count) >>\nstream\n\(content)endstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
            "<< /Title (\(title.filter { $0.isASCII && $0 != "(" && $0 != ")" && $0 != "\\" })) /Producer (Skyport) >>",
        ]
        var output = Array("%PDF-1.4\n%\u{E2}\u{E3}\u{CF}\u{D3}\n".utf8)
        var offsets: [Int] = []
        for (index, object) in objects.enumerated() {
            offsets.append(output.count)
            output += Array("\(index + 1) 0 obj\n\(object)\nendobj\n".utf8)
        }
        let xref = output.count
        var table = "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for offset in offsets { table += String(repeating: "0", count: 10 - String(offset).count) + "\(offset) 00000 n \n" }
        table += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R /Info 7 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        return output + Array(table.utf8)
    }

    private func format(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}
