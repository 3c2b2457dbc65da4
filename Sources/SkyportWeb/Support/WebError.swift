/// Failures the site answers with one of its own pages rather than a form error.
public enum WebError: Error, Sendable, Equatable {
    /// No such page, or a booking this browser may not open.
    case notFound
    /// A POST without this browser's anti-forgery token.
    case forgedForm
    /// The offer's price guarantee ran out; `searchPath` repeats the search.
    case offerExpired(searchPath: String)
    /// The picked fare sold out; `searchPath` repeats the search.
    case soldOut(searchPath: String)
}
