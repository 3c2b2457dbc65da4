/// Where a barcode's dark modules fall once its quiet zone is added: runs of dark modules per row, in modules, which
/// every drawing (SVG, PNG, PDF) paints.
extension Barcode {
    /// One horizontal run of dark modules: its row (in drawn module units, quiet zone included), first column and length.
    public struct Run: Sendable, Equatable {
        public let y: Int
        public let x: Int
        public let length: Int
        public let height: Int
    }

    /// Width and height in modules, quiet zone included (PDF417 rows drawn `rowHeight` modules tall).
    public var drawnWidth: Int { columns + 2 * symbology.quietZone }
    public var drawnHeight: Int { rows * symbology.rowHeight + 2 * symbology.quietZone }

    /// The dark runs, row by row.
    public var runs: [Run] {
        var runs: [Run] = []
        let quiet = symbology.quietZone, height = symbology.rowHeight
        for row in 0..<rows {
            var column = 0
            while column < columns {
                guard isDark(row: row, column: column) else { column += 1; continue }
                let start = column
                while column < columns, isDark(row: row, column: column) { column += 1 }
                runs.append(Run(y: quiet + row * height, x: quiet + start, length: column - start, height: height))
            }
        }
        return runs
    }

    /// The barcode as an SVG image, `moduleSize` pixels per module, black on white, with `label` for screen readers.
    public func svg(moduleSize: Int = 3, label: String) -> String {
        let width = drawnWidth * moduleSize, height = drawnHeight * moduleSize
        var path = ""
        path.reserveCapacity(runs.count * 16)
        for run in runs { path += "M\(run.x) \(run.y)h\(run.length)v\(run.height)h-\(run.length)z" }
        let escaped = label.map { character -> String in
            switch character {
            case "&": "&amp;"
            case "<": "&lt;"
            case "\"": "&quot;"
            default: String(character)
            }
        }.joined()
        return """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(width)" height="\(height)" viewBox="0 0 \(drawnWidth) \(drawnHeight)" \
            shape-rendering="crispEdges" role="img" aria-label="\(escaped)"><rect width="\(drawnWidth)" height="\(drawnHeight)" fill="#fff"/>\
            <path fill="#000" d="\(path)"/></svg>
            """
    }

    /// The barcode as 8-bit grey pixels, `moduleSize` pixels per module: width, height and the rows of pixels.
    public func raster(moduleSize: Int) -> (width: Int, height: Int, pixels: [UInt8]) {
        let width = drawnWidth * moduleSize, height = drawnHeight * moduleSize
        var pixels = [UInt8](repeating: 255, count: width * height)
        for run in runs {
            for y in (run.y * moduleSize)..<((run.y + run.height) * moduleSize) {
                let start = y * width + run.x * moduleSize
                for index in start..<(start + run.length * moduleSize) { pixels[index] = 0 }
            }
        }
        return (width, height, pixels)
    }
}
