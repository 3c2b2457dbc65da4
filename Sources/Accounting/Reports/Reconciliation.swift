import SkyportDomain

/// A capture or refund as a payment processor's settlement report lists it.
public struct ProcessorTransaction: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable { case capture, refund }

    public let reference: String
    public let kind: Kind
    /// Minor units.
    public let amount: Int64
    public let currency: String
    /// Seconds since 1970, by the processor's clock.
    public let occurredAt: Int64

    public init(reference: String, kind: Kind, amount: Int64, currency: String, occurredAt: Int64) {
        self.reference = reference
        self.kind = kind
        self.amount = amount
        self.currency = currency
        self.occurredAt = occurredAt
    }
}

/// What revenue accounting needs from a payment processor: its own list of what it captured and refunded (a real
/// acquirer's settlement report, the test processor's memory).
public protocol SettlementReport: Sendable {
    /// The name the booking engine records with each payment (`test`).
    var processorName: String { get }
    /// Every capture and refund the processor made (voided captures are not listed).
    func transactions() async throws -> [ProcessorTransaction]
}

/// The ledger's cash against a processor's report: every capture and refund on one side and not the other, or of
/// another amount.
public struct ReconciliationReport: Codable, Sendable, Equatable {
    public struct Difference: Codable, Sendable, Equatable {
        public enum Problem: String, Codable, Sendable {
            /// The processor made it; the ledger has no entry.
            case missingInLedger = "missing_in_ledger"
            /// The ledger has an entry the processor does not know.
            case missingAtProcessor = "missing_at_processor"
            case amountMismatch = "amount_mismatch"
        }

        public let reference: String
        public let problem: Problem
        public let kind: String
        public let ledgerAmount: Int64?
        public let processorAmount: Int64?
        public let currency: String
    }

    public let processor: String
    public let ledgerCaptures: Int64
    public let ledgerRefunds: Int64
    public let processorCaptures: Int64
    public let processorRefunds: Int64
    /// The ledger's cash clearing balance for the processor (captures less refunds), per currency.
    public let cashClearing: [String: Int64]
    public let differences: [Difference]
    public var reconciled: Bool { differences.isEmpty }

    /// Matches the ledger's payment entries (reference, kind, amount, currency) with the processor's transactions.
    public static func compare(processor: String, ledger: [ProcessorTransaction], report: [ProcessorTransaction],
                               cashClearing: [String: Int64]) -> ReconciliationReport {
        var differences: [Difference] = []
        let atProcessor = Dictionary(report.map { ($0.reference, $0) }, uniquingKeysWith: { first, _ in first })
        let inLedger = Dictionary(ledger.map { ($0.reference, $0) }, uniquingKeysWith: { first, second in
            ProcessorTransaction(reference: first.reference, kind: first.kind, amount: first.amount + second.amount, currency: first.currency,
                                 occurredAt: first.occurredAt)
        })
        for (reference, entry) in inLedger.sorted(by: { $0.key < $1.key }) {
            if let match = atProcessor[reference] {
                if match.amount != entry.amount || match.currency != entry.currency || match.kind != entry.kind {
                    differences.append(.init(reference: reference, problem: .amountMismatch, kind: entry.kind.rawValue, ledgerAmount: entry.amount,
                                             processorAmount: match.amount, currency: entry.currency))
                }
            } else {
                differences.append(.init(reference: reference, problem: .missingAtProcessor, kind: entry.kind.rawValue, ledgerAmount: entry.amount,
                                         processorAmount: nil, currency: entry.currency))
            }
        }
        for transaction in report.sorted(by: { $0.reference < $1.reference }) where inLedger[transaction.reference] == nil {
            differences.append(.init(reference: transaction.reference, problem: .missingInLedger, kind: transaction.kind.rawValue, ledgerAmount: nil,
                                     processorAmount: transaction.amount, currency: transaction.currency))
        }
        func sum(_ list: [ProcessorTransaction], _ kind: ProcessorTransaction.Kind) -> Int64 {
            list.filter { $0.kind == kind }.reduce(0) { $0 + $1.amount }
        }
        return ReconciliationReport(processor: processor, ledgerCaptures: sum(ledger, .capture), ledgerRefunds: sum(ledger, .refund),
                                    processorCaptures: sum(report, .capture), processorRefunds: sum(report, .refund), cashClearing: cashClearing,
                                    differences: differences)
    }
}
