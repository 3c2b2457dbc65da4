import Accounts
import Booking
import Foundation
import Hummingbird
import SkyportDomain
import SkyportHTTP

/// `GET /`: the search form, prefilled from the query (for "change search"), and suggestions.
struct HomePage: Sendable {
    let site: WebSite

    struct Model {
        let form: SearchFormModel
        let suggestions: [SuggestionModel]
    }

    struct SuggestionModel {
        let route: String
        let destinationName: String
        let href: String
        let price: String?
        let label: String?
    }

    func register(on router: some RouterMethods<AppRequestContext>) {
        router.get("/") { request, context in try await home(request, context: context) }
    }

    func home(_ request: Request, context: AppRequestContext) async throws -> HTMLResponse {
        let visit = try await site.visits.resolve(request, context: context)
        let (today, lastDate) = try await site.calendar()
        var search = SearchQuery(FormData(query: request).values)
        if search.depart.isEmpty { search.depart = today.adding(days: 7).iso }
        if search.returnDate.isEmpty { search.returnDate = (LocalDate(iso: search.depart) ?? today).adding(days: 7).iso }
        return try await render(search, errors: [:], visit: visit, today: today, lastDate: lastDate, status: .ok)
    }

    /// The home page with the form showing `errors` next to their fields.
    func render(_ search: SearchQuery, errors: [String: String], visit: Visit, today: LocalDate, lastDate: LocalDate?,
                status: HTTPResponse.Status) async throws -> HTMLResponse {
        let suggestions = try await site.suggestions.suggestions(anonymousID: visit.anonymousID, customerID: visit.customer?.id, today: today)
        let models = suggestions.map { suggestion in
            var query = SearchQuery()
            query.from = suggestion.origin
            query.to = suggestion.destination
            query.depart = suggestion.departureDate.iso
            let price = suggestion.lowestFare.flatMap { fare in CurrencyCode(fare.currency).map { visit.format.money(decimal: fare.amount, currency: $0) } }
            return SuggestionModel(route: "\(suggestion.origin) → \(suggestion.destination)", destinationName: suggestion.destinationName,
                                   href: "/flights?" + query.encoded,
                                   price: price.map { visit.strings.format("home.from_price", ["price": $0]) },
                                   label: suggestion.continuesSearch ? visit.strings["home.continue"] : nil)
        }
        let model = Model(form: SearchFormModel(search, errors: errors, today: today, lastDate: lastDate), suggestions: models)
        return site.renderer.render("home", title: visit.strings["home.title"], page: model, visit: visit, status: status)
    }
}
