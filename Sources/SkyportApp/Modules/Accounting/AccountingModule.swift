import Foundation
import Accounting
import Booking
import Hummingbird
import Loyalty
import ServiceLifecycle
import SkyportDomain
import SkyportHTTP
import SkyportStore

/// Revenue accounting, the ERP's ledger: posts the booking engine's sales documents as they arrive (and breakage as
/// tickets expire), and answers finance's reports, closes and exports (operator tokens with the finance right).
///
/// | variable | default | meaning |
/// |---|---|---|
/// | `SKYPORT_ACCOUNTING_TICKET_VALIDITY_DAYS` | `365` | how long a ticket stays valid after it was issued |
/// | `SKYPORT_ACCOUNTING_BREAKAGE` | `on` | `off`: unused coupons stay in the air traffic liability after their validity |
/// | `SKYPORT_ACCOUNTING_COMPANY` | `Skyport Airline` | the company the ERP export names |
/// | `SKYPORT_ACCOUNTING_COMPANY_ABBR` | `SKY` | its abbreviation, which ERPNext appends to account names |
struct AccountingModule: SkyportModule {
    static let entry = ServiceCatalogue.Entry(.accounting, title: "Revenue accounting")
    /// Its tables.
    static let migrations: [Migration] = AccountingSchema.migrations
    let runtime: SkyportRuntime
    let poster: LedgerPoster
    let ledger: RevenueLedger

    init(runtime: SkyportRuntime) throws {
        self.runtime = runtime
        let scope = runtime.configuration.scope
        let policy = AccountingPolicy(ticketValidityDays: try scope.integer("SKYPORT_ACCOUNTING_TICKET_VALIDITY_DAYS", default: 365, range: 1...3_650),
                                      recognizesBreakage: try scope.isOn("SKYPORT_ACCOUNTING_BREAKAGE", default: true))
        poster = LedgerPoster(database: runtime.database, rules: PostingRules(policy: policy), logger: runtime.logger, now: runtime.now)
        ledger = runtime.revenueLedger
    }

    func routes() -> RouteCollection<AppRequestContext> {
        let routes = RouteCollection(context: AppRequestContext.self)
        AccountingController(ledger: ledger, settlements: runtime.settlementReports, access: OperatorAccess(tokens: runtime.operatorTokens))
            .register(on: routes)
        return routes
    }

    var services: [any Service] {
        let poster = poster
        return [BackgroundService("revenue accounting") { await poster.run() }]
    }

    /// Degraded when the ledger's books do not balance or its liability differs from its open coupons.
    func health() async -> ModuleHealth {
        do {
            let balance = try await ledger.trialBalance()
            guard balance.balanced else { return ModuleHealth(.degraded, "the trial balance does not balance") }
            let liability = try await ledger.airTrafficLiability()
            if let off = liability.currencies.first(where: { $0.difference != 0 }) {
                return ModuleHealth(.degraded, "the air traffic liability differs from the open coupons by \(off.difference) \(off.currency) minor units")
            }
            return ModuleHealth(.ready)
        } catch {
            return ModuleHealth(.degraded, "the ledger cannot be read: \(error)")
        }
    }
}

/// The loyalty programme's payments with miles and their returns as a settlement report.
public struct MilesSettlements: SettlementReport {
    let processor: MilesPaymentProcessor

    public init(processor: MilesPaymentProcessor) {
        self.processor = processor
    }

    public var processorName: String { processor.name }

    public func transactions() async throws -> [ProcessorTransaction] {
        try await processor.settlements().map {
            ProcessorTransaction(reference: $0.reference, kind: $0.isReturn ? .refund : .capture, amount: $0.amount, currency: $0.currency, occurredAt: $0.at)
        }
    }
}

/// The test processor's memory as a settlement report.
public struct TestProcessorSettlements: SettlementReport {
    let processor: TestPaymentProcessor

    public init(processor: TestPaymentProcessor) {
        self.processor = processor
    }

    public var processorName: String { processor.name }

    public func transactions() async throws -> [ProcessorTransaction] {
        await processor.settlements.map {
            ProcessorTransaction(reference: $0.reference, kind: $0.isRefund ? .refund : .capture, amount: $0.amount.minorUnits,
                                 currency: $0.amount.currency.code, occurredAt: Int64($0.at.timeIntervalSince1970))
        }
    }
}

extension SkyportRuntime {
    /// Revenue accounting's reports, closes and exports over this runtime's database.
    public var revenueLedger: RevenueLedger {
        let scope = configuration.scope
        return RevenueLedger(database: database, company: scope.string("SKYPORT_ACCOUNTING_COMPANY") ?? "Skyport Airline",
                             companyAbbreviation: scope.string("SKYPORT_ACCOUNTING_COMPANY_ABBR") ?? "SKY", now: now)
    }

    /// The settlement reports the reconciliation reads: the card processor's (when it gives one), then the loyalty
    /// programme's miles.
    public var settlementReports: [any SettlementReport] {
        var reports: [any SettlementReport] = []
        if let test = payments as? TestPaymentProcessor { reports.append(TestProcessorSettlements(processor: test)) }
        reports.append(MilesSettlements(processor: milesPayments))
        return reports
    }
}
