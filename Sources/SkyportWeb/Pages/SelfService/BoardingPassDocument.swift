import Barcodes
import Booking

/// A boarding pass as a printable page: the flight, the passenger, seat, group and times in large type, and the pass's
/// string as a PDF417 code (what airport gates read) and a QR code (what phones show), on an A6 PDF.
enum BoardingPassDocument {
    static func pdf(_ pass: BoardingPassView, labels: Labels) throws -> [UInt8] {
        var page = PDFPage()
        page.rectangle(x: 0, y: 0, width: page.width, height: 44, grey: 0.2)
        page.text("SKYPORT", x: 16, y: 28, size: 16, bold: true)
        page.text(labels.title, x: 150, y: 28, size: 11)
        page.text("\(pass.origin)  >  \(pass.destination)", x: 16, y: 78, size: 24, bold: true)
        page.text(pass.passengerName.uppercased(), x: 16, y: 100, size: 12, bold: true)
        let items: [(String, String)] = [
            (labels.flight, pass.flightNumber), (labels.date, String(pass.departingAtLocal.prefix(10))),
            (labels.departs, String(pass.departingAtLocal.dropFirst(11).prefix(5))), (labels.boarding, String(pass.boardingAtLocal.dropFirst(11).prefix(5))),
            (labels.seat, pass.seat ?? "INF"), (labels.group, String(pass.boardingGroup)),
            (labels.reference, pass.bookingReference), (labels.ticket, pass.ticketNumber),
            (labels.sequence, pass.sequenceNumber.map(String.init) ?? "-"),
        ]
        for (index, item) in items.enumerated() {
            let x = 16 + Double(index % 3) * 92, y = 124 + Double(index / 3) * 30
            page.text(item.0, x: x, y: y, size: 7)
            page.text(item.1, x: x, y: y + 13, size: 11, bold: true)
        }
        let pdf417 = try Barcode(pass.barcode, as: .pdf417)
        let module = min(1.2, (page.width - 32) / Double(pdf417.drawnWidth))
        let height = page.barcode(pdf417, x: 16, y: 222, module: module)
        let qr = try Barcode(pass.barcode, as: .qrCode)
        page.barcode(qr, x: (page.width - Double(qr.drawnWidth) * 2) / 2, y: 230 + height, module: 2)
        return page.document(title: "\(labels.title) \(pass.flightNumber) \(pass.passengerName)")
    }

    /// The printed words, in the passenger's language (the PDF's fonts carry Latin text only; Korean labels fall back
    /// to English there).
    struct Labels {
        let title, flight, date, departs, boarding, seat, group, reference, ticket, sequence: String
    }
}
