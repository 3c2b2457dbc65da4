import Booking
import Hummingbird
import SkyportDomain
import SkyportHTTP

/// What a page that answers a flight search (the results, the fare calendar) does first: reads the search, asks the
/// engine, and when either refuses it shows the home page again with the errors by field.
enum SearchSubmission<Answer> {
    case answered(Answer, search: SearchQuery, input: OfferRequestInput)
    /// The home page with the search's errors (422), to return as it is.
    case refused(HTMLResponse)

    static func submit(_ values: [String: String], site: WebSite, visit: Visit,
                       ask: (OfferRequestInput) async throws -> Answer) async throws -> SearchSubmission {
        let search = SearchQuery(values)
        let snapshot = try await site.booking.network.current()
        let (input, issues) = search.offerRequest(airports: snapshot.served)
        var errors = issues.mapValues { visit.message(for: $0) }
        if issues.isEmpty {
            do {
                return .answered(try await ask(input), search: search, input: input)
            } catch let failure as ValidationFailure {
                errors = visit.fieldErrors(failure.issues, field: SearchQuery.formField(of:))
            }
        }
        let (today, lastDate) = try await site.calendar()
        return .refused(try await HomePage(site: site).render(search, errors: errors, visit: visit, today: today, lastDate: lastDate,
                                                              status: .unprocessableContent))
    }
}
