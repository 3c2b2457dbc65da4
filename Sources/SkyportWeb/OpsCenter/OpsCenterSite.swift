import Accounting
import Accounts
import Booking
import CommandCenter
import Foundation
import HTTPTypes
import Hummingbird
import Maintenance
import Prediction
import NIOCore
import SkyportDomain
import SkyportHTTP

/// The command center's pages under `/ops`, for operators: the board, a page per module, the business,
/// the alerts, the objectives and the ML platform's models, each with a time range (`?range=15m|1h|6h|24h|7d`) and kept live by
/// server-sent events (`/ops/stream`). Signing in takes an operator token (`skyport operators create`).
public struct OpsCenterSite: Sendable {
    let center: CommandCenter
    let session: OperatorSession
    let visits: VisitResolver
    let layout: OpsLayout
    let assets: Assets
    let limiter: AttemptLimiter
    let now: @Sendable () -> Int64
    /// Seconds between two updates of a live page.
    let refreshSeconds: Double
    /// The engines the maintenance page lists (nil: the page says there is no fleet here).
    let fleet: EngineFleet?
    /// The route-demand product the planning page reads (nil: the page says there is none here).
    let demand: RouteDemandModel?
    /// Revenue accounting for the finance page (nil: the page says there is no ledger here), and the processor's report
    /// it reconciles with.
    let ledger: RevenueLedger?
    let settlements: [any SettlementReport]

    /// Failed sign-ins allowed per client address within the limiter's window.
    static let signInFailuresPerClient = 10

    public init(center: CommandCenter, operators: OperatorTokens, visits: VisitResolver, signer: Signer, limiter: AttemptLimiter,
                secureCookies: Bool, refreshSeconds: Double = 5, fleet: EngineFleet? = nil, demand: RouteDemandModel? = nil,
                ledger: RevenueLedger? = nil, settlements: [any SettlementReport] = [], now: @escaping @Sendable () -> Int64) throws {
        self.center = center
        self.ledger = ledger
        self.settlements = settlements
        self.fleet = fleet
        self.demand = demand
        self.limiter = limiter
        session = OperatorSession(signer: signer, operators: operators, sessions: operators.sessions,
                                  secureCookies: secureCookies)
        self.visits = visits
        assets = try Assets.bundled(["ops.css", "ops.js", "icon.svg"], under: "/ops/assets/")
        layout = OpsLayout(assets: assets)
        self.refreshSeconds = refreshSeconds
        self.now = now
    }

    /// A view of the command center: which sections it shows for a snapshot.
    enum View: Sendable {
        case board, service(ServiceModule), business, alerts, objectives, models

        init?(path: String, catalogue: ServiceCatalogue) {
            switch path {
            case "/ops", "/ops/": self = .board
            case "/ops/business": self = .business
            case "/ops/alerts": self = .alerts
            case "/ops/slos": self = .objectives
            case "/ops/models": self = .models
            default:
                let module = ServiceModule(String(path.dropFirst("/ops/services/".count)))
                guard path.hasPrefix("/ops/services/"), catalogue.contains(module) else { return nil }
                self = .service(module)
            }
        }

        func title(in catalogue: ServiceCatalogue) -> String {
            switch self {
            case .board: "Board"
            case .service(let module): catalogue.title(of: module)
            case .business: "Business"
            case .alerts: "Alerts"
            case .objectives: "Service level objectives"
            case .models: "Models"
            }
        }
    }

    func sections(_ view: View, _ snapshot: BoardSnapshot) -> [(id: String, html: String)] {
        let board = BoardView(snapshot: snapshot)
        switch view {
        case .board: return board.sections
        case .service(let module): return board.serviceSections(module)
        case .business: return board.businessSections
        case .alerts: return board.alertSections(rules: center.configuration.allRules)
        case .objectives: return board.objectiveSections
        case .models: return board.modelSections
        }
    }

    public func register(on router: some RouterMethods<AppRequestContext>) {
        let group = router.group("/ops").add(middleware: SecurityHeadersMiddleware())
        AssetRoutes(assets: assets).register(on: group)
        group.get("/sign-in") { request, context in
            let visit = try await visits.resolve(request, context: context, withSession: false)
            return signInPage(visit: visit, next: request.uri.queryParameters["next"].map(String.init))
        }
        group.post("/sign-in") { request, context in
            let visit = try await visits.resolve(request, context: context, withSession: false)
            let form = try await FormData.read(request)
            guard (try? visits.checkForgery(form, visit: visit)) != nil else {
                return signInPage(visit: visit, next: form["next"], failure: "The form expired. Sign in again.", status: .forbidden)
            }
            // Counted in the database, so the limit holds across every instance.
            let subject = "ops-sign-in:client:\(visit.clientAddress)"
            do {
                try await limiter.ensureAllowed([.init(subject: subject, limit: Self.signInFailuresPerClient)])
            } catch let error as ServiceError {
                return signInPage(visit: visit, next: form["next"], failure: error.message, status: .tooManyRequests)
            }
            let token = form.trimmed("token") ?? ""
            guard let found = try await session.operators.authenticate(token) else {
                try await limiter.recordFailure([subject])
                return signInPage(visit: visit, next: form["next"], failure: "That token is unknown or revoked.", status: .unauthorized)
            }
            return HTMLResponse.redirect(to: Self.safeNext(form["next"]), cookies: visit.cookies + [try await session.open(for: found.id, now: now())])
        }
        group.post("/sign-out") { request, context in
            let visit = try await visits.resolve(request, context: context, withSession: false)
            // A forged sign-out changes nothing.
            guard (try? visits.checkForgery(try await FormData.read(request), visit: visit)) != nil else {
                return HTMLResponse.redirect(to: "/ops", cookies: visit.cookies)
            }
            try await session.close(request)
            return HTMLResponse.redirect(to: "/ops/sign-in", cookies: visit.cookies + [session.signedOutCookie])
        }
        group.get("/stream") { request, _ -> Response in
            guard try await session.signedIn(request, now: now()) != nil else {
                return Response(status: .unauthorized, headers: [.contentType: "text/plain; charset=utf-8"],
                                body: .init(byteBuffer: ByteBuffer(string: "Sign in at /ops/sign-in.")))
            }
            let range = try Self.range(request)
            guard let view = View(path: request.uri.queryParameters["view"].map(String.init) ?? "/ops", catalogue: center.board.catalogue) else {
                throw ServiceError(.invalid, code: .unknownView, message: "view is the path of a command center page, such as /ops/services/booking.", field: "view")
            }
            return stream(view, range: range)
        }
        for path in ["", "/business", "/alerts", "/slos", "/models", "/services/{module}"] {
            group.get(RouterPath(path)) { request, context in try await page(request, context: context) }
        }
        group.get("/maintenance") { request, context in try await maintenancePage(request, context: context) }
        group.get("/planning") { request, context in try await planningPage(request, context: context) }
        group.get("/finance") { request, context in try await financePage(request, context: context) }
        group.post("/finance/close") { request, context in try await closePeriod(request, context: context) }
        group.get("/finance/general-ledger") { request, context -> Response in try await generalLedger(request, context: context) }
    }

    func page(_ request: Request, context: AppRequestContext) async throws -> HTMLResponse {
        let visit = try await visits.resolve(request, context: context, withSession: false)
        guard let signedIn = try await session.signedIn(request, now: now()) else { return signInRedirect(request, visit: visit) }
        guard let view = View(path: request.uri.path, catalogue: center.board.catalogue) else {
            return HTMLResponse(status: .notFound, body: layout.page(title: "Not found", path: "/ops", range: nil, operatorName: signedIn.name, csrf: visit.csrfToken,
                                                                   stream: nil, sections: [("missing", #"<p>No such page. <a href="/ops">Back to the board</a></p>"#)], now: now()),
                                cookies: visit.cookies)
        }
        let range = try Self.range(request)
        let snapshot = try await center.board.snapshot(range)
        let html = layout.page(title: view.title(in: center.board.catalogue), path: request.uri.path, range: range, operatorName: signedIn.name, csrf: visit.csrfToken,
                               stream: "/ops/stream?range=\(range.rawValue)&view=\(URLQuery.escape(request.uri.path))",
                               sections: sections(view, snapshot), now: snapshot.now)
        return HTMLResponse(body: html, cookies: visit.cookies)
    }

    /// `/ops/maintenance?within=N` (default 30 cycles): read when asked, not streamed (it predicts every engine).
    func maintenancePage(_ request: Request, context: AppRequestContext) async throws -> HTMLResponse {
        let visit = try await visits.resolve(request, context: context, withSession: false)
        guard let signedIn = try await session.signedIn(request, now: now()) else { return signInRedirect(request, visit: visit) }
        let within = try request.uri.queryParameters["within"].map { try EngineFleet.dueWithin(String($0), field: "within") } ?? 30
        let sections: [(id: String, html: String)]
        if let fleet {
            let all = try await fleet.engines()
            let due = all.filter { $0.isDue(within: within) }
            sections = MaintenanceView(engines: due, fleetSize: all.count, within: within, now: now()).sections
        } else {
            sections = [("engines", #"<p class="muted">This instance has no engine fleet.</p>"#)]
        }
        return HTMLResponse(body: layout.page(title: "Maintenance", path: request.uri.path, range: nil, operatorName: signedIn.name, csrf: visit.csrfToken,
                                              stream: nil, sections: sections, now: now()),
                            cookies: visit.cookies)
    }

    /// `/ops/planning?days=N&origin=JFK` (default 28 days, every route): read when asked, not streamed.
    func planningPage(_ request: Request, context: AppRequestContext) async throws -> HTMLResponse {
        let visit = try await visits.resolve(request, context: context, withSession: false)
        guard let signedIn = try await session.signedIn(request, now: now()) else { return signInRedirect(request, visit: visit) }
        let query = request.uri.queryParameters
        let (days, origin) = try RouteDemandModel.planningQuery(days: query["days"].map(String.init), origin: query["origin"].map(String.init))
        var view = DemandPlanningView(planning: nil, days: days, origin: origin, unavailable: "This instance has no demand model.")
        if let demand {
            do {
                view = DemandPlanningView(planning: try await demand.planning(days: days, origin: origin), days: days, origin: origin, unavailable: nil)
            } catch let error as ServiceError where error.code == .modelNotFound {
                view = DemandPlanningView(planning: nil, days: days, origin: origin,
                                          unavailable: "No demand model is champion yet: train one with skyport train demand --promote champion.")
            }
        }
        return HTMLResponse(body: layout.page(title: "Demand planning", path: request.uri.path, range: nil, operatorName: signedIn.name, csrf: visit.csrfToken,
                                              stream: nil, sections: view.sections, now: now()),
                            cookies: visit.cookies)
    }

    /// `/ops/finance`: the ledger's reports for operators with the finance right; read when asked, not streamed.
    func financePage(_ request: Request, context: AppRequestContext, notice: String? = nil, status: HTTPResponse.Status = .ok) async throws -> HTMLResponse {
        let visit = try await visits.resolve(request, context: context, withSession: false)
        guard let signedIn = try await session.signedIn(request, now: now()) else { return signInRedirect(request, visit: visit) }
        func page(_ sections: [(id: String, html: String)], status: HTTPResponse.Status) -> HTMLResponse {
            HTMLResponse(status: status, body: layout.page(title: "Finance", path: "/ops/finance", range: nil, operatorName: signedIn.name, csrf: visit.csrfToken,
                                                           stream: nil, sections: sections, now: now()),
                         cookies: visit.cookies)
        }
        guard signedIn.has(.finance) else {
            return page([("forbidden", #"<p>The finance page is for operators with the finance right (<code>skyport operators create NAME --right finance</code>).</p>"#)],
                        status: .forbidden)
        }
        guard let ledger else { return page([("books", #"<p class="muted">This instance keeps no ledger.</p>"#)], status: .ok) }
        let today = AccountingPeriod.day(of: now())
        var reconciliations: [ReconciliationReport] = []
        for report in settlements { reconciliations.append(try await ledger.reconcile(with: report)) }
        let view = FinanceView(
            trial: try await ledger.trialBalance(), liability: try await ledger.airTrafficLiability(),
            revenue: try await ledger.revenue(from: today.adding(days: -29).iso, to: today.iso), taxes: try await ledger.taxes(),
            periods: try await ledger.periods(), reconciliations: reconciliations,
            notice: notice, csrf: visit.csrfToken)
        return page(view.sections, status: status)
    }

    /// The close form: closes the month and shows the page again with what happened.
    func closePeriod(_ request: Request, context: AppRequestContext) async throws -> HTMLResponse {
        let visit = try await visits.resolve(request, context: context, withSession: false)
        guard let signedIn = try await session.signedIn(request, now: now()) else { return signInRedirect(request, visit: visit) }
        let form = try await FormData.read(request)
        guard (try? visits.checkForgery(form, visit: visit)) != nil, signedIn.has(.finance), let ledger else {
            return try await financePage(request, context: context, notice: "The month was not closed: the form expired or you lack the finance right.",
                                         status: .forbidden)
        }
        do {
            let closed = try await ledger.close(form.trimmed("period") ?? "", by: signedIn.name)
            return try await financePage(request, context: context, notice: "\(closed.period) is closed.")
        } catch let error as ServiceError {
            return try await financePage(request, context: context, notice: error.message, status: APIError.status(for: error.kind))
        } catch let failure as ValidationFailure {
            return try await financePage(request, context: context, notice: failure.issues.map(\.message).joined(separator: " "), status: .unprocessableContent)
        }
    }

    /// A month's general ledger as a download.
    func generalLedger(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let signedIn = try await session.signedIn(request, now: now()), signedIn.has(.finance), let ledger else {
            return Response(status: .forbidden, headers: [.contentType: "text/plain; charset=utf-8"],
                            body: .init(byteBuffer: ByteBuffer(string: "Sign in at /ops/sign-in with the finance right.")))
        }
        let period = request.uri.queryParameters["period"].map(String.init) ?? "", format = request.uri.queryParameters["format"].map(String.init) ?? "csv"
        let export = try await ledger.export(period: period, format: format)
        let name = "general-ledger-\(period).\(format == "csv" ? "csv" : "json")"
        return Response(status: .ok, headers: [.contentType: export.contentType, .contentDisposition: "attachment; filename=\"\(name)\""],
                        body: .init(byteBuffer: ByteBuffer(string: export.body)))
    }

    /// Back to this page once signed in.
    func signInRedirect(_ request: Request, visit: Visit) -> HTMLResponse {
        let next = request.uri.path + (request.uri.query.map { "?" + $0 } ?? "")
        return HTMLResponse.redirect(to: "/ops/sign-in?next=" + URLQuery.escape(next), cookies: visit.cookies)
    }

    func signInPage(visit: Visit, next: String?, failure: String? = nil, status: HTTPResponse.Status = .ok) -> HTMLResponse {
        let form = """
            <form method="post" action="/ops/sign-in" class="sign-in"><input type="hidden" name="_csrf" value="\(HTML.escape(visit.csrfToken))">\
            <input type="hidden" name="next" value="\(HTML.escape(Self.safeNext(next)))">\
            <label for="token">Operator token</label><input id="token" name="token" type="password" autocomplete="off" required \
            placeholder="sop_…" spellcheck="false"\(failure == nil ? "" : #" aria-invalid="true" aria-describedby="token-error""#)>\
            \(failure.map { #"<p id="token-error" class="error" role="alert">\#(HTML.escape($0))</p>"# } ?? "")\
            <button type="submit">Sign in</button><p class="muted">Tokens are made with <code>skyport operators create NAME</code>.</p></form>
            """
        return HTMLResponse(status: status,
                            body: layout.page(title: "Sign in", path: "/ops/sign-in", range: nil, operatorName: nil, csrf: visit.csrfToken, stream: nil,
                                              sections: [("sign-in", form)], now: now()),
                            cookies: visit.cookies)
    }

    /// Sections as server-sent events: an event `sections` with `{"id": html}` of the sections that changed
    /// (and the time of the snapshot) every few seconds.
    func stream(_ view: View, range: BoardRange) -> Response {
        EventStream.response(every: refreshSeconds, state: [String: String]()) { [center] sent in
            let snapshot = try await center.board.snapshot(range)
            var changed: [String: String] = [:]
            for (id, html) in sections(view, snapshot) where sent[id] != html {
                changed[id] = html
                sent[id] = html
            }
            changed["updated"] = "Updated " + OpsFormat.time(snapshot.now)
            let json = String(decoding: try JSONSerialization.data(withJSONObject: changed, options: [.sortedKeys]), as: UTF8.self)
            return [ServerSentEvent(id: nil, event: "sections", data: json)]
        }
    }

    static func range(_ request: Request) throws -> BoardRange {
        guard let text = request.uri.queryParameters["range"].map(String.init) else { return .hour }
        guard let range = BoardRange(rawValue: text) else {
            throw ServiceError(.invalid, code: .invalidRange, message: "range is one of \(BoardRange.allCases.map(\.rawValue).joined(separator: ", ")).", field: "range")
        }
        return range
    }

    static func safeNext(_ next: String?) -> String {
        let path = SafeRedirect.path(next)
        return path.hasPrefix("/ops") ? path : "/ops"
    }
}
