import Accounting
import Accounts
import Hummingbird
import SkyportDomain

/// Revenue accounting for finance (every route needs an operator token with the finance right). Amounts are integer
/// minor units of their currency.
///
/// - `GET /v1/accounting/trial-balance?period=YYYY-MM`: every account's debits, credits and balance (through the month).
/// - `GET /v1/accounting/air-traffic-liability`: the liability per currency beside the open coupons it must equal.
/// - `GET /v1/accounting/air-traffic-liability/coupons?after=&limit=`: the open coupons, by ticket.
/// - `GET /v1/accounting/revenue?from=YYYY-MM-DD&to=YYYY-MM-DD`: revenue earned by day, route, cabin and kind.
/// - `GET /v1/accounting/taxes`: taxes held and due per code.
/// - `GET /v1/accounting/periods`, `POST /v1/accounting/periods/{period}/close`: the months and their closes.
/// - `GET /v1/accounting/general-ledger?period=YYYY-MM&format=csv|erpnext`: the month's general ledger for the ERP.
/// - `GET /v1/accounting/reconciliation?processor=`: the ledger's captures and refunds against a payment processor's (the
///   card processor's by default; `miles` for the loyalty programme's).
public struct AccountingController: Sendable {
    let ledger: RevenueLedger
    let settlements: [any SettlementReport]
    let access: OperatorAccess

    /// `settlements`: the processors that give a settlement report, the default first.
    public init(ledger: RevenueLedger, settlements: [any SettlementReport], access: OperatorAccess) {
        self.ledger = ledger
        self.settlements = settlements
        self.access = access
    }

    struct Periods: Encodable, Sendable {
        let periods: [PeriodStatus]
    }

    struct Coupons: Encodable, Sendable {
        let coupons: [OpenCoupon]
    }

    public func register(on router: some RouterMethods<AppRequestContext>) {
        router.get("/v1/accounting/trial-balance") { request, _ in
            _ = try await access.require(request, right: .finance)
            return JSONResponse(try await ledger.trialBalance(through: request.uri.queryParameters["period"].map(String.init)))
        }
        router.get("/v1/accounting/air-traffic-liability") { request, _ in
            _ = try await access.require(request, right: .finance)
            return JSONResponse(try await ledger.airTrafficLiability())
        }
        router.get("/v1/accounting/air-traffic-liability/coupons") { request, _ in
            _ = try await access.require(request, right: .finance)
            let limitText = request.uri.queryParameters["limit"].map(String.init) ?? "100"
            guard let limit = Int(limitText) else {
                throw ValidationFailure([.init(code: .invalidLimit, field: "limit", message: "The limit is a whole number from 1 to 1,000.")])
            }
            return JSONResponse(Coupons(coupons: try await ledger.openCoupons(after: request.uri.queryParameters["after"].map(String.init), limit: limit)))
        }
        router.get("/v1/accounting/revenue") { request, _ in
            _ = try await access.require(request, right: .finance)
            return JSONResponse(try await ledger.revenue(from: request.uri.queryParameters["from"].map(String.init) ?? "",
                                                         to: request.uri.queryParameters["to"].map(String.init) ?? ""))
        }
        router.get("/v1/accounting/taxes") { request, _ in
            _ = try await access.require(request, right: .finance)
            return JSONResponse(try await ledger.taxes())
        }
        router.get("/v1/accounting/periods") { request, _ in
            _ = try await access.require(request, right: .finance)
            return JSONResponse(Periods(periods: try await ledger.periods()))
        }
        router.post("/v1/accounting/periods/:period/close") { request, context in
            let holder = try await access.require(request, right: .finance)
            return JSONResponse(try await ledger.close(try context.parameters.require("period"), by: holder.name))
        }
        router.get("/v1/accounting/general-ledger") { request, _ in
            _ = try await access.require(request, right: .finance)
            let export = try await ledger.export(period: request.uri.queryParameters["period"].map(String.init) ?? "",
                                                 format: request.uri.queryParameters["format"].map(String.init) ?? "csv")
            return Response(status: .ok, headers: [.contentType: export.contentType], body: .init(byteBuffer: ByteBuffer(string: export.body)))
        }
        router.get("/v1/accounting/reconciliation") { request, _ in
            _ = try await access.require(request, right: .finance)
            guard let first = settlements.first else {
                throw ServiceError(.unavailable, code: .settlementReportUnavailable, message: "The payment processor gives no settlement report to reconcile with.")
            }
            var report = first
            if let name = request.uri.queryParameters["processor"].map(String.init) {
                guard let named = settlements.first(where: { $0.processorName == name }) else {
                    throw ValidationFailure([.init(code: .unknownProcessor, field: "processor",
                                                   message: "Processors with a settlement report: \(settlements.map(\.processorName).joined(separator: ", ")).")])
                }
                report = named
            }
            return JSONResponse(try await ledger.reconcile(with: report))
        }
    }
}
