import Accounts
import Booking
import Foundation
import Hummingbird
import SkyportDomain
import SkyportHTTP

/// `GET /flights`: step 1. The flights of each direction with a price per fare brand, sortable,
/// with the lowest fares of the neighbouring days. Picking a fare goes straight to step 2.
struct ResultsPage: Sendable {
    let site: WebSite

    struct Model {
        let route: String
        let travellers: String
        let cabinName: String
        let changeHref: String
        let strip: [DayCell]
        let calendarHref: String
        let sorts: [SortLink]
        let brands: [BrandModel]
        let slices: [SliceModel]
        let roundTrip: Bool
        let hidden: [HiddenField]
        let notice: String?
    }

    struct DayCell {
        let label: String
        let price: String?
        let href: String
        let current: Bool
    }

    struct SortLink {
        let label: String
        let href: String
        let current: Bool
    }

    struct BrandModel {
        let name: String
        let conditions: [String]
    }

    struct SliceModel {
        let heading: String
        let inputName: String
        let rows: [FlightRow]
        let empty: Bool
    }

    struct FlightRow {
        let departTime: String
        let arriveTime: String
        let nextDay: Bool
        /// Duration, flight number, carrier and aircraft in one line.
        let meta: String
        let fares: [FareCell]
        let soldOut: Bool
        // Sort keys.
        let departsAt: Int64
        let minutes: Int
        let lowest: Int64
    }

    struct FareCell {
        let brandName: String
        let price: String?
        let seatsLeft: String?
        let href: String?
        let inputID: String
        let inputName: String
        let inputValue: String
        /// `Product Viewed` when the fare is picked.
        let viewed: String?
    }

    func register(on router: some RouterMethods<AppRequestContext>) {
        router.get("/flights") { request, context in try await results(request, context: context) }
    }

    func results(_ request: Request, context: AppRequestContext) async throws -> HTMLResponse {
        let visit = try await site.visits.resolve(request, context: context)
        let values = FormData(query: request).values
        let (grid, search, input): (FareGrid, SearchQuery, OfferRequestInput)
        switch try await SearchSubmission.submit(values, site: site, visit: visit, ask: { try await site.booking.shopping.fareGrid($0) }) {
        case .refused(let home): return home
        case .answered(let answer, let query, let asked): (grid, search, input) = (answer, query, asked)
        }
        let days = try await site.booking.shopping.lowestFares(input)
        let notice = values["notice"].flatMap { visit.strings.table["notice." + $0] }
        return site.renderer.render("results", title: visit.strings["results.title"],
                                    page: model(search, grid: grid, days: days, notice: notice, visit: visit), visit: visit,
                                    tracks: [AnalyticsEvent.searched(search)])
    }

    private func model(_ search: SearchQuery, grid: FareGrid, days: [DayFare], notice: String?, visit: Visit) -> Model {
        let t = visit.strings, format = visit.format
        let origin = grid.search.slices[0].origin.value, destination = grid.search.slices[0].destination.value
        let strip = days.map { day in
            DayCell(label: format.shortDate(day.date), price: day.lowest.map(format.money),
                    href: "/flights?" + search.departing(day.date).encoded, current: day.date.iso == search.depart)
        }
        let sorts = SearchQuery.sorts.map { sort in
            SortLink(label: t["results.sort." + sort], href: "/flights?" + search.sorted(by: sort).encoded, current: sort == search.sort)
        }
        let brands = grid.brands.map { BrandModel(name: t["brand." + $0.rawValue], conditions: Conditions.lines($0.conditions(currency: .usd), visit: visit)) }
        let roundTrip = grid.slices.count == 2
        let checkoutPrefix = "/checkout?" + search.encoded + "&out="
        let slices = grid.slices.enumerated().map { index, rows -> SliceModel in
            let slice = grid.search.slices[index]
            let direction = index == 0 ? "out" : "ret"
            let heading = t.format(index == 0 ? "results.outbound" : "results.inbound",
                                   ["route": "\(slice.origin.value) → \(slice.destination.value)", "date": format.longDate(slice.departureDate)])
            let flights = rows.enumerated().map { position, row in
                flightRow(row, brands: grid.brands, direction: direction, position: position,
                          checkoutPrefix: roundTrip ? nil : checkoutPrefix, visit: visit)
            }
            return SliceModel(heading: heading, inputName: direction, rows: sorted(flights, by: search.sort), empty: rows.isEmpty)
        }
        var hidden = [HiddenField]()
        for (name, value) in FormData(encoded: Substring(search.encoded)).values.sorted(by: { $0.key < $1.key }) {
            hidden.append(HiddenField(name: name, value: value))
        }
        return Model(route: "\(origin) → \(destination)", travellers: search.travellers(t), cabinName: t["cabin." + search.cabin],
                     changeHref: "/?" + search.encoded, strip: strip, calendarHref: "/flights/calendar?" + search.encoded, sorts: sorts, brands: brands, slices: slices,
                     roundTrip: roundTrip, hidden: hidden, notice: notice)
    }

    /// A flight's row; one-way fares link to `checkoutPrefix` + the pick, round-trip fares are radio buttons.
    private func flightRow(_ row: FareGrid.Row, brands: [FareBrand], direction: String, position: Int, checkoutPrefix: String?,
                           visit: Visit) -> FlightRow {
        let format = visit.format, t = visit.strings
        let flight = ItineraryView.segment(row.flight, format: format)
        let fares = zip(brands, row.fares).map { brand, fare -> FareCell in
            let value = "\(row.flight.flightId)~\(brand.rawValue)"
            let viewed = fare.map { fare in
                AnalyticsEvent("Product Viewed", [
                    "product_id": row.flight.flightId, "sku": value, "category": "flight", "brand": brand.rawValue,
                    "name": "\(row.flight.marketingCarrier)\(row.flight.flightNumber) \(row.flight.origin)-\(row.flight.destination)",
                    "origin": row.flight.origin, "destination": row.flight.destination, "price": fare.total.decimalString,
                    "currency": fare.total.currency.code, "departure_date": String(row.flight.departingAtLocal.prefix(10)),
                ]).properties
            }
            return FareCell(
                brandName: t["brand." + brand.rawValue], price: fare.map { format.money($0.total) },
                seatsLeft: fare?.seatsLeft.map { t.format("results.seats_left", ["n": "\($0)"]) },
                href: fare == nil ? nil : checkoutPrefix.map { $0 + value },
                inputID: "\(direction)-\(position)-\(brand.rawValue)", inputName: direction, inputValue: fare == nil ? "" : value,
                viewed: viewed)
        }
        return FlightRow(
            departTime: flight.departTime, arriveTime: flight.arriveTime, nextDay: flight.nextDay,
            meta: ([flight.duration, "\(flight.flightNumber) \(flight.carrier)"] + (flight.aircraft.map { [$0] } ?? [])).joined(separator: " · "),
            fares: fares, soldOut: row.lowest == nil, departsAt: row.departsAt, minutes: row.durationMinutes,
            lowest: row.lowest?.total.minorUnits ?? .max)
    }

    private func sorted(_ rows: [FlightRow], by sort: String) -> [FlightRow] {
        switch sort {
        case "departure": return rows.sorted { $0.departsAt < $1.departsAt }
        case "duration": return rows.sorted { ($0.minutes, $0.departsAt) < ($1.minutes, $1.departsAt) }
        default: return rows.sorted { ($0.lowest, $0.departsAt) < ($1.lowest, $1.departsAt) }
        }
    }
}
