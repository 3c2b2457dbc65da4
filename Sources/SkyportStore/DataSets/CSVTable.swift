import Foundation

/// A CSV file (RFC 4180: commas, optional double quotes, CRLF or LF) read into memory with its header.
public struct CSVTable: Sendable {
    public let header: [String]
    public let rows: [[String]]

    public init(header: [String], rows: [[String]]) {
        self.header = header
        self.rows = rows
    }

    /// Reads and parses a whole file.
    public init(contentsOf url: URL) throws {
        self = try CSVTable(parsing: Data(contentsOf: url))
    }

    public init(parsing data: Data) throws {
        var records = CSVTable.records(in: data)
        guard !records.isEmpty else { throw NetworkDataError.malformed("empty CSV") }
        let header = records.removeFirst()
        for (index, record) in records.enumerated() where record.count != header.count {
            throw NetworkDataError.malformed("row \(index + 2) has \(record.count) fields, the header \(header.count)")
        }
        self.header = header
        self.rows = records
    }

    /// A field's value, or nil when it is empty or `NA` (how R writes a missing value).
    public static func optional(_ field: String) -> String? {
        field.isEmpty || field == "NA" ? nil : field
    }

    /// The position of `column` in the header.
    public func index(of column: String) throws -> Int {
        guard let index = header.firstIndex(of: column) else { throw NetworkDataError.malformed("missing column \(column)") }
        return index
    }

    private static func records(in data: Data) -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field: [UInt8] = []
        var inQuotes = false
        var previousWasQuote = false
        let comma = UInt8(ascii: ","), quote = UInt8(ascii: "\""), newline = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
        func endField() {
            record.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
        }
        data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            for byte in buffer {
                if inQuotes {
                    if byte == quote { inQuotes = false; previousWasQuote = true } else { field.append(byte) }
                    continue
                }
                switch byte {
                case quote:
                    if previousWasQuote { field.append(quote) }  // "" inside quotes
                    inQuotes = true
                case comma:
                    endField()
                case newline:
                    endField()
                    if !(record.count == 1 && record[0].isEmpty) { records.append(record) }
                    record.removeAll(keepingCapacity: true)
                case cr:
                    break
                default:
                    field.append(byte)
                }
                previousWasQuote = false
            }
        }
        if !field.isEmpty || !record.isEmpty {
            endField()
            records.append(record)
        }
        return records
    }
}

/// Problems with the data set's files.
public enum NetworkDataError: Error, CustomStringConvertible, Sendable {
    case malformed(String)
    case missingFile(String)
    case fetchFailed(String)
    case checksumMismatch(expected: String, actual: String)

    public var description: String {
        switch self {
        case .malformed(let reason): return "malformed data: \(reason)"
        case .missingFile(let path): return "missing data file \(path); run `skyport data fetch` first"
        case .fetchFailed(let reason): return "fetching the data set failed: \(reason)"
        case .checksumMismatch(let expected, let actual): return "checksum mismatch: expected sha256 \(expected), got \(actual)"
        }
    }
}
