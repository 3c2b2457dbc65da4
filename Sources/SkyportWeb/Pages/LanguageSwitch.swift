import Accounts
import Booking
import Foundation
import Hummingbird
import SkyportDomain
import SkyportHTTP

/// `GET /language/{code}?next=/path`: keeps the chosen language in a cookie and goes back.
struct LanguageSwitch: Sendable {
    let site: WebSite

    func register(on router: some RouterMethods<AppRequestContext>) {
        router.get("/language/{code}") { request, context -> HTMLResponse in
            var visit = try await site.visits.resolve(request, context: context)
            guard let language = context.parameters.get("code").flatMap(Language.init(rawValue:)) else { throw WebError.notFound }
            site.visits.chooseLanguage(language, in: &visit)
            return .redirect(to: SafeRedirect.path(FormData(query: request)["next"]), cookies: visit.cookies)
        }
    }
}
