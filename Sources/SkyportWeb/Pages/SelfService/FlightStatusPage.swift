import Booking
import Foundation
import Hummingbird
import Operations
import SkyportDomain
import SkyportHTTP

/// `/flights/status?number=UA100&date=2026-12-08`: a flight's status for anyone, from the same service as the API:
/// scheduled, estimated and actual times, and the delay model's risk while the flight is still to leave.
struct FlightStatusPage: Sendable {
    let site: WebSite

    struct Model {
        let number: FormField
        let date: FormField
        let result: Result?
        let formError: String?
    }

    struct Result {
        let flight: String
        let route: String
        let status: String
        let statusClass: String
        let rows: [Row]
        let risk: String?
    }

    struct Row {
        let label: String
        let scheduled: String
        let current: String
    }

    func register(on router: some RouterMethods<AppRequestContext>) {
        router.get("/flights/status") { request, context -> HTMLResponse in
            let visit = try await site.visits.resolve(request, context: context)
            let query = FormData(query: request)
            let number = query.trimmed("number") ?? "", date = query.trimmed("date") ?? WallClock.utc.localDate(of: site.clock.now).iso
            var errors: [String: String] = [:], result: Result?, formError: String?, status = HTTPResponse.Status.ok
            if !number.isEmpty, let service = site.operations?.flightStatus {
                do {
                    result = Self.result(try await service.status(number: number, date: date), visit: visit)
                } catch let failure as ValidationFailure {
                    errors = visit.fieldErrors(failure.issues) { $0 ?? "_form" }
                    status = .unprocessableContent
                } catch let error as ServiceError where error.kind == .notFound {
                    formError = visit.message(for: error)
                    status = .notFound
                }
            }
            let model = Model(number: FormField("number", number, errors: errors), date: FormField("date", date, errors: errors), result: result,
                              formError: formError)
            return site.renderer.render("flight_status", title: visit.strings["status.title"], page: model, visit: visit, status: status)
        }
    }

    static func result(_ view: FlightStatusView, visit: Visit) -> Result {
        let t = visit.strings, format = visit.format
        func time(_ iso: String?) -> String { iso.flatMap { format.localDateTime($0) }.map { "\(format.shortDate($0.date)) \($0.time)" } ?? "–" }
        let departure = view.actualDepartureLocal ?? view.estimatedDepartureLocal
        let risk = view.delayRisk.map { risk in
            t.format("status.risk", ["percent": String(Int((risk.probabilityDelayed * 100).rounded())), "minutes": String(risk.delayThresholdMinutes)])
                + (risk.reasons.isEmpty ? "" : " " + t.format("status.reasons", ["reasons": risk.reasons.joined(separator: "; ")]))
        }
        return Result(
            flight: view.flightNumber, route: "\(view.origin) → \(view.destination)", status: t["status.phase." + view.status.rawValue],
            statusClass: view.status.rawValue,
            rows: [
                Row(label: t.format("status.departure", ["airport": view.origin]), scheduled: time(view.scheduledDepartureLocal), current: time(departure)),
                Row(label: t.format("status.arrival", ["airport": view.destination]), scheduled: time(view.scheduledArrivalLocal), current: time(view.estimatedArrivalLocal)),
            ],
            risk: risk)
    }
}
