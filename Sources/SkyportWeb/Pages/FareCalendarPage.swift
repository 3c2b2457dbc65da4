import Booking
import Foundation
import Hummingbird
import SkyportDomain
import SkyportHTTP

/// `GET /flights/calendar`: the lowest fare of each of 30 days from the search's departure date, as airline sites show
/// a month of prices; each day opens step 1 on that date. Prices come from the same inventory and booking limits as the
/// results, so they move with demand.
struct FareCalendarPage: Sendable {
    let site: WebSite
    static let days = 30

    struct Model {
        let route: String
        let travellers: String
        let cabinName: String
        let backHref: String
        let lowestNote: String?
        let days: [Day]
    }

    struct Day {
        let label: String
        let price: String?
        let href: String
        let lowest: Bool
        let current: Bool
    }

    func register(on router: some RouterMethods<AppRequestContext>) {
        router.get("/flights/calendar") { request, context in try await calendar(request, context: context) }
    }

    func calendar(_ request: Request, context: AppRequestContext) async throws -> HTMLResponse {
        let visit = try await site.visits.resolve(request, context: context)
        let (fares, search, input): ([DayFare], SearchQuery, OfferRequestInput)
        switch try await SearchSubmission.submit(FormData(query: request).values, site: site, visit: visit,
                                                 ask: { try await site.booking.shopping.fareCalendar($0, days: Self.days) }) {
        case .refused(let home): return home
        case .answered(let answer, let query, let asked): (fares, search, input) = (answer, query, asked)
        }
        let slice = input.slices?.first
        let route = "\((slice?.origin ?? "").uppercased()) → \((slice?.destination ?? "").uppercased())"
        return site.renderer.render("fare_calendar", title: visit.strings["calendar.title"],
                                    page: model(search, fares: fares, route: route, visit: visit),
                                    visit: visit)
    }

    private func model(_ search: SearchQuery, fares: [DayFare], route: String, visit: Visit) -> Model {
        let t = visit.strings, format = visit.format
        let priced = fares.compactMap(\.lowest)
        // Every day at the same price has no lowest day worth pointing at.
        let cheapest = Set(priced.map(\.minorUnits)).count > 1 ? priced.min { $0.minorUnits < $1.minorUnits } : nil
        let days = fares.map { day in
            Day(label: format.shortDate(day.date), price: day.lowest.map(format.money), href: "/flights?" + search.departing(day.date).encoded,
                lowest: cheapest != nil && day.lowest?.minorUnits == cheapest?.minorUnits, current: day.date.iso == search.depart)
        }
        let note = cheapest.flatMap { money in
            fares.first { $0.lowest?.minorUnits == money.minorUnits }.map {
                t.format("calendar.lowest_note", ["price": format.money(money), "date": format.longDate($0.date)])
            }
        }
        return Model(route: route, travellers: search.travellers(t), cabinName: t["cabin." + search.cabin], backHref: "/flights?" + search.encoded,
                     lowestNote: note, days: days)
    }
}
