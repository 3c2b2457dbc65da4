import Accounts
import Foundation
import HTTPTypes
import Mustache

/// The chrome every page shares: language, title, assets, the signed-in customer, the language switch.
struct Frame {
    let lang: String
    let title: String
    let csrf: String
    let signedIn: Bool
    let customerName: String?
    let css: String
    let js: String
    let icon: String
    let switchHref: String
    let switchLang: String
    let switchName: String
    let testMode: Bool
    /// The browser source's write key; no analytics when nil.
    let analyticsKey: String?
    /// The browser's anonymous id and the signed-in customer, for the events it sends.
    let anonymousID: String
    let userID: String?
    /// Events this page reports.
    let tracks: [AnalyticsEvent]
}

/// What a template sees: the strings of the visit's language as `t`, the frame, and the page's own model.
struct RenderContext {
    let t: [String: Any]
    let frame: Frame
    let page: Any
}

/// Renders the Mustache templates of `Resources/Templates` (HTML-escaped by default) into pages.
public struct PageRenderer: Sendable {
    private let library: MustacheLibrary
    let assets: Assets
    let testMode: Bool
    /// The write key of the web site's browser source (public by nature: every page carries it).
    let analyticsKey: String?

    public init(library: MustacheLibrary, assets: Assets, testMode: Bool, analyticsKey: String? = nil) {
        self.library = library
        self.assets = assets
        self.testMode = testMode
        self.analyticsKey = analyticsKey
    }

    static var templatesDirectory: URL? { Bundle.module.resourceURL?.appendingPathComponent("Templates") }

    /// The templates and assets shipped with the module.
    public static func bundled(testMode: Bool, analyticsKey: String? = nil) async throws -> PageRenderer {
        guard let directory = templatesDirectory?.path else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: "Templates"])
        }
        return PageRenderer(library: try await MustacheLibrary(directory: directory), assets: try Assets.bundled(), testMode: testMode,
                            analyticsKey: analyticsKey)
    }

    /// The page `template` with `page` as its model, in the visit's language.
    func render(_ template: String, title: String, page: Any, visit: Visit, status: HTTPResponse.Status = .ok,
                tracks: [AnalyticsEvent] = []) -> HTMLResponse {
        let other: Language = visit.language == .english ? .korean : .english
        let next = URLQuery.escape(visit.returnPath)
        let frame = Frame(lang: visit.language.rawValue, title: title, csrf: visit.csrfToken, signedIn: visit.session != nil,
                          customerName: visit.customer.map { "\($0.givenName) \($0.familyName)" },
                          css: assets["app.css"], js: assets["app.js"], icon: assets["icon.svg"],
                          switchHref: "/language/\(other.rawValue)?next=\(next)", switchLang: other.rawValue,
                          switchName: other.nativeName, testMode: testMode, analyticsKey: analyticsKey, anonymousID: visit.anonymousID,
                          userID: visit.customer?.id, tracks: tracks)
        guard let html = library.render(RenderContext(t: visit.strings.tree.root, frame: frame, page: page), withTemplate: template) else {
            // A missing template is a packaging bug, not something to show as a blank page.
            preconditionFailure("template \(template) is missing from the bundle")
        }
        return HTMLResponse(status: status, body: html, cookies: visit.cookies)
    }
}
