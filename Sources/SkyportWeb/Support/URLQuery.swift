import Foundation

/// Percent-encoding of query values for the site's links.
enum URLQuery {
    /// RFC 3986 unreserved characters; built once, as building a character set is costly.
    static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    static func escape(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
    }
}
